import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/pool';
import { createTestDb } from '../test/db';
import { buildDocument, buildOrg, buildReport, buildUser } from '../test/factories';
import { jobsSettingsFromEnv, startJobs } from './jobs';
import { runJob, startScheduler, type Job } from './scheduler';

let db: Db;
let drop: () => Promise<void>;

beforeAll(async () => {
  ({ db, drop } = await createTestDb());
});
afterAll(async () => {
  await drop();
});

describe('job settings', () => {
  it('are on by default, off with RESOLUTE_JOBS=off, off under Vitest unless turned on', () => {
    expect(jobsSettingsFromEnv({})).toMatchObject({ isEnabled: true, tickMs: 60_000, smtp: null });
    expect(jobsSettingsFromEnv({ RESOLUTE_JOBS: 'off' }).isEnabled).toBe(false);
    expect(jobsSettingsFromEnv({ VITEST: 'true' }).isEnabled).toBe(false);
    expect(jobsSettingsFromEnv({ VITEST: 'true', RESOLUTE_JOBS: 'on' }).isEnabled).toBe(true);
    expect(() => jobsSettingsFromEnv({ RESOLUTE_JOBS_TICK_MS: '5' })).toThrow(/RESOLUTE_JOBS_TICK_MS/);
    // This very run: tests start servers with the jobs off.
    expect(jobsSettingsFromEnv().isEnabled).toBe(process.env.RESOLUTE_JOBS === 'on');
    expect(startJobs(db, { settings: { isEnabled: false, tickMs: 1000, smtp: null } })).toBeNull();
  });
});

describe('the scheduler', () => {
  it('runs the reminders at start-up, records the run, and not again the same day', async () => {
    const province = await buildOrg(db);
    const ward = await buildOrg(db, { parent: province, kind: 'commune_committee' });
    const reporter = await buildUser(db, [{ org: ward, role: 'reporter' }]);
    await db.query(`UPDATE users SET email = 'ward@example.vn' WHERE id = $1`, [reporter.id]);
    const doc = await buildDocument(db, province, { number: 1, symbol: '01-NQ', title: 'Nghị quyết thử' });
    // Long overdue: the reminder job of any day picks it up.
    await buildReport(db, doc, ward, { dueDate: '2024-04-10' });

    const jobs = startJobs(db, { settings: { isEnabled: true, tickMs: 60_000, smtp: null } })!;
    const first = await jobs.tick();
    expect(first).toEqual([
      expect.objectContaining({
        name: 'report-reminders',
        status: 'ok',
        result: expect.objectContaining({ notifications: 1, mails: 1, smtp: false }),
      }),
      expect.objectContaining({ name: 'grading-reminders', status: 'ok', result: expect.objectContaining({ notifications: 0 }) }),
      expect.objectContaining({ name: 'consultation-reminders', status: 'ok', result: expect.objectContaining({ notifications: 0 }) }),
      { name: 'oversight-escalations', status: 'ok', result: { escalated: 0 } },
      expect.objectContaining({ name: 'registry-review-reminders', status: 'ok', result: expect.objectContaining({ notifications: 0 }) }),
      expect.objectContaining({ name: 'followup-escalations', status: 'ok' }),
    ]);
    // The next tick the same day finds the jobs done.
    expect(await jobs.tick()).toEqual([
      { name: 'report-reminders', status: 'skipped' },
      { name: 'grading-reminders', status: 'skipped' },
      { name: 'consultation-reminders', status: 'skipped' },
      { name: 'oversight-escalations', status: 'skipped' },
      { name: 'registry-review-reminders', status: 'skipped' },
      { name: 'followup-escalations', status: 'skipped' },
    ]);
    await jobs.stop();
    const { rows } = await db.query(`SELECT last_status, runs FROM job_runs WHERE name = 'report-reminders'`);
    expect(rows[0]).toMatchObject({ last_status: 'ok', runs: 1 });
    const { rows: n } = await db.query(`SELECT count(*)::int AS n FROM notifications WHERE user_id = $1 AND kind = 'report_due'`, [
      reporter.id,
    ]);
    expect(n[0].n).toBe(1);
    const { rows: mail } = await db.query(`SELECT status FROM mail_outbox WHERE to_address = 'ward@example.vn'`);
    expect(mail).toEqual([{ status: 'held' }]);
  });

  it('lets one process run a job at a time: a held lock makes the others skip it', async () => {
    let runs = 0;
    const job: Job = {
      name: 'test-slow',
      isDue: () => true,
      run: async () => {
        runs += 1;
        await new Promise((r) => setTimeout(r, 200));
        return { runs };
      },
    };
    const outcomes = await Promise.all([runJob(db, job), runJob(db, job), runJob(db, job)]);
    expect(outcomes.map((o) => o.status).sort()).toEqual(['ok', 'skipped', 'skipped']);
    expect(runs).toBe(1);
  });

  it('runs a start-up job once when two processes start one after the other', async () => {
    let runs = 0;
    const job: Job = {
      name: 'test-at-start',
      isDue: () => false,
      runAtStart: true,
      run: async () => ({ runs: (runs += 1) }),
    };
    const first = startScheduler(db, [job], { tickMs: 60_000 });
    await first.stop();
    const second = startScheduler(db, [job], { tickMs: 60_000 });
    await second.stop();
    expect(runs).toBe(1);
    const { rows } = await db.query(`SELECT runs FROM job_runs WHERE name = 'test-at-start'`);
    expect(rows[0]).toMatchObject({ runs: 1 });
  });

  it('records a failed run with its error and keeps ticking', async () => {
    const lines: string[] = [];
    const job: Job = {
      name: 'test-failing',
      isDue: () => true,
      runAtStart: true,
      run: async () => {
        throw new Error('Máy chủ thư không trả lời');
      },
    };
    const s = startScheduler(db, [job], { tickMs: 60_000, log: (l) => lines.push(l) });
    expect(await s.tick()).toEqual([{ name: 'test-failing', status: 'failed', error: 'Máy chủ thư không trả lời' }]);
    expect((await s.tick())[0]!.status).toBe('failed');
    await s.stop();
    const { rows } = await db.query(`SELECT last_status, last_error, runs FROM job_runs WHERE name = 'test-failing'`);
    expect(rows[0]).toMatchObject({ last_status: 'failed', last_error: 'Máy chủ thư không trả lời', runs: 2 });
    expect(lines[0]).toContain('test-failing');
  });
});
