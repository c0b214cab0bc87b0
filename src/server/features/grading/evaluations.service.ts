/**
 * Evaluations: the self-assessment with its evidence and score sheet, then the cell's comment,
 * the proposal with its votes and the competent level's decision, each in order and none
 * skipped. A decided rating is locked; a correction is a new version with its reason.
 */
import type pg from 'pg';
import type { Db } from '../../db/pool';
import { inTransaction } from '../../db/pool';
import {
  checkQuota,
  GRADE_LABELS,
  gradeRank,
  nextEvaluationStatus,
  scoreSheet,
  voteProblems,
  type EvaluationStatus,
  type EvaluationStep,
  type GradeLevel,
  type RuleSet,
  type TaskFacts,
  type Votes,
} from '../../../domain/grading';
import type { Actor } from '../../lib/actor';
import { recordAudit } from '../../lib/audit';
import { AppError, forbidden, notFound, versionConflict } from '../../lib/errors';
import { canDecide, canReview, canSelfAssess, evaluationAbilities, gradingReadScope } from './grading.policy';
import type { ListEvaluationsQuery, SaveEvaluationInput } from '../../../contracts/grading';
import { findRoundVisible, roundNotFound } from './rounds.service';

export const evaluationNotFound = () => notFound({ vi: 'Không tìm thấy phiếu đánh giá.', en: 'Evaluation not found.' });

export type Pledge = { pledgeId: number; documentSymbol: string | null; year: number; commitments: string[] };
export type EvaluationRow = {
  id: number;
  roundId: number;
  subjectKind: 'member' | 'org';
  orgId: number;
  orgName: string;
  orgPath: string;
  memberId: number | null;
  memberName: string | null;
  deciderOrgId: number;
  deciderName: string;
  deciderPath: string;
  versionNo: number;
  isCurrent: boolean;
  correctionReason: string | null;
  status: EvaluationStatus;
  evidence: { pledges?: Pledge[]; [k: string]: unknown };
  tasks: TaskFacts;
  points: Record<string, number>;
  score: number | null;
  ruleLevel: GradeLevel | null;
  selfLevel: GradeLevel | null;
  narrative: Record<string, string>;
  pledgeReviews: { pledgeId: number; result: 'kept' | 'partly' | 'not_kept'; note: string }[];
  comment: string | null;
  votes: Votes | null;
  proposedLevel: GradeLevel | null;
  decidedLevel: GradeLevel | null;
  decidedAt: string | null;
  version: number;
  ruleSet: RuleSet;
};

const columns = `e.id, e.round_id AS "roundId", e.subject_kind AS "subjectKind", e.org_id AS "orgId", o.name AS "orgName", o.path::text AS "orgPath",
  e.member_id AS "memberId", m.full_name AS "memberName", e.decider_org_id AS "deciderOrgId", d.name AS "deciderName", d.path::text AS "deciderPath",
  e.version_no AS "versionNo", e.is_current AS "isCurrent", e.correction_reason AS "correctionReason", e.status, e.evidence, e.tasks, e.points,
  e.score, e.rule_level AS "ruleLevel", e.self_level AS "selfLevel", e.narrative, e.pledge_reviews AS "pledgeReviews", e.comment, e.votes,
  e.proposed_level AS "proposedLevel", e.decided_level AS "decidedLevel", e.decided_at AS "decidedAt", e.version`;
const from = `grading_evaluations e JOIN grading_rounds g ON g.id = e.round_id JOIN orgs o ON o.id = e.org_id JOIN orgs d ON d.id = e.decider_org_id
  LEFT JOIN members m ON m.id = e.member_id`;

/** The evaluation when the caller may read it (in the grading scope, or their own), else null. */
export async function findEvaluationVisible(db: Db | pg.PoolClient, actor: Actor, id: number, lock = false): Promise<EvaluationRow | null> {
  const { rows } = await db.query<EvaluationRow>(
    `SELECT ${columns}, g.rule_set AS "ruleSet" FROM ${from}
      WHERE e.id = $1 AND ($2::ltree[] IS NULL OR o.path <@ $2::ltree[] OR e.member_id = $3) ${lock ? 'FOR UPDATE OF e' : ''}`,
    [id, gradingReadScope(actor), actor.memberId ?? 0],
  );
  return rows[0] ?? null;
}

/** The row as JSON with its score sheet (points, proposed level and the reasons) and the caller's abilities. */
export function presentEvaluation(actor: Actor, row: EvaluationRow) {
  const { ruleSet, ...rest } = row;
  const sheet = scoreSheet(ruleSet, { subject: row.subjectKind, points: row.points, tasks: row.tasks });
  return {
    ...rest,
    subjectName: row.memberName ?? row.orgName,
    ruleSet: {
      code: ruleSet.code,
      version: ruleSet.version,
      name: ruleSet.name,
      legalBasis: ruleSet.legalBasis,
      levels: ruleSet.levels,
      quota: ruleSet.quota,
    },
    sheet,
    abilities: evaluationAbilities(actor, row),
  };
}

export async function getEvaluation(db: Db, actor: Actor, id: number) {
  const row = await findEvaluationVisible(db, actor, id);
  if (!row) throw evaluationNotFound();
  const { rows: history } = await db.query(
    `SELECT id, version_no AS "versionNo", decided_level AS "decidedLevel", correction_reason AS "correctionReason", decided_at AS "decidedAt"
       FROM grading_evaluations WHERE round_id = $1 AND subject_kind = $2 AND org_id = $3 AND COALESCE(member_id, 0) = COALESCE($4::bigint, 0) ORDER BY version_no`,
    [row.roundId, row.subjectKind, row.orgId, row.memberId],
  );
  return { ...presentEvaluation(actor, row), history };
}

/** The caller's own evaluations (as a member), newest round first. */
export async function findMyEvaluations(db: Db, actor: Actor) {
  if (actor.memberId === null) return { items: [] };
  const { rows } = await db.query<EvaluationRow & { roundName: string; periodKey: string; selfAssessDue: string }>(
    `SELECT ${columns}, g.rule_set AS "ruleSet", g.name AS "roundName", g.period_key AS "periodKey", g.self_assess_due AS "selfAssessDue"
       FROM ${from} WHERE e.member_id = $1 AND e.is_current ORDER BY g.period_end DESC, e.id`,
    [actor.memberId],
  );
  return {
    items: rows.map((r) => ({
      ...presentEvaluation(actor, r),
      roundName: r.roundName,
      periodKey: r.periodKey,
      selfAssessDue: r.selfAssessDue,
    })),
  };
}

/** The evaluations of a round in the caller's scope (the cell's review list), paged. */
export async function findEvaluations(db: Db, actor: Actor, roundId: number, q: ListEvaluationsQuery) {
  const round = await findRoundVisible(db, actor, roundId);
  if (!round) throw roundNotFound();
  const scope = gradingReadScope(actor);
  if (scope !== null && scope.length === 0) return { items: [], total: 0, page: q.page, pageSize: q.pageSize };
  if (q.orgId !== undefined) {
    const { rowCount } = await db.query(`SELECT 1 FROM orgs o WHERE o.id = $1 AND ($2::ltree[] IS NULL OR o.path <@ $2::ltree[])`, [
      q.orgId,
      scope,
    ]);
    if (!rowCount) throw notFound({ vi: 'Không tìm thấy tổ chức.', en: 'Organization not found.' });
  }
  const { rows } = await db.query<EvaluationRow & { total: number }>(
    `SELECT ${columns}, g.rule_set AS "ruleSet", count(*) OVER ()::int AS total FROM ${from}
      WHERE e.round_id = $1 AND e.is_current AND ($2::ltree[] IS NULL OR o.path <@ $2::ltree[])
        AND ($3::bigint IS NULL OR o.path <@ (SELECT path FROM orgs WHERE id = $3))
        AND ($4::text IS NULL OR e.subject_kind = $4) AND ($5::text IS NULL OR e.status = $5)
      ORDER BY e.subject_kind DESC, o.path, m.given_name COLLATE "vi-x-icu", m.full_name COLLATE "vi-x-icu", e.id
      LIMIT $6 OFFSET $7`,
    [roundId, scope, q.orgId ?? null, q.subjectKind ?? null, q.status ?? null, q.pageSize, (q.page - 1) * q.pageSize],
  );
  return {
    items: rows.map(({ total: _t, ...r }) => presentEvaluation(actor, r)),
    total: rows[0]?.total ?? 0,
    page: q.page,
    pageSize: q.pageSize,
  };
}

const badField = (field: string, message: string) =>
  new AppError('validation_failed', { vi: message, en: 'Some fields are invalid.' }, { fields: [{ field, message }] });
const locked = () =>
  new AppError('conflict', { vi: 'Phiếu đánh giá đã qua bước này hoặc đã khóa.', en: 'This evaluation is past this step or locked.' });

/** Loads the row for a write, locked, checking scope (404), version (409). */
async function loadForWrite(tx: pg.PoolClient, actor: Actor, id: number, version: number): Promise<EvaluationRow> {
  const row = await findEvaluationVisible(tx, actor, id, true);
  if (!row) throw evaluationNotFound();
  if (row.version !== version) throw versionConflict();
  return row;
}

/** Saves the self-assessment form (draft only): points, declared tasks, narrative, pledge reviews. */
export async function saveEvaluation(db: Db, actor: Actor, id: number, input: SaveEvaluationInput) {
  return inTransaction(db, async (tx) => {
    const row = await loadForWrite(tx, actor, id, input.version);
    if (!canSelfAssess(actor, row)) throw forbidden();
    if (!row.isCurrent || row.status !== 'draft') throw locked();
    const criteria = row.ruleSet.criteria[row.subjectKind];
    const points = { ...row.points };
    for (const [key, value] of Object.entries(input.points ?? {})) {
      const c = criteria.find((k) => k.key === key);
      if (!c) throw badField(`body.points.${key}`, 'Tiêu chí không có trong bộ tiêu chí của đợt');
      if (value > c.maxPoints) throw badField(`body.points.${key}`, `Tối đa ${c.maxPoints} điểm`);
      points[key] = value;
    }
    // An org's task counts come from the app; it declares only the tasks done beyond requirement.
    const declared = row.subjectKind === 'org' ? { beyond: input.tasks?.beyond } : (input.tasks ?? {});
    const tasks: TaskFacts = { ...row.tasks };
    for (const [k, v] of Object.entries(declared)) if (v !== undefined) tasks[k as keyof TaskFacts] = v;
    if (tasks.onTime + tasks.late + tasks.overdue > tasks.total)
      throw badField('body.tasks.total', 'Số nhiệm vụ đúng hạn, trễ hạn và quá hạn vượt tổng số nhiệm vụ');
    if (tasks.beyond > tasks.onTime + tasks.late)
      throw badField('body.tasks.beyond', 'Số nhiệm vụ vượt yêu cầu không thể lớn hơn số nhiệm vụ đã hoàn thành');
    const pledgeIds = new Set((row.evidence.pledges ?? []).map((p) => p.pledgeId));
    (input.pledgeReviews ?? []).forEach((r, i) => {
      // Every id the request carries is checked: only the member's own pledges of the period.
      if (!pledgeIds.has(r.pledgeId)) throw badField(`body.pledgeReviews.${i}.pledgeId`, 'Cam kết không thuộc phiếu đánh giá này');
    });
    const sheet = scoreSheet(row.ruleSet, { subject: row.subjectKind, points, tasks });
    const narrative = { ...row.narrative, ...(input.narrative ?? {}) };
    const { rows } = await tx.query<{ version: number }>(
      `UPDATE grading_evaluations SET points = $2, tasks = $3, narrative = $4, pledge_reviews = COALESCE($5, pledge_reviews), score = $6, rule_level = $7,
              version = version + 1, updated_at = now() WHERE id = $1 RETURNING version`,
      [
        id,
        JSON.stringify(points),
        JSON.stringify(tasks),
        JSON.stringify(narrative),
        input.pledgeReviews ? JSON.stringify(input.pledgeReviews) : null,
        sheet.total,
        sheet.level,
      ],
    );
    await recordAudit(tx, actor, {
      action: 'update',
      entity: 'grading_evaluation',
      entityId: id,
      orgId: row.orgId,
      orgPath: row.orgPath,
      summary: `Tự đánh giá: ${row.memberName ?? row.orgName}`,
      before: { points: row.points, tasks: row.tasks },
      after: { points, tasks, score: sheet.total },
    });
    return { id, version: rows[0]!.version, score: sheet.total, ruleLevel: sheet.level, reasons: sheet.reasons };
  });
}

type StepInput = { version: number; level?: GradeLevel; comment?: string; votes?: Votes };

/**
 * Moves an evaluation one step: self_assess, comment, propose or decide. Refuses a step out of
 * order (409), a level above what the rules allow (400, with the reasons), a caller who is not
 * the competent level (403) and, on deciding the top level, a full quota (409 with the numbers).
 */
export async function stepEvaluation(db: Db, actor: Actor, id: number, step: EvaluationStep, input: StepInput) {
  return inTransaction(db, async (tx) => {
    // The quota's lock is taken before the row's, in the same order by every decision.
    if (step === 'decide') await lockQuotaGroupOf(tx, id);
    const row = await loadForWrite(tx, actor, id, input.version);
    const allowed = step === 'decide' ? canDecide(actor, row) : step === 'self_assess' ? canSelfAssess(actor, row) : canReview(actor, row);
    if (!allowed) throw forbidden(stepForbidden[step]);
    const next = row.isCurrent ? nextEvaluationStatus(row.status, step) : null;
    if (!next)
      throw new AppError(
        'conflict',
        {
          vi: `Chưa thể thực hiện bước này: phiếu đang ở bước "${statusVi[row.status]}".`,
          en: `This step is not next: the evaluation is ${row.status}.`,
        },
        { status: row.status },
      );
    const sheet = scoreSheet(row.ruleSet, { subject: row.subjectKind, points: row.points, tasks: row.tasks });
    const level = input.level ?? (step === 'self_assess' ? sheet.level : undefined);
    if (level && gradeRank(level) > gradeRank(sheet.level)) {
      throw new AppError(
        'validation_failed',
        {
          vi: `Mức "${GRADE_LABELS.vi[level]}" cao hơn mức quy định cho phép (${GRADE_LABELS.vi[sheet.level]}).`,
          en: 'The level is above what the rules allow.',
        },
        { fields: [{ field: 'body.level', message: sheet.reasons.join('; ') }] },
      );
    }
    if (input.votes) {
      const problems = voteProblems(input.votes);
      if (problems.length) throw badField('body.votes', problems.join('; '));
    }
    if (step === 'decide' && level === 'excellent') await requireQuota(tx, row);
    const set =
      step === 'self_assess'
        ? `self_level = $3, score = $4, rule_level = $5`
        : step === 'comment'
          ? `comment = $3`
          : step === 'propose'
            ? `proposed_level = $3, votes = $4`
            : `decided_level = $3, votes = COALESCE($4, votes), decided_at = now(), decided_by = $5`;
    const params =
      step === 'self_assess'
        ? [level, sheet.total, sheet.level]
        : step === 'comment'
          ? [input.comment]
          : step === 'propose'
            ? [level, JSON.stringify(input.votes)]
            : [level, input.votes ? JSON.stringify(input.votes) : null, actor.userId];
    const { rows } = await tx.query<{ version: number }>(
      `UPDATE grading_evaluations SET status = $2, ${set}, version = version + 1, updated_at = now() WHERE id = $1 RETURNING version`,
      [id, next, ...params],
    );
    await recordAudit(tx, actor, {
      action: step,
      entity: 'grading_evaluation',
      entityId: id,
      orgId: row.orgId,
      orgPath: row.orgPath,
      summary: `${stepVi[step]}: ${row.memberName ?? row.orgName}${level ? ` – ${GRADE_LABELS.vi[level]}` : ''}`,
      before: { status: row.status },
      after: { status: next, level, votes: input.votes, comment: input.comment },
    });
    return { id, status: next, version: rows[0]!.version, level: level ?? null };
  });
}

/**
 * Corrects a decided rating: the current row is kept as history and a new version carries the
 * new level and the reason. Only the competent level corrects; the quota still holds.
 */
export async function correctEvaluation(db: Db, actor: Actor, id: number, input: { version: number; level: GradeLevel; reason: string }) {
  return inTransaction(db, async (tx) => {
    await lockQuotaGroupOf(tx, id);
    const row = await loadForWrite(tx, actor, id, input.version);
    if (!canDecide(actor, row)) throw forbidden(stepForbidden.decide);
    if (!row.isCurrent || row.status !== 'decided') throw locked();
    await tx.query('UPDATE grading_evaluations SET is_current = false, version = version + 1, updated_at = now() WHERE id = $1', [id]);
    if (input.level === 'excellent') await requireQuota(tx, row);
    const { rows } = await tx.query<{ id: number; version: number }>(
      `INSERT INTO grading_evaluations (round_id, subject_kind, org_id, member_id, decider_org_id, version_no, correction_of, correction_reason, status, evidence, tasks,
              points, score, rule_level, self_level, narrative, pledge_reviews, comment, votes, proposed_level, decided_level, decided_at, decided_by, is_sample)
       SELECT round_id, subject_kind, org_id, member_id, decider_org_id, version_no + 1, id, $2, 'decided', evidence, tasks,
              points, score, rule_level, self_level, narrative, pledge_reviews, comment, votes, proposed_level, $3, now(), $4, is_sample
         FROM grading_evaluations WHERE id = $1 RETURNING id, version`,
      [id, input.reason, input.level, actor.userId],
    );
    await recordAudit(tx, actor, {
      action: 'correct',
      entity: 'grading_evaluation',
      entityId: rows[0]!.id,
      orgId: row.orgId,
      orgPath: row.orgPath,
      summary: `Điều chỉnh xếp loại: ${row.memberName ?? row.orgName} – ${GRADE_LABELS.vi[input.level]}`,
      before: { id, level: row.decidedLevel },
      after: { level: input.level, reason: input.reason },
    });
    return { id: rows[0]!.id, versionNo: row.versionNo + 1, version: rows[0]!.version, decidedLevel: input.level };
  });
}

/**
 * Serializes decisions of one quota group (round, subject kind, deciding org): two decisions
 * in parallel would each count the excellent ratings before the other's commit.
 */
async function lockQuotaGroupOf(tx: pg.PoolClient, id: number) {
  await tx.query(
    `SELECT pg_advisory_xact_lock(hashtextextended('grading-quota:' || round_id || ':' || subject_kind || ':' || decider_org_id, 0))
       FROM grading_evaluations WHERE id = $1`,
    [id],
  );
}

async function requireQuota(tx: pg.PoolClient, row: EvaluationRow) {
  const { rows } = await tx.query<{ size: number; taken: number }>(
    `SELECT count(*)::int AS size, count(*) FILTER (WHERE decided_level = 'excellent' AND id <> $4)::int AS taken
       FROM grading_evaluations WHERE round_id = $1 AND subject_kind = $2 AND decider_org_id = $3 AND is_current`,
    [row.roundId, row.subjectKind, row.deciderOrgId, row.id],
  );
  const { size, taken } = rows[0]!;
  const check = checkQuota(row.ruleSet.quota, size, taken);
  if (!check.ok) {
    throw new AppError(
      'conflict',
      { vi: check.message, en: `The excellent quota is full: ${taken}/${size}, at most ${check.limit}.` },
      { quota: { limit: check.limit, taken, groupSize: size } },
    );
  }
}

const statusVi: Record<EvaluationStatus, string> = {
  draft: 'chưa tự đánh giá',
  self_assessed: 'đã tự đánh giá',
  commented: 'đã có ý kiến',
  proposed: 'đã đề xuất',
  decided: 'đã quyết định',
};
const stepVi: Record<EvaluationStep, string> = {
  self_assess: 'Tự đánh giá',
  comment: 'Ý kiến chi bộ',
  propose: 'Đề xuất mức xếp loại',
  decide: 'Quyết định xếp loại',
};
const stepForbidden: Record<EvaluationStep, { vi: string; en: string }> = {
  self_assess: {
    vi: 'Chỉ đảng viên (hoặc bí thư chi bộ) tự đánh giá phiếu này.',
    en: 'Only the member (or the cell secretary) self-assesses this.',
  },
  comment: { vi: 'Ý kiến do chi bộ (hoặc cấp ủy cấp trên của tổ chức) đưa ra.', en: 'Comments come from the cell or the committee above.' },
  propose: {
    vi: 'Đề xuất do chi bộ (hoặc cấp ủy cấp trên của tổ chức) đưa ra.',
    en: 'Proposals come from the cell or the committee above.',
  },
  decide: {
    vi: 'Việc xếp loại do cấp có thẩm quyền quyết định (đảng ủy cơ sở với đảng viên, cấp ủy cấp trên với tổ chức đảng).',
    en: 'Only the competent level decides.',
  },
};
