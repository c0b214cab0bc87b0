import type { Queryable } from '../../db/pool';
import type { DocumentKind, DocumentStatus, ItemKind } from '../../../domain/documents';
import type { TargetComparator, YearValue } from '../../../domain/targets';

/**
 * Documents are readable inside the caller's scope and above it: a ward reads the provincial
 * resolution it carries out. `param` is the scope (ltree[]; null = everything).
 */
export function readableDocSql(column: string, param: string): string {
  return `(${param}::ltree[] IS NULL OR ${column} <@ ${param}::ltree[] OR ${column} @> ${param}::ltree[])`;
}

/**
 * The versions views show: superseded versions ("amended") and amendment drafts that have
 * not replaced their adopted version yet stay readable but are left out of the cascade.
 */
export const latestDocSql = (d: string) =>
  `(${d}.status <> 'amended' AND NOT (${d}.status = 'draft' AND ${d}.previous_version_id IS NOT NULL))`;

export const documentColumns = `
  d.id, d.org_id AS "orgId", o.path::text AS "orgPath", o.name AS "orgName", o.kind AS "orgKind",
  d.kind, d.term, d.number, d.symbol, to_char(d.issue_date, 'YYYY-MM-DD') AS "issueDate",
  d.title, d.summary, d.status, d.series_id AS "seriesId", d.version_no AS "versionNo",
  d.previous_version_id AS "previousVersionId", d.amend_reason AS "amendReason", d.is_sample AS "isSample",
  d.version, d.created_at AS "createdAt", d.updated_at AS "updatedAt"`;

export type DocumentRow = {
  id: number;
  orgId: number;
  orgPath: string;
  orgName: string;
  orgKind: string;
  kind: DocumentKind;
  term: string;
  number: number;
  symbol: string;
  issueDate: string | null;
  title: string;
  summary: string | null;
  status: DocumentStatus;
  seriesId: number;
  versionNo: number;
  previousVersionId: number | null;
  amendReason: string | null;
  isSample: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
};

export async function findDocumentReadable(db: Queryable, id: number, scope: string[] | null): Promise<DocumentRow | undefined> {
  const { rows } = await db.query<DocumentRow>(
    `SELECT ${documentColumns} FROM documents d JOIN orgs o ON o.id = d.org_id WHERE d.id = $1 AND ${readableDocSql('o.path', '$2')}`,
    [id, scope],
  );
  return rows[0];
}

export const itemColumns = `
  i.id, i.document_id AS "documentId", i.parent_item_id AS "parentItemId", i.stable_key AS "stableKey",
  i.kind, i.position, i.text, i.indicator_id AS "indicatorId", i.comparator, i.value, i.value_min AS "valueMin",
  i.value_max AS "valueMax", i.unit, i.per_year AS "perYear", i.by_year AS "byYear",
  i.baseline_value AS "baselineValue", i.baseline_year AS "baselineYear", i.yearly_path AS "yearlyPath",
  i.milestone_year AS "milestoneYear", i.version`;

export type ItemRow = {
  id: number;
  documentId: number;
  parentItemId: number | null;
  stableKey: string;
  kind: ItemKind;
  position: number;
  text: string;
  indicatorId: number | null;
  comparator: TargetComparator | null;
  value: number | null;
  valueMin: number | null;
  valueMax: number | null;
  unit: string | null;
  perYear: boolean;
  byYear: number | null;
  baselineValue: number | null;
  baselineYear: number | null;
  yearlyPath: YearValue[] | null;
  milestoneYear: number | null;
  version: number;
};

export async function findItems(db: Queryable, documentId: number): Promise<ItemRow[]> {
  const { rows } = await db.query<ItemRow>(
    `SELECT ${itemColumns} FROM document_items i WHERE i.document_id = $1 ORDER BY i.parent_item_id NULLS FIRST, i.position, i.id`,
    [documentId],
  );
  return rows;
}

/** An item with its document, if the document is readable in `scope`. */
export async function findItemReadable(
  db: Queryable,
  itemId: number,
  scope: string[] | null,
): Promise<(ItemRow & { doc: DocumentRow }) | undefined> {
  const { rows } = await db.query<ItemRow & { documentId: number }>(`SELECT ${itemColumns} FROM document_items i WHERE i.id = $1`, [
    itemId,
  ]);
  const item = rows[0];
  if (!item) return undefined;
  const doc = await findDocumentReadable(db, item.documentId, scope);
  if (!doc) return undefined;
  return { ...item, doc };
}
