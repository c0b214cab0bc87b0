/**
 * Grading rounds (đợt đánh giá): a committee opens one for its subtree and a period, with the
 * deadline of each step. Opening creates one evaluation per party organization and per member
 * in scope, each pre-filled with the evidence the app holds, in a few set-based statements.
 */
import type pg from 'pg';
import type { Db, Queryable } from '../../db/pool';
import { inTransaction } from '../../db/pool';
import { gradingPeriod, type RuleSet } from '../../../domain/grading';
import { type Actor } from '../../lib/actor';
import { recordAudit } from '../../lib/audit';
import { AppError, forbidden, notFound } from '../../lib/errors';
import type { OpenRoundInput } from '../../../contracts/grading';
import { canOpenRound, gradingReadScope } from './grading.policy';
import { ruleSetInForce } from './rule-sets.service';

export const roundNotFound = () => notFound({ vi: 'Không tìm thấy đợt đánh giá.', en: 'Grading round not found.' });
const orgNotFound = () => notFound({ vi: 'Không tìm thấy tổ chức.', en: 'Organization not found.' });

/** Party organizations that are rated: grassroots (ward committees are grassroots too) and cells. */
export const RATED_ORG_KINDS = `('commune_committee','grassroots','cell')`;

export type RoundRow = {
  id: number;
  orgId: number;
  orgName: string;
  orgPath: string;
  name: string;
  periodKind: 'quarter' | 'year' | 'term';
  periodKey: string;
  periodStart: string;
  periodEnd: string;
  ruleSet: RuleSet;
  selfAssessDue: string;
  reviewDue: string;
  decideDue: string;
  isSample: boolean;
  version: number;
};
export const roundColumns = `g.id, g.org_id AS "orgId", o.name AS "orgName", o.path::text AS "orgPath", g.name, g.period_kind AS "periodKind",
  g.period_key AS "periodKey", g.period_start AS "periodStart", g.period_end AS "periodEnd", g.rule_set AS "ruleSet",
  g.self_assess_due AS "selfAssessDue", g.review_due AS "reviewDue", g.decide_due AS "decideDue", g.is_sample AS "isSample", g.version`;

/**
 * A round the caller may see: its org lies in the caller's scope, or the caller's scope lies
 * inside its subtree (a cell's secretary sees the ward's round), or the caller is a member
 * graded in it.
 */
export async function findRoundVisible(db: pg.Pool | pg.PoolClient, actor: Actor, id: number): Promise<RoundRow | null> {
  const { rows } = await db.query<RoundRow>(
    `SELECT ${roundColumns} FROM grading_rounds g JOIN orgs o ON o.id = g.org_id
      WHERE g.id = $1 AND ($2::ltree[] IS NULL OR o.path <@ $2::ltree[] OR o.path @> $2::ltree[]
             OR ($3::bigint IS NOT NULL AND EXISTS (SELECT 1 FROM grading_evaluations e WHERE e.member_id = $3 AND e.round_id = g.id AND e.is_current)))`,
    [id, gradingReadScope(actor), actor.memberId],
  );
  return rows[0] ?? null;
}

export async function findRounds(db: Db, actor: Actor, orgId?: number) {
  const { rows } = await db.query(
    `SELECT ${roundColumns},
            c.total, c.decided, c.members, c.orgs
       FROM grading_rounds g JOIN orgs o ON o.id = g.org_id
       LEFT JOIN LATERAL (SELECT count(*)::int AS total, count(*) FILTER (WHERE e.status = 'decided')::int AS decided,
                                 count(*) FILTER (WHERE e.subject_kind = 'member')::int AS members, count(*) FILTER (WHERE e.subject_kind = 'org')::int AS orgs
                            FROM grading_evaluations e WHERE e.round_id = g.id AND e.is_current) c ON true
      WHERE ($1::ltree[] IS NULL OR o.path <@ $1::ltree[] OR o.path @> $1::ltree[]
             OR ($2::bigint IS NOT NULL AND EXISTS (SELECT 1 FROM grading_evaluations e WHERE e.member_id = $2 AND e.round_id = g.id AND e.is_current)))
        AND ($3::bigint IS NULL OR g.org_id = $3)
      ORDER BY g.period_end DESC, o.name COLLATE "vi-x-icu", g.id`,
    [gradingReadScope(actor), actor.memberId, orgId ?? null],
  );
  return rows.map(({ ruleSet, ...r }: RoundRow & { total: number; decided: number; members: number; orgs: number }) => ({
    ...r,
    ruleSetCode: ruleSet.code,
    ruleSetName: ruleSet.name,
    legalBasis: ruleSet.legalBasis,
  }));
}

export async function getRound(db: Db, actor: Actor, id: number) {
  const round = await findRoundVisible(db, actor, id);
  if (!round) throw roundNotFound();
  const { rows } = await db.query(
    `SELECT e.subject_kind AS "subjectKind", e.status, count(*)::int AS n FROM grading_evaluations e
       JOIN orgs o ON o.id = e.org_id
      WHERE e.round_id = $1 AND e.is_current AND ($2::ltree[] IS NULL OR o.path <@ $2::ltree[])
      GROUP BY 1, 2 ORDER BY 1, 2`,
    [id, gradingReadScope(actor)],
  );
  return { ...round, statusCounts: rows };
}

/**
 * Opens a round for the subtree of `orgId` and a period, under the rule set in force for it.
 * Refuses a period no rule set grades, a second round of the same org and period, and
 * deadlines out of order. Returns the round with the number of evaluations created.
 */
export async function openRound(db: Db, actor: Actor, input: OpenRoundInput, opts: { isSample?: boolean } = {}) {
  const period = gradingPeriod(input.periodKind, input.periodKey);
  if (!period) throw badField('body.periodKey', 'Kỳ đánh giá không khớp loại kỳ (năm: 2025, quý: 2026-Q1, nhiệm kỳ: 2020-2025)');
  if (!(input.selfAssessDue <= input.reviewDue && input.reviewDue <= input.decideDue)) {
    throw badField('body.reviewDue', 'Hạn các bước phải theo thứ tự: tự đánh giá, nhận xét và đề xuất, quyết định');
  }
  const scope = gradingReadScope(actor);
  const { rows: orgRows } = await db.query<{ id: number; path: string; name: string }>(
    `SELECT id, path::text, name FROM orgs o WHERE id = $1 AND ($2::ltree[] IS NULL OR o.path <@ $2::ltree[])`,
    [input.orgId, scope],
  );
  const org = orgRows[0];
  if (!org) throw orgNotFound();
  if (!canOpenRound(actor, org.path))
    throw forbidden({ vi: 'Chỉ cấp ủy có thẩm quyền mới mở đợt đánh giá.', en: 'Only the competent committee opens a grading round.' });
  const rules = await ruleSetInForce(db, input.periodKind, period.end);
  if (!rules) throw badField('body.periodKind', `Không có quy định nào đánh giá loại kỳ này cho ${period.label}`);
  const name = input.name ?? `Kiểm điểm, đánh giá, xếp loại chất lượng ${period.label}`;

  const opened = await inTransaction(db, async (tx) => {
    const { rows } = await tx.query<{ id: number }>(
      `INSERT INTO grading_rounds (org_id, name, period_kind, period_key, period_start, period_end, rule_set, self_assess_due, review_due, decide_due, is_sample, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) ON CONFLICT (org_id, period_key) DO NOTHING RETURNING id`,
      [
        org.id,
        name,
        input.periodKind,
        input.periodKey,
        period.start,
        period.end,
        JSON.stringify(rules),
        input.selfAssessDue,
        input.reviewDue,
        input.decideDue,
        opts.isSample ?? false,
        actor.userId,
      ],
    );
    if (!rows[0])
      throw new AppError(
        'conflict',
        { vi: 'Tổ chức đã mở đợt đánh giá cho kỳ này.', en: 'A round for this period is already open.' },
        { fields: [{ field: 'body.periodKey', message: 'Đã có đợt đánh giá kỳ này.' }] },
      );
    const roundId = rows[0].id;
    const orgs = await createOrgEvaluations(tx, roundId, opts.isSample ?? false);
    await recordAudit(tx, actor, {
      action: 'create',
      entity: 'grading_round',
      entityId: roundId,
      orgId: org.id,
      orgPath: org.path,
      summary: `Mở ${name} (${rules.legalBasis.symbol})`,
      after: { ...input, ruleSet: `${rules.code} v${rules.version}`, orgs },
    });
    return { id: roundId, orgs };
  });
  // The members' evaluations are written after the round commits, in two halves on two
  // connections (the machine's two cores): a province's 300,000 rows in one statement took
  // twice as long. Should a half fail, the round is taken back whole, and the audit says so.
  try {
    const halves = await Promise.all(([0, 1] as const).map((half) => createMemberEvaluations(db, opened.id, opts.isSample ?? false, half)));
    const members = halves[0]! + halves[1]!;
    return { id: opened.id, name, ruleSetCode: rules.code, ruleSetName: rules.name, orgs: opened.orgs, members };
  } catch (err) {
    await inTransaction(db, async (tx) => {
      await tx.query('DELETE FROM grading_evaluations WHERE round_id = $1', [opened.id]);
      await tx.query('DELETE FROM grading_rounds WHERE id = $1', [opened.id]);
      await recordAudit(tx, actor, {
        action: 'delete',
        entity: 'grading_round',
        entityId: opened.id,
        orgId: org.id,
        orgPath: org.path,
        summary: `Hủy mở ${name}: không tạo được phiếu đảng viên`,
      });
    });
    throw err;
  }
}

const badField = (field: string, message: string) =>
  new AppError('validation_failed', { vi: message, en: 'Some fields are invalid.' }, { fields: [{ field, message }] });

/**
 * Creates the evaluations of a round with their evidence: one statement for the orgs, one for
 * the members. Called once, on a round just created: plain inserts, since a speculative
 * insert (ON CONFLICT) costs a province's opening a third more, and the unique indexes still
 * refuse a duplicate. Each reads the other features' data through the grading_*_evidence views,
 * aggregated once per period, never one query per subject.
 */
export async function createEvaluations(tx: pg.PoolClient, roundId: number, isSample: boolean): Promise<{ orgs: number; members: number }> {
  const orgs = await createOrgEvaluations(tx, roundId, isSample);
  const members = await createMemberEvaluations(tx, roundId, isSample, null);
  return { orgs, members };
}

/** The rated orgs' evaluations with their evidence; returns how many. */
export async function createOrgEvaluations(tx: pg.PoolClient, roundId: number, isSample: boolean): Promise<number> {
  const orgs = await tx.query(
    `WITH g AS (SELECT r.id, r.period_start AS s, r.period_end AS e, o.id AS root_id, o.path AS root FROM grading_rounds r JOIN orgs o ON o.id = r.org_id WHERE r.id = $1),
     rated AS MATERIALIZED (
       SELECT o.id, o.parent_id, o.path FROM orgs o, g
        WHERE o.path <@ g.root AND o.id <> g.root_id AND o.kind IN ${RATED_ORG_KINDS}
          -- Orgs dissolved or merged away before the period began are not rated. valid_from is
          -- not checked: for orgs entered into the app it is often the day of entry.
          AND (o.valid_to IS NULL OR o.valid_to >= g.s)
     ),
     tk AS (
       SELECT t.org_id, count(*)::int AS total,
              count(*) FILTER (WHERE t.status = 'done' AND t.last_change <= t.due_date)::int AS on_time,
              count(*) FILTER (WHERE t.status = 'done' AND t.last_change > t.due_date)::int AS late,
              count(*) FILTER (WHERE t.status <> 'done' AND t.due_date < LEAST(g.e, current_date))::int AS overdue
         FROM grading_task_evidence t, g WHERE t.due_date BETWEEN g.s AND g.e AND t.org_id IN (SELECT id FROM rated) GROUP BY t.org_id
     ),
     rp AS (
       SELECT r.org_id, count(*)::int AS due,
              count(*) FILTER (WHERE r.first_submitted_on <= r.due_date)::int AS on_time,
              count(*) FILTER (WHERE r.first_submitted_on > r.due_date)::int AS late,
              count(*) FILTER (WHERE r.first_submitted_on IS NULL)::int AS missing
         FROM grading_report_evidence r, g WHERE r.due_date BETWEEN g.s AND g.e AND r.org_id IN (SELECT id FROM rated) GROUP BY r.org_id
     ),
     st AS MATERIALIZED (SELECT s.org_id, count(DISTINCT s.member_id)::int AS studied FROM grading_study_evidence s, g WHERE s.studied_on <= g.e GROUP BY s.org_id),
     -- Coverage of each rated org's subtree in one join (rated × its subtree's orgs, a few
     -- rows per org), not a subquery per org: that re-aggregated the study rows each time.
     cov AS MATERIALIZED (
       SELECT r.id, sum(sub.member_count)::int AS members, sum(COALESCE(st.studied, 0))::int AS studied
         FROM rated r JOIN orgs sub ON sub.path <@ r.path LEFT JOIN st ON st.org_id = sub.id GROUP BY r.id
     ),
     ex AS (
       SELECT x.org_id, count(*)::int AS total, count(*) FILTER (WHERE x.status = 'open')::int AS open
         FROM grading_explanation_evidence x, g WHERE x.day BETWEEN g.s AND g.e GROUP BY x.org_id
     )
     INSERT INTO grading_evaluations (round_id, subject_kind, org_id, decider_org_id, evidence, tasks, is_sample)
     SELECT $1, 'org', r.id, COALESCE(r.parent_id, r.id),
            jsonb_build_object(
              'tasks', jsonb_build_object('total', COALESCE(tk.total, 0), 'onTime', COALESCE(tk.on_time, 0), 'late', COALESCE(tk.late, 0), 'overdue', COALESCE(tk.overdue, 0)),
              'reports', jsonb_build_object('due', COALESCE(rp.due, 0), 'onTime', COALESCE(rp.on_time, 0), 'late', COALESCE(rp.late, 0), 'missing', COALESCE(rp.missing, 0)),
              'study', jsonb_build_object('members', COALESCE(cov.members, 0), 'studied', COALESCE(cov.studied, 0)),
              'explanations', jsonb_build_object('total', COALESCE(ex.total, 0), 'open', COALESCE(ex.open, 0))),
            jsonb_build_object('total', COALESCE(tk.total, 0), 'onTime', COALESCE(tk.on_time, 0), 'late', COALESCE(tk.late, 0), 'overdue', COALESCE(tk.overdue, 0), 'beyond', 0),
            $2
       FROM rated r
       LEFT JOIN tk ON tk.org_id = r.id LEFT JOIN rp ON rp.org_id = r.id LEFT JOIN ex ON ex.org_id = r.id LEFT JOIN cov ON cov.id = r.id
     `,
    [roundId, isSample],
  );
  return orgs.rowCount ?? 0;
}

/** The members' evaluations with their evidence: all, or one half by member id parity (0 or 1). */
export async function createMemberEvaluations(db: Queryable, roundId: number, isSample: boolean, half: 0 | 1 | null): Promise<number> {
  const members = await db.query(
    `WITH g AS (SELECT r.period_start AS s, r.period_end AS e, o.path AS root FROM grading_rounds r JOIN orgs o ON o.id = r.org_id WHERE r.id = $1),
     cells AS (SELECT c.id, c.kind, c.parent_id FROM orgs c, g WHERE c.path <@ g.root),
     att AS (
       SELECT a.member_id, count(*) FILTER (WHERE a.status = 'present')::int AS present,
              count(*) FILTER (WHERE a.status = 'excused')::int AS excused, count(*) FILTER (WHERE a.status = 'absent')::int AS absent
         FROM grading_attendance_evidence a, g WHERE a.day BETWEEN g.s AND g.e AND ($3::int IS NULL OR a.member_id % 2 = $3) GROUP BY a.member_id
     ),
     rf AS (
       SELECT r.member_id, count(*)::int AS total, count(*) FILTER (WHERE r.status = 'accepted')::int AS accepted
         FROM grading_reflection_evidence r, g WHERE r.day BETWEEN g.s AND g.e GROUP BY r.member_id
     ),
     pl AS (
       SELECT p.member_id, jsonb_agg(jsonb_build_object('pledgeId', p.pledge_id, 'documentSymbol', p.document_symbol, 'year', p.year, 'commitments', p.commitments) ORDER BY p.pledge_id) AS list
         FROM grading_pledge_evidence p, g WHERE p.year BETWEEN extract(year FROM g.s) AND extract(year FROM g.e) GROUP BY p.member_id
     )
     INSERT INTO grading_evaluations (round_id, subject_kind, org_id, member_id, decider_org_id, evidence, is_sample)
     SELECT $1, 'member', m.org_id, m.id,
            -- A member of a cell is decided by the grassroots committee above it; a member
            -- attached to a grassroots org directly, by that org's committee.
            CASE WHEN c.kind = 'cell' AND c.parent_id IS NOT NULL THEN c.parent_id ELSE c.id END,
            jsonb_build_object(
              'study', jsonb_build_object('present', COALESCE(att.present, 0), 'excused', COALESCE(att.excused, 0), 'absent', COALESCE(att.absent, 0)),
              'reflections', jsonb_build_object('total', COALESCE(rf.total, 0), 'accepted', COALESCE(rf.accepted, 0)),
              'pledges', COALESCE(pl.list, '[]'::jsonb)),
            $2
       FROM members m JOIN cells c ON c.id = m.org_id
       LEFT JOIN att ON att.member_id = m.id LEFT JOIN rf ON rf.member_id = m.id LEFT JOIN pl ON pl.member_id = m.id
      WHERE m.status IN ('official','probationary') AND ($3::int IS NULL OR m.id % 2 = $3)
     `,
    [roundId, isSample, half],
  );
  return members.rowCount ?? 0;
}
