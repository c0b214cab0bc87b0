import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/pool';
import { createDemoTestDb } from '../test/db';
import { isDemoLoaded, loadDemo } from './demo-builder';

let db: Db;
let drop: () => Promise<void>;

beforeAll(async () => {
  ({ db, drop } = await createDemoTestDb());
}, 300_000); // includes waiting for another file to build the demo template (test/db.ts)
afterAll(async () => drop());

describe('demo data', () => {
  it('holds the structure the seed articles describe', async () => {
    // The 7.935 members of its VII congress: the roll of 31/12/2020 (admissions since are the registry's).
    const { rows } = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM orgs b JOIN orgs d ON d.path <@ b.path
         JOIN member_placements p ON p.org_id = d.id AND p.valid_from <= '2020-12-31' AND (p.valid_to IS NULL OR p.valid_to > '2020-12-31')
        WHERE b.name ILIKE 'Đảng ủy Khối Các cơ quan và doanh nghiệp tỉnh%'`,
    );
    expect(rows[0]!.n).toBe(7935);
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
});
