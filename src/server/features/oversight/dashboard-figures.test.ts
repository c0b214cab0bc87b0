import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/pool';
import { createTestDb } from '../../test/db';
import { buildOrg, buildTask, type TestOrg } from '../../test/factories';
import { systemActor } from '../../lib/actor';
import { vnToday } from '../../../domain/vn-time';
import { getOversightDashboard } from './oversight-dashboard.service';

/**
 * The commission dashboard's figures recomputed from their parts: the overdue recommendations
 * (read on the tables for speed) against the `recommendation_follow_up` view every other
 * reader uses, and the files by kind and theme against the inspection rows. The files are
 * written directly: the workflow that makes them is tested in oversight.test.ts.
 */
let db: Db;
let drop: () => Promise<void>;
let province: TestOrg, diAn: TestOrg, thuanAn: TestOrg, ward: TestOrg, cell: TestOrg;
const today = vnToday();
const year = Number(today.slice(0, 4));

async function file(subject: TestOrg, status: string, kind = 'supervision', theme = 'Thực hiện Nghị quyết Đại hội') {
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO inspections (org_id, kind, basis, responsible_body, subject_org_id, content, theme, period_start, period_end, year, status,
                              strengths, limitations, shortcomings, violations)
     VALUES ($1, $2, 'thematic', 'inspection_commission', $3, 'Giám sát', $4, make_date($5, 1, 1), make_date($5, 12, 31), $5, $6, 1, 2, 0, 1) RETURNING id`,
    [province.id, kind, subject.id, theme, year, status],
  );
  return rows[0]!.id;
}

let position = 0;
/** A recommendation of `inspectionId` owned by `owner`, issued with `deadline`, with its task in `task` (none when null). */
async function rec(
  inspectionId: number,
  owner: TestOrg,
  deadline: string,
  task: { status: string; due: string } | null,
  decision: 'accepted' | 'reopened' | null = null,
) {
  let taskId: number | null = null;
  if (task) {
    taskId = await buildTask(db, province, { lead: owner, dueDate: task.due });
    await db.query(`UPDATE tasks SET status = $2, progress = CASE WHEN $2 = 'done' THEN 100 ELSE 0 END WHERE id = $1`, [
      taskId,
      task.status,
    ]);
  }
  await db.query(
    `INSERT INTO inspection_recommendations (inspection_id, position, text, owner_org_id, deadline, task_id, decision)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [inspectionId, ++position, `Kiến nghị ${position}`, owner.id, deadline, taskId, decision],
  );
}

beforeAll(async () => {
  ({ db, drop } = await createTestDb());
  province = await buildOrg(db, { name: 'Tỉnh ủy' });
  diAn = await buildOrg(db, { parent: province, kind: 'district_committee', name: 'Thành ủy Dĩ An' });
  thuanAn = await buildOrg(db, { parent: province, kind: 'district_committee', name: 'Thành ủy Thuận An' });
  ward = await buildOrg(db, { parent: diAn, kind: 'commune_committee', name: 'Đảng ủy phường Tân Đông Hiệp' });
  cell = await buildOrg(db, { parent: ward, name: 'Chi bộ 1' });

  const past = '2020-03-31';
  const future = `${year + 1}-12-31`;
  const wardFile = await file(ward, 'follow_up');
  await rec(wardFile, ward, past, { status: 'not_started', due: past }); // overdue
  await rec(wardFile, ward, past, { status: 'in_progress', due: past }, 'reopened'); // overdue, reopened
  await rec(wardFile, ward, past, { status: 'done', due: past }); // reported: not overdue
  await rec(wardFile, ward, past, { status: 'done', due: past }, 'accepted'); // accepted
  await rec(wardFile, ward, past, { status: 'not_started', due: future }); // its task was given more time
  await rec(wardFile, cell, future, { status: 'cancelled', due: past }); // cancelled task: still open by the view
  const cellFile = await file(cell, 'follow_up', 'inspection', 'Kết nạp đảng viên');
  await rec(cellFile, cell, '2021-06-30', null); // no task (written before tasks were made): the deadline issued
  await rec(cellFile, cell, future, null);
  const thuanAnFile = await file(thuanAn, 'follow_up');
  await rec(thuanAnFile, thuanAn, past, { status: 'not_started', due: '2019-12-31' });
  // Files not in follow-up never count, whatever their recommendations.
  const closed = await file(diAn, 'closed');
  await rec(closed, diAn, past, { status: 'not_started', due: past });
  const concluded = await file(thuanAn, 'concluded', 'inspection');
  await rec(concluded, thuanAn, past, null);
  await file(diAn, 'notified', 'inspection', 'Kết nạp đảng viên');
});
afterAll(async () => drop?.());

type Dashboard = Awaited<ReturnType<typeof getOversightDashboard>>;
const dashboardOf = (org: TestOrg): Promise<Dashboard> => getOversightDashboard(db, systemActor(), { orgId: org.id, year });

/** The overdue recommendations below `org`, read through the view, with the child branch each lies under. */
async function overdueFromView(org: TestOrg) {
  const { rows } = await db.query<{ id: number; deadline: string; childId: number | null }>(
    `SELECT r.id, to_char(r.deadline, 'YYYY-MM-DD') AS deadline,
            CASE WHEN so.id = $2 THEN NULL ELSE subpath(so.path, nlevel($1::ltree), 1)::text::bigint END AS "childId"
       FROM recommendation_follow_up r JOIN inspections x ON x.id = r.inspection_id JOIN orgs so ON so.id = x.subject_org_id
      WHERE r.status IN ('open','reopened') AND r.deadline < $3::date AND x.status = 'follow_up' AND so.path <@ $1::ltree
      ORDER BY r.deadline, r.id`,
    [org.path, org.id, today],
  );
  return rows;
}

describe('the commission dashboard’s figures, recomputed from their parts', () => {
  it('counts the overdue recommendations the follow-up view calls open or reopened past their due date, per child', async () => {
    const expected = await overdueFromView(province);
    // 2 on the ward, 1 cancelled task on the ward's file, 1 without a task on the cell, 1 on Thuận An.
    expect(expected).toHaveLength(5);
    const dash = await dashboardOf(province);
    expect(dash.overdue.count).toBe(expected.length);
    expect(dash.overdue.items.map((i) => i.id)).toEqual(expected.map((r) => r.id));
    expect(dash.overdue.items.map((i) => i.deadline)).toEqual(expected.map((r) => r.deadline));
    const perChild = (childId: number) => expected.filter((r) => r.childId === childId).length;
    expect(dash.children.map((c) => [c.orgId, c.overdue])).toEqual(
      expect.arrayContaining([
        [diAn.id, perChild(diAn.id)],
        [thuanAn.id, perChild(thuanAn.id)],
      ]),
    );
    expect(perChild(diAn.id)).toBe(4);
    const first = dash.overdue.items[0]!;
    expect(first).toMatchObject({ ownerOrgName: 'Thành ủy Thuận An', subjectOrgName: 'Thành ủy Thuận An', deadline: '2019-12-31' });
  });

  it('counts the drilled-down org’s own overdue recommendations in the total, not in a child', async () => {
    const expected = await overdueFromView(ward);
    const dash = await dashboardOf(ward);
    expect(dash.overdue.count).toBe(expected.length);
    expect(dash.children.reduce((s, c) => s + c.overdue, 0)).toBe(expected.filter((r) => r.childId !== null).length);
    expect(expected.filter((r) => r.childId === null)).toHaveLength(3);
  });

  it('sums the year’s files by kind and theme from the inspection rows', async () => {
    const { rows } = await db.query<{ kind: string; theme: string; concluded: boolean; n: number; findings: number }>(
      `SELECT x.kind, x.theme, x.status IN ('concluded','follow_up','closed') AS concluded, count(*)::int AS n,
              sum(x.strengths + x.limitations + x.shortcomings + x.violations)::int AS findings
         FROM inspections x JOIN orgs so ON so.id = x.subject_org_id WHERE x.year = $2 AND so.path <@ $1::ltree GROUP BY 1, 2, 3`,
      [province.path, year],
    );
    const dash = await dashboardOf(province);
    for (const kind of ['inspection', 'supervision'] as const) {
      const of = (c: boolean) => rows.filter((r) => r.kind === kind && r.concluded === c).reduce((s, r) => s + r.n, 0);
      expect(dash.byKind[kind]).toEqual({ concluded: of(true), ongoing: of(false) });
    }
    const total = rows.reduce((s, r) => s + r.findings, 0);
    expect(Object.values(dash.findingsByKind).reduce((a, b) => a + b, 0)).toBe(total);
    expect(dash.findingsByTheme.map((t) => [t.theme, t.files])).toEqual([
      ['Thực hiện Nghị quyết Đại hội', rows.filter((r) => r.theme.startsWith('Thực')).reduce((s, r) => s + r.n, 0)],
      ['Kết nạp đảng viên', rows.filter((r) => r.theme.startsWith('Kết')).reduce((s, r) => s + r.n, 0)],
    ]);
  });
});
