import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/pool';
import { createTestDb } from '../../test/db';
import { loadDemo } from '../../demo/demo-builder';
import { systemActor } from '../../lib/actor';
import { getDashboard } from './dashboard.service';

let db: Db;
let drop: () => Promise<void>;

beforeAll(async () => {
  ({ db, drop } = await createTestDb());
  await loadDemo(db);
}, 120_000);
afterAll(async () => drop());

const docOf = async (orgName: string) =>
  (await db.query<{ id: number }>(`SELECT d.id FROM documents d JOIN orgs o ON o.id = d.org_id WHERE o.name ILIKE $1 AND d.kind = 'resolution' AND d.term = '2020-2025' ORDER BY d.id LIMIT 1`, [orgName])).rows[0]!.id;

describe('demo progress data', () => {
  it('gives the provincial dashboard a mix of statuses and an open explanation request', async () => {
    const d = await getDashboard(db, systemActor(), await docOf('Tỉnh ủy Bình Dương'), {});
    const statuses = new Set(d.targets.map((t) => t.status));
    expect(statuses.size).toBeGreaterThanOrEqual(3);
    expect(statuses).toContain('achieved');
    expect(statuses).toContain('off_track');
    expect(d.openExplanations).toBe(1);
    expect(d.reports.late).toBeGreaterThan(0);
  });
  it('gives the bloc a returned report, a late one and rolled-up figures from its units', async () => {
    const doc = await docOf('Đảng ủy Khối Các cơ quan%');
    const d = await getDashboard(db, systemActor(), doc, {});
    expect(d.reports.periodKey).toBe('2024-Q4');
    expect(d.reports.late).toBeGreaterThanOrEqual(1);
    const { rows } = await db.query(`SELECT status FROM reports WHERE document_id = $1 AND period_key = '2024-Q4' AND status = 'returned'`, [doc]);
    expect(rows.length).toBe(1);
    const members = d.targets.find((t) => t.indicatorName?.startsWith('Số đảng viên mới được kết nạp'));
    expect(members?.latest).toBeGreaterThan(1390);
    const { rows: sample } = await db.query(`SELECT count(*)::int AS n FROM reports WHERE NOT is_sample`);
    expect(sample[0].n).toBe(0);
  });
});
