/**
 * Admission candidates (quần chúng ưu tú) of a cell and their steps. The ceremony makes the
 * probationary member: the member row, the admission event and the candidate's closing are one
 * transaction, so a refused step writes nothing.
 */
import type { PoolClient } from 'pg';
import type { Db, Queryable } from '../../db/pool';
import { inTransaction } from '../../db/pool';
import { vnToday } from '../../../domain/vn-time';
import { checkCeremony, checkStep, missingSteps, candidateStepLabels } from '../../../domain/registry/candidates';
import { stateOf, type EventFact } from '../../../domain/registry/membership-events';
import type { AdmitCandidateInput, CandidateStepInput, CandidateView, CreateCandidateInput } from '../../../contracts/registry';
import { inScopeSql, scopeOf, type Actor } from '../../lib/actor';
import { recordAudit } from '../../lib/audit';
import { notFound, versionConflict } from '../../lib/errors';
import { findOrgInScope } from '../orgs';
import { insertMemberInTx } from '../members';
import { canWriteRegistry, requireRegistryWrite } from './registry.policy';
import { orgNotFound, refused } from './registry.errors';
import { insertEventInTx } from './events.service';

const candidateNotFound = () => notFound({ vi: 'Không tìm thấy quần chúng ưu tú.', en: 'Candidate not found.' });

type CandidateRow = Omit<CandidateView, 'abilities' | 'missingSteps' | 'introducers'> & {
  orgPath: string;
  introducerIds: number[];
  introducers: { id: number; fullName: string }[];
};

const candidateColumns = `
  c.id, c.org_id AS "orgId", o.name AS "orgName", o.path::text AS "orgPath", c.full_name AS "fullName", c.gender,
  to_char(c.birth_date, 'YYYY-MM-DD') AS "birthDate", c.enterprise_id AS "enterpriseId", c.is_non_state_enterprise AS "isNonStateEnterprise",
  to_char(c.course_date, 'YYYY-MM-DD') AS "courseDate", to_char(c.introduction_date, 'YYYY-MM-DD') AS "introductionDate",
  c.introducer_ids::int[] AS "introducerIds",
  COALESCE((SELECT json_agg(json_build_object('id', im.id, 'fullName', im.full_name) ORDER BY im.id) FROM members im WHERE im.id = ANY(c.introducer_ids)), '[]') AS introducers,
  to_char(c.cell_decision_date, 'YYYY-MM-DD') AS "cellDecisionDate", c.cell_decision AS "cellDecision",
  to_char(c.committee_decision_date, 'YYYY-MM-DD') AS "committeeDecisionDate", c.committee_decision AS "committeeDecision",
  to_char(c.ceremony_date, 'YYYY-MM-DD') AS "ceremonyDate", c.member_id AS "memberId", c.status, c.is_sample AS "isSample", c.version`;

function present(actor: Actor, row: CandidateRow): CandidateView {
  const { orgPath, introducerIds, ...rest } = row;
  return {
    ...rest,
    missingSteps: missingSteps({ ...row, introducerIds }),
    abilities: { update: row.status === 'in_progress' && canWriteRegistry(actor, orgPath) },
  };
}

async function loadCandidate(q: Queryable, id: number, scope: string[] | null, lock = false) {
  const { rows } = await q.query<CandidateRow>(
    `SELECT ${candidateColumns} FROM admission_candidates c JOIN orgs o ON o.id = c.org_id
      WHERE c.id = $1 AND ${inScopeSql('o.path', '$2')} ${lock ? 'FOR UPDATE OF c' : ''}`,
    [id, scope],
  );
  return rows[0];
}

export async function getCandidate(db: Db, actor: Actor, id: number): Promise<CandidateView> {
  const row = await loadCandidate(db, id, scopeOf(actor, 'registry.read'));
  if (!row) throw candidateNotFound();
  return present(actor, row);
}

/** Candidates of the org's subtree, those in progress first. */
export async function findCandidates(db: Db, actor: Actor, orgId: number) {
  const scope = scopeOf(actor, 'registry.read');
  const org = await findOrgInScope(db, orgId, scope);
  if (!org) throw orgNotFound();
  const { rows } = await db.query<CandidateRow>(
    `SELECT ${candidateColumns} FROM admission_candidates c JOIN orgs o ON o.id = c.org_id
      WHERE o.path <@ $1::ltree AND ${inScopeSql('o.path', '$2')}
      ORDER BY c.status = 'in_progress' DESC, c.ceremony_date DESC NULLS FIRST, c.id LIMIT 1000`,
    [org.path, scope],
  );
  return { items: rows.map((r) => present(actor, r)) };
}

export async function createCandidate(db: Db, actor: Actor, input: CreateCandidateInput): Promise<CandidateView> {
  const id = await inTransaction(db, async (tx) => {
    const org = await findOrgInScope(tx, input.orgId, scopeOf(actor, 'registry.read'));
    if (!org) throw orgNotFound();
    requireRegistryWrite(actor, org.path);
    if (!['cell', 'grassroots'].includes(org.kind))
      throw refused('Quần chúng ưu tú được chi bộ theo dõi: hãy chọn một chi bộ.', 'body.orgId');
    if (input.birthDate > vnToday()) throw refused('Ngày sinh không thể ở tương lai.', 'body.birthDate');
    if (input.enterpriseId) await enterpriseInScope(tx, actor, input.enterpriseId);
    const { rows } = await tx.query<{ id: number }>(
      `INSERT INTO admission_candidates (org_id, full_name, gender, birth_date, enterprise_id, is_non_state_enterprise)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [org.id, input.fullName.normalize('NFC'), input.gender, input.birthDate, input.enterpriseId ?? null, input.isNonStateEnterprise],
    );
    await recordAudit(tx, actor, {
      action: 'create',
      entity: 'admission_candidate',
      entityId: rows[0]!.id,
      orgId: org.id,
      orgPath: org.path,
      summary: `Thêm quần chúng ưu tú ${input.fullName} (${org.name})`,
      after: input,
    });
    return rows[0]!.id;
  });
  return getCandidate(db, actor, id);
}

async function enterpriseInScope(tx: PoolClient, actor: Actor, id: number) {
  const { rows } = await tx.query(
    `SELECT 1 FROM enterprises en JOIN orgs o ON o.id = en.org_id WHERE en.id = $1 AND ${inScopeSql('o.path', '$2')}`,
    [id, scopeOf(actor, 'registry.read')],
  );
  if (rows.length === 0) throw refused('Không tìm thấy doanh nghiệp.', 'body.enterpriseId');
}

/** Loads a candidate for a change: in scope (404), writable (403), still in progress, same version (409). */
async function candidateForChange(tx: PoolClient, actor: Actor, id: number, version: number) {
  const c = await loadCandidate(tx, id, scopeOf(actor, 'registry.read'), true);
  if (!c) throw candidateNotFound();
  requireRegistryWrite(actor, c.orgPath);
  if (c.version !== version) throw versionConflict();
  if (c.status !== 'in_progress') throw refused('Quần chúng này đã được kết nạp hoặc đã dừng theo dõi.', 'body.step');
  return c;
}

/**
 * Introducers are two different official members (Điều lệ Đảng, Điều 4) of the candidate's
 * party organization, official on the introduction's day.
 */
async function checkIntroducers(tx: PoolClient, actor: Actor, ids: readonly number[], date: string) {
  const scope = scopeOf(actor, 'registry.read');
  for (const [i, mid] of ids.entries()) {
    const { rows } = await tx.query<{ status: string; events: EventFact[] }>(
      `SELECT m.status, COALESCE((SELECT json_agg(json_build_object('kind', e.kind, 'date', to_char(e.event_date, 'YYYY-MM-DD')) ORDER BY e.event_date, e.id)
                                  FROM membership_events e WHERE e.member_id = m.id), '[]') AS events
         FROM members m JOIN orgs o ON o.id = m.org_id WHERE m.id = $1 AND ${inScopeSql('o.path', '$2')}`,
      [mid, scope],
    );
    const field = `body.introducerIds.${i}`;
    const row = rows[0];
    if (!row) throw refused('Không tìm thấy đảng viên giới thiệu.', field);
    const standing = row.events.length > 0 ? stateOf(row.events, date).standing : row.status;
    if (standing !== 'official') throw refused('Người giới thiệu phải là đảng viên chính thức vào ngày giới thiệu.', field);
  }
}

/** Records one step (course, introduction, the cell's and the committee's decisions). */
export async function recordCandidateStep(db: Db, actor: Actor, id: number, input: CandidateStepInput): Promise<CandidateView> {
  if (input.date > vnToday()) throw refused('Ngày không thể ở tương lai.', 'body.date');
  await inTransaction(db, async (tx) => {
    const c = await candidateForChange(tx, actor, id, input.version);
    const introducers = input.introducerIds ?? [];
    const problem = checkStep(c, input.step, input.date, introducers);
    if (problem)
      throw refused(problem, input.step === 'introduction' && new Set(introducers).size < 2 ? 'body.introducerIds' : 'body.date');
    if ((input.step === 'cell_decision' || input.step === 'committee_decision') && !input.decision)
      throw refused('Hãy ghi số và ngày của nghị quyết, quyết định.', 'body.decision');
    if (input.step === 'introduction') await checkIntroducers(tx, actor, introducers, input.date);
    const set = {
      course: ['course_date = $2', []],
      introduction: ['introduction_date = $2, introducer_ids = $3::bigint[]', [introducers]],
      cell_decision: ['cell_decision_date = $2, cell_decision = $3', [input.decision]],
      committee_decision: ['committee_decision_date = $2, committee_decision = $3', [input.decision]],
    }[input.step] as [string, unknown[]];
    await tx.query(`UPDATE admission_candidates SET ${set[0]}, version = version + 1 WHERE id = $1`, [id, input.date, ...set[1]]);
    await recordAudit(tx, actor, {
      action: 'update',
      entity: 'admission_candidate',
      entityId: id,
      orgId: c.orgId,
      orgPath: c.orgPath,
      summary: `${candidateStepLabels[input.step].vi}: ${c.fullName}`,
      after: input,
    });
  });
  return getCandidate(db, actor, id);
}

/** The admission ceremony: the candidate becomes a probationary member of the cell, with the admission event. */
export async function admitCandidate(db: Db, actor: Actor, id: number, input: AdmitCandidateInput): Promise<CandidateView> {
  if (input.date > vnToday()) throw refused('Ngày lễ kết nạp không thể ở tương lai.', 'body.date');
  await inTransaction(db, async (tx) => {
    const c = await candidateForChange(tx, actor, id, input.version);
    const problem = checkCeremony(c, input.date);
    if (problem) throw refused(problem, 'body.date');
    const member = {
      orgId: c.orgId,
      code: input.code,
      fullName: c.fullName,
      gender: c.gender,
      birthDate: c.birthDate,
      joinedDate: input.date,
      status: 'probationary' as const,
      isNonStateEnterprise: c.isNonStateEnterprise,
      enterpriseId: c.enterpriseId,
    };
    const memberId = await insertMemberInTx(tx, member);
    await insertEventInTx(
      tx,
      actor,
      { id: memberId, ...member },
      { orgId: c.orgId, kind: 'admission', date: input.date, decision: c.committeeDecision ?? '' },
    );
    await tx.query(
      `UPDATE admission_candidates SET ceremony_date = $2, member_id = $3, status = 'admitted', version = version + 1 WHERE id = $1`,
      [id, input.date, memberId],
    );
    await recordAudit(tx, actor, {
      action: 'registry.admission',
      entity: 'admission_candidate',
      entityId: id,
      orgId: c.orgId,
      orgPath: c.orgPath,
      summary: `Kết nạp ${c.fullName} (${input.code}) vào ${c.orgName}`,
      after: { memberId, ...input },
    });
  });
  return getCandidate(db, actor, id);
}

/**
 * Who may introduce the candidate: the official members of the candidate's cell (Điều lệ Đảng,
 * Điều 4), within the caller's scope. The save checks each one again on the introduction's day.
 */
export async function findIntroducerOptions(db: Db, actor: Actor, id: number) {
  const scope = scopeOf(actor, 'registry.read');
  const c = await loadCandidate(db, id, scope);
  if (!c) throw candidateNotFound();
  const { rows } = await db.query<{ id: number; code: string; fullName: string }>(
    `SELECT m.id, m.code, m.full_name AS "fullName" FROM members m JOIN orgs o ON o.id = m.org_id
      WHERE m.org_id = $1 AND m.status = 'official' AND ${inScopeSql('o.path', '$2')}
      ORDER BY m.full_name COLLATE "vi-x-icu", m.id LIMIT 500`,
    [c.orgId, scope],
  );
  return { items: rows };
}
