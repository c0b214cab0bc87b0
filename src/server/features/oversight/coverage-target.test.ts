import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../app';
import type { Db } from '../../db/pool';
import { createTestDb } from '../../test/db';
import { buildDocument, buildItem, buildOrg, buildUser, type TestOrg } from '../../test/factories';
import { buildTestApp, loginAs, type TestClient } from '../../test/http';

let app: App;
let db: Db;
let drop: () => Promise<void>;
let province: TestOrg, diAn: TestOrg, wardA: TestOrg, wardB: TestOrg, cell: TestOrg, agency: TestOrg;
let manager: TestClient;
let documentId: number;

/** A file on `subject` counting for `year`, in `status`, concluded at `concludedAt` (the workflow itself is tested in oversight.test.ts). */
async function file(subject: TestOrg, year: number, status: string, concludedAt: string | null) {
  await db.query(
    `INSERT INTO inspections (org_id, kind, basis, responsible_body, subject_org_id, content, theme, period_start, period_end, year, status, concluded_at)
     VALUES ($1, 'supervision', 'thematic', 'inspection_commission', $2, 'Giám sát', 'Thực hiện Nghị quyết Đại hội', make_date($3, 3, 1), make_date($3, 6, 30), $3, $4, $5)`,
    [province.id, subject.id, year, status, concludedAt],
  );
}

beforeAll(async () => {
  ({ db, drop } = await createTestDb());
  ({ app } = await buildTestApp(db));
  province = await buildOrg(db, { name: 'Tỉnh ủy' });
  diAn = await buildOrg(db, { parent: province, kind: 'district_committee', name: 'Thành ủy Dĩ An' });
  wardA = await buildOrg(db, { parent: diAn, kind: 'commune_committee', name: 'Đảng ủy phường A' });
  wardB = await buildOrg(db, { parent: diAn, kind: 'commune_committee', name: 'Đảng ủy phường B' });
  cell = await buildOrg(db, { parent: wardA, name: 'Chi bộ 1' });
  // Not a party organization: never in the denominator, a file on it never counts.
  agency = await buildOrg(db, { parent: province, kind: 'agency', name: 'Sở Xây dựng' });
  const u = await buildUser(db, [{ org: province, role: 'manager' }]);
  manager = await loginAs(app, u.username, u.password);
  documentId = (await buildDocument(db, province, { number: 1, symbol: '01-NQ/TU', title: 'Nghị quyết Đại hội XI' })).id;
  const target = { kind: 'target', indicator: 'ORG_OVERSIGHT_RATE', comparator: '=', value: 100, unit: '%' };
  await buildItem(db, documentId, { ...target, position: 1, text: 'Trong nhiệm kỳ, 100% tổ chức đảng được kiểm tra, giám sát' });
  await buildItem(db, documentId, { ...target, position: 2, text: 'Hằng năm kiểm tra, giám sát 100% tổ chức đảng', perYear: true });

  await file(wardA, 2023, 'closed', '2023-08-01');
  await file(wardB, 2024, 'follow_up', '2024-09-01');
  await file(wardA, 2024, 'concluded', '2024-10-01');
  // Not concluded: no count. Concluded after the viewed date: no count yet. Not a party org: no count.
  await file(cell, 2024, 'findings', null);
  await file(diAn, 2024, 'follow_up', '2025-02-01');
  await file(agency, 2024, 'closed', '2024-05-01');
});
afterAll(async () => {
  await app?.close();
  await drop?.();
});

type Target = { text: string; source: string; latest: number | null; actuals: { periodKey: string; value: number | null }[] };

describe('the target "100% tổ chức đảng được kiểm tra, giám sát"', () => {
  it('takes its actuals from the conclusions issued, recomputed from numerator and denominator', async () => {
    const res = await manager.get(`/api/documents/${documentId}/dashboard?orgId=${province.id}&asOf=2024-12-31`);
    expect(res.statusCode, res.body).toBe(200);
    const targets = res.json().targets as Target[];
    const term = targets.find((t) => t.text.startsWith('Trong nhiệm kỳ'))!;
    const yearly = targets.find((t) => t.text.startsWith('Hằng năm'))!;
    expect(term.source).toBe('oversight');
    expect(yearly.source).toBe('oversight');

    // The parts, recomputed here from the rows: party orgs below the province, and those with a
    // conclusion issued by 31/12/2024 (in 2024 only, or in any year of the term so far).
    const { rows } = await db.query<{ orgs: number; year2024: number; term: number }>(
      `SELECT count(*)::int AS orgs,
              count(*) FILTER (WHERE EXISTS (SELECT 1 FROM inspections x WHERE x.subject_org_id = o.id AND x.year = 2024
                                 AND x.status IN ('concluded','follow_up','closed') AND x.concluded_at < '2025-01-01'))::int AS year2024,
              count(*) FILTER (WHERE EXISTS (SELECT 1 FROM inspections x WHERE x.subject_org_id = o.id AND x.year BETWEEN 2020 AND 2024
                                 AND x.status IN ('concluded','follow_up','closed') AND x.concluded_at < '2025-01-01'))::int AS term
         FROM orgs o WHERE o.path <@ $1::ltree AND o.id <> $2 AND o.kind <> 'agency'`,
      [province.path, province.id],
    );
    expect(rows[0]).toEqual({ orgs: 4, year2024: 2, term: 2 });
    const at = (t: Target, y: string) => t.actuals.find((a) => a.periodKey === y)?.value;
    expect(at(yearly, '2024')).toBe(Math.round((rows[0]!.year2024 / rows[0]!.orgs) * 1000) / 10);
    expect(at(term, '2024')).toBe(Math.round((rows[0]!.term / rows[0]!.orgs) * 1000) / 10);
    // 2023: ward A only, in that year and in the term so far.
    expect(at(yearly, '2023')).toBe(25);
    expect(at(term, '2023')).toBe(25);
    expect(term.latest).toBe(50);
  });

  it('moves when a conclusion is issued, and equals the commission dashboard’s share of the term', async () => {
    await db.query(
      `UPDATE inspections SET status = 'concluded', concluded_at = '2024-11-15' WHERE subject_org_id = $1 AND status = 'findings'`,
      [cell.id],
    );
    const targets = (await manager.get(`/api/documents/${documentId}/dashboard?orgId=${province.id}&asOf=2024-12-31`)).json()
      .targets as Target[];
    expect(targets.find((t) => t.text.startsWith('Trong nhiệm kỳ'))!.latest).toBe(75);

    // Today every conclusion counts (Dĩ An's too): the latest point of the term is the dashboard's coverage of the term.
    const now = (await manager.get(`/api/documents/${documentId}/dashboard?orgId=${province.id}`)).json().targets as Target[];
    const dash = (await manager.get(`/api/oversight/dashboard?orgId=${province.id}&year=2024`)).json();
    expect(dash.coverageTerm).toMatchObject({ orgs: 4, covered: 4, percent: 100 });
    expect(now.find((t) => t.text.startsWith('Trong nhiệm kỳ'))!.latest).toBe(dash.coverageTerm.percent);
    // A drill-down to Dĩ An counts its own subtree: the two wards and the cell.
    const diAnView = (await manager.get(`/api/documents/${documentId}/dashboard?orgId=${diAn.id}&asOf=2024-12-31`)).json()
      .targets as Target[];
    expect(diAnView.find((t) => t.text.startsWith('Trong nhiệm kỳ'))!.latest).toBe(100);
  });
});
