/**
 * The 2025 reorganization in the demo, effective 01/07/2025: Tỉnh ủy Bình Dương and Tỉnh ủy
 * Bà Rịa - Vũng Tàu merged into Thành ủy TP.HCM (QĐ 321-QĐ/TW), Bình Phước into a new Tỉnh ủy
 * Đồng Nai, Hậu Giang and Sóc Trăng into a new Thành ủy Cần Thơ; the district level ended (Thành
 * ủy Dĩ An, Quận ủy Quận 1, …) with its wards merged into larger wards under the city or the
 * province; the Bloc ended and its grassroots organizations went to the committees that replaced
 * it. Every change is the product's own operation (commitReorgTx: dated, citing its decision,
 * audited, with lineage), as an office would have recorded it, so the demo's history answers the
 * way a user's would. Operations below the province are marked as sample: the mapping of wards
 * and units there is simplified. The old Đồng Nai and Cần Thơ are not in the demo: their new
 * committees are founded by the merge.
 *
 * Runs after every step that records history before 01/07/2025 on the old tree, and before the
 * steps of the new term that need today's tree (a 2026 grading round).
 */
import type pg from 'pg';
import { systemActor } from '../lib/actor';
import { commitReorgTx } from '../features/reorg';
import type { ReorgRequest } from '../../contracts/reorg';
import type { DemoContext } from './demo-builder';

export const REORG_DAY = '2025-07-01';
const QD_321 = 'Quyết định số 321-QĐ/TW của Bộ Chính trị về thành lập Đảng bộ Thành phố Hồ Chí Minh, hiệu lực từ ngày 01/7/2025';
const sampleDecision = (what: string) => `${what}, hiệu lực từ ngày 01/7/2025 (dữ liệu mẫu)`;
const endDistrict = (name: string) => sampleDecision(`Quyết định về kết thúc hoạt động của ${name}, chuyển các tổ chức đảng trực thuộc`);
const newWard = (name: string) => sampleDecision(`Quyết định về thành lập ${name} trên cơ sở hợp nhất các đảng bộ phường`);

type Op = Partial<ReorgRequest> & Pick<ReorgRequest, 'kind' | 'decision' | 'sourceOrgIds'>;

/** A new ward of the city: the code it gets and the old wards (demo codes) it is made of. */
const cityWards: readonly { code: string; name: string; from: readonly string[] }[] = [
  { code: 'HCM.DIAN', name: 'Đảng ủy phường Dĩ An', from: ['BD.DIAN.P-DIAN', 'BD.DIAN.P-ANBINH'] },
  { code: 'HCM.DONGHOA', name: 'Đảng ủy phường Đông Hòa', from: ['BD.DIAN.P-DONGHOA', 'BD.DIAN.P-BINHAN', 'BD.DIAN.P-BINHTHANG'] },
  { code: 'HCM.TANDONGHIEP', name: 'Đảng ủy phường Tân Đông Hiệp', from: ['BD.DIAN.P-TANDONGHIEP', 'BD.DIAN.P-TANBINH'] },
  {
    code: 'HCM.VUNGTAU',
    name: 'Đảng ủy phường Vũng Tàu',
    from: ['BRVT.VUNGTAU.P-1', 'BRVT.VUNGTAU.P-THANGNHI', 'BRVT.VUNGTAU.P-THANGTAM'],
  },
];

/** The Bloc's units that went to the committee of the Party's own agencies; the rest went to the city government's. */
const toPartyAgencies = ['BD.KHOI.BAOBD', 'BD.KHOI.DPTTH'];

export async function loadDemoReorg2025(tx: pg.PoolClient, ctx: DemoContext) {
  const actor = systemActor('Dữ liệu mẫu');
  const id = (code: string) => {
    const org = ctx.orgs.get(code);
    if (!org) throw new Error(`Demo: the 2025 reorganization names a missing org ${code}`);
    return org.id;
  };
  const op = (req: Op) =>
    commitReorgTx(tx, actor, { targetOrgIds: [], mapping: [], roleMapping: [], effectiveDate: REORG_DAY, isSample: true, ...req });
  const city = id('HCM');

  // Old TP.HCM: three wards of District 1 make the new phường Bến Thành (the new term's step
  // founded it), then the district ends.
  await op({
    kind: 'merge',
    decision: newWard('Đảng bộ phường Bến Thành'),
    sourceOrgIds: ['HCM.Q1.P-BENTHANH', 'HCM.Q1.P-PHAMNGULAO', 'HCM.Q1.P-CAUONGLANH'].map(id),
    targetOrgIds: [id('HCM.BENTHANH')],
  });
  await op({ kind: 'dissolve', decision: endDistrict('Đảng bộ Quận 1'), sourceOrgIds: [id('HCM.Q1')], targetOrgIds: [city] });

  // The wards of Dĩ An and Vũng Tàu merge into larger wards that report straight to the city.
  for (const ward of cityWards) {
    const made = await op({
      kind: 'merge',
      decision: newWard(ward.name.replace('Đảng ủy', 'Đảng bộ')),
      sourceOrgIds: ward.from.map(id),
      newOrg: { parentId: city, code: ward.code, name: ward.name, kind: 'commune_committee' },
    });
    await remember(tx, ctx, ward.code, made.successorOrgId!);
  }
  await op({ kind: 'dissolve', decision: endDistrict('Đảng bộ thành phố Dĩ An'), sourceOrgIds: [id('BD.DIAN')], targetOrgIds: [city] });
  await op({
    kind: 'dissolve',
    decision: endDistrict('Đảng bộ thành phố Vũng Tàu'),
    sourceOrgIds: [id('BRVT.VUNGTAU')],
    targetOrgIds: [city],
  });

  // The Bloc ends: its grassroots organizations go to the two committees of the merged city.
  const government = await foundCommittee(tx, ctx, city, 'HCM.UBND', 'Đảng ủy Ủy ban nhân dân Thành phố');
  const partyAgencies = await foundCommittee(tx, ctx, city, 'HCM.CQD', 'Đảng ủy các cơ quan Đảng Thành phố');
  await op({
    kind: 'dissolve',
    decision: sampleDecision('Quyết định về kết thúc hoạt động của Đảng bộ Khối Các cơ quan và doanh nghiệp tỉnh Bình Dương'),
    sourceOrgIds: [id('BD.KHOI')],
    targetOrgIds: [government],
    mapping: toPartyAgencies.map((code) => ({ fromOrgId: id(code), toOrgId: partyAgencies })),
  });

  // The provinces merge: their remaining units (agencies) go to the successor; each closed
  // province stays readable under it with its own 2020–2025 term, and its own people (the demo's
  // sample inspectors and drafting groups) serve the merged one.
  const carried = (sourceIds: number[], toOrgId: number) =>
    tx
      .query<{ id: number }>('SELECT id::int FROM user_roles WHERE org_id = ANY($1::bigint[]) ORDER BY id', [sourceIds])
      .then(({ rows }) => rows.map((r) => ({ userRoleId: r.id, toOrgId })));
  await op({
    kind: 'merge',
    decision: QD_321,
    sourceOrgIds: [id('BD'), id('BRVT')],
    targetOrgIds: [city],
    roleMapping: await carried([id('BD'), id('BRVT')], city),
    isSample: false,
  });
  const dongNai = await op({
    kind: 'merge',
    decision: 'Quyết định của Bộ Chính trị về thành lập Đảng bộ tỉnh Đồng Nai, hiệu lực từ ngày 01/7/2025',
    sourceOrgIds: [id('BP')],
    roleMapping: await carried([id('BP')], 0),
    newOrg: { parentId: id('TW'), code: 'DN', name: 'Tỉnh ủy Đồng Nai', kind: 'province_committee' },
    isSample: false,
  });
  const canTho = await op({
    kind: 'merge',
    decision: 'Quyết định của Bộ Chính trị về thành lập Đảng bộ thành phố Cần Thơ, hiệu lực từ ngày 01/7/2025',
    sourceOrgIds: [id('HG'), id('ST')],
    roleMapping: await carried([id('HG'), id('ST')], 0),
    newOrg: { parentId: id('TW'), code: 'CT', name: 'Thành ủy Thành phố Cần Thơ', kind: 'province_committee' },
    isSample: false,
  });
  for (const [district, name, successor] of [
    ['BP.DONGXOAI', 'Đảng bộ thành phố Đồng Xoài', dongNai],
    ['BP.BINHLONG', 'Đảng bộ thị xã Bình Long', dongNai],
    ['HG.VITHANH', 'Đảng bộ thành phố Vị Thanh', canTho],
    ['HG.NGABAY', 'Đảng bộ thành phố Ngã Bảy', canTho],
    ['ST.SOCTRANG', 'Đảng bộ thành phố Sóc Trăng', canTho],
  ] as const)
    await op({ kind: 'dissolve', decision: endDistrict(name), sourceOrgIds: [id(district)], targetOrgIds: [successor.successorOrgId!] });

  for (const code of ['HCM.BENTHANH', ...cityWards.map((w) => w.code)]) await tidyCells(tx, op, id(code));
  ctx.log(
    'Dữ liệu mẫu: sắp xếp tổ chức từ 01/7/2025 (Bình Dương, Bà Rịa - Vũng Tàu vào TP.HCM; Bình Phước vào Đồng Nai; Hậu Giang, Sóc Trăng vào Cần Thơ; kết thúc cấp huyện).',
  );
}

async function remember(tx: pg.PoolClient, ctx: DemoContext, code: string, orgId: number) {
  const { rows } = await tx.query<{ path: string }>('SELECT path::text FROM orgs WHERE id = $1', [orgId]);
  ctx.orgs.set(code, { id: orgId, path: rows[0]!.path });
}

/** A committee of the merged city founded on the reorganization's day (a real body; what it took over is sample). */
async function foundCommittee(tx: pg.PoolClient, ctx: DemoContext, cityId: number, code: string, name: string): Promise<number> {
  const { rows } = await tx.query<{ id: number; path: string }>(
    `WITH n AS (SELECT nextval(pg_get_serial_sequence('orgs', 'id')) AS id)
     INSERT INTO orgs (id, path, parent_id, code, name, kind, is_sample, valid_from) OVERRIDING SYSTEM VALUE
     SELECT n.id, (c.path || n.id::text)::ltree, c.id, $2, $3, 'bloc_committee', false, $4 FROM n, orgs c WHERE c.id = $1
     RETURNING id::int, path::text`,
    [cityId, code, name, REORG_DAY],
  );
  ctx.orgs.set(code, rows[0]!);
  return rows[0]!.id;
}

const NUMBERED = /^Chi bộ (Khu phố|Ấp|Khu vực|Khóm) (\d+)$/;

/**
 * A merged ward holds the cells of several old wards: each old ward's "Chi bộ Cơ quan phường"
 * merges into one, and its numbered quarters ("Chi bộ Khu phố 1" of two old wards) are numbered
 * on after the ward's own, as the wards did. Cells founded on the day keep their names.
 */
async function tidyCells(tx: pg.PoolClient, op: (req: Op) => Promise<unknown>, wardId: number) {
  const { rows } = await tx.query<{ id: number; name: string }>(
    `SELECT id::int, name FROM orgs WHERE parent_id = $1 AND kind = 'cell' AND valid_to IS NULL ORDER BY valid_from >= $2::date DESC, id`,
    [wardId, REORG_DAY],
  );
  const byName = new Map<string, number[]>();
  for (const r of rows) if (!NUMBERED.test(r.name)) byName.set(r.name, [...(byName.get(r.name) ?? []), r.id]);
  for (const [name, [first, ...rest]] of byName)
    if (rest.length > 0)
      await op({
        kind: 'merge',
        decision: sampleDecision(`Quyết định về hợp nhất các ${name.replace('Chi bộ', 'chi bộ')}`),
        sourceOrgIds: rest,
        targetOrgIds: [first!],
      });
  const last = new Map<string, number>();
  for (const r of rows) {
    const m = NUMBERED.exec(r.name);
    if (m) last.set(m[1]!, Math.max(last.get(m[1]!) ?? 0, Number(m[2])));
  }
  const taken = new Set<string>();
  for (const r of rows) {
    const m = NUMBERED.exec(r.name);
    if (!m) continue;
    if (!taken.has(r.name)) {
      taken.add(r.name);
      continue;
    }
    const next = (last.get(m[1]!) ?? 0) + 1;
    last.set(m[1]!, next);
    const newName = `Chi bộ ${m[1]!} ${next}`;
    taken.add(newName);
    await op({
      kind: 'rename',
      decision: sampleDecision('Quyết định về đánh số lại các khu phố của phường'),
      sourceOrgIds: [r.id],
      newName,
    });
  }
}
