/**
 * The tree and its figures as they stood on a day: read from the dated history (org_versions,
 * member_placements) and the own approved values, never from today's tree, so the 2020–2025
 * figures of a merged province stay those of its own subtree (docs/ARCHITECTURE.md).
 */
import { combineFigures, type CombinableAggregation } from '../../../domain/reorg';
import { formatVnDate } from '../../../domain/vn-time';
import type { Db, Queryable } from '../../db/pool';
import { scopeOf, type Actor } from '../../lib/actor';
import { notFound } from '../../lib/errors';
import { findOrgInScope } from '../orgs';

const orgNotFound = () => notFound({ vi: 'Không tìm thấy tổ chức.', en: 'Organization not found.' });

/** The org's path on `day` (null when it did not exist then). */
async function pathOn(db: Queryable, orgId: number, day: string): Promise<string | null> {
  const { rows } = await db.query<{ path: string }>(
    `SELECT path::text FROM org_versions WHERE org_id = $1 AND valid_from <= $2::date AND (valid_to IS NULL OR valid_to > $2::date)`,
    [orgId, day],
  );
  return rows[0]?.path ?? null;
}

/** Roots to show: the one asked for (in today's scope), else the roots of the caller's scope. */
async function rootsOf(db: Queryable, actor: Actor, rootId: number | undefined): Promise<number[]> {
  const scope = scopeOf(actor, 'orgs.read');
  if (rootId !== undefined) {
    if (!(await findOrgInScope(db, rootId, scope))) throw orgNotFound();
    return [rootId];
  }
  const { rows } = await db.query<{ id: number }>(
    scope === null
      ? 'SELECT id::int FROM orgs WHERE parent_id IS NULL ORDER BY id'
      : 'SELECT id::int FROM orgs WHERE path = ANY($1::ltree[]) ORDER BY id',
    scope === null ? [] : [scope],
  );
  return rows.map((r) => r.id);
}

/**
 * "Cơ cấu tổ chức tại ngày …": the subtree of each root as it stood on `day`, with the members
 * each org had that day (member_placements) and its subtree's total.
 */
export async function findTreeAsOf(db: Db, actor: Actor, day: string, rootId?: number) {
  const roots = await rootsOf(db, actor, rootId);
  const paths = (await Promise.all(roots.map((r) => pathOn(db, r, day)))).filter((p): p is string => p !== null);
  if (paths.length === 0) return { asOf: day, orgs: [] };
  const { rows } = await db.query<{ id: number; parentId: number | null; name: string; kind: string; path: string; members: number }>(
    `WITH t AS (
       SELECT v.org_id, v.parent_id, v.name, v.kind, v.path FROM org_versions v
        WHERE v.path <@ $1::ltree[] AND v.valid_from <= $2::date AND (v.valid_to IS NULL OR v.valid_to > $2::date)),
     -- One grouped pass over the subtree's placements (index-only on org_id, valid_from, valid_to).
     c AS (
       SELECT p.org_id, count(*)::int AS n FROM t JOIN member_placements p ON p.org_id = t.org_id
        WHERE p.valid_from <= $2::date AND (p.valid_to IS NULL OR p.valid_to > $2::date) GROUP BY p.org_id)
     SELECT t.org_id::int AS id, t.parent_id::int AS "parentId", t.name, t.kind, t.path::text AS path, COALESCE(c.n, 0) AS members
       FROM t LEFT JOIN c ON c.org_id = t.org_id ORDER BY nlevel(t.path), t.name COLLATE "vi-x-icu"`,
    [paths, day],
  );
  const subtree = new Map<number, number>();
  const byPath = new Map(rows.map((r) => [r.path, r]));
  for (const r of [...rows].sort((a, b) => b.path.length - a.path.length)) {
    subtree.set(r.id, (subtree.get(r.id) ?? 0) + r.members);
    const parentPath = r.path.includes('.') ? r.path.slice(0, r.path.lastIndexOf('.')) : null;
    const parent = parentPath === null ? undefined : byPath.get(parentPath);
    if (parent) subtree.set(parent.id, (subtree.get(parent.id) ?? 0) + subtree.get(r.id)!);
  }
  const rootDepth = Math.min(...rows.map((r) => r.path.split('.').length));
  return {
    asOf: day,
    orgs: rows.map((r) => ({
      id: r.id,
      parentId: r.parentId,
      name: r.name,
      kind: r.kind,
      depth: r.path.split('.').length - rootDepth,
      members: r.members,
      subtreeMembers: subtree.get(r.id) ?? 0,
    })),
  };
}

/** Where an org came from and went into, and the names it had. */
export async function findLineage(db: Db, actor: Actor, orgId: number) {
  if (!(await findOrgInScope(db, orgId, scopeOf(actor, 'orgs.read')))) throw orgNotFound();
  const [names, from, into] = await Promise.all([
    db.query<{ name: string; validFrom: string; validTo: string | null }>(
      `SELECT name, to_char(min(valid_from), 'YYYY-MM-DD') AS "validFrom", to_char(max(valid_to), 'YYYY-MM-DD') AS "validTo"
         FROM (SELECT name, valid_from, valid_to, count(*) FILTER (WHERE changed) OVER (ORDER BY valid_from) AS grp
                 FROM (SELECT name, valid_from, valid_to, name IS DISTINCT FROM lag(name) OVER (ORDER BY valid_from) AS changed
                         FROM org_versions WHERE org_id = $1) a) b
        GROUP BY grp, name ORDER BY min(valid_from)`,
      [orgId],
    ),
    db.query<{ orgId: number; name: string; kind: string; effectiveDate: string; decision: string }>(
      `SELECT l.from_org_id::int AS "orgId", o.name, l.kind, to_char(l.effective_date, 'YYYY-MM-DD') AS "effectiveDate", op.decision
         FROM org_lineage l JOIN orgs o ON o.id = l.from_org_id JOIN reorg_operations op ON op.id = l.operation_id AND op.status = 'committed'
        WHERE l.to_org_id = $1 AND l.from_org_id <> $1 ORDER BY l.effective_date, o.name`,
      [orgId],
    ),
    db.query<{ orgId: number; name: string; kind: string; effectiveDate: string; decision: string }>(
      `SELECT l.to_org_id::int AS "orgId", o.name, l.kind, to_char(l.effective_date, 'YYYY-MM-DD') AS "effectiveDate", op.decision
         FROM org_lineage l JOIN orgs o ON o.id = l.to_org_id JOIN reorg_operations op ON op.id = l.operation_id AND op.status = 'committed'
        WHERE l.from_org_id = $1 AND l.to_org_id <> $1 ORDER BY l.effective_date, o.name`,
      [orgId],
    ),
  ]);
  return { orgId, names: names.rows, cameFrom: from.rows, wentInto: into.rows };
}

type FigureRow = {
  indicatorId: number;
  code: string;
  name: string;
  unit: string;
  aggregation: CombinableAggregation;
  periodKey: string;
  orgId: number;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
};

/**
 * An org's figures as of a day: the latest period ended by then of every indicator reported in
 * its subtree, added up by the combining rules. `tree` 'as_of' uses the tree of that day (the
 * org's own subtree then); 'current' uses today's tree (for a merged city: the sum of its
 * predecessors, "số liệu quy đổi theo địa giới mới"). The answer names the tree it used.
 */
export async function findFiguresAsOf(db: Db, actor: Actor, orgId: number, day: string, tree: 'as_of' | 'current') {
  const org = await findOrgInScope(db, orgId, scopeOf(actor, 'reports.read'));
  if (!org) throw orgNotFound();
  const path = tree === 'current' ? org.path : await pathOn(db, orgId, day);
  const label =
    tree === 'current'
      ? {
          vi: `Số liệu quy đổi theo địa giới mới: cơ cấu tổ chức hiện tại của ${org.name}, số liệu đến ngày ${formatVnDate(day)}`,
          en: `Converted to today's boundaries, figures up to ${day}`,
        }
      : { vi: `Số liệu theo cơ cấu tổ chức tại ngày ${formatVnDate(day)}`, en: `Figures on the tree as of ${day}` };
  if (path === null) return { orgId, asOf: day, tree, treeLabel: label, members: 0, figures: [] };
  const orgsSql =
    tree === 'current'
      ? `SELECT id AS org_id FROM orgs WHERE path <@ $1::ltree`
      : `SELECT org_id FROM org_versions WHERE path <@ $1::ltree AND valid_from <= $2::date AND (valid_to IS NULL OR valid_to > $2::date)`;
  const [{ rows }, { rows: m }] = await Promise.all([
    db.query<FigureRow>(
      `WITH t AS (${orgsSql}),
       latest AS (
         SELECT v.indicator_id, max(v.period_end) AS e FROM org_indicator_values v JOIN t ON t.org_id = v.org_id
          WHERE v.period_end <= $2::date GROUP BY v.indicator_id)
       SELECT v.indicator_id::int AS "indicatorId", ind.code, ind.name, ind.unit, ind.aggregation, v.period_key AS "periodKey", v.org_id::int AS "orgId",
              v.value::float8 AS value, v.numerator::float8 AS numerator, v.denominator::float8 AS denominator
         FROM latest l JOIN org_indicator_values v ON v.indicator_id = l.indicator_id AND v.period_end = l.e
         JOIN t ON t.org_id = v.org_id JOIN indicators ind ON ind.id = v.indicator_id
        ORDER BY ind.name, v.org_id`,
      [path, day],
    ),
    db.query<{ n: number }>(
      `WITH t AS (${orgsSql})
       SELECT count(*)::int AS n FROM member_placements p JOIN t ON t.org_id = p.org_id
        WHERE p.valid_from <= $2::date AND (p.valid_to IS NULL OR p.valid_to > $2::date)`,
      [path, day],
    ),
  ]);
  const groups = new Map<number, FigureRow[]>();
  for (const r of rows) groups.set(r.indicatorId, [...(groups.get(r.indicatorId) ?? []), r]);
  const figures = [...groups.values()].map((g) => {
    const first = g[0]!;
    // One org's own figure needs no combining, whatever its aggregation.
    const combined =
      g.length === 1
        ? { combinable: true as const, value: first.value, numerator: first.numerator, denominator: first.denominator, parts: 1 }
        : combineFigures(first.aggregation, g);
    return {
      indicatorId: first.indicatorId,
      code: first.code,
      name: first.name,
      unit: first.unit,
      periodKey: first.periodKey,
      orgsReporting: g.length,
      ...(combined.combinable
        ? { isCombinable: true, value: combined.value, numerator: combined.numerator, denominator: combined.denominator, reason: null }
        : {
            isCombinable: false,
            value: null,
            numerator: null,
            denominator: null,
            reason: actor.locale === 'en' ? combined.reasonEn : combined.reason,
          }),
    };
  });
  return { orgId, asOf: day, tree, treeLabel: label, members: m[0]?.n ?? 0, figures };
}
