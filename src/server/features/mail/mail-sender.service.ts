/**
 * Delivery of the mail outbox by SMTP. The reminders put mail in `mail_outbox`: 'pending' when
 * SMTP is configured, 'held' (read in the outbox page by admins) when it is not. The sender job
 * (src/server/jobs) takes pending mail one message per transaction, sends it with nodemailer and
 * marks it sent, or counts the failed attempt and retries later; after MAX_ATTEMPTS it is
 * 'failed' with the last error. `FOR UPDATE SKIP LOCKED` lets several app processes send at
 * once without sending a message twice. A crash between the SMTP answer and the commit sends
 * that one message again on the next run (at least once, never lost).
 */
import nodemailer, { type Transporter } from 'nodemailer';
import type { Db } from '../../db/pool';
import { inTransaction } from '../../db/pool';
import { systemActor } from '../../lib/actor';
import { recordAudit } from '../../lib/audit';

export type SmtpSettings = { host: string; port: number; secure: boolean; user: string | null; password: string | null; from: string };

export const MAX_ATTEMPTS = 5;

/** SMTP settings from SMTP_HOST, SMTP_PORT, SMTP_USER, SMTP_PASSWORD, SMTP_FROM, SMTP_SECURE; null without SMTP_HOST. */
export function smtpSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): SmtpSettings | null {
  const host = env.SMTP_HOST?.trim();
  if (!host) return null;
  const secure = env.SMTP_SECURE === '1' || env.SMTP_SECURE === 'true';
  const port = env.SMTP_PORT ? Number(env.SMTP_PORT) : secure ? 465 : 587;
  if (!Number.isInteger(port) || port <= 0 || port > 65535) {
    throw new Error(`SMTP_PORT không hợp lệ: "${env.SMTP_PORT}" (SMTP_PORT must be a number 1-65535)`);
  }
  return {
    host,
    port,
    secure,
    user: env.SMTP_USER || null,
    password: env.SMTP_PASSWORD || null,
    from: env.SMTP_FROM || `Resolute <no-reply@${host}>`,
  };
}

/** The minutes to wait after the n-th failed attempt: 1, 5, 25, 125. */
const retryDelayMinutes = (attempts: number) => 5 ** (attempts - 1);

export type MailTransport = Pick<Transporter, 'sendMail'>;

export function createTransport(s: SmtpSettings): Transporter {
  return nodemailer.createTransport({
    host: s.host,
    port: s.port,
    secure: s.secure,
    auth: s.user ? { user: s.user, pass: s.password ?? '' } : undefined,
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 30_000,
  });
}

type OutboxRow = { id: number; toAddress: string; subject: string; body: string; attempts: number };

/**
 * Sends up to `limit` pending messages that are due; returns how many were sent and failed
 * (an attempt that will be retried counts as failed too).
 */
export async function deliverOutbox(
  db: Db,
  transport: MailTransport,
  from: string,
  limit = 100,
): Promise<{ sent: number; failed: number }> {
  const actor = systemActor('Gửi thư');
  let sent = 0;
  let failed = 0;
  for (let k = 0; k < limit; k++) {
    const handled = await inTransaction(db, async (tx) => {
      const { rows } = await tx.query<OutboxRow>(
        `SELECT id, to_address AS "toAddress", subject, body, attempts FROM mail_outbox
          WHERE status = 'pending' AND (next_attempt_at IS NULL OR next_attempt_at <= now())
          ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED`,
      );
      const m = rows[0];
      if (!m) return false;
      try {
        const info = await transport.sendMail({ from, to: m.toAddress, subject: m.subject, text: m.body });
        await tx.query(
          `UPDATE mail_outbox SET status = 'sent', sent_at = now(), attempts = attempts + 1, last_attempt_at = now(), error = NULL,
                  next_attempt_at = NULL, message_id = $2 WHERE id = $1`,
          [m.id, (info as { messageId?: string }).messageId ?? null],
        );
        await recordAudit(tx, actor, {
          action: 'send',
          entity: 'mail',
          entityId: m.id,
          orgId: null,
          orgPath: null,
          summary: `Đã gửi thư tới ${m.toAddress}`,
        });
        sent += 1;
      } catch (err) {
        const attempts = m.attempts + 1;
        const isFinal = attempts >= MAX_ATTEMPTS;
        const error = (err as Error).message.slice(0, 1000);
        await tx.query(
          `UPDATE mail_outbox SET status = $2, attempts = $3, last_attempt_at = now(), error = $4,
                  next_attempt_at = CASE WHEN $2 = 'pending' THEN now() + make_interval(mins => $5) END WHERE id = $1`,
          [m.id, isFinal ? 'failed' : 'pending', attempts, error, retryDelayMinutes(attempts)],
        );
        await recordAudit(tx, actor, {
          action: isFinal ? 'send_failed' : 'send_retry',
          entity: 'mail',
          entityId: m.id,
          orgId: null,
          orgPath: null,
          summary: `Gửi thư tới ${m.toAddress} không được (lần ${attempts}): ${error.slice(0, 200)}`,
        });
        failed += 1;
      }
      return true;
    });
    if (!handled) break;
  }
  return { sent, failed };
}
