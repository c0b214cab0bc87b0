/**
 * The app's background jobs, started by startServer (src/server/server.ts) and stopped on
 * shutdown:
 * - `report-reminders`: due and overdue report reminders (reminders.service), once a day by
 *   Vietnam's calendar and once at start-up; the service's dedupe keys make a rerun harmless;
 * - `grading-reminders`: a round's deadlines (grading), daily and at start-up, deduped the same way;
 * - `mail-sender`: with SMTP settings (SMTP_HOST…), delivers the pending outbox every tick;
 * - `oversight-escalations`: recommendations of inspections past their deadline and still
 *   waiting for the subject are notified to the committee that ran the file, once a day by
 *   Vietnam's calendar; each is escalated once (escalated_on), so a rerun finds nothing new;
 * - `registry-review-reminders`: probation reviews due within 30 days or past due, to the
 *   managers of the member's cell and its committee, once a day; each sent once (dedupe keys);
 * - `followup-escalations`: reports not submitted, approvals not given and explanations not
 *   answered N days after their due date are raised to the managers of the org above, daily;
 *   each once (the escalations table's unique key);
 * - `backup`: with RESOLUTE_BACKUP_DIR, a backup once a day keeping the newest N (./backups).
 *
 * RESOLUTE_JOBS=off turns them off; they are off under Vitest unless RESOLUTE_JOBS=on (a test
 * that wants them calls startJobs itself). RESOLUTE_JOBS_TICK_MS sets the tick (60 s).
 */
import type { Db } from '../db/pool';
import { createTransport, deliverOutbox, smtpSettingsFromEnv, type MailTransport, type SmtpSettings } from '../features/mail';
import { sendReminders } from '../features/reports/reminders.service';
import { sendGradingReminders } from '../features/grading';
import { sendConsultationReminders } from '../features/consultation';
import { escalateOverdue } from '../features/oversight/follow-up.service';
import { sendReviewReminders } from '../features/registry';
import { escalateFollowUp } from '../features/reports/escalations.service';
import { vnToday } from '../../domain/vn-time';
import { runDailyBackup } from './backups';
import { startScheduler, type Job, type Scheduler } from './scheduler';

export type BackupSettings = { dir: string; keep: number };

export type JobsSettings = { isEnabled: boolean; tickMs: number; smtp: SmtpSettings | null };

export function jobsSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): JobsSettings {
  const flag = env.RESOLUTE_JOBS?.trim().toLowerCase();
  const isEnabled =
    flag === 'off' || flag === '0' || flag === 'false' ? false : flag === 'on' || flag === '1' || flag === 'true' ? true : !env.VITEST;
  const tickMs = env.RESOLUTE_JOBS_TICK_MS ? Number(env.RESOLUTE_JOBS_TICK_MS) : 60_000;
  if (!Number.isFinite(tickMs) || tickMs < 100)
    throw new Error(`RESOLUTE_JOBS_TICK_MS không hợp lệ: "${env.RESOLUTE_JOBS_TICK_MS}" (at least 100 ms)`);
  return { isEnabled, tickMs, smtp: smtpSettingsFromEnv(env) };
}

/** The jobs for these settings; `transport` replaces the SMTP transport (tests). */
export function appJobs(settings: JobsSettings, transport?: MailTransport, backup?: BackupSettings | null): Job[] {
  const jobs: Job[] = [
    {
      name: 'report-reminders',
      runAtStart: true,
      isDue: (last, now) => last === null || vnToday(last) < vnToday(now),
      run: (db) => sendReminders(db),
    },
    {
      name: 'grading-reminders',
      runAtStart: true,
      isDue: (last, now) => last === null || vnToday(last) < vnToday(now),
      run: (db) => sendGradingReminders(db),
    },
    {
      name: 'consultation-reminders',
      isDue: (last, now) => last === null || vnToday(last) < vnToday(now),
      run: (db) => sendConsultationReminders(db),
    },
    {
      name: 'oversight-escalations',
      isDue: (last, now) => last === null || vnToday(last) < vnToday(now),
      run: async (db) => ({ escalated: await escalateOverdue(db, null) }),
    },
    {
      name: 'registry-review-reminders',
      isDue: (last, now) => last === null || vnToday(last) < vnToday(now),
      run: (db) => sendReviewReminders(db),
    },
    {
      name: 'followup-escalations',
      isDue: (last, now) => last === null || vnToday(last) < vnToday(now),
      run: (db) => escalateFollowUp(db),
    },
  ];
  if (backup) {
    jobs.push({
      name: 'backup',
      isDue: (last, now) => last === null || vnToday(last) < vnToday(now),
      run: (db) => runDailyBackup(db, backup),
    });
  }
  const smtp = settings.smtp;
  if (smtp) {
    const mail = transport ?? createTransport(smtp);
    jobs.push({ name: 'mail-sender', runAtStart: true, isDue: () => true, run: (db) => deliverOutbox(db, mail, smtp.from) });
  }
  return jobs;
}

/** Starts the jobs, or nothing when they are off; the result's stop() is always safe to call. */
export function startJobs(
  db: Db,
  opts: { settings?: JobsSettings; transport?: MailTransport; log?: (line: string) => void; backup?: BackupSettings | null } = {},
): Scheduler | null {
  const settings = opts.settings ?? jobsSettingsFromEnv();
  if (!settings.isEnabled) return null;
  return startScheduler(db, appJobs(settings, opts.transport, opts.backup), { tickMs: settings.tickMs, log: opts.log });
}
