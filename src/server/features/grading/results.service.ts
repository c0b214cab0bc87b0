/**
 * Results of a round over any subtree: how many orgs and members were decided at each level,
 * the shares "hoàn thành tốt nhiệm vụ trở lên" kept as numerator and denominator, the same per
 * child branch, the list behind each number, and those rated "không hoàn thành" two years
 * running. Only current, decided ratings count.
 */
import type { Db, Queryable } from '../../db/pool';
import { emptyCounts, GRADE_LEVELS, gradeRank, shareAtLeast, type GradeLevel, type LevelCounts } from '../../../domain/grading';
import type { Actor } from '../../lib/actor';
import { notFound } from '../../lib/errors';
import type { ResultsListQuery, ResultsListRow } from '../../../contracts/grading';
import { findRoundVisible, roundNotFound } from './rounds.service';
import { gradingReadScope } from './grading.policy';
import { findRatings } from './history.service';

type CountRow = { branchId: number | null; subjectKind: 'member' | 'org'; level: GradeLevel | null; n: number };

/**
 * The org the results are for and the scope they are counted in: the round's org by default,
 * in the caller's grading scope. A member graded in the round also reads the decided results
 * of their own cell (what the cell announces to its members), nothing wider: their cell is the
 * default for them when they hold no grading role.
 */
async function resultsOrg(db: Db, actor: Actor, roundId: number, orgId: number | undefined) {
  const round = await findRoundVisible(db, actor, roundId);
  if (!round) throw roundNotFound();
  const scope = gradingReadScope(actor);
  let cell: { id: number; path: string } | undefined;
  if (actor.memberId !== null && scope !== null) {
    const { rows } = await db.query<{ id: number; path: string }>(
      `SELECT o.id, o.path::text FROM grading_evaluations e JOIN orgs o ON o.id = e.org_id WHERE e.round_id = $1 AND e.member_id = $2 AND e.is_current`,
      [roundId, actor.memberId],
    );
    cell = rows[0];
  }
  const readScope = scope === null || !cell ? scope : [...scope, cell.path];
  const target = orgId ?? (scope !== null && scope.length === 0 && cell ? cell.id : round.orgId);
  const { rows } = await db.query<{ id: number; name: string; path: string }>(
    `SELECT id, name, path::text FROM orgs o WHERE o.id = $1 AND ($2::ltree[] IS NULL OR o.path <@ $2::ltree[] OR (o.id = $3 AND o.path @> $2::ltree[]))`,
    [target, readScope, round.orgId],
  );
  if (!rows[0]) throw notFound({ vi: 'Không tìm thấy tổ chức.', en: 'Organization not found.' });
  return { round, org: rows[0], scope: readScope, tree: await roundTree(db, rows[0], round.periodEnd) };
}

/** The subtree a round's results are counted on: `tree_orgs(path, day)`. */
type RoundTree = { path: string; day: string | null };

/**
 * A past round is counted on the tree of its period's end: the orgs rated then, where they stood
 * then (the Bloc's 2024 round still answers after the Bloc ended and its units moved on
 * 01/07/2025). A round still running is counted on today's tree.
 */
async function roundTree(db: Queryable, org: { id: number; path: string }, periodEnd: string): Promise<RoundTree> {
  const { rows } = await db.query<{ path: string; day: string }>(
    `SELECT v.path::text, to_char($2::date, 'YYYY-MM-DD') AS day FROM org_versions v
      WHERE v.org_id = $1 AND v.valid_from <= $2::date AND (v.valid_to IS NULL OR v.valid_to > $2::date) AND $2::date < current_date`,
    [org.id, periodEnd],
  );
  return rows[0] ?? { path: org.path, day: null };
}

/**
 * Level counts of a round under an org, per child branch in one pass over the kept counts
 * (grading_level_counts): each org's path names the child of `orgPath` it lies under (null
 * for the org itself). Evaluations
 * outside the caller's scope are left out, so a narrower scope sees its own part only.
 */
export async function countLevels(db: Queryable, roundId: number, tree: RoundTree, scope: string[] | null): Promise<CountRow[]> {
  const { rows } = await db.query<CountRow>(
    `SELECT CASE WHEN nlevel(t.path) > nlevel($2::ltree) THEN subpath(t.path, nlevel($2::ltree), 1)::text::bigint END AS "branchId",
            c.subject_kind AS "subjectKind", NULLIF(c.level, 'pending') AS level, sum(c.n)::int AS n
       FROM grading_level_counts c JOIN tree_orgs($2::ltree, $4::date) t ON t.org_id = c.org_id JOIN orgs o ON o.id = c.org_id
      WHERE c.round_id = $1 AND c.n <> 0 AND ($3::ltree[] IS NULL OR o.path <@ $3::ltree[])
      GROUP BY 1, 2, 3`,
    [roundId, tree.path, scope, tree.day],
  );
  return rows;
}

function summarize(rows: CountRow[], kind: 'member' | 'org') {
  const counts: LevelCounts = emptyCounts();
  let pending = 0;
  for (const r of rows) {
    if (r.subjectKind !== kind) continue;
    if (r.level) counts[r.level] += r.n;
    else pending += r.n;
  }
  return { counts, pending, goodOrAbove: shareAtLeast(counts, 'good'), excellent: shareAtLeast(counts, 'excellent') };
}

export async function getResults(db: Db, actor: Actor, roundId: number, orgId?: number) {
  const { round, org, scope, tree } = await resultsOrg(db, actor, roundId, orgId);
  const rows = await countLevels(db, roundId, tree, scope);
  const branchIds = [...new Set(rows.map((r) => r.branchId).filter((b): b is number => b !== null))];
  const { rows: names } = await db.query<{ id: number; name: string }>('SELECT id, name FROM orgs WHERE id = ANY($1::bigint[])', [
    branchIds,
  ]);
  const collator = new Intl.Collator('vi');
  const children = names
    .map((c) => {
      const mine = rows.filter((r) => r.branchId === c.id);
      return { orgId: c.id, orgName: c.name, orgs: summarize(mine, 'org'), members: summarize(mine, 'member') };
    })
    .sort((a, b) => collator.compare(a.orgName, b.orgName));
  return {
    round: {
      id: round.id,
      name: round.name,
      periodKey: round.periodKey,
      periodKind: round.periodKind,
      ruleSetCode: round.ruleSet.code,
      legalBasis: round.ruleSet.legalBasis,
    },
    org: { id: org.id, name: org.name },
    orgs: summarize(rows, 'org'),
    members: summarize(rows, 'member'),
    children,
    flagged: round.periodKind === 'year' ? await findFailedTwoYears(db, roundId, tree, scope) : [],
  };
}

/** The list behind a number: the subjects of a level (or at least a level) under an org. */
export async function getResultsList(db: Db, actor: Actor, q: ResultsListQuery) {
  const { scope, tree } = await resultsOrg(db, actor, q.roundId, q.orgId);
  const levels = q.level ? [q.level] : q.atLeast ? GRADE_LEVELS.filter((l) => gradeRank(l) >= gradeRank(q.atLeast!)) : [...GRADE_LEVELS];
  const { rows } = await db.query<ResultsListRow & { total: number }>(
    `SELECT e.id, e.subject_kind AS "subjectKind", COALESCE(m.full_name, o.name) AS name, o.name AS "orgName", e.decided_level AS level, e.score, e.version_no AS "versionNo",
            count(*) OVER ()::int AS total
       FROM grading_evaluations e JOIN orgs o ON o.id = e.org_id LEFT JOIN members m ON m.id = e.member_id
      WHERE e.round_id = $1 AND e.is_current AND e.subject_kind = $2 AND e.decided_level = ANY($3::text[])
        AND o.id IN (SELECT org_id FROM tree_orgs($4::ltree, $8::date)) AND ($5::ltree[] IS NULL OR o.path <@ $5::ltree[])
      ORDER BY o.path, m.given_name COLLATE "vi-x-icu", COALESCE(m.full_name, o.name) COLLATE "vi-x-icu", e.id
      LIMIT $6 OFFSET $7`,
    [q.roundId, q.subjectKind, levels, tree.path, scope, q.pageSize, (q.page - 1) * q.pageSize, tree.day],
  );
  return { items: rows.map(({ total: _t, ...r }) => r), total: rows[0]?.total ?? 0, page: q.page, pageSize: q.pageSize };
}

/**
 * Orgs and members rated "không hoàn thành" in this yearly round and in the year before (in
 * any yearly round): the rules' consequences start there. Empty for other period kinds.
 */
export async function findFailedTwoYears(db: Queryable, roundId: number, tree: RoundTree, scope: string[] | null) {
  const { rows } = await db.query(
    `SELECT e.id, e.subject_kind AS "subjectKind", COALESCE(m.full_name, o.name) AS name, o.name AS "orgName", g.period_key AS year
       FROM grading_evaluations e JOIN grading_rounds g ON g.id = e.round_id JOIN orgs o ON o.id = e.org_id LEFT JOIN members m ON m.id = e.member_id
      WHERE e.round_id = $1 AND e.is_current AND e.decided_level = 'failed' AND g.period_kind = 'year'
        AND o.id IN (SELECT org_id FROM tree_orgs($2::ltree, $4::date)) AND ($3::ltree[] IS NULL OR o.path <@ $3::ltree[])
        AND EXISTS (SELECT 1 FROM grading_evaluations p JOIN grading_rounds pg ON pg.id = p.round_id
                     WHERE pg.period_kind = 'year' AND pg.period_key = (g.period_key::int - 1)::text AND p.is_current AND p.decided_level = 'failed'
                       AND p.subject_kind = e.subject_kind AND (CASE WHEN e.member_id IS NULL THEN p.org_id = e.org_id ELSE p.member_id = e.member_id END))
      ORDER BY o.path, e.id`,
    [roundId, tree.path, scope, tree.day],
  );
  return rows;
}

/** An org's results, year on year: its own ratings (every period kind), and per year its level and its subtree's shares. */
export async function getOrgHistory(db: Db, actor: Actor, orgId: number) {
  const scope = gradingReadScope(actor);
  const { rows: orgRows } = await db.query<{ id: number; name: string; path: string }>(
    `SELECT id, name, path::text FROM orgs o WHERE o.id = $1 AND ($2::ltree[] IS NULL OR o.path <@ $2::ltree[])`,
    [orgId, scope],
  );
  const org = orgRows[0];
  if (!org) throw notFound({ vi: 'Không tìm thấy tổ chức.', en: 'Organization not found.' });
  const { rows } = await db.query<{
    year: string;
    level: GradeLevel | null;
    members: number;
    membersGood: number;
    orgs: number;
    orgsGood: number;
  }>(
    `SELECT g.period_key AS year,
            (array_agg(e.decided_level ORDER BY array_position($3::text[], e.decided_level) DESC)
               FILTER (WHERE e.subject_kind = 'org' AND e.org_id = $1 AND e.decided_level IS NOT NULL))[1] AS level,
            count(*) FILTER (WHERE e.subject_kind = 'member' AND e.decided_level IS NOT NULL)::int AS members,
            count(*) FILTER (WHERE e.subject_kind = 'member' AND e.decided_level IN ('excellent','good'))::int AS "membersGood",
            count(*) FILTER (WHERE e.subject_kind = 'org' AND e.decided_level IS NOT NULL)::int AS orgs,
            count(*) FILTER (WHERE e.subject_kind = 'org' AND e.decided_level IN ('excellent','good'))::int AS "orgsGood"
       FROM grading_evaluations e JOIN grading_rounds g ON g.id = e.round_id JOIN orgs o ON o.id = e.org_id
      WHERE g.period_kind = 'year' AND e.is_current AND o.path <@ $2::ltree
      GROUP BY g.period_key ORDER BY g.period_key`,
    // Levels compared by rank, never as text ("good" > "excellent" alphabetically): an org
    // rated in two yearly rounds of one year (the bloc's and the ward's) shows the higher one.
    [orgId, org.path, [...GRADE_LEVELS].reverse()],
  );
  return {
    org: { id: org.id, name: org.name },
    ratings: await findRatings(db, { orgId: org.id }),
    years: rows.map((r) => ({
      ...r,
      membersGoodShare: shareAtLeastParts(r.membersGood, r.members),
      orgsGoodShare: shareAtLeastParts(r.orgsGood, r.orgs),
    })),
  };
}

const shareAtLeastParts = (numerator: number, denominator: number) => ({
  numerator,
  denominator,
  percent: denominator === 0 ? null : Math.round((numerator * 1000) / denominator) / 10,
});

export const GOOD_RATE_CODES = { ORG_GOOD_RATE: 'org', MEMBER_GOOD_RATE: 'member' } as const;

/**
 * The yearly actuals of ORG_GOOD_RATE / MEMBER_GOOD_RATE targets over an org's subtree: for
 * each year with decided ratings (yearly rounds, decided by asOf), the share rated good or
 * above, with its parts. A subject graded in two rounds of the same year (the bloc's and a
 * ward's) counts once, by the later round. Empty when nothing is decided yet: the reported
 * figures stand then. Used by the targets' dashboards so that the rates are not typed by hand.
 */
export async function goodRateSeries(
  db: Queryable,
  orgPath: string,
  subject: 'member' | 'org',
  asOf: string,
  treeDay: string | null = null,
) {
  // tree_orgs: the live tree, or the tree of `treeDay` for a dashboard of a day before its subtree changed.
  const { rows } = await db.query<{ year: string; numerator: number; denominator: number }>(
    `SELECT year, count(*) FILTER (WHERE level IN ('excellent','good'))::int AS numerator, count(*)::int AS denominator
       FROM (SELECT DISTINCT ON (g.period_key, COALESCE(e.member_id, e.org_id)) g.period_key AS year, e.decided_level AS level
               FROM grading_evaluations e JOIN grading_rounds g ON g.id = e.round_id JOIN tree_orgs($1::ltree, $4::date) o ON o.org_id = e.org_id
              WHERE g.period_kind = 'year' AND e.is_current AND e.subject_kind = $2 AND e.decided_level IS NOT NULL
                AND e.decided_at < ($3::date + 1)
              ORDER BY g.period_key, COALESCE(e.member_id, e.org_id), g.period_end DESC, g.id DESC) x
      GROUP BY year ORDER BY year`,
    [orgPath, subject, asOf, treeDay],
  );
  return rows.map((r) => ({
    year: r.year,
    numerator: r.numerator,
    denominator: r.denominator,
    percent: Math.round((r.numerator * 1000) / r.denominator) / 10,
  }));
}
