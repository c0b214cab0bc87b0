import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/pool';
import { createDemoTestDb } from '../test/db';
import { isDemoLoaded, loadDemo } from './demo-builder';

let db: Db;

/** Members of the org picked by `where` (on orgs `b`) on `day`, counted on the tree of that day. */
async function membersOn(where: string, day: string): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM orgs b JOIN org_versions v ON v.org_id = b.id AND v.valid_from <= $1::date AND (v.valid_to IS NULL OR v.valid_to > $1::date)
       JOIN LATERAL tree_orgs(v.path, $1::date) t ON true
       JOIN member_placements p ON p.org_id = t.org_id AND p.valid_from <= $1::date AND (p.valid_to IS NULL OR p.valid_to > $1::date)
      WHERE ${where}`,
    [day],
  );
  return rows[0]!.n;
}
let drop: () => Promise<void>;

beforeAll(async () => {
  ({ db, drop } = await createDemoTestDb());
}, 300_000); // includes waiting for another file to build the demo template (test/db.ts)
afterAll(async () => drop());

describe('demo data', () => {
  it('holds the structure the seed articles describe', async () => {
    // The 7.935 members of its VII congress: the roll of 31/12/2020 (admissions since are the
    // registry's), on the tree of that day (the Bloc ended on 01/07/2025).
    expect(await membersOn(`b.name = 'Đảng ủy Khối Các cơ quan và doanh nghiệp tỉnh'`, '2020-12-31')).toBe(7935);
    const { rows: committees } = await db.query<{ role: string; size: number; people: string[] }>(
      `SELECT c.role, c.size, array_agg(m.full_name ORDER BY m.sort_order) AS people
         FROM committees c JOIN orgs o ON o.id = c.org_id LEFT JOIN committee_members m ON m.committee_id = c.id
        WHERE o.name = 'Tỉnh ủy Bình Dương' GROUP BY c.role, c.size ORDER BY c.size DESC`,
    );
    expect(committees.map((c) => [c.role, c.size])).toEqual([
      ['executive', 49],
      ['standing', 15],
      ['inspection', 11],
    ]);
    expect(committees[0]!.people).toEqual(expect.arrayContaining(['Trần Văn Nam', 'Nguyễn Hoàng Thao', 'Võ Văn Minh']));
  });

  it('marks generated people as sample data and is not loaded twice', async () => {
    const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM members WHERE NOT is_sample');
    expect(rows[0]!.n).toBe(0);
    expect(await isDemoLoaded(db)).toBe(true);
    await expect(loadDemo(db)).rejects.toThrow(/đã có tổ chức/);
  });

  it('holds the 2025 reorganization: the old tree up to 30/06/2025, the merged provinces from 01/07/2025', async () => {
    const provincesOn = async (day: string) => {
      const { rows } = await db.query<{ name: string }>(
        `SELECT v.name FROM org_versions v JOIN orgs tw ON tw.id = v.parent_id AND tw.code = 'TW'
          WHERE v.valid_from <= $1::date AND (v.valid_to IS NULL OR v.valid_to > $1::date) ORDER BY v.name`,
        [day],
      );
      return rows.map((r) => r.name);
    };
    expect(await provincesOn('2025-06-30')).toEqual([
      'Thành ủy Thành phố Hồ Chí Minh',
      'Tỉnh ủy Bà Rịa - Vũng Tàu',
      'Tỉnh ủy Bình Dương',
      'Tỉnh ủy Bình Phước',
      'Tỉnh ủy Hậu Giang',
      'Tỉnh ủy Sóc Trăng',
    ]);
    expect(await provincesOn('2025-07-01')).toEqual(['Thành ủy Thành phố Cần Thơ', 'Thành ủy Thành phố Hồ Chí Minh', 'Tỉnh ủy Đồng Nai']);
    // Merging then asking as of the day before gives the old figures; the city's converted
    // figure of that day is the sum of its three predecessors' (every member was in one of them).
    const day = '2025-06-30';
    const parts = await Promise.all(['HCM', 'BD', 'BRVT'].map((code) => membersOn(`b.code = '${code}'`, day)));
    expect(parts.every((n) => n > 0)).toBe(true);
    const { rows: converted } = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM orgs c JOIN orgs d ON d.path <@ c.path
         JOIN member_placements p ON p.org_id = d.id AND p.valid_from <= $1::date AND (p.valid_to IS NULL OR p.valid_to > $1::date)
        WHERE c.code = 'HCM'`,
      [day],
    );
    expect(converted[0]!.n).toBe(parts.reduce((a, b) => a + b, 0));
    // Bình Dương on its last day, on the dated tree: exactly the members in the cells it made (codes BD.…).
    const { rows: ownCells } = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM member_placements p JOIN orgs d ON d.id = p.org_id
        WHERE d.code LIKE 'BD.%' AND p.valid_from <= $1::date AND (p.valid_to IS NULL OR p.valid_to > $1::date)`,
      [day],
    );
    expect(parts[1]).toBe(ownCells[0]!.n);
    const { rows: lineage } = await db.query<{ name: string }>(
      `SELECT f.name FROM org_lineage l JOIN orgs f ON f.id = l.from_org_id JOIN orgs t ON t.id = l.to_org_id
        WHERE t.code = 'HCM.DONGHOA' AND l.kind = 'merged_into' ORDER BY f.name`,
    );
    expect(lineage.map((r) => r.name)).toEqual(['Đảng ủy phường Bình An', 'Đảng ủy phường Bình Thắng', 'Đảng ủy phường Đông Hòa']);
  });

  it('leaves no open org with two open units of the same name after the wards merged', async () => {
    const { rows } = await db.query<{ parent: string; name: string }>(
      `SELECT p.name AS parent, o.name FROM orgs o JOIN orgs p ON p.id = o.parent_id
        WHERE o.valid_to IS NULL GROUP BY p.name, o.parent_id, o.name HAVING count(*) > 1`,
    );
    expect(rows).toEqual([]);
    const { rows: cells } = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM orgs o JOIN orgs w ON w.id = o.parent_id WHERE w.code = 'HCM.DIAN' AND o.valid_to IS NULL`,
    );
    // Phường Dĩ An (8 quarters) and An Bình (8): sixteen quarters and one cell each for the office, police and militia.
    expect(cells[0]!.n).toBe(19);
  });
});
