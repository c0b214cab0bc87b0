import type { Queryable } from '../db/pool';
import type { Actor } from './actor';

export type AuditEntry = {
  action: string;
  entity: string;
  entityId: string | number | null;
  orgId: number | null;
  orgPath: string | null;
  summary?: string;
  before?: unknown;
  after?: unknown;
};

/**
 * Writes an audit row. Call it with the same transaction client as the change itself, so the
 * change and its record commit or roll back together.
 */
export async function recordAudit(tx: Queryable, actor: Actor, entry: AuditEntry): Promise<void> {
  await tx.query(
    `INSERT INTO audit_log (actor_id, actor_name, ip, action, entity, entity_id, org_id, org_path, summary, before, after)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8::ltree, $9, $10, $11)`,
    [
      actor.userId,
      actor.fullName,
      actor.ip,
      entry.action,
      entry.entity,
      entry.entityId === null ? null : String(entry.entityId),
      entry.orgId,
      entry.orgPath,
      entry.summary ?? null,
      entry.before === undefined ? null : JSON.stringify(entry.before),
      entry.after === undefined ? null : JSON.stringify(entry.after),
    ],
  );
}
