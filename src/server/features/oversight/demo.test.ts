import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/pool';
import type { TestClient } from '../../test/http';
import { openDemo } from '../../test/demo';

let db: Db;
let admin: TestClient;
let close: () => Promise<void>;

beforeAll(async () => {
  ({ db, admin, close } = await openDemo('old-tree'));
}, 300_000); // includes waiting for another file to build the demo template (test/db.ts)
afterAll(async () => close?.());

describe('oversight demo', () => {
  it('holds the commission’s 2021 and 2023 programs and the Bloc’s own, all marked as sample', async () => {
    const res = await admin.get('/api/oversight/programs');
    expect(res.statusCode).toBe(200);
    const programs = res.json() as { symbol: string; year: number; orgName: string; isSample: boolean }[];
    expect(programs.map((p) => `${p.year} ${p.symbol}`).sort()).toEqual([
      '2021 01-CTr/UBKTTU',
      '2023 01-CTr/UBKTTU',
      '2023 01-CTr/UBKTĐUK',
    ]);
    expect(programs.every((p) => p.isSample)).toBe(true);
  });

  it('holds the supervision of Thành ủy Dĩ An: self-report from the figures, findings on off-track targets, three recommendations, one overdue', async () => {
    const { rows } = await db.query<{ id: number }>(
      `SELECT x.id FROM inspections x JOIN orgs o ON o.id = x.subject_org_id WHERE o.code = 'BD.DIAN'`,
    );
    const x = (await admin.get(`/api/oversight/inspections/${rows[0]!.id}`)).json();
    expect(x.status).toBe('follow_up');
    expect(x.selfReport.figures.documentSymbol).toMatch(/-NQ\/TU$/);
    expect(x.selfReport.figures.targets.total).toBeGreaterThan(0);
    const linked = (x.findings as { itemTexts: string[] | null }[]).filter((f) => f.itemTexts && f.itemTexts.length > 0);
    expect(linked).toHaveLength(2);
    const province = (await db.query<{ id: number }>(`SELECT id FROM orgs WHERE code = 'BD'`)).rows[0]!.id;
    const dash = (await admin.get(`/api/documents/${x.documentId}/dashboard?orgId=${province}`)).json() as {
      targets: { text: string; status: string }[];
    };
    for (const f of linked) {
      for (const text of f.itemTexts!) expect(dash.targets.find((t) => t.text === text)?.status).toBe('off_track');
    }
    expect((x.recommendations as { view: string }[]).map((r) => r.view).sort()).toEqual(['accepted', 'overdue', 'reported']);
    // The team page lists real (sample, disabled) accounts: head, member, secretary.
    expect((x.team as { role: string; fullName: string }[]).map((t) => t.role)).toEqual(['head', 'member', 'secretary']);
    expect((x.team as { fullName: string }[]).every((t) => t.fullName.endsWith('(mẫu)'))).toBe(true);
    const { rows: accounts } = await db.query(
      `SELECT bool_and(u.is_disabled) AS disabled FROM inspection_team it JOIN users u ON u.id = it.user_id`,
    );
    expect(accounts[0]).toEqual({ disabled: true });
    // Each recommendation is a task of Thành ủy Dĩ An.
    const { rows: tasks } = await db.query(
      `SELECT count(*)::int AS n FROM inspection_recommendations r JOIN tasks t ON t.id = r.task_id JOIN orgs o ON o.id = t.lead_org_id WHERE o.code = 'BD.DIAN'`,
    );
    expect(tasks[0]).toEqual({ n: 3 });
  });

  it('holds the Bloc’s closed inspection on admitting members and feeds the dashboard', async () => {
    const bloc = (await db.query<{ id: number }>(`SELECT id FROM orgs WHERE code = 'BD.KHOI'`)).rows[0]!.id;
    const dash = (await admin.get(`/api/oversight/dashboard?orgId=${bloc}&year=2023`)).json();
    expect(dash.coverageYear.covered).toBe(1);
    expect(dash.findingsByTheme.map((t: { theme: string }) => t.theme)).toContain('Kết nạp đảng viên');
    const province = (await db.query<{ id: number }>(`SELECT id FROM orgs WHERE code = 'BD'`)).rows[0]!.id;
    const all = (await admin.get(`/api/oversight/dashboard?orgId=${province}&year=2023`)).json();
    expect(all.coverageYear.covered).toBe(2);
    expect(all.overdue.count).toBe(1);
  });

  it('feeds the Bloc’s target "100% tổ chức đảng được kiểm tra, giám sát" from the conclusions', async () => {
    const { rows } = await db.query<{ id: number; orgId: number }>(
      `SELECT d.id, d.org_id AS "orgId" FROM documents d JOIN document_items i ON i.document_id = d.id JOIN indicators ind ON ind.id = i.indicator_id WHERE ind.code = 'ORG_OVERSIGHT_RATE'`,
    );
    expect(rows).toHaveLength(1);
    const dash = (await admin.get(`/api/documents/${rows[0]!.id}/dashboard?orgId=${rows[0]!.orgId}&asOf=2023-12-31`)).json() as {
      targets: { text: string; source: string; actuals: { periodKey: string; value: number }[] }[];
    };
    const target = dash.targets.find((t) => t.text.startsWith('Trong nhiệm kỳ, 100% tổ chức đảng'))!;
    expect(target.source).toBe('oversight');
    const cov = (await admin.get(`/api/oversight/dashboard?orgId=${rows[0]!.orgId}&year=2023`)).json();
    expect(target.actuals.find((a) => a.periodKey === '2023')!.value).toBe(cov.coverageTerm.percent);
    expect(cov.coverageTerm.covered).toBe(1);
  });
});
