import type { Db, Queryable } from '../../../db/pool';
import { vnToday } from '../../../../domain/vn-time';
import { coveragePercent, type CoverageParts } from '../../../../domain/study/coverage';
import { scopeOf, type Actor } from '../../../lib/actor';
import { notFound } from '../../../lib/errors';
import { findOrgInScope } from '../../orgs';
import { sessionVisibleSql } from '../sessions/sessions.queries';
import type { CoverageOrg, CoverageQuery } from '../../../../contracts/study-coverage';

const orgNotFound = () => notFound({ vi: 'Không tìm thấy tổ chức.', en: 'Organization not found.' });

/**
 * Studied and member counts for a subtree, as of the end of `asOf`. Both sides add up org
 * rows (member_count kept by the members trigger, document_study_counts by the attendance
 * triggers), never member or attendance rows: a province of a million members answers from
 * a few thousand rows.
 *
 * The member side is today's membership on the live tree. With `treeDay` (a dashboard asked as
 * of a day before its subtree changed) both sides read the tree of that day (tree_orgs) and the
 * member side counts the placements of `asOf` (at the latest `treeDay`: a closed org's members
 * are those of its last day): a merged province's coverage keeps its own denominator.
 */
export async function getStudyCoverage(
  db: Queryable,
  documentId: number,
  orgPath: string,
  asOf: string,
  treeDay: string | null = null,
): Promise<CoverageParts> {
  // Today on today's tree: the kept member counts. A past day (on either tree): the members of
  // that day, from their placements, not today's roll (tree_orgs with no day is today's tree).
  const { rows } =
    treeDay === null && asOf >= vnToday()
      ? await db.query<{ studied: number; members: number }>(
          `SELECT (SELECT COALESCE(sum(c.studied), 0)::int FROM orgs x JOIN document_study_counts c ON c.org_id = x.id
                    WHERE x.path <@ $2::ltree AND c.document_id = $1 AND c.day <= $3::date) AS studied,
                  (SELECT COALESCE(sum(x.member_count), 0)::int FROM orgs x WHERE x.path <@ $2::ltree) AS members`,
          [documentId, orgPath, asOf],
        )
      : await db.query<{ studied: number; members: number }>(
          `SELECT (SELECT COALESCE(sum(c.studied), 0)::int FROM tree_orgs($2::ltree, $4::date) x JOIN document_study_counts c ON c.org_id = x.org_id
                    WHERE c.document_id = $1 AND c.day <= $3::date) AS studied,
                  (SELECT count(*)::int FROM tree_orgs($2::ltree, $4::date) x JOIN member_placements p ON p.org_id = x.org_id
                    WHERE p.valid_from <= LEAST($3::date, $4::date) AND (p.valid_to IS NULL OR p.valid_to > LEAST($3::date, $4::date))) AS members`,
          [documentId, orgPath, asOf, treeDay],
        );
  return rows[0] ?? { studied: 0, members: 0 };
}

async function rootOrgOf(db: Db, actor: Actor, orgId: number | undefined) {
  const scope = scopeOf(actor, 'study.read');
  if (orgId) {
    const org = await findOrgInScope(db, orgId, scope);
    if (!org) throw orgNotFound();
    return org;
  }
  const { rows } = await db.query<{ id: number }>(
    `SELECT id FROM orgs WHERE ${scope ? 'path = ANY($1::ltree[])' : 'parent_id IS NULL AND $1::text[] IS NULL'} ORDER BY path LIMIT 1`,
    [scope],
  );
  const org = rows[0] ? await findOrgInScope(db, rows[0].id, null) : undefined;
  if (!org) throw orgNotFound();
  return org;
}

type CoverageRow = Omit<CoverageOrg, 'percent'>;

/**
 * Coverage of an org and its children from the kept subtree totals plus the changes not yet
 * folded into them (migration 202612020821), in one statement so that both come from one
 * snapshot: exact whether or not the fold has run. Null when the totals are out of date (the
 * tree changed and the fold has not rebuilt them yet).
 */
async function coverageFromTotals(db: Queryable, documentId: number, orgId: number, asOf: string): Promise<CoverageRow[] | null> {
  const { rows } = await db.query<CoverageRow & { isStale: boolean }>(
    `WITH root AS (SELECT id, path, nlevel(path) AS lvl FROM orgs WHERE id = $2),
     k AS (SELECT id, path, name, kind FROM orgs WHERE id = $2 OR parent_id = $2),
     -- Pending changes of the subtree summed per child branch, as the fallback sums counts.
     pending AS (
       SELECT CASE WHEN nlevel(x.path) = r.lvl THEN r.id ELSE subltree(x.path, r.lvl, r.lvl + 1)::text::bigint END AS branch,
              COALESCE(sum(d.n) FILTER (WHERE d.document_id IS NULL), 0) AS members,
              COALESCE(sum(d.n) FILTER (WHERE d.document_id IS NOT NULL), 0) AS studied
         FROM coverage_deltas d JOIN orgs x ON x.id = d.org_id CROSS JOIN root r
        WHERE x.path <@ r.path AND (d.document_id IS NULL OR (d.document_id = $1 AND d.day <= $3::date))
        GROUP BY 1
     )
     SELECT k.id AS "orgId", k.name, k.kind,
            EXISTS (SELECT 1 FROM orgs c WHERE c.parent_id = k.id) AS "hasChildren",
            (COALESCE((SELECT s.members FROM org_subtree_members s WHERE s.org_id = k.id), 0)
              + COALESCE((SELECT sum(p.members) FROM pending p WHERE k.id = $2 OR p.branch = k.id), 0))::int AS members,
            (COALESCE((SELECT sum(s.studied) FROM document_subtree_studies s WHERE s.document_id = $1 AND s.org_id = k.id AND s.day <= $3::date), 0)
              + COALESCE((SELECT sum(p.studied) FROM pending p WHERE k.id = $2 OR p.branch = k.id), 0))::int AS studied,
            (SELECT tree_version <> built_version FROM coverage_tree_state) AS "isStale"
       FROM k ORDER BY k.id <> $2, k.name COLLATE "vi-x-icu"`,
    [documentId, orgId, asOf],
  );
  if (rows.length === 0 || rows[0]!.isStale) return null;
  return rows.map(({ isStale: _, ...r }) => r);
}

/**
 * Coverage summed from the per-org counts of the whole subtree, for when the kept totals are
 * out of date: every org of the subtree is assigned to the child branch its path passes
 * through (the path label after the org's own is that child's id), and the kept counts are
 * summed per branch. Summing per child with a subquery each would walk the count table once
 * per child: seconds for a province with 120 districts.
 */
async function coverageFromOrgCounts(db: Queryable, documentId: number, orgId: number, asOf: string): Promise<CoverageRow[]> {
  const { rows } = await db.query<CoverageRow>(
    `WITH root AS (SELECT id, path, nlevel(path) AS lvl FROM orgs WHERE id = $2),
     studied AS (
       SELECT org_id, sum(studied)::int AS n FROM document_study_counts WHERE document_id = $1 AND day <= $3::date GROUP BY org_id
     ),
     branches AS (
       SELECT CASE WHEN nlevel(x.path) = r.lvl THEN r.id ELSE subltree(x.path, r.lvl, r.lvl + 1)::text::bigint END AS branch,
              sum(x.member_count)::int AS members, COALESCE(sum(s.n), 0)::int AS studied, count(*) AS orgs
         FROM root r JOIN orgs x ON x.path <@ r.path LEFT JOIN studied s ON s.org_id = x.id
        GROUP BY 1
     )
     SELECT k.id AS "orgId", k.name, k.kind,
            CASE WHEN k.id = $2 THEN (SELECT count(*) > 1 FROM branches) ELSE COALESCE(b.orgs, 1) > 1 END AS "hasChildren",
            CASE WHEN k.id = $2 THEN (SELECT COALESCE(sum(members), 0)::int FROM branches) ELSE COALESCE(b.members, 0) END AS members,
            CASE WHEN k.id = $2 THEN (SELECT COALESCE(sum(studied), 0)::int FROM branches) ELSE COALESCE(b.studied, 0) END AS studied
       FROM orgs k LEFT JOIN branches b ON b.branch = k.id AND k.id <> $2
      WHERE k.id = $2 OR k.parent_id = $2
      ORDER BY k.id <> $2, k.name COLLATE "vi-x-icu"`,
    [documentId, orgId, asOf],
  );
  return rows;
}

/** Coverage of a document for an org and each of its children, rolled up their subtrees. */
export async function getCoverage(db: Db, actor: Actor, q: CoverageQuery) {
  const org = await rootOrgOf(db, actor, q.orgId);
  const asOf = q.asOf ?? vnToday();
  const rows = (await coverageFromTotals(db, q.documentId, org.id, asOf)) ?? (await coverageFromOrgCounts(db, q.documentId, org.id, asOf));
  const withPercent = rows.map((r) => ({ ...r, percent: coveragePercent(r) }));
  return { documentId: q.documentId, asOf, org: withPercent[0]!, children: withPercent.slice(1) };
}

/** Members of the subtree who have not studied the document (as of the date), by cell. */
export async function findNotStudied(db: Db, actor: Actor, q: CoverageQuery & { page: number; pageSize: number }) {
  const org = await rootOrgOf(db, actor, q.orgId);
  const asOf = q.asOf ?? vnToday();
  const from = `FROM orgs mo JOIN members m ON m.org_id = mo.id
    WHERE mo.path <@ $1::ltree AND m.status IN ('official', 'probationary')
      AND NOT EXISTS (SELECT 1 FROM document_studies ds WHERE ds.member_id = m.id AND ds.document_id = $2 AND ds.studied_on <= $3::date)`;
  const params = [org.path, q.documentId, asOf];
  const [{ rows }, { rows: count }, { rows: cells }] = await Promise.all([
    db.query<{ memberId: number; code: string; fullName: string; orgId: number; orgName: string }>(
      `SELECT m.id AS "memberId", m.code, m.full_name AS "fullName", mo.id AS "orgId", mo.name AS "orgName" ${from}
        ORDER BY mo.path, m.given_name COLLATE "vi-x-icu", m.full_name COLLATE "vi-x-icu"
        LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`,
      params,
    ),
    db.query<{ n: number }>(`SELECT count(*)::int AS n ${from}`, params),
    db.query<{ orgId: number; name: string; missing: number; members: number }>(
      `SELECT x.id AS "orgId", x.name, x.member_count AS members,
              x.member_count - COALESCE((SELECT sum(c.studied) FROM document_study_counts c WHERE c.org_id = x.id AND c.document_id = $2 AND c.day <= $3::date), 0)::int AS missing
         FROM orgs x WHERE x.path <@ $1::ltree AND x.member_count > 0
        ORDER BY missing DESC, x.name COLLATE "vi-x-icu" LIMIT 50`,
      params,
    ),
  ]);
  return { items: rows, total: count[0]?.n ?? 0, page: q.page, pageSize: q.pageSize, cells: cells.filter((c) => c.missing > 0) };
}

/** Documents studied in sessions the actor can see, for the dashboard's picker. */
export async function findStudiedDocuments(db: Db, actor: Actor) {
  const { rows } = await db.query<{ id: number; symbol: string; title: string; sessionCount: number }>(
    `SELECT d.id, d.symbol, d.title, count(DISTINCT s.id)::int AS "sessionCount"
       FROM study_sessions s JOIN orgs o ON o.id = s.org_id
       JOIN study_session_documents sd ON sd.session_id = s.id JOIN documents d ON d.id = sd.document_id
      WHERE ${sessionVisibleSql('s', 'o.path', '$1')}
      GROUP BY d.id ORDER BY max(s.starts_at) DESC LIMIT 100`,
    [scopeOf(actor, 'study.read')],
  );
  return rows;
}
