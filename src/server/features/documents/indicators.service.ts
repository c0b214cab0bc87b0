/**
 * The indicator catalog (chỉ số): the measures that targets name and that reports roll up,
 * shared by every org. Anyone who writes documents adds an indicator; only administrators edit
 * one, since a change reaches every document that uses it.
 */
import type { Db } from '../../db/pool';
import { inTransaction } from '../../db/pool';
import { scopeOf, type Actor } from '../../lib/actor';
import { recordAudit } from '../../lib/audit';
import { AppError, notFound, versionConflict } from '../../lib/errors';
import type { UpdateIndicatorInput } from '../../../contracts/documents';
import { requireEditIndicators } from './documents.policy';

const indicatorColumns = 'id, code, name, unit, direction, aggregation, version';

export async function findIndicators(db: Db) {
  // Proposals read from pasted texts wait for an administrator; they are not the catalog yet.
  const { rows } = await db.query(
    `SELECT ${indicatorColumns} FROM indicators WHERE proposed_in_document_id IS NULL ORDER BY name COLLATE "vi-x-icu"`,
  );
  return rows;
}

export async function createIndicator(
  db: Db,
  actor: Actor,
  input: { code: string; name: string; unit: string; direction: string; aggregation: string },
) {
  scopeOf(actor, 'documents.write');
  return inTransaction(db, async (tx) => {
    const { rows: taken } = await tx.query('SELECT 1 FROM indicators WHERE upper(code) = upper($1)', [input.code]);
    if (taken.length > 0)
      throw new AppError(
        'conflict',
        { vi: `Mã chỉ số "${input.code}" đã có.`, en: 'Code taken.' },
        { fields: [{ field: 'body.code', message: `Mã chỉ số "${input.code}" đã có.` }] },
      );
    const { rows } = await tx.query(
      `INSERT INTO indicators (code, name, unit, direction, aggregation) VALUES ($1, $2, $3, $4, $5) RETURNING ${indicatorColumns}`,
      [input.code.toUpperCase(), input.name.normalize('NFC'), input.unit.normalize('NFC'), input.direction, input.aggregation],
    );
    await recordAudit(tx, actor, {
      action: 'create',
      entity: 'indicator',
      entityId: (rows[0] as { id: number }).id,
      orgId: null,
      orgPath: null,
      summary: `Thêm chỉ số ${input.name}`,
      after: input,
    });
    return rows[0];
  });
}

/**
 * Edits an indicator of the shared catalog; the same callers who may add one (documents.write
 * somewhere) may correct one. Throws version_conflict when someone else saved it first.
 */
export async function updateIndicator(db: Db, actor: Actor, id: number, input: UpdateIndicatorInput) {
  scopeOf(actor, 'documents.write');
  requireEditIndicators(actor);
  return inTransaction(db, async (tx) => {
    const { rows: found } = await tx.query<{ name: string }>('SELECT name FROM indicators WHERE id = $1', [id]);
    if (!found[0]) throw notFound({ vi: 'Không tìm thấy chỉ số.', en: 'Indicator not found.' });
    const { rows } = await tx.query(
      `UPDATE indicators SET name = COALESCE($3, name), unit = COALESCE($4, unit), direction = COALESCE($5, direction),
              aggregation = COALESCE($6, aggregation), version = version + 1
        WHERE id = $1 AND version = $2 RETURNING ${indicatorColumns}`,
      [
        id,
        input.version,
        input.name?.normalize('NFC') ?? null,
        input.unit?.normalize('NFC') ?? null,
        input.direction ?? null,
        input.aggregation ?? null,
      ],
    );
    if (!rows[0]) throw versionConflict();
    await recordAudit(tx, actor, {
      action: 'update',
      entity: 'indicator',
      entityId: id,
      orgId: null,
      orgPath: null,
      summary: `Sửa chỉ số ${found[0].name}`,
      after: input,
    });
    return rows[0];
  });
}
