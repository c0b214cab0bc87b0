/**
 * The year-on-year history of one subject's ratings (issue 15, "Year-on-year comparison"): an
 * org's or a member's current evaluations in every round, yearly and quarterly, each with the
 * rule set it was graded under (QĐ 132, 124, 366: the round's own copy), its score and level.
 */
import type { Db, Queryable } from '../../db/pool';
import type { Actor } from '../../lib/actor';
import { notFound } from '../../lib/errors';
import type { HistoryRating } from '../../../contracts/grading';
import { gradingReadScope } from './grading.policy';

const ratingColumns = `e.id AS "evaluationId", g.id AS "roundId", g.name AS "roundName", g.period_kind AS "periodKind", g.period_key AS "periodKey",
  to_char(g.period_start, 'YYYY-MM-DD') AS "periodStart", to_char(g.period_end, 'YYYY-MM-DD') AS "periodEnd",
  g.rule_set->>'code' AS "ruleSetCode", g.rule_set->>'name' AS "ruleSetName", g.rule_set->'legalBasis'->>'symbol' AS "legalBasis",
  e.status, e.score::float8 AS score, e.rule_level AS "ruleLevel", e.proposed_level AS "proposedLevel", e.decided_level AS "decidedLevel",
  e.version_no AS "versionNo", ro.name AS "roundOrgName"`;

/** Current evaluations of an org (as the rated org) or a member, oldest period first. */
export async function findRatings(db: Queryable, subject: { orgId: number } | { memberId: number }): Promise<HistoryRating[]> {
  const isMember = 'memberId' in subject;
  const { rows } = await db.query<HistoryRating>(
    `SELECT ${ratingColumns}
       FROM grading_evaluations e JOIN grading_rounds g ON g.id = e.round_id JOIN orgs ro ON ro.id = g.org_id
      WHERE e.is_current AND ${isMember ? `e.member_id = $1` : `e.subject_kind = 'org' AND e.org_id = $1`}
      ORDER BY g.period_start, g.period_end, g.id`,
    [isMember ? subject.memberId : subject.orgId],
  );
  return rows;
}

const memberNotFound = () => notFound({ vi: 'Không tìm thấy đảng viên.', en: 'Member not found.' });

/**
 * A member's ratings: the member themself, or a reader holding grading.read over the member's
 * cell. Anyone else gets 404, as for a member outside their scope.
 */
export async function getMemberHistory(db: Db, actor: Actor, memberId: number) {
  const scope = actor.memberId === memberId ? null : gradingReadScope(actor);
  const { rows } = await db.query<{ id: number; fullName: string; orgId: number; orgName: string }>(
    `SELECT m.id, m.full_name AS "fullName", o.id AS "orgId", o.name AS "orgName" FROM members m JOIN orgs o ON o.id = m.org_id
      WHERE m.id = $1 AND ($2::ltree[] IS NULL OR o.path <@ $2::ltree[])`,
    [memberId, scope],
  );
  const member = rows[0];
  if (!member) throw memberNotFound();
  return { member, ratings: await findRatings(db, { memberId }) };
}
