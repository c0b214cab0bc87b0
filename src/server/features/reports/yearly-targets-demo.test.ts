import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/pool';
import { createDemoTestDb } from '../../test/db';
import { systemActor } from '../../lib/actor';
import { getDashboard } from './dashboard.service';

let db: Db;
let drop: () => Promise<void>;

beforeAll(async () => {
  ({ db, drop } = await createDemoTestDb());
}, 300_000); // includes waiting for another file to build the demo template (test/db.ts)
afterAll(async () => drop());

describe('yearly targets of the demo ("hằng năm")', () => {
  it('stores the bloc’s "hằng năm … hoàn thành tốt nhiệm vụ" targets as yearly, and no others of that kind', async () => {
    const { rows } = await db.query<{ text: string; eachYear: boolean; perYear: boolean }>(
      `SELECT i.text, i.each_year AS "eachYear", i.per_year AS "perYear" FROM document_items i JOIN documents d ON d.id = i.document_id JOIN orgs o ON o.id = d.org_id
        WHERE o.code = 'BD.KHOI' AND i.kind = 'target' ORDER BY i.id`,
    );
    const yearly = rows.filter((r) => r.eachYear).map((r) => r.text);
    expect(yearly).toContain('Hằng năm, chi bộ, đảng bộ cơ sở được xếp loại hoàn thành tốt nhiệm vụ');
    expect(yearly).toContain('Chi bộ, đảng bộ cơ sở hoàn thành tốt nhiệm vụ hằng năm');
    expect(rows.filter((r) => r.eachYear && !/h[ằà]ng năm/i.test(r.text))).toEqual([]);
    expect(rows.filter((r) => r.eachYear && r.perYear)).toEqual([]);
  });

  it('shows them on the dashboard judged year by year, never as a level of the last year', async () => {
    const { rows } = await db.query<{ id: number; itemId: number }>(
      `SELECT d.id, i.id AS "itemId" FROM documents d JOIN orgs o ON o.id = d.org_id JOIN document_items i ON i.document_id = d.id
        WHERE o.code = 'BD.KHOI' AND i.text = 'Hằng năm, chi bộ, đảng bộ cơ sở được xếp loại hoàn thành tốt nhiệm vụ' LIMIT 1`,
    );
    const d = await getDashboard(db, systemActor(), rows[0]!.id, { asOf: '2025-01-20' });
    const target = d.targets.find((t) => t.itemId === rows[0]!.itemId)!;
    expect(target.reason).toMatch(/^(Hằng năm 100%: đạt \d+\/\d+ năm|Chưa có số liệu năm nào)/);
    // Later on: still counted year by year (met years of the years in), or waiting for the last year.
    const later = await getDashboard(db, systemActor(), rows[0]!.id, { asOf: '2026-03-01' });
    const term = later.targets.find((t) => t.itemId === rows[0]!.itemId)!;
    expect(term.reason).toMatch(/^(Hằng năm 100%: đạt \d\/\d năm|Chờ số liệu năm \d{4} để kết luận)/);
    if (term.reason.startsWith('Chờ')) expect(term.status).toBe('not_assessable');
  });
});
