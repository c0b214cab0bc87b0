/**
 * What the consultation feature (its editorial group) does to a draft through this feature:
 * revising an item's wording or value, and adopting the draft at its conference. The caller
 * has checked who may (the group is not a role on the org); these keep the documents' rules:
 * only a draft changes, versions lock against lost updates, every change is audited.
 */
import type pg from 'pg';
import type { Actor } from '../../lib/actor';
import { recordAudit } from '../../lib/audit';
import { notFound, versionConflict } from '../../lib/errors';
import type { DocumentRow } from './documents.queries';
import { requireDraft } from './documents.policy';

/** Rewrites the wording (and a target's single value) of the draft's item with this stable key; 409 on a stale version. */
export async function reviseDraftItem(
  tx: pg.PoolClient,
  actor: Actor,
  doc: DocumentRow,
  stableKey: string,
  input: { text: string; value?: number | null; version: number },
): Promise<{ id: number; version: number }> {
  requireDraft(doc);
  const { rows: found } = await tx.query<{ id: number; text: string; value: number | null; comparator: string | null }>(
    'SELECT id, text, value::float8 AS value, comparator FROM document_items WHERE document_id = $1 AND stable_key = $2',
    [doc.id, stableKey],
  );
  const item = found[0];
  if (!item) throw notFound({ vi: 'Không tìm thấy mục nội dung trong dự thảo.', en: 'Item not found in the draft.' });
  // A range target keeps its bounds: a single value replaces only a single-valued statement.
  const setValue = input.value !== undefined && item.comparator !== null && item.comparator !== 'range';
  const { rows } = await tx.query<{ version: number }>(
    `UPDATE document_items SET text = $3, value = CASE WHEN $4::boolean THEN $5::numeric ELSE value END,
            version = version + 1, updated_at = now()
      WHERE id = $1 AND version = $2 RETURNING version`,
    [item.id, input.version, input.text.normalize('NFC'), setValue, input.value ?? null],
  );
  if (!rows[0]) throw versionConflict();
  await recordAudit(tx, actor, {
    action: 'update',
    entity: 'document_item',
    entityId: item.id,
    orgId: doc.orgId,
    orgPath: doc.orgPath,
    summary: `Tổ biên tập sửa mục của dự thảo ${doc.symbol}`,
    before: { text: item.text, value: item.value },
    after: { text: input.text, value: setValue ? input.value : item.value },
  });
  return { id: item.id, version: rows[0].version };
}

/** Adopts the draft on the conference's date: it takes its number's effect and becomes read-only. */
export async function adoptDraftAtConference(tx: pg.PoolClient, actor: Actor, doc: DocumentRow, meetingDate: string): Promise<void> {
  requireDraft(doc);
  const { rowCount } = await tx.query(
    `UPDATE documents SET status = 'adopted', issue_date = $2::date, version = version + 1, updated_at = now() WHERE id = $1 AND status = 'draft'`,
    [doc.id, meetingDate],
  );
  if (rowCount === 0) throw versionConflict();
  if (doc.previousVersionId !== null) {
    await tx.query(`UPDATE documents SET status = 'amended', version = version + 1, updated_at = now() WHERE id = $1`, [
      doc.previousVersionId,
    ]);
  }
  await recordAudit(tx, actor, {
    action: 'adopt',
    entity: 'document',
    entityId: doc.id,
    orgId: doc.orgId,
    orgPath: doc.orgPath,
    summary: `Thông qua ${doc.symbol} tại hội nghị ngày ${meetingDate}`,
    before: { status: 'draft' },
    after: { status: 'adopted', issueDate: meetingDate },
  });
}
