import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Permission } from '../../domain/access/permissions';
import type { Actor } from './actor';
import type { SessionInfo } from './sessions';
import { AppError } from './errors';
import { stripVietnameseMarks } from '../../domain/vn-text';

/**
 * What a route declares it needs: a permission (held on some org; the service then filters
 * by the scope), `authenticated` (any logged-in user), or `public`. Every route must say one.
 */
export type RouteAccess = Permission | 'authenticated' | 'public';

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
  interface FastifyRequest {
    actor: Actor | null;
    session: SessionInfo | null;
  }
}

export type Locale = 'vi' | 'en';

/** The language of messages: the client's Accept-Language (the web app sends its choice), Vietnamese by default. */
export function localeOf(req: FastifyRequest): Locale {
  const header = String(req.headers['accept-language'] ?? '').toLowerCase();
  return header.startsWith('en') ? 'en' : 'vi';
}

/** The acting user of an authenticated route; routes with access other than `public` always have one. */
export function actorOf(req: FastifyRequest): Actor {
  if (!req.actor) throw new AppError('unauthenticated', { vi: 'Vui lòng đăng nhập.', en: 'Please log in.' });
  return req.actor;
}

/** Sends a file download with a name that survives Vietnamese characters. */
export function sendFile(reply: FastifyReply, body: Buffer, filename: string, contentType: string) {
  const ascii = stripVietnameseMarks(filename).replace(/[^\w.-]+/g, '_');
  return reply
    .header('content-type', contentType)
    .header('content-disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`)
    .send(body);
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
