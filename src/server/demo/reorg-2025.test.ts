/**
 * The demo's 2025 reorganization keeps the old term answerable: Bình Dương's and the Bloc's
 * 2020–2025 dashboards, asked for a day before the merge, answer on today's demo (the province
 * merged into the city, the Bloc ended, Dĩ An's wards merged) exactly as they did on the old
 * tree. Both demos hold the same ids: today's is the old tree's copy with the operations run on it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/pool';
import { systemActor } from '../lib/actor';
import { getDashboard } from '../features/reports/dashboard.service';
import { drillIndicator, getIndicators } from '../features/registry/indicators.service';
import { createDemoTestDb } from '../test/db';

let old: { db: Db; drop: () => Promise<void> };
let today: { db: Db; drop: () => Promise<void> };

beforeAll(async () => {
  old = await createDemoTestDb('old-tree');
  today = await createDemoTestDb('today');
}, 300_000); // includes waiting for another file to build the demo templates (test/db.ts)
afterAll(async () => {
  await old?.drop();
  await today?.drop();
});

/**
 * The figures of a dashboard a leader quotes. Left out: the org's own place (today's) and open
 * explanation requests, which an operation hands to the successor to answer (its work now).
 * Open tasks handed on are counted where they were led on the day asked for.
 */
const figures = (d: Awaited<ReturnType<typeof getDashboard>>) => ({
  targets: d.targets.map(({ openExplanations: _e, ...target }) => target),
  members: d.members,
  reports: d.reports,
  tasks: d.tasks,
  children: d.children,
});

describe('the demo after the 2025 reorganization', () => {
  it('answers the 2020–2025 dashboards of Bình Dương and the Bloc as of a day before the merge exactly as before it', async () => {
    const { rows: docs } = await today.db.query<{ id: number; code: string }>(
      `SELECT d.id::int, o.code FROM documents d JOIN orgs o ON o.id = d.org_id
        WHERE d.kind = 'resolution' AND d.term = '2020-2025' AND o.code IN ('BD', 'BD.KHOI') ORDER BY o.code`,
    );
    expect(docs.map((d) => d.code)).toEqual(['BD', 'BD.KHOI']);
    for (const doc of docs)
      for (const asOf of ['2023-12-31', '2025-06-30']) {
        const before = await getDashboard(old.db, systemActor(), doc.id, { asOf });
        const after = await getDashboard(today.db, systemActor(), doc.id, { asOf });
        expect(figures(after), `${doc.code} ${asOf}`).toEqual(figures(before));
      }
  });

  it('answers the closed Bloc’s registry figures and lists on its last tree, up to its last day', async () => {
    const { rows } = await today.db.query<{ id: number }>(`SELECT id::int FROM orgs WHERE code = 'BD.KHOI'`);
    const orgId = rows[0]!.id;
    const term = { orgId, from: '2021-01-01', to: '2025-06-30' };
    const before = await getIndicators(old.db, systemActor(), term);
    expect(before.figures.admitted).toBeGreaterThan(0);
    expect(await getIndicators(today.db, systemActor(), term)).toEqual(before);
    // Asked past its last day, it stops there: its cells' admissions since are their new committee's.
    const longer = await getIndicators(today.db, systemActor(), { ...term, to: '2026-12-31' });
    expect(longer.figures).toEqual(before.figures);
    const list = (db: Db) => drillIndicator(db, systemActor(), { ...term, indicator: 'admitted_nse' });
    const listBefore = await list(old.db);
    expect(listBefore.total).toBe(before.figures.admitted_nse);
    expect(await list(today.db)).toEqual(listBefore);
  });
});
