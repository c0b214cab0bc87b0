/**
 * A lean HTTP/1.1 load generator for loopback benchmarks: keep-alive connections, one request
 * in flight per connection, requests built by the caller, responses parsed only as far as the
 * status and length. On a two-core machine the load generator shares the CPU with the server
 * and the database; this one costs a fraction of what a general-purpose tool does per request,
 * so the figures measure the server.
 */
import { connect, type Socket } from 'node:net';

export type LoadRequest = { body: string; headers: Record<string, string>; tag: number };
export type LoadResult = {
  requests: number;
  ok: number;
  non2xx: number;
  errors: number;
  /** Requests sent and never answered: their connection closed or failed first. */
  unanswered: number;
  /** Tags of the requests answered 2xx. */
  okTags: number[];
  statuses: Record<number, number>;
  latency: { p50: number; p90: number; p99: number; max: number };
  seconds: number;
};

export async function runLoad(opts: {
  port: number;
  path: string;
  connections: number;
  durationMs: number;
  next: () => LoadRequest | null;
  /** Called after each 2xx answer with the number of 2xx answers so far (tests act on progress, not on a timer). */
  onOk?: (ok: number) => void;
}): Promise<LoadResult> {
  const latencies: number[] = [];
  const okTags: number[] = [];
  const statuses: Record<number, number> = {};
  let requests = 0;
  let ok = 0;
  let non2xx = 0;
  let errors = 0;
  let unanswered = 0;
  const started = performance.now();
  const deadline = started + opts.durationMs;
  const prefix = `POST ${opts.path} HTTP/1.1\r\nhost: 127.0.0.1:${opts.port}\r\n`;

  const runConnection = () =>
    new Promise<void>((resolve) => {
      let buf: Buffer = Buffer.alloc(0);
      let sentAt = 0;
      let tag = 0;
      let finished = false;
      let isWaiting = false;
      const finish = () => {
        if (finished) return;
        finished = true;
        if (isWaiting) unanswered += 1;
        socket.destroy();
        resolve();
      };
      const sendNext = () => {
        if (performance.now() >= deadline) return finish();
        const req = opts.next();
        if (!req) return finish();
        tag = req.tag;
        let head = `${prefix}content-length: ${Buffer.byteLength(req.body)}\r\n`;
        for (const k in req.headers) head += `${k}: ${req.headers[k]}\r\n`;
        sentAt = performance.now();
        requests += 1;
        isWaiting = true;
        socket.write(`${head}\r\n${req.body}`);
      };
      const socket: Socket = connect(opts.port, '127.0.0.1', sendNext);
      socket.setNoDelay(true);
      socket.on('data', (chunk: Buffer) => {
        buf = buf.length === 0 ? chunk : Buffer.concat([buf, chunk]);
        const headEnd = buf.indexOf('\r\n\r\n');
        if (headEnd < 0) return;
        const head = buf.subarray(0, headEnd).toString('latin1');
        const m = /content-length:\s*(\d+)/i.exec(head);
        const length = m ? Number(m[1]) : 0;
        if (buf.length < headEnd + 4 + length) return;
        buf = buf.subarray(headEnd + 4 + length);
        const status = Number(head.slice(9, 12));
        isWaiting = false;
        latencies.push(performance.now() - sentAt);
        statuses[status] = (statuses[status] ?? 0) + 1;
        if (status >= 200 && status < 300) {
          ok += 1;
          okTags.push(tag);
          opts.onOk?.(ok);
        } else non2xx += 1;
        sendNext();
      });
      socket.on('error', () => {
        errors += 1;
        finish();
      });
      socket.on('close', finish);
    });

  await Promise.all(Array.from({ length: opts.connections }, runConnection));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => Math.round((latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0) * 10) / 10;
  return {
    requests,
    ok,
    non2xx,
    errors,
    unanswered,
    okTags,
    statuses,
    latency: { p50: at(0.5), p90: at(0.9), p99: at(0.99), max: at(1) },
    seconds,
  };
}
