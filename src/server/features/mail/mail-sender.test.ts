import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../db/pool';
import { startJobs } from '../../jobs/jobs';
import { createTestDb } from '../../test/db';
import { createTransport, deliverOutbox, MAX_ATTEMPTS, smtpSettingsFromEnv, type SmtpSettings } from './mail-sender.service';

type Received = { from: string; to: string[]; data: string };

/**
 * A minimal SMTP server on loopback that records what it receives. `rejectRcpt` makes it
 * refuse every recipient (a permanent 550), to see the sender count and give up.
 */
async function startSmtpServer(): Promise<{
  port: number;
  received: Received[];
  setRejectRcpt: (v: boolean) => void;
  close: () => Promise<void>;
}> {
  const received: Received[] = [];
  let rejectRcpt = false;
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.setEncoding('utf8');
    let buffer = '';
    let inData = false;
    let current: Received = { from: '', to: [], data: '' };
    const reply = (line: string) => socket.write(`${line}\r\n`);
    reply('220 test.local ESMTP');
    socket.on('data', (chunk: string) => {
      buffer += chunk;
      for (;;) {
        if (inData) {
          const end = buffer.indexOf('\r\n.\r\n');
          if (end < 0) return;
          current.data = buffer.slice(0, end);
          buffer = buffer.slice(end + 5);
          inData = false;
          received.push(current);
          current = { from: '', to: [], data: '' };
          reply('250 OK queued');
          continue;
        }
        const nl = buffer.indexOf('\r\n');
        if (nl < 0) return;
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 2);
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO') socket.write('250-test.local\r\n250 8BITMIME\r\n');
        else if (verb === 'HELO') reply('250 test.local');
        else if (verb === 'MAIL') {
          current.from = line.slice(10);
          reply('250 OK');
        } else if (verb === 'RCPT') {
          if (rejectRcpt) reply('550 No such user');
          else {
            current.to.push(line.slice(8));
            reply('250 OK');
          }
        } else if (verb === 'DATA') {
          inData = true;
          reply('354 End data with <CR><LF>.<CR><LF>');
        } else if (verb === 'RSET') {
          current = { from: '', to: [], data: '' };
          reply('250 OK');
        } else if (verb === 'QUIT') {
          reply('221 Bye');
          socket.end();
        } else reply('250 OK');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    port,
    received,
    setRejectRcpt: (v) => {
      rejectRcpt = v;
    },
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

let db: Db;
let drop: () => Promise<void>;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let settings: SmtpSettings;

beforeAll(async () => {
  ({ db, drop } = await createTestDb());
  smtp = await startSmtpServer();
  settings = smtpSettingsFromEnv({ SMTP_HOST: '127.0.0.1', SMTP_PORT: String(smtp.port), SMTP_FROM: 'Resolute <resolute@example.vn>' })!;
});
afterAll(async () => {
  await smtp.close();
  await drop();
});
beforeEach(async () => {
  smtp.received.length = 0;
  smtp.setRejectRcpt(false);
  await db.query('DELETE FROM mail_outbox');
});

const queue = async (to: string, status = 'pending') =>
  (
    await db.query<{ id: number }>(
      `INSERT INTO mail_outbox (to_address, subject, body, status) VALUES ($1, '[Resolute] Báo cáo sắp đến hạn: Phường Đông Hòa — 2024-Q2', 'Vui lòng hoàn thành báo cáo.', $2) RETURNING id`,
      [to, status],
    )
  ).rows[0]!.id;
const outboxRow = async (id: number) =>
  (
    await db.query<{ status: string; attempts: number; error: string | null; sent_at: Date | null }>(
      'SELECT status, attempts, error, sent_at FROM mail_outbox WHERE id = $1',
      [id],
    )
  ).rows[0]!;

describe('SMTP settings', () => {
  it('are off without SMTP_HOST and read port, security and sender from the environment', () => {
    expect(smtpSettingsFromEnv({})).toBeNull();
    expect(smtpSettingsFromEnv({ SMTP_HOST: 'mail.example.vn', SMTP_SECURE: 'true' })).toMatchObject({
      port: 465,
      secure: true,
      user: null,
    });
    expect(smtpSettingsFromEnv({ SMTP_HOST: 'mail.example.vn', SMTP_USER: 'u', SMTP_PASSWORD: 'p' })).toMatchObject({
      port: 587,
      secure: false,
      user: 'u',
      password: 'p',
    });
    expect(() => smtpSettingsFromEnv({ SMTP_HOST: 'mail.example.vn', SMTP_PORT: 'x' })).toThrow(/SMTP_PORT/);
  });
});

describe('the mail sender', () => {
  it('delivers a pending message once and marks it sent, with an audit row', async () => {
    const id = await queue('ward@example.vn');
    const held = await queue('held@example.vn', 'held');
    expect(await deliverOutbox(db, createTransport(settings), settings.from)).toEqual({ sent: 1, failed: 0 });
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0]!.to).toEqual(['<ward@example.vn>']);
    expect(smtp.received[0]!.data).toContain('Subject: =?UTF-8?');
    expect(await outboxRow(id)).toMatchObject({ status: 'sent', attempts: 1, error: null });
    expect((await outboxRow(held)).status).toBe('held');
    // A second run finds nothing to send.
    expect(await deliverOutbox(db, createTransport(settings), settings.from)).toEqual({ sent: 0, failed: 0 });
    expect(smtp.received).toHaveLength(1);
    const { rows } = await db.query(`SELECT action FROM audit_log WHERE entity = 'mail' AND entity_id = $1`, [String(id)]);
    expect(rows.map((r) => r.action)).toEqual(['send']);
  });

  it('counts a refused attempt, retries later and gives up after the last attempt with the error', async () => {
    smtp.setRejectRcpt(true);
    const id = await queue('nobody@example.vn');
    expect(await deliverOutbox(db, createTransport(settings), settings.from)).toEqual({ sent: 0, failed: 1 });
    let row = await outboxRow(id);
    expect(row).toMatchObject({ status: 'pending', attempts: 1 });
    expect(row.error).toMatch(/550/);
    // Not due yet: the retry waits.
    expect(await deliverOutbox(db, createTransport(settings), settings.from)).toEqual({ sent: 0, failed: 0 });
    for (let k = 2; k <= MAX_ATTEMPTS; k++) {
      await db.query('UPDATE mail_outbox SET next_attempt_at = now() WHERE id = $1', [id]);
      await deliverOutbox(db, createTransport(settings), settings.from);
    }
    row = await outboxRow(id);
    expect(row).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS });
    expect(smtp.received).toHaveLength(0);
  });

  it('runs as a job when SMTP is configured: the message arrives once', async () => {
    const id = await queue('city@example.vn');
    const jobs = startJobs(db, { settings: { isEnabled: true, tickMs: 60_000, smtp: settings } })!;
    const outcomes = await jobs.tick();
    await jobs.stop();
    expect(outcomes.find((o) => o.name === 'mail-sender')).toMatchObject({ status: 'ok', result: { sent: 1, failed: 0 } });
    expect(smtp.received).toHaveLength(1);
    expect((await outboxRow(id)).status).toBe('sent');
  });
});
