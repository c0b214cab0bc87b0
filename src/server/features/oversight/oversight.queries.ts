import type pg from 'pg';
import type { Queryable } from '../../db/pool';
import { issuerAbbreviation } from '../../../domain/documents/document-number';
import { formatOversightSymbol, oversightIssuer, type OversightDocKind } from '../../../domain/oversight';
import type { OrgKind } from '../../../domain/orgs/org-kinds';
import { notFound } from '../../lib/errors';

/**
 * Takes the next number of the issuing body's counter for `kind` and `year` and returns it
 * with its symbol; the upsert locks the counter row until the transaction ends.
 */
export async function nextOversightNumber(
  tx: pg.PoolClient,
  org: { id: number; kind: string; name: string },
  body: 'committee' | 'inspection_commission',
  kind: OversightDocKind,
  year: number,
) {
  const { rows } = await tx.query<{ n: number }>(
    `INSERT INTO oversight_counters (org_id, body, kind, year, last_no) VALUES ($1, $2, $3, $4, 1)
     ON CONFLICT (org_id, body, kind, year) DO UPDATE SET last_no = oversight_counters.last_no + 1 RETURNING last_no AS n`,
    [org.id, body, kind, year],
  );
  const number = rows[0]!.n;
  const issuer = oversightIssuer(issuerAbbreviation(org.kind as OrgKind, org.name), body === 'inspection_commission');
  return { number, symbol: formatOversightSymbol(number, kind, issuer) };
}

/** Fails with 404 naming `what` unless every id is in `found`. */
export function requireAll(ids: readonly number[], found: readonly number[], what: { vi: string; en: string }) {
  const set = new Set(found);
  const missing = ids.filter((i) => !set.has(i));
  if (missing.length > 0) throw notFound({ vi: `${what.vi}: ${missing.join(', ')}`, en: `${what.en}: ${missing.join(', ')}` });
}

/** One subtree or several (a record linked inside any of them passes). */
type Paths = string | readonly string[];
const asPaths = (p: Paths): string[] => (typeof p === 'string' ? [p] : [...p]);

/** Orgs among `ids` inside the subtree at `path`. */
export async function orgsWithin(db: Queryable, ids: readonly number[], path: Paths): Promise<number[]> {
  if (ids.length === 0) return [];
  const { rows } = await db.query<{ id: number }>(`SELECT id FROM orgs WHERE id = ANY($1::bigint[]) AND path <@ $2::ltree[]`, [
    ids,
    asPaths(path),
  ]);
  return rows.map((r) => r.id);
}

/** Members among `ids` whose cell lies inside the subtree at `path`. */
export async function membersWithin(db: Queryable, ids: readonly number[], path: Paths): Promise<number[]> {
  if (ids.length === 0) return [];
  const { rows } = await db.query<{ id: number }>(
    `SELECT m.id FROM members m JOIN orgs o ON o.id = m.org_id WHERE m.id = ANY($1::bigint[]) AND o.path <@ $2::ltree[]`,
    [ids, asPaths(path)],
  );
  return rows.map((r) => r.id);
}

/** Documents among `ids` readable by the scope (null: all). */
export async function documentsReadable(db: Queryable, ids: readonly number[], scope: string[] | null): Promise<number[]> {
  if (ids.length === 0) return [];
  const { rows } = await db.query<{ id: number }>(
    `SELECT id FROM documents WHERE id = ANY($1::bigint[]) AND ($2::ltree[] IS NULL OR path_of(org_id) <@ $2::ltree[] OR path_of(org_id) @> $2::ltree[])`,
    [ids, scope],
  );
  return rows.map((r) => r.id);
}

/**
 * Documents among `ids` readable by `scope` (null: all) that concern the subtree at `path`:
 * issued at or above it (what it carries out) or inside it (its own plans).
 */
export async function documentsConcerning(db: Queryable, ids: readonly number[], path: Paths, scope: string[] | null): Promise<number[]> {
  if (ids.length === 0) return [];
  const { rows } = await db.query<{ id: number }>(
    `SELECT id FROM documents WHERE id = ANY($1::bigint[]) AND (path_of(org_id) <@ $2::ltree[] OR path_of(org_id) @> $2::ltree[])
        AND ($3::ltree[] IS NULL OR path_of(org_id) <@ $3::ltree[] OR path_of(org_id) @> $3::ltree[])`,
    [ids, asPaths(path), scope],
  );
  return rows.map((r) => r.id);
}

/**
 * Target items among `ids` that concern the subtree at `path`: items of documents issued at or
 * above it (the resolution it carries out) or inside it (its own program).
 */
export async function itemsConcerning(db: Queryable, ids: readonly number[], path: Paths): Promise<number[]> {
  if (ids.length === 0) return [];
  // `ltree @> ltree[]`: the document's org is an ancestor of one of the paths.
  const { rows } = await db.query<{ id: number }>(
    `SELECT i.id FROM document_items i JOIN documents d ON d.id = i.document_id
      WHERE i.id = ANY($1::bigint[]) AND (path_of(d.org_id) <@ $2::ltree[] OR path_of(d.org_id) @> $2::ltree[])`,
    [ids, asPaths(path)],
  );
  return rows.map((r) => r.id);
}

/** Tasks among `ids` led inside the subtree at `path`. */
export async function tasksWithin(db: Queryable, ids: readonly number[], path: Paths): Promise<number[]> {
  if (ids.length === 0) return [];
  const { rows } = await db.query<{ id: number }>(
    `SELECT id FROM tasks WHERE id = ANY($1::bigint[]) AND path_of(lead_org_id) <@ $2::ltree[]`,
    [ids, asPaths(path)],
  );
  return rows.map((r) => r.id);
}

/** Reports among `ids` of orgs inside the subtree at `path`. */
export async function reportsWithin(db: Queryable, ids: readonly number[], path: string): Promise<number[]> {
  if (ids.length === 0) return [];
  const { rows } = await db.query<{ id: number }>(`SELECT id FROM reports WHERE id = ANY($1::bigint[]) AND path_of(org_id) <@ $2::ltree`, [
    ids,
    path,
  ]);
  return rows.map((r) => r.id);
}
