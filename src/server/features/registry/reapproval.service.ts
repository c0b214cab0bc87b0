/**
 * "Nothing silently changes a closed period's approved report": before a correction (an edited
 * past event, an edited enterprise) the registry figures of every approved report of a closed
 * period over the changed org are read; after it, in the same transaction, they are read again.
 * A report whose figure moved is flagged for re-approval through the reports feature, and the
 * caller is told the difference and who must re-approve (the approvers one level up, who
 * approved it: reports.policy canApproveReport).
 */
import type pg from 'pg';
import { rolePermissions, roles } from '../../../domain/access/permissions';
import type { ReapprovalView } from '../../../contracts/registry';
import type { Actor } from '../../lib/actor';
import { vnToday } from '../../../domain/vn-time';
import { flagReportForReapproval } from '../reports';
import { REGISTRY_TARGET_CODES, figureOf, type RegistryTargetCode } from './target-actuals.service';

type Watched = {
  reportId: number;
  orgId: number;
  orgName: string;
  orgPath: string;
  periodKey: string;
  periodEnd: string;
  documentSymbol: string;
  term: string;
  itemId: number;
  figure: string;
  code: RegistryTargetCode;
  reported: number | null;
};

/** The registry figure a report's target stands for: the target's actual at the period's end (counted from 1 January after the term's first year, as the dashboard counts it). */
const figureAt = (tx: pg.PoolClient, w: Watched) => figureOf(tx, w.code, w.orgPath, `${Number(w.term.slice(0, 4)) + 1}-01-01`, w.periodEnd);

/** Roles that approve reports, except the administrator (who can, but is not the one asked). */
const approverRoles = roles.filter((r) => r !== 'admin' && rolePermissions[r].includes('reports.approve'));

/**
 * Reads the figures of the approved reports of closed periods over any of `orgPaths` (the org
 * itself and its ancestors) that `codes` feed, locking those reports so an approval and the
 * correction serialize. Call the returned function after the change: it flags the reports whose
 * figure moved and answers what moved and who must re-approve.
 */
export async function watchApprovedReports(
  tx: pg.PoolClient,
  orgPaths: string[],
  codes: readonly RegistryTargetCode[] = REGISTRY_TARGET_CODES,
): Promise<(actor: Actor, reason: string, flag: boolean) => Promise<ReapprovalView[]>> {
  const { rows: watched } = await tx.query<Watched>(
    `SELECT r.id AS "reportId", r.org_id AS "orgId", o.name AS "orgName", o.path::text AS "orgPath", r.period_key AS "periodKey",
            to_char(r.period_end, 'YYYY-MM-DD') AS "periodEnd", d.symbol AS "documentSymbol", d.term,
            v.item_id AS "itemId", COALESCE(ind.name, i.text) AS figure, upper(ind.code) AS code, v.value::float8 AS reported
       FROM reports r JOIN orgs o ON o.id = r.org_id JOIN documents d ON d.id = r.document_id
       JOIN report_target_values v ON v.report_id = r.id JOIN document_items i ON i.id = v.item_id JOIN indicators ind ON ind.id = i.indicator_id
      WHERE r.status = 'approved' AND r.period_end < $2::date AND $1::ltree[] <@ o.path AND upper(ind.code) = ANY($3::text[])
      ORDER BY r.id, v.item_id
        FOR UPDATE OF r`,
    [orgPaths, vnToday(), [...codes]],
  );
  const before: number[] = [];
  for (const w of watched) before.push(await figureAt(tx, w));
  return async (actor, reason, flag) => {
    const out = new Map<number, ReapprovalView>();
    for (const [i, w] of watched.entries()) {
      const after = await figureAt(tx, w);
      if (after === before[i]) continue;
      let view = out.get(w.reportId);
      if (!view) {
        view = {
          reportId: w.reportId,
          documentSymbol: w.documentSymbol,
          orgName: w.orgName,
          periodKey: w.periodKey,
          approvers: await approversOf(tx, w.orgPath),
          differences: [],
        };
        out.set(w.reportId, view);
      }
      view.differences.push({ itemId: w.itemId, figure: w.figure, before: before[i]!, after, reported: w.reported });
    }
    if (flag) {
      for (const v of out.values()) {
        const w = watched.find((x) => x.reportId === v.reportId)!;
        await flagReportForReapproval(
          tx,
          actor,
          { id: w.reportId, orgId: w.orgId, orgPath: w.orgPath, orgName: w.orgName, periodKey: w.periodKey },
          reason,
          v.differences,
        );
      }
    }
    return [...out.values()];
  };
}

/** Who approves a report of the org at `orgPath`: the approvers of the org one level up (of the org itself at the root). */
async function approversOf(tx: pg.PoolClient, orgPath: string): Promise<ReapprovalView['approvers']> {
  const { rows } = await tx.query<{ orgName: string; people: string[] }>(
    `SELECT o.name AS "orgName",
            COALESCE((SELECT array_agg(DISTINCT u.full_name ORDER BY u.full_name) FROM user_roles ur JOIN users u ON u.id = ur.user_id
                       WHERE ur.org_id = o.id AND ur.role = ANY($2::text[]) AND NOT u.is_disabled), '{}') AS people
       FROM orgs o
      WHERE o.path = CASE WHEN nlevel($1::ltree) > 1 THEN subpath($1::ltree, 0, nlevel($1::ltree) - 1) ELSE $1::ltree END`,
    [orgPath, approverRoles],
  );
  return rows[0] ?? { orgName: '', people: [] };
}
