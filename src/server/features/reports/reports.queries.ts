import type { Queryable } from '../../db/pool';
import type { TaskStatus } from '../../../domain/documents';
import { latestDocSql } from '../documents';

/**
 * The documents of a document's cascade: itself and every current document that carries it
 * out, directly or through another (an action program of a plan of the resolution). `param`
 * is the document id. The implements table is small (one row per program), so the recursion
 * stays cheap even for a province's thousands of plans.
 */
export function cascadeDocsCte(param: string): string {
  return `cascade_docs AS (
    WITH RECURSIVE c(id, series_id, org_id) AS (
      SELECT d.id, d.series_id, d.org_id FROM documents d WHERE d.id = ${param}
      UNION
      SELECT d.id, d.series_id, d.org_id
        FROM c JOIN document_implements di ON di.implements_series_id = c.series_id
        JOIN documents d ON d.id = di.document_id
       WHERE ${latestDocSql('d')}
    )
    SELECT * FROM c)`;
}

export const reportColumns = `
  r.id, r.schedule_id AS "scheduleId", r.document_id AS "documentId", d.symbol AS "documentSymbol", d.title AS "documentTitle",
  r.org_id AS "orgId", o.name AS "orgName", o.path::text AS "orgPath",
  r.period_type AS "periodType", r.period_key AS "periodKey",
  to_char(r.period_start, 'YYYY-MM-DD') AS "periodStart", to_char(r.period_end, 'YYYY-MM-DD') AS "periodEnd",
  to_char(r.due_date, 'YYYY-MM-DD') AS "dueDate", r.status, r.narrative,
  r.submitted_at AS "submittedAt", r.first_submitted_at AS "firstSubmittedAt", r.approved_at AS "approvedAt",
  r.return_comment AS "returnComment", r.is_sample AS "isSample", r.version`;

export type ReportRow = {
  id: number;
  scheduleId: number;
  documentId: number;
  documentSymbol: string;
  documentTitle: string;
  orgId: number;
  orgName: string;
  orgPath: string;
  periodType: string;
  periodKey: string;
  periodStart: string;
  periodEnd: string;
  dueDate: string;
  status: 'draft' | 'submitted' | 'returned' | 'approved';
  narrative: string;
  submittedAt: string | null;
  firstSubmittedAt: string | null;
  approvedAt: string | null;
  returnComment: string | null;
  isSample: boolean;
  version: number;
};

/** A report inside `scope` (reports.read), or undefined (the caller answers 404). */
export async function findReportInScope(
  db: Queryable,
  id: number,
  scope: string[] | null,
  forUpdate = false,
): Promise<ReportRow | undefined> {
  const { rows } = await db.query<ReportRow>(
    `SELECT ${reportColumns} FROM reports r JOIN orgs o ON o.id = r.org_id JOIN documents d ON d.id = r.document_id
      WHERE r.id = $1 AND ($2::ltree[] IS NULL OR o.path <@ $2::ltree[]) ${forUpdate ? 'FOR UPDATE OF r' : ''}`,
    [id, scope],
  );
  return rows[0];
}

/** The target items an org holds in a document's cascade: those of its own documents. */
export async function findHeldTargets(db: Queryable, documentId: number, orgId: number) {
  const { rows } = await db.query<{
    itemId: number;
    text: string;
    documentId: number;
    documentSymbol: string;
    indicatorId: number | null;
    indicatorCode: string | null;
    indicatorName: string | null;
    aggregation: string | null;
    unit: string | null;
    comparator: string | null;
    value: number | null;
    valueMin: number | null;
    valueMax: number | null;
    perYear: boolean;
  }>(
    `WITH ${cascadeDocsCte('$1')}
     SELECT i.id AS "itemId", i.text, i.document_id AS "documentId", d.symbol AS "documentSymbol", i.indicator_id AS "indicatorId",
            ind.code AS "indicatorCode", ind.name AS "indicatorName", ind.aggregation, COALESCE(i.unit, ind.unit) AS unit, i.comparator, i.value,
            i.value_min AS "valueMin", i.value_max AS "valueMax", i.per_year AS "perYear"
       FROM cascade_docs c JOIN documents d ON d.id = c.id JOIN document_items i ON i.document_id = c.id
       LEFT JOIN indicators ind ON ind.id = i.indicator_id
      WHERE c.org_id = $2 AND i.kind = 'target'
      ORDER BY d.id, i.position, i.id`,
    [documentId, orgId],
  );
  return rows;
}

/** The tasks an org leads in a document's cascade. */
export async function findHeldTasks(db: Queryable, documentId: number, orgId: number) {
  const { rows } = await db.query<{
    taskId: number;
    title: string;
    dueDate: string | null;
    status: TaskStatus;
    progress: number;
    version: number;
  }>(
    `WITH ${cascadeDocsCte('$1')}
     SELECT t.id AS "taskId", t.title, to_char(t.due_date, 'YYYY-MM-DD') AS "dueDate", t.status, t.progress, t.version
       FROM tasks t JOIN document_items i ON i.id = t.item_id
      WHERE t.lead_org_id = $2 AND i.document_id IN (SELECT id FROM cascade_docs)
      ORDER BY t.due_date NULLS LAST, t.id`,
    [documentId, orgId],
  );
  return rows;
}

/** Every org that holds targets or leads tasks in the cascade, with its depth below the document's org. */
export async function findHoldingOrgs(db: Queryable, documentId: number) {
  const { rows } = await db.query<{ orgId: number; orgPath: string; depth: number }>(
    `WITH ${cascadeDocsCte('$1')},
     root AS (SELECT o.path AS org_path FROM documents d JOIN orgs o ON o.id = d.org_id WHERE d.id = $1),
     holders AS (
       SELECT c.org_id FROM cascade_docs c WHERE EXISTS (SELECT 1 FROM document_items i WHERE i.document_id = c.id AND i.kind = 'target')
       UNION
       SELECT t.lead_org_id FROM tasks t JOIN document_items i ON i.id = t.item_id WHERE i.document_id IN (SELECT id FROM cascade_docs)
     )
     SELECT o.id AS "orgId", o.path::text AS "orgPath", GREATEST(nlevel(o.path) - nlevel(root.org_path), 0) AS depth
       FROM holders h JOIN orgs o ON o.id = h.org_id CROSS JOIN root
      WHERE o.valid_to IS NULL OR o.valid_to > current_date`,
    [documentId],
  );
  return rows;
}

/**
 * The report of the period before `row`'s, same schedule and org (the approver compares with
 * it), with its target figures; undefined for a first period.
 */
export async function findPreviousReport(db: Queryable, row: ReportRow) {
  const { rows } = await db.query<{ id: number; periodKey: string; status: ReportRow['status'] }>(
    `SELECT id, period_key AS "periodKey", status FROM reports
      WHERE schedule_id = $1 AND org_id = $2 AND period_start < $3::date
      ORDER BY period_start DESC LIMIT 1`,
    [row.scheduleId, row.orgId, row.periodStart],
  );
  const previous = rows[0];
  if (!previous) return undefined;
  const values = await db.query<{ itemId: number; value: number | null; numerator: number | null; denominator: number | null }>(
    `SELECT item_id AS "itemId", value, numerator, denominator FROM report_target_values WHERE report_id = $1`,
    [previous.id],
  );
  return { ...previous, values: values.rows };
}
