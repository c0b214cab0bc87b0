/**
 * Indicator proposals: indicators read from a pasted text that matched nothing in the shared
 * catalog. They live with the document that proposed them until an administrator over that
 * document's org accepts one into the catalog (perhaps renamed) or merges it into an
 * indicator the catalog already has, moving its targets there. Every decision is audited.
 */
import type pg from 'pg';
import type { Db } from '../../db/pool';
import { inTransaction } from '../../db/pool';
import type { AcceptProposalInput, IndicatorProposal, MergeProposalInput } from '../../../contracts/indicator-proposals';
import type { Actor } from '../../lib/actor';
import { recordAudit } from '../../lib/audit';
import { AppError, forbidden, notFound, versionConflict } from '../../lib/errors';
import { findIndicatorByName, matchConfidence, type CatalogIndicator } from './indicator-match';

/**
 * The orgs where the actor administers, for SQL; null for the system actor. The catalog is
 * shared, so deciding what enters it is an administrator's; the proposals one sees are those
 * of documents in one's own subtree.
 */
function adminScope(actor: Actor): string[] | null {
  if (actor.userId === null) return null;
  const paths = actor.grants.filter((g) => g.role === 'admin').map((g) => g.orgPath);
  if (paths.length === 0) {
    throw forbidden({
      vi: 'Chỉ quản trị hệ thống được duyệt chỉ số mới vào danh mục dùng chung.',
      en: 'Only administrators review new indicators for the shared catalog.',
    });
  }
  return paths;
}

const SCOPE = `($1::ltree[] IS NULL OR o.path <@ $1::ltree[])`;
const notFoundProposal = () =>
  notFound({ vi: 'Không tìm thấy chỉ số đề xuất (có thể đã được duyệt).', en: 'Proposal not found (it may have been decided).' });

async function activeCatalog(db: Db | pg.PoolClient): Promise<CatalogIndicator[]> {
  const { rows } = await db.query<CatalogIndicator>('SELECT id, name, unit FROM indicators WHERE proposed_in_document_id IS NULL');
  return rows;
}

/** The proposals of documents in the administrator's subtree, oldest first, each with its three likeliest catalog indicators. */
export async function findIndicatorProposals(db: Db, actor: Actor): Promise<IndicatorProposal[]> {
  const scope = adminScope(actor);
  const { rows } = await db.query<Omit<IndicatorProposal, 'suggestions'>>(
    `SELECT ind.id, ind.code, ind.name, ind.unit, ind.version, to_char(ind.proposed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "proposedAt",
            u.full_name AS "proposedBy", d.id AS "documentId", d.symbol AS "documentSymbol", d.title AS "documentTitle", o.name AS "orgName",
            (SELECT count(*) FROM document_items i WHERE i.indicator_id = ind.id)::int AS "targetCount"
       FROM indicators ind
       JOIN documents d ON d.id = ind.proposed_in_document_id
       JOIN orgs o ON o.id = d.org_id
       LEFT JOIN users u ON u.id = ind.proposed_by
      WHERE ${SCOPE}
      ORDER BY ind.proposed_at, ind.id`,
    [scope],
  );
  const catalog = await activeCatalog(db);
  return rows.map((p) => ({
    ...p,
    suggestions: catalog
      .map((c) => ({ ...c, score: Math.round(matchConfidence(p.name, p.unit, c) * 100) / 100 }))
      .filter((c) => c.score > 0)
      .sort((a, b) => b.score - a.score)
      .slice(0, 3),
  }));
}

type LockedProposal = { id: number; name: string; unit: string; version: number; orgId: number; orgPath: string; documentId: number };

/** Locks a proposal inside the administrator's subtree: 404 outside it or once decided, 409 on a stale version. */
async function lockProposal(tx: pg.PoolClient, actor: Actor, id: number, version: number): Promise<LockedProposal> {
  const scope = adminScope(actor);
  const { rows } = await tx.query<LockedProposal>(
    `SELECT ind.id, ind.name, ind.unit, ind.version, o.id AS "orgId", o.path::text AS "orgPath", d.id AS "documentId"
       FROM indicators ind JOIN documents d ON d.id = ind.proposed_in_document_id JOIN orgs o ON o.id = d.org_id
      WHERE ind.id = $2 AND ${SCOPE}
        FOR UPDATE OF ind`,
    [scope, id],
  );
  const found = rows[0];
  if (!found) throw notFoundProposal();
  if (found.version !== version) throw versionConflict();
  return found;
}

/** Accepts a proposal into the shared catalog, renamed when `name` is given. 409 when the catalog already has that name: merge instead. */
export async function acceptIndicatorProposal(db: Db, actor: Actor, id: number, input: AcceptProposalInput) {
  return inTransaction(db, async (tx) => {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext('indicators.create'))`);
    const proposal = await lockProposal(tx, actor, id, input.version);
    const name = (input.name ?? proposal.name).normalize('NFC');
    const same = findIndicatorByName(name, await activeCatalog(tx));
    if (same) {
      const message = `Danh mục đã có chỉ số “${same.name}”: hãy gộp vào chỉ số đó.`;
      throw new AppError(
        'conflict',
        { vi: message, en: 'The catalog already has this indicator: merge instead.' },
        { fields: [{ field: 'body.name', message }] },
      );
    }
    const { rows } = await tx.query<{ id: number; code: string; name: string; unit: string; version: number }>(
      `UPDATE indicators SET name = $2, unit = COALESCE($3, unit), proposed_in_document_id = NULL, version = version + 1
        WHERE id = $1 RETURNING id, code, name, unit, version`,
      [id, name, input.unit?.normalize('NFC') ?? null],
    );
    const accepted = rows[0]!;
    await recordAudit(tx, actor, {
      action: 'accept',
      entity: 'indicator',
      entityId: id,
      orgId: proposal.orgId,
      orgPath: proposal.orgPath,
      summary: name === proposal.name ? `Nhận chỉ số ${name} vào danh mục` : `Nhận chỉ số ${proposal.name} vào danh mục với tên ${name}`,
      before: { name: proposal.name, unit: proposal.unit, documentId: proposal.documentId },
      after: { name: accepted.name, unit: accepted.unit },
    });
    return accepted;
  });
}

/**
 * Merges a proposal into a catalog indicator: its targets name that indicator from now on and
 * the proposal is gone. 400 on `body.indicatorId` when that is not in the catalog; 409 when
 * reports already carry values of the proposal (accept it instead, and fix it there).
 */
export async function mergeIndicatorProposal(db: Db, actor: Actor, id: number, input: MergeProposalInput) {
  return inTransaction(db, async (tx) => {
    const proposal = await lockProposal(tx, actor, id, input.version);
    const { rows: into } = await tx.query<{ id: number; name: string }>(
      'SELECT id, name FROM indicators WHERE id = $1 AND proposed_in_document_id IS NULL',
      [input.indicatorId],
    );
    const target = into[0];
    if (!target) {
      const message = 'Hãy chọn một chỉ số đã có trong danh mục.';
      throw new AppError(
        'validation_failed',
        { vi: message, en: 'Choose an indicator of the catalog.' },
        { fields: [{ field: 'body.indicatorId', message }] },
      );
    }
    const { rows: used } = await tx.query('SELECT 1 FROM org_indicator_values WHERE indicator_id = $1 LIMIT 1', [id]);
    if (used.length > 0) {
      throw new AppError('conflict', {
        vi: 'Báo cáo đã có số liệu của chỉ số này: hãy nhận chỉ số vào danh mục thay vì gộp.',
        en: 'Reports carry values of this indicator: accept it instead.',
      });
    }
    const moved = await tx.query(
      'UPDATE document_items SET indicator_id = $2, version = version + 1, updated_at = now() WHERE indicator_id = $1',
      [id, target.id],
    );
    await tx.query('DELETE FROM indicators WHERE id = $1', [id]);
    await recordAudit(tx, actor, {
      action: 'merge',
      entity: 'indicator',
      entityId: id,
      orgId: proposal.orgId,
      orgPath: proposal.orgPath,
      summary: `Gộp chỉ số đề xuất ${proposal.name} vào ${target.name} (${moved.rowCount ?? 0} chỉ tiêu)`,
      before: { name: proposal.name, unit: proposal.unit, documentId: proposal.documentId },
      after: { indicatorId: target.id, name: target.name },
    });
    return { indicatorId: target.id, movedTargets: moved.rowCount ?? 0 };
  });
}
