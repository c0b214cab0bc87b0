/**
 * The new term in the demo: Đảng bộ TP.HCM's congress lần thứ I (13–15/10/2025, 547 delegates,
 * the opening broadcast to 4 bridge points) and its resolution with the targets reported
 * publicly, the city's action program and a sample ward's plan under it; and Bình Dương's
 * 2020–2025 term recorded as closed on 30/06/2025 (the day before QĐ 321-QĐ/TW took effect),
 * with its congress lần thứ XI (13–15/10/2020) and its resolution.
 */
import type pg from 'pg';
import { systemActor } from '../lib/actor';
import { createDocumentTx } from '../features/documents/documents.service';
import { insertItem, readTarget } from '../features/documents';
import { openTermTx } from '../features/terms';
import type { DemoContext } from './demo-builder';
import { generateDemoMembers } from '../../domain/demo/member-generator';
import { givenNameOf } from '../../domain/members/member-fields';

export const HCM_CODE = 'HCM';
const HCM_NAME = 'Thành ủy Thành phố Hồ Chí Minh';
export const HCM_BRIDGE_POINTS = ['TP.HCM', 'Bình Dương', 'Vũng Tàu', 'Côn Đảo'];

type DemoTarget = { key: string; text: string; indicator: string; value: string; unit: string; byYear?: number };

/** The targets of the congress lần thứ I as the press reported them. */
export const hcmTargets: DemoTarget[] = [
  {
    key: 'grdp',
    text: 'Tốc độ tăng trưởng kinh tế (GRDP) bình quân giai đoạn 2026–2030',
    indicator: 'GRDP_GROWTH',
    value: '10-11',
    unit: '%/năm',
  },
  {
    key: 'perCapita',
    text: 'GRDP bình quân đầu người đến năm 2030',
    indicator: 'GRDP_PER_CAPITA',
    value: '14.000-15.000',
    unit: 'USD',
    byYear: 2030,
  },
  { key: 'rd', text: 'Chi cho nghiên cứu và phát triển (R&D) so với GRDP', indicator: 'RD_SPENDING_SHARE', value: '2-3', unit: '% GRDP' },
  {
    key: 'sti',
    text: 'Dành ít nhất 4–5% tổng chi ngân sách cho khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số',
    indicator: 'STI_BUDGET_SHARE',
    value: '4-5',
    unit: '%',
  },
];

/** The city's org: the one an earlier step made (by code or name), else made here as it stood before the merge. */
async function findOrMakeCity(tx: pg.PoolClient, ctx: DemoContext): Promise<{ id: number; path: string }> {
  const known = ctx.orgs.get(HCM_CODE);
  if (known) return known;
  const { rows } = await tx.query<{ id: number; path: string }>(
    `SELECT id, path::text FROM orgs WHERE code = $1 OR name = $2 ORDER BY id LIMIT 1`,
    [HCM_CODE, HCM_NAME],
  );
  if (rows[0]) return rows[0];
  const central = ctx.orgs.get('TW');
  if (!central) throw new Error('Demo: the central committee comes before the new term');
  const { rows: made } = await tx.query<{ id: number; path: string }>(
    `WITH n AS (SELECT nextval(pg_get_serial_sequence('orgs', 'id')) AS id)
     INSERT INTO orgs (id, path, parent_id, code, name, kind, is_sample, valid_from) OVERRIDING SYSTEM VALUE
     SELECT n.id, ($1 || '.' || n.id)::ltree, $2, $3, $4, 'province_committee', false, '2020-01-01' FROM n RETURNING id, path::text`,
    [central.path, central.id, HCM_CODE, HCM_NAME],
  );
  return made[0]!;
}

/** The sample ward's cells in the new city, and how many members each holds (made up for the demo). */
const NEW_TERM_CELLS: readonly { code: string; name: string; members: number }[] = [
  { code: 'HCM.BENTHANH.KP1', name: 'Chi bộ Khu phố 1', members: 14 },
  { code: 'HCM.BENTHANH.KP2', name: 'Chi bộ Khu phố 2', members: 12 },
  { code: 'HCM.BENTHANH.KP3', name: 'Chi bộ Khu phố 3', members: 11 },
  { code: 'HCM.BENTHANH.CQ', name: 'Chi bộ Cơ quan Đảng ủy phường', members: 9 },
];
/** Member codes of the sample ward: TP.HCM's province number, above the generator's ranges. */
const NEW_TERM_MEMBER_CODE = (i: number) => `79.${2_000_001 + i}`;

/**
 * The sample ward's own cells, founded with it on 01/07/2025, and their people (the cells of the
 * old wards merged into it arrive with the 2025 reorganization).
 */
async function makeSampleWardCells(tx: pg.PoolClient, ctx: DemoContext, ward: { id: number; path: string }) {
  for (const cell of NEW_TERM_CELLS) {
    const { rows } = await tx.query<{ id: number; path: string }>(
      `WITH n AS (SELECT nextval(pg_get_serial_sequence('orgs', 'id')) AS id)
       INSERT INTO orgs (id, path, parent_id, code, name, kind, is_sample, valid_from) OVERRIDING SYSTEM VALUE
       SELECT n.id, ($1 || '.' || n.id)::ltree, $2, $3, $4, 'cell', true, '2025-07-01' FROM n RETURNING id, path::text`,
      [ward.path, ward.id, cell.code, cell.name],
    );
    ctx.orgs.set(cell.code, rows[0]!);
  }
  // Names, genders and dates from the demo's generator (a Bình Dương tree stands in for its
  // province table); the codes are rewritten to TP.HCM's.
  const people = generateDemoMembers(
    [
      { code: 'BD', name: 'TP.HCM', kind: 'province_committee', parentCode: null, isSample: true },
      ...NEW_TERM_CELLS.map((c) => ({
        code: `BD.${c.code}`,
        name: c.name,
        kind: 'cell' as const,
        parentCode: 'BD',
        members: c.members,
        isSample: true,
      })),
    ],
    2026,
  );
  await tx.query(
    `INSERT INTO members (org_id, code, full_name, given_name, gender, birth_date, joined_date, status, phone, email, is_sample)
     SELECT *, true FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::date[], $7::date[], $8::text[], $9::text[], $10::text[])`,
    [
      people.map((m) => ctx.orgs.get(m.orgCode.slice(3))!.id),
      people.map((_, i) => NEW_TERM_MEMBER_CODE(i)),
      people.map((m) => m.fullName),
      people.map((m) => givenNameOf(m.fullName)),
      people.map((m) => m.gender),
      people.map((m) => m.birthDate),
      people.map((m) => m.joinedDate),
      people.map((m) => m.status),
      people.map(() => null),
      people.map(() => null),
    ],
  );
  // The cells were founded on 01/07/2025: their people are on the city's roll from that day,
  // not from joining the party (the roll's default), which would place them in a cell that did
  // not exist yet and count them in the city's figures of an earlier day.
  await tx.query(
    `UPDATE member_placements p SET valid_from = '2025-07-01' FROM members m WHERE m.id = p.member_id AND m.code = ANY($1::text[])`,
    [people.map((_, i) => NEW_TERM_MEMBER_CODE(i))],
  );
}

async function makeSampleWard(tx: pg.PoolClient, city: { id: number; path: string }) {
  const { rows } = await tx.query<{ id: number; path: string }>(
    `WITH n AS (SELECT nextval(pg_get_serial_sequence('orgs', 'id')) AS id)
     INSERT INTO orgs (id, path, parent_id, code, name, kind, is_sample, valid_from) OVERRIDING SYSTEM VALUE
     SELECT n.id, ($1 || '.' || n.id)::ltree, $2, 'HCM.BENTHANH', 'Đảng ủy phường Bến Thành', 'commune_committee', true, '2025-07-01' FROM n RETURNING id, path::text`,
    [city.path, city.id],
  );
  return rows[0]!;
}

export async function loadDemoNewTerm(tx: pg.PoolClient, ctx: DemoContext) {
  const actor = systemActor('Dữ liệu mẫu');
  const { rows: indicators } = await tx.query<{ id: number; code: string }>('SELECT id, code FROM indicators');
  const indicatorId = new Map(indicators.map((r) => [r.code, r.id]));
  const link = (child: number, parent: number) =>
    tx.query('INSERT INTO item_links (child_item_id, parent_item_id) VALUES ($1, $2)', [child, parent]);
  const adopt = (id: number) => tx.query(`UPDATE documents SET status = 'adopted' WHERE id = $1`, [id]);

  // Bình Dương's 2020–2025 term, closed the day before the merged city began.
  const bd = ctx.orgs.get('BD');
  if (bd) {
    const { rows } = await tx.query<{ id: number }>(
      `SELECT id FROM documents WHERE org_id = $1 AND kind = 'resolution' AND term = '2020-2025' AND number = 1`,
      [bd.id],
    );
    await openTermTx(tx, actor, bd.id, {
      startYear: 2020,
      endYear: 2025,
      startDate: '2020-10-15',
      endDate: '2025-06-30',
      congress: {
        ordinal: 11,
        startDate: '2020-10-13',
        endDate: '2020-10-15',
        mode: 'in_person',
        bridgePoints: [],
        resolutionDocumentId: rows[0]?.id ?? null,
      },
    });
  }

  const city = await findOrMakeCity(tx, ctx);
  const ward = await makeSampleWard(tx, city);
  ctx.orgs.set(HCM_CODE, city);
  ctx.orgs.set('HCM.BENTHANH', ward);
  await makeSampleWardCells(tx, ctx, ward);

  const resolutionId = await createDocumentTx(tx, actor, {
    orgId: city.id,
    kind: 'resolution',
    term: '2025-2030',
    issueDate: '2025-10-15',
    implementsIds: [],
    title: 'Nghị quyết Đại hội đại biểu Đảng bộ Thành phố Hồ Chí Minh lần thứ I, nhiệm kỳ 2025 – 2030',
    summary:
      'Đại hội diễn ra từ ngày 13 đến 15/10/2025 với 547 đại biểu; phiên khai mạc truyền trực tuyến tới 4 điểm cầu: TP.HCM, Bình Dương, Vũng Tàu, Côn Đảo.',
  });
  const section = await insertItem(tx, resolutionId, null, 'section', 'Các chỉ tiêu chủ yếu giai đoạn 2026–2030', null, null);
  const targetIds = new Map<string, number>();
  for (const t of hcmTargets) {
    const spec = readTarget({
      indicatorId: indicatorId.get(t.indicator) ?? null,
      valueText: t.value,
      unitText: t.unit,
      byYear: t.byYear ?? null,
    });
    targetIds.set(t.key, await insertItem(tx, resolutionId, section, 'target', t.text, null, spec));
  }
  await adopt(resolutionId);
  await openTermTx(tx, actor, city.id, {
    startYear: 2025,
    endYear: 2030,
    startDate: '2025-10-15',
    congress: {
      ordinal: 1,
      startDate: '2025-10-13',
      endDate: '2025-10-15',
      delegates: 547,
      mode: 'hybrid',
      bridgePoints: HCM_BRIDGE_POINTS,
      resolutionDocumentId: resolutionId,
    },
  });

  // The program's and the plan's contents are written for the demo: marked as sample.
  const programId = await createDocumentTx(
    tx,
    actor,
    {
      orgId: city.id,
      kind: 'action_program',
      term: '2025-2030',
      issueDate: null,
      implementsIds: [resolutionId],
      title: 'Chương trình hành động thực hiện Nghị quyết Đại hội đại biểu Đảng bộ Thành phố lần thứ I, nhiệm kỳ 2025 – 2030 (dự thảo)',
    },
    { isSample: true },
  );
  const growthTask = await insertItem(
    tx,
    programId,
    null,
    'task',
    'Tháo gỡ điểm nghẽn hạ tầng, đẩy nhanh các dự án động lực để đạt tăng trưởng hai con số',
    null,
    null,
  );
  await link(growthTask, targetIds.get('grdp')!);
  const stiTask = await insertItem(
    tx,
    programId,
    null,
    'task',
    'Bố trí ngân sách và cơ chế cho khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số',
    null,
    null,
  );
  await link(stiTask, targetIds.get('sti')!);
  await link(stiTask, targetIds.get('rd')!);

  const planId = await createDocumentTx(
    tx,
    actor,
    {
      orgId: ward.id,
      kind: 'plan',
      term: '2025-2030',
      issueDate: '2025-11-20',
      implementsIds: [programId],
      title: 'Kế hoạch thực hiện Chương trình hành động của Thành ủy về Nghị quyết Đại hội Đảng bộ Thành phố lần thứ I',
    },
    { isSample: true },
  );
  const wardTask = await insertItem(
    tx,
    planId,
    null,
    'task',
    'Hoàn thành chuyển đổi số 100% hồ sơ thủ tục hành chính của phường',
    null,
    null,
  );
  await link(wardTask, stiTask);
  await adopt(planId);

  ctx.log('Dữ liệu mẫu: nhiệm kỳ 2025–2030 của Đảng bộ TP.HCM (Đại hội lần thứ I), chương trình hành động và kế hoạch của một phường mẫu.');
}
