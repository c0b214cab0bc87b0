/**
 * The enterprise register: each enterprise with its ownership kind and the party and union
 * organizations founded in it; "tổ chức đảng, tổ chức Đoàn – Hội thành lập trong doanh nghiệp
 * ngoài nhà nước" of a period are counted from these dates.
 */
import { inTransaction } from '../../db/pool';
import { vnToday } from '../../../domain/vn-time';
import type { CreateEnterpriseInput, EnterpriseView, UpdateEnterpriseInput } from '../../../contracts/registry';
import { inScopeSql, scopeOf, type Actor } from '../../lib/actor';
import { recordAudit } from '../../lib/audit';
import { AppError, notFound, versionConflict } from '../../lib/errors';
import type { Db, Queryable } from '../../db/pool';
import type { PoolClient } from 'pg';
import { findOrgInScope } from '../orgs';
import { requireRegistryWrite } from './registry.policy';
import { orgNotFound, refused } from './registry.errors';
import { watchApprovedReports } from './reapproval.service';

const enterpriseColumns = `
  en.id, en.org_id AS "orgId", en.name, en.tax_code AS "taxCode", en.ownership, en.party_org_id AS "partyOrgId",
  to_char(en.party_org_founded, 'YYYY-MM-DD') AS "partyOrgFounded", to_char(en.trade_union_founded, 'YYYY-MM-DD') AS "tradeUnionFounded",
  to_char(en.youth_union_founded, 'YYYY-MM-DD') AS "youthUnionFounded", en.is_sample AS "isSample", en.version`;

export async function findEnterprises(db: Db, actor: Actor, orgId: number) {
  const scope = scopeOf(actor, 'registry.read');
  const org = await findOrgInScope(db, orgId, scope);
  if (!org) throw orgNotFound();
  const { rows } = await db.query(
    `SELECT ${enterpriseColumns} FROM enterprises en JOIN orgs o ON o.id = en.org_id
      WHERE o.path <@ $1::ltree AND ${inScopeSql('o.path', '$2')} ORDER BY en.name COLLATE "vi-x-icu", en.id LIMIT 2000`,
    [org.path, scope],
  );
  return { items: rows };
}

/** Founding dates are past days; a party org named needs its founding date. */
function checkDates(input: Omit<CreateEnterpriseInput, 'orgId'>) {
  const today = vnToday();
  for (const f of ['partyOrgFounded', 'tradeUnionFounded', 'youthUnionFounded'] as const) {
    const d = input[f];
    if (d && d > today) throw refused('Ngày thành lập không thể ở tương lai.', `body.${f}`);
  }
  if (input.partyOrgId && !input.partyOrgFounded) throw refused('Hãy ghi ngày thành lập tổ chức đảng.', 'body.partyOrgFounded');
}

/** The party org of the enterprise is an org of the keeping committee's subtree (checked like every id). */
async function checkPartyOrg(tx: PoolClient, scope: string[] | null, orgPath: string, partyOrgId: number | null | undefined) {
  if (!partyOrgId) return;
  const party = await findOrgInScope(tx, partyOrgId, scope);
  if (!party || !(party.path === orgPath || party.path.startsWith(`${orgPath}.`)))
    throw refused('Không tìm thấy tổ chức đảng.', 'body.partyOrgId');
}

const taxCodeTaken = (taxCode: string) => {
  const message = `Mã số thuế ${taxCode} đã có trong danh sách doanh nghiệp.`;
  return new AppError(
    'conflict',
    { vi: message, en: 'This tax code is already registered.' },
    { fields: [{ field: 'body.taxCode', message }] },
  );
};

const enterpriseNotFound = () => notFound({ vi: 'Không tìm thấy doanh nghiệp.', en: 'Enterprise not found.' });

async function enterpriseById(q: Queryable, id: number): Promise<EnterpriseView> {
  const { rows } = await q.query<EnterpriseView>(`SELECT ${enterpriseColumns} FROM enterprises en WHERE en.id = $1`, [id]);
  return rows[0]!;
}

export async function createEnterprise(db: Db, actor: Actor, input: CreateEnterpriseInput) {
  checkDates(input);
  return inTransaction(db, async (tx) => {
    const scope = scopeOf(actor, 'registry.read');
    const org = await findOrgInScope(tx, input.orgId, scope);
    if (!org) throw orgNotFound();
    requireRegistryWrite(actor, org.path);
    await checkPartyOrg(tx, scope, org.path, input.partyOrgId);
    const { rows } = await tx.query(
      `INSERT INTO enterprises (org_id, name, tax_code, ownership, party_org_id, party_org_founded, trade_union_founded, youth_union_founded)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (tax_code) DO NOTHING RETURNING id`,
      [
        org.id,
        input.name.normalize('NFC'),
        input.taxCode,
        input.ownership,
        input.partyOrgId ?? null,
        input.partyOrgFounded ?? null,
        input.tradeUnionFounded ?? null,
        input.youthUnionFounded ?? null,
      ],
    );
    if (!rows[0]) throw taxCodeTaken(input.taxCode);
    const id = (rows[0] as { id: number }).id;
    await recordAudit(tx, actor, {
      action: 'create',
      entity: 'enterprise',
      entityId: id,
      orgId: org.id,
      orgPath: org.path,
      summary: `Thêm doanh nghiệp ${input.name} (MST ${input.taxCode})`,
      after: input,
    });
    return enterpriseById(tx, id);
  });
}

/**
 * Edits an enterprise (with its `version`), audited. Its ownership and founding dates feed the
 * "tổ chức đảng, Đoàn – Hội thành lập trong doanh nghiệp ngoài nhà nước" figures: an approved
 * report of a closed period whose figure moves is flagged for re-approval, and the answer says so.
 */
export async function updateEnterprise(db: Db, actor: Actor, id: number, input: UpdateEnterpriseInput) {
  checkDates(input);
  return inTransaction(db, async (tx) => {
    const scope = scopeOf(actor, 'registry.read');
    const { rows: found } = await tx.query<{ orgId: number; orgPath: string; orgName: string; version: number; before: unknown }>(
      `SELECT en.org_id AS "orgId", o.path::text AS "orgPath", o.name AS "orgName", en.version, to_jsonb(en) - 'created_at' AS before
         FROM enterprises en JOIN orgs o ON o.id = en.org_id WHERE en.id = $1 AND ${inScopeSql('o.path', '$2')} FOR UPDATE OF en`,
      [id, scope],
    );
    const current = found[0];
    if (!current) throw enterpriseNotFound();
    requireRegistryWrite(actor, current.orgPath);
    if (current.version !== input.version) throw versionConflict();
    await checkPartyOrg(tx, scope, current.orgPath, input.partyOrgId);
    const finish = await watchApprovedReports(tx, [current.orgPath], ['PARTY_ORGS_NSE', 'MASS_ORGS']);
    const { rowCount } = await tx
      .query(
        `UPDATE enterprises SET name = $2, tax_code = $3, ownership = $4, party_org_id = $5, party_org_founded = $6, trade_union_founded = $7,
              youth_union_founded = $8, version = version + 1
        WHERE id = $1 AND NOT EXISTS (SELECT 1 FROM enterprises x WHERE x.tax_code = $3 AND x.id <> $1)`,
        [
          id,
          input.name.normalize('NFC'),
          input.taxCode,
          input.ownership,
          input.partyOrgId ?? null,
          input.partyOrgFounded ?? null,
          input.tradeUnionFounded ?? null,
          input.youthUnionFounded ?? null,
        ],
      )
      // Two edits racing to the same tax code: the unique index refuses the second.
      .catch((e: { code?: string }) => {
        if (e.code === '23505') throw taxCodeTaken(input.taxCode);
        throw e;
      });
    if (rowCount === 0) throw taxCodeTaken(input.taxCode);
    const reapprovals = await finish(actor, `Sửa doanh nghiệp ${input.name} (MST ${input.taxCode})`, true);
    await recordAudit(tx, actor, {
      action: 'update',
      entity: 'enterprise',
      entityId: id,
      orgId: current.orgId,
      orgPath: current.orgPath,
      summary: `Sửa doanh nghiệp ${input.name} (MST ${input.taxCode})${reapprovals.length > 0 ? `; ${reapprovals.length} báo cáo đã duyệt cần duyệt lại` : ''}`,
      before: current.before as Record<string, unknown>,
      after: input,
    });
    return { enterprise: await enterpriseById(tx, id), reapprovals };
  });
}
