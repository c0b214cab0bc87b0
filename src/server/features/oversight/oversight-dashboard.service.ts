/**
 * The commission's dashboard: the share of party organizations inspected or supervised this
 * year and this term (kept as numerator and denominator: it feeds "100% tổ chức đảng được
 * kiểm tra, giám sát"), findings by kind and theme, recommendations overdue, per child org for
 * the drill-down. An org counts as inspected once a conclusion on it was issued.
 *
 * One pass over the subtree's org rows, each assigned to the child branch its path passes
 * through, joined to the distinct subjects of the term's inspections; findings are summed
 * from the per-kind counts kept on each inspection row, never from finding rows. Themes are
 * the files' themes ("Thực hiện Nghị quyết Đại hội", "Kết nạp đảng viên").
 */
import type { Db, Queryable } from '../../db/pool';
import { oversightPercent, termYearsOf, type OversightCoverage } from '../../../domain/oversight';
import { vnToday } from '../../../domain/vn-time';
import { scopeOf, type Actor } from '../../lib/actor';
import { notFound } from '../../lib/errors';
import { findOrgInScope } from '../orgs';
import { findInspections } from './inspections.service';
import { dashboardScope } from './oversight.policy';
import { PARTY_ORG_KINDS } from './coverage-series.service';

const CONCLUDED = `('concluded','follow_up','closed')`;

type ChildCoverage = { childId: number; orgs: number; coveredYear: number; coveredTerm: number };

/**
 * Coverage of the subtree below `path` (the org itself excluded: a commission inspects the
 * orgs under its committee) per child branch, for `year` and the term holding it.
 */
export async function coverageByChild(db: Queryable, path: string, year: number): Promise<ChildCoverage[]> {
  const [termStart, termEnd] = termYearsOf(year);
  const depth = path.split('.').length;
  const { rows } = await db.query<ChildCoverage>(
    `WITH covered AS (
       SELECT subject_org_id AS id, bool_or(year = $3) AS this_year
         FROM inspections WHERE year BETWEEN $4 AND $5 AND status IN ${CONCLUDED} GROUP BY subject_org_id
     )
     SELECT subpath(o.path, $2, 1)::text::bigint AS "childId", count(*)::int AS orgs,
            count(*) FILTER (WHERE c.this_year)::int AS "coveredYear", count(c.id)::int AS "coveredTerm"
       FROM orgs o LEFT JOIN covered c ON c.id = o.id
      WHERE o.path <@ $1::ltree AND nlevel(o.path) > $2 AND o.kind = ANY($6::text[])
        AND (o.valid_to IS NULL OR o.valid_to >= make_date($3, 1, 1))
      GROUP BY 1`,
    [path, depth, year, termStart, termEnd, PARTY_ORG_KINDS],
  );
  return rows;
}

/** The subtree's coverage for the year and the term, from its parts. */
export async function oversightCoverageOf(
  db: Queryable,
  path: string,
  year: number,
): Promise<{ year: OversightCoverage; term: OversightCoverage }> {
  const rows = await coverageByChild(db, path, year);
  const sum = (k: 'coveredYear' | 'coveredTerm') => ({
    covered: rows.reduce((s, r) => s + r[k], 0),
    orgs: rows.reduce((s, r) => s + r.orgs, 0),
  });
  return { year: sum('coveredYear'), term: sum('coveredTerm') };
}

type OverdueItem = { id: number; inspectionId: number; text: string; deadline: string; ownerOrgName: string; subjectOrgName: string };

/**
 * Recommendations overdue below `path` on `today`: their count per child branch (null for the
 * org itself) and the 50 most overdue. One pass for both, on the tables under the view
 * `recommendation_follow_up`: "open or reopened" there is exactly "its task is not done" and
 * the deadline is the task's due date (else the one issued). Read through the view, the
 * planner could not estimate its CASE and walked every recommendation row by row; starting
 * from the files in follow-up it hashes a quarter of them (about 4 times faster on 50,000
 * files). A test recomputes these figures from the view.
 */
export async function overdueOf(
  db: Queryable,
  path: string,
  today: string,
): Promise<{ counts: { childId: number | null; n: number }[]; items: OverdueItem[] }> {
  const { rows } = await db.query<{ counts: { childId: number | null; n: number }[]; items: OverdueItem[] }>(
    `WITH od AS MATERIALIZED (
       SELECT r.id, r.inspection_id, r.text, COALESCE(t.due_date, r.deadline) AS deadline, r.owner_org_id, so.name AS subject_name, so.path AS spath
         FROM inspections x JOIN orgs so ON so.id = x.subject_org_id
         JOIN inspection_recommendations r ON r.inspection_id = x.id LEFT JOIN tasks t ON t.id = r.task_id
        WHERE x.status = 'follow_up' AND so.path <@ $1::ltree
          AND t.status IS DISTINCT FROM 'done' AND COALESCE(t.due_date, r.deadline) < $2::date
     ), first AS (SELECT * FROM od ORDER BY deadline, id LIMIT 50)
     SELECT (SELECT COALESCE(json_agg(c), '[]') FROM (
               SELECT CASE WHEN nlevel(spath) > $3 THEN subpath(spath, $3, 1)::text::bigint END AS "childId", count(*)::int AS n FROM od GROUP BY 1) c) AS counts,
            (SELECT COALESCE(json_agg(i ORDER BY i.deadline, i.id), '[]') FROM (
               SELECT f.id, f.inspection_id AS "inspectionId", f.text, to_char(f.deadline, 'YYYY-MM-DD') AS deadline, o.name AS "ownerOrgName", f.subject_name AS "subjectOrgName"
                 FROM first f JOIN orgs o ON o.id = f.owner_org_id) i) AS items`,
    [path, today, path.split('.').length],
  );
  return rows[0]!;
}

async function rootOf(db: Db, actor: Actor, orgId: number | undefined) {
  const scope = scopeOf(actor, 'inspections.read');
  let id = orgId;
  if (id === undefined) {
    const { rows } = await db.query<{ id: number }>(
      `SELECT id FROM orgs WHERE ${scope ? 'path = ANY($1::ltree[])' : 'parent_id IS NULL AND $1::text[] IS NULL'} ORDER BY path LIMIT 1`,
      [scope],
    );
    id = rows[0]?.id;
  }
  const org = id === undefined ? undefined : await findOrgInScope(db, id, scope);
  if (!org) throw notFound({ vi: 'Không tìm thấy tổ chức.', en: 'Organization not found.' });
  return org;
}

export async function getOversightDashboard(db: Db, actor: Actor, q: { orgId?: number; year?: number }) {
  const org = await rootOf(db, actor, q.orgId);
  const today = vnToday();
  const year = q.year ?? Number(today.slice(0, 4));
  const [termStart, termEnd] = termYearsOf(year);
  const [children, names, themes, overdue] = await Promise.all([
    coverageByChild(db, org.path, year),
    db.query<{ id: number; name: string }>(`SELECT id, name FROM orgs WHERE parent_id = $1`, [org.id]),
    // Kinds and themes of the year's files, with their findings from the kept counts.
    db.query<{
      kind: string;
      isConcluded: boolean;
      theme: string;
      n: number;
      strength: number;
      limitation: number;
      shortcoming: number;
      violation: number;
    }>(
      `SELECT x.kind, x.status IN ${CONCLUDED} AS "isConcluded", x.theme, count(*)::int AS n, sum(x.strengths)::int AS strength, sum(x.limitations)::int AS limitation,
              sum(x.shortcomings)::int AS shortcoming, sum(x.violations)::int AS violation
         FROM inspections x JOIN orgs so ON so.id = x.subject_org_id WHERE x.year = $2 AND so.path <@ $1::ltree GROUP BY 1, 2, 3`,
      [org.path, year],
    ),
    overdueOf(db, org.path, today),
  ]);
  const nameOf = new Map(names.rows.map((r) => [r.id, r.name]));
  const overdueByChild = new Map(overdue.counts.filter((r) => r.childId !== null).map((r) => [r.childId!, r.n]));
  const sum = (k: 'coveredYear' | 'coveredTerm'): OversightCoverage => ({
    covered: children.reduce((s, r) => s + r[k], 0),
    orgs: children.reduce((s, r) => s + r.orgs, 0),
  });
  const yearCov = sum('coveredYear');
  const termCov = sum('coveredTerm');
  const byKind: Record<string, { concluded: number; ongoing: number }> = {
    inspection: { concluded: 0, ongoing: 0 },
    supervision: { concluded: 0, ongoing: 0 },
  };
  const findingsByKind = { strength: 0, limitation: 0, shortcoming: 0, violation: 0 };
  const byTheme = new Map<string, typeof findingsByKind & { theme: string; files: number }>();
  for (const r of themes.rows) {
    byKind[r.kind]![r.isConcluded ? 'concluded' : 'ongoing'] += r.n;
    const t = byTheme.get(r.theme) ?? { theme: r.theme, files: 0, strength: 0, limitation: 0, shortcoming: 0, violation: 0 };
    t.files += r.n;
    for (const k of ['strength', 'limitation', 'shortcoming', 'violation'] as const) {
      t[k] += r[k];
      findingsByKind[k] += r[k];
    }
    byTheme.set(r.theme, t);
  }
  return {
    org: { id: org.id, name: org.name, parentId: org.parentId },
    year,
    term: `${termStart}-${termEnd}`,
    asOf: today,
    coverageYear: { ...yearCov, percent: oversightPercent(yearCov) },
    coverageTerm: { ...termCov, percent: oversightPercent(termCov) },
    byKind,
    findingsByKind,
    findingsByTheme: [...byTheme.values()].sort((x, y) => y.files - x.files || x.theme.localeCompare(y.theme, 'vi')),
    overdue: { count: overdue.counts.reduce((sum, r) => sum + r.n, 0), items: overdue.items },
    children: children
      .map((c) => ({
        orgId: c.childId,
        orgName: nameOf.get(c.childId) ?? String(c.childId),
        orgs: c.orgs,
        coveredYear: c.coveredYear,
        coveredTerm: c.coveredTerm,
        percentYear: oversightPercent({ covered: c.coveredYear, orgs: c.orgs }),
        overdue: overdueByChild.get(c.childId) ?? 0,
      }))
      .sort((a, b) => a.orgName.localeCompare(b.orgName, 'vi')),
  };
}

/** A subject's page: its inspections and supervisions in one timeline, as far as the caller may see them. */
export async function getSubjectTimeline(db: Db, actor: Actor, orgId: number) {
  const { rows } = await db.query<{ id: number; name: string }>(`SELECT id, name FROM orgs WHERE id = $1`, [orgId]);
  const items = await findInspections(db, actor, { subjectOrgId: orgId });
  if (!rows[0] || (items.length === 0 && !(await canSeeOrg(db, actor, orgId))))
    throw notFound({ vi: 'Không tìm thấy tổ chức.', en: 'Organization not found.' });
  const ids = items.map((i) => i.id);
  const { rows: recs } = await db.query<{ inspectionId: number; total: number; accepted: number; overdue: number }>(
    `SELECT r.inspection_id AS "inspectionId", count(*)::int AS total, count(*) FILTER (WHERE r.status = 'accepted')::int AS accepted,
            count(*) FILTER (WHERE r.status IN ('open','reopened') AND r.deadline < $2::date)::int AS overdue
       FROM recommendation_follow_up r JOIN inspections x ON x.id = r.inspection_id
      WHERE r.inspection_id = ANY($1::bigint[]) AND x.status IN ('follow_up','closed') GROUP BY 1`,
    [ids, vnToday()],
  );
  const recOf = new Map(recs.map((r) => [r.inspectionId, r]));
  return {
    org: rows[0],
    items: items.map((i) => ({ ...i, recommendations: recOf.get(i.id) ?? null })),
  };
}

async function canSeeOrg(db: Db, actor: Actor, orgId: number) {
  const paths = dashboardScope(actor);
  if (paths === null) return true;
  const { rows } = await db.query(`SELECT 1 FROM orgs WHERE id = $1 AND path <@ $2::ltree[]`, [orgId, paths]);
  return rows.length > 0;
}
