/**
 * The enterprise register: each enterprise with its ownership kind and the party and union
 * organizations founded in it; "tổ chức đảng, tổ chức Đoàn – Hội thành lập trong doanh nghiệp
 * ngoài nhà nước" of a period are counted from these dates.
 */
import type { Db } from '../../db/pool';
import { inTransaction } from '../../db/pool';
import { vnToday } from '../../../domain/vn-time';
import type { CreateEnterpriseInput } from '../../../contracts/registry';
import { inScopeSql, scopeOf, type Actor } from '../../lib/actor';
import { recordAudit } from '../../lib/audit';
import { AppError } from '../../lib/errors';
import { findOrgInScope } from '../orgs';
import { requireRegistryWrite } from './registry.policy';
import { orgNotFound, refused } from './registry.errors';

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

export async function createEnterprise(db: Db, actor: Actor, input: CreateEnterpriseInput) {
  const today = vnToday();
  for (const f of ['partyOrgFounded', 'tradeUnionFounded', 'youthUnionFounded'] as const) {
    const d = input[f];
    if (d && d > today) throw refused('Ngày thành lập không thể ở tương lai.', `body.${f}`);
  }
  if (input.partyOrgId && !input.partyOrgFounded) throw refused('Hãy ghi ngày thành lập tổ chức đảng.', 'body.partyOrgFounded');
  return inTransaction(db, async (tx) => {
    const scope = scopeOf(actor, 'registry.read');
    const org = await findOrgInScope(tx, input.orgId, scope);
    if (!org) throw orgNotFound();
    requireRegistryWrite(actor, org.path);
    if (input.partyOrgId) {
      // The party org of the enterprise is an org of the same subtree (checked like every id).
      const party = await findOrgInScope(tx, input.partyOrgId, scope);
      if (!party || !(party.path === org.path || party.path.startsWith(`${org.path}.`)))
        throw refused('Không tìm thấy tổ chức đảng.', 'body.partyOrgId');
    }
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
    if (!rows[0]) {
      const message = `Mã số thuế ${input.taxCode} đã có trong danh sách doanh nghiệp.`;
      throw new AppError(
        'conflict',
        { vi: message, en: 'This tax code is already registered.' },
        { fields: [{ field: 'body.taxCode', message }] },
      );
    }
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
    const { rows: out } = await tx.query(`SELECT ${enterpriseColumns} FROM enterprises en WHERE en.id = $1`, [id]);
    return out[0];
  });
}
