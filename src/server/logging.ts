/**
 * Structured logs: Fastify's pino logger writing JSON lines. They must carry no personal data
 * and no secrets, so requests are logged by method, route pattern and status only (never the
 * query string, body, address or headers), and the few places where headers or bodies could
 * reach a log line are redacted.
 */
import type { FastifyServerOptions } from 'fastify';

export type LogSettings = { level: string; stream?: NodeJS.WritableStream };

/** Paths pino blanks out wherever an error or a child logger carries them. */
export const redactedPaths = [
  'req.headers.cookie',
  'req.headers.authorization',
  'req.headers["x-csrf-token"]',
  'req.body',
  'res.headers["set-cookie"]',
  'headers.cookie',
  'headers.authorization',
  'headers["x-csrf-token"]',
  'body',
  'password',
  '*.password',
  'newPassword',
  '*.newPassword',
  'csrfToken',
  '*.csrfToken',
  'token',
  '*.token',
];

/** The path of a URL without its query: `?q=` may hold a person's name. */
const pathOnly = (url: string) => url.split('?')[0];

export function loggerOptions(settings: LogSettings): FastifyServerOptions['logger'] {
  return {
    level: settings.level,
    ...(settings.stream ? { stream: settings.stream } : {}),
    redact: { paths: redactedPaths, censor: '[redacted]' },
    serializers: {
      req: (req: { method: string; url: string; routeOptions?: { url?: string }; id?: string }) => ({
        id: req.id,
        method: req.method,
        // The route's pattern (/api/members/:id) when known: ids are not personal data, but
        // the pattern groups the lines and carries nothing the client typed.
        route: req.routeOptions?.url ?? pathOnly(req.url),
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      err: (err: Error & { code?: string; statusCode?: number }) => ({
        type: err.name,
        code: err.code,
        statusCode: err.statusCode,
        message: err.message,
        stack: err.stack ?? '',
      }),
    },
  };
}
