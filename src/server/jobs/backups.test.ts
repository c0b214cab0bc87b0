import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPool, type Db } from '../db/pool';
import { createTestDb } from '../test/db';
import { backupFileName } from './backups';
import { appJobs, jobsSettingsFromEnv } from './jobs';
import { runJob } from './scheduler';

const dir = mkdtempSync(join(tmpdir(), 'resolute-backups-'));
let app: Db;
let drop: () => Promise<void>;

beforeAll(async () => {
  const t = await createTestDb();
  app = createPool(t.appUrl, 3);
  drop = async () => {
    await app.end();
    await t.drop();
  };
});
afterAll(async () => {
  await drop();
  rmSync(dir, { recursive: true, force: true });
});

describe('daily backup job', () => {
  it('is there only when RESOLUTE_BACKUP_DIR is set', () => {
    const settings = jobsSettingsFromEnv({ RESOLUTE_JOBS: 'on' });
    expect(appJobs(settings).map((j) => j.name)).not.toContain('backup');
    expect(appJobs(settings, undefined, { dir, keep: 2 }).map((j) => j.name)).toContain('backup');
  });

  it('backs up once a day as the app role and keeps the newest N files', async () => {
    // Three older backups of ours and a file of someone else's.
    for (const day of [1, 2, 3]) writeFileSync(join(dir, backupFileName(new Date(Date.UTC(2026, 0, day)))), 'old');
    writeFileSync(join(dir, 'notes.txt'), 'keep me');
    const job = appJobs(jobsSettingsFromEnv({ RESOLUTE_JOBS: 'on' }), undefined, { dir, keep: 2 }).find((j) => j.name === 'backup')!;
    const now = new Date();
    const first = await runJob(app, job, { now: () => now });
    expect(first.status).toBe('ok');
    // The two newest of ours (the one just taken and the newest old one), and the other file.
    const files = readdirSync(dir).sort();
    expect(files).toHaveLength(3);
    expect(files.slice(0, 2)).toEqual(['notes.txt', backupFileName(new Date(Date.UTC(2026, 0, 3)))]);
    expect(files[2]).toMatch(new RegExp(`^resolute-${backupFileName(now).slice(9, 17)}-\\d{6}\\.backup\\.gz$`));
    expect((first.result as { tables: number }).tables).toBeGreaterThan(20);
    // Same day: not due again.
    expect((await runJob(app, job, { now: () => new Date(now.getTime() + 60_000) })).status).toBe('skipped');
  });
});
