import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/pool';
import { openDemo } from '../../test/demo';
import type { TestClient } from '../../test/http';
import { isTaskOverdue, taskBucket, TASK_BUCKETS } from '../../../domain/reports';
import { vnToday } from '../../../domain/vn-time';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let db: Db;
let admin: TestClient;
let close: () => Promise<void>;
let bd: number;

beforeAll(async () => {
  ({ db, admin, close } = await openDemo('old-tree'));
  bd = (await db.query<{ id: number }>(`SELECT id FROM documents WHERE symbol = '01-NQ/TU' AND kind = 'resolution' ORDER BY id LIMIT 1`))
    .rows[0]!.id;
}, 300_000); // includes waiting for another file to build the demo template (test/db.ts)
afterAll(async () => close());

const dashboard = async (query: string) => {
  const res = await admin.get(`/api/documents/${bd}/dashboard${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Json;
};

describe('the dashboard, as of a date', () => {
  it('opens on today in Vietnam, not on the due date of the latest report', async () => {
    const d = await dashboard('');
    expect(d.asOf).toBe(vnToday());
    // The reports counted are of the latest period due by today, one of the listed periods.
    expect(d.periods.length).toBeGreaterThan(0);
    expect(d.reports.periodKey).toBe(d.periods.find((p: Json) => p.dueDate <= d.asOf).key);
  });

  it('counts the reports of the period the viewer picks', async () => {
    const d = await dashboard('');
    const older = d.periods.at(-1).key;
    const picked = await dashboard(`?periodKey=${older}`);
    expect(picked.reports.periodKey).toBe(older);
    const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM reports WHERE document_id = $1 AND period_key = $2', [
      bd,
      older,
    ]);
    expect(picked.reports.expected).toBe(rows[0]!.n);
    const list = (await admin.get(`/api/documents/${bd}/dashboard/list?list=reports&periodKey=${older}`)).json();
    expect(list.rows.every((r: Json) => r.periodKey === older)).toBe(true);
    expect((await admin.get(`/api/documents/${bd}/dashboard?periodKey=2025-Q9`)).statusCode).toBe(400);
  });

  it('has one definition of overdue: the buckets, the heading, the heat map and the list agree with the rule', async () => {
    for (const asOf of ['2024-01-01', '2025-06-30', vnToday()]) {
      const d = await dashboard(`?asOf=${asOf}`);
      // Recomputed from the tasks themselves with the domain rule.
      const { rows: tasks } = await db.query<{ status: string; dueDate: string | null }>(
        `SELECT t.status, to_char(t.due_date, 'YYYY-MM-DD') AS "dueDate" FROM tasks t JOIN document_items i ON i.id = t.item_id JOIN documents doc ON doc.id = i.document_id
          JOIN orgs o ON o.id = t.lead_org_id
         WHERE path_of(t.lead_org_id) <@ (SELECT path FROM orgs WHERE id = $1)
           AND (doc.id = $2 OR doc.id IN (SELECT document_id FROM document_implements))`,
        [d.org.id, bd],
      );
      const overdue = d.tasks.overdue;
      expect(overdue).toBe(d.tasks.counts.overdue);
      expect(TASK_BUCKETS.reduce((a, b) => a + d.tasks.counts[b], 0)).toBe(d.children.reduce((a: number, c: Json) => a + c.tasks.total, 0));
      expect(d.children.reduce((a: number, c: Json) => a + c.tasks.overdue, 0)).toBe(overdue);
      const list = (await admin.get(`/api/documents/${bd}/dashboard/list?list=overdue_tasks&asOf=${asOf}`)).json().rows;
      expect(list).toHaveLength(overdue);
      expect(list.every((t: Json) => t.isOverdue && isTaskOverdue(t as { status: string; dueDate: string | null }, asOf))).toBe(true);
      const byBucket = (await admin.get(`/api/documents/${bd}/dashboard/list?list=tasks&status=overdue&asOf=${asOf}`)).json().rows;
      expect(byBucket).toHaveLength(overdue);
      expect(tasks.filter((t) => taskBucket(t, asOf) === 'overdue').length).toBeGreaterThanOrEqual(overdue);
    }
  });

  it("shows a drilled-down city's own concretized targets beside the province's", async () => {
    const city = (await db.query<{ id: number }>(`SELECT id FROM orgs WHERE name = 'Thành ủy Dĩ An'`)).rows[0]!.id;
    const d = await dashboard(`?orgId=${city}`);
    expect(d.org.id).toBe(city);
    expect(d.concretized).toHaveLength(1);
    const own = d.concretized[0];
    expect(own.document.title).toContain('Thành ủy Dĩ An');
    const grdp = own.targets.find((t: Json) => t.statement?.includes('8,6'));
    expect(grdp.statement).toBe('8,6–8,8%/năm');
    const parent = d.targets.find((t: Json) => grdp.parentItemIds.includes(t.itemId));
    expect(parent.statement).toBe('8,5–8,7%/năm');
    expect((await dashboard('')).concretized).toEqual([]);
  });

  it('exports each target with the goal as written on screen and its period in words', async () => {
    const { default: ExcelJS } = await import('exceljs');
    const d = await dashboard('?asOf=2025-01-20');
    const res = await admin.get(`/api/documents/${bd}/dashboard.xlsx?asOf=2025-01-20`);
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    const header = (sheet.getRow(1).values as unknown[]).map(String);
    const goalCol = header.indexOf('Mục tiêu');
    const periodCol = header.indexOf('Kỳ');
    expect(goalCol).toBeGreaterThan(0);
    d.targets.forEach((t: Json, i: number) => expect(sheet.getRow(i + 2).getCell(goalCol).text).toBe(t.statement ?? ''));
    expect(sheet.getRow(2).getCell(periodCol).text).toBe('Quý IV/2024');
  });
});
