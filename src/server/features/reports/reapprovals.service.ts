/**
 * Approved means locked, and a figure the registry computes can still move under a closed
 * period's approved report when a past event is corrected. Such a report is never changed
 * silently: the feature that moved the figure flags it here with the difference, the report
 * shows the open flags, and its next approval (after the approver returns and the org
 * resubmits it) clears them.
 */
import type pg from 'pg';
import type { Queryable } from '../../db/pool';
import type { Actor } from '../../lib/actor';
import { recordAudit } from '../../lib/audit';

export type ReapprovalDifference = { itemId: number; figure: string; before: number; after: number; reported: number | null };

/** Flags an approved report for re-approval with what moved; audited in the caller's transaction. */
export async function flagReportForReapproval(
  tx: pg.PoolClient,
  actor: Actor,
  report: { id: number; orgId: number; orgPath: string; periodKey: string; orgName: string },
  reason: string,
  differences: ReapprovalDifference[],
): Promise<void> {
  await tx.query(`INSERT INTO report_reapprovals (report_id, reason, differences, flagged_by) VALUES ($1, $2, $3, $4)`, [
    report.id,
    reason,
    JSON.stringify(differences),
    actor.userId,
  ]);
  await recordAudit(tx, actor, {
    action: 'flag_reapproval',
    entity: 'report',
    entityId: report.id,
    orgId: report.orgId,
    orgPath: report.orgPath,
    summary: `Báo cáo ${report.periodKey} của ${report.orgName} cần duyệt lại: ${reason}`,
    after: { differences },
  });
}

/** The open flags of a report, oldest first. */
export async function openReapprovals(q: Queryable, reportId: number) {
  const { rows } = await q.query<{ id: number; reason: string; differences: ReapprovalDifference[]; flaggedAt: string }>(
    `SELECT id, reason, differences, flagged_at AS "flaggedAt" FROM report_reapprovals WHERE report_id = $1 AND cleared_at IS NULL ORDER BY id`,
    [reportId],
  );
  return rows;
}

/** An approval answers every open flag. */
export async function clearReapprovals(tx: pg.PoolClient, reportId: number): Promise<void> {
  await tx.query(`UPDATE report_reapprovals SET cleared_at = now() WHERE report_id = $1 AND cleared_at IS NULL`, [reportId]);
}
