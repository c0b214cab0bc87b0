import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Db } from '../db/pool';
import { rolePermissions } from '../../domain/access/permissions';
import { AppError, defaultMessages } from './errors';
import { loadSession, SESSION_COOKIE } from './sessions';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
export const CSRF_HEADER = 'x-csrf-token';
export const PRE_SESSION_CSRF_COOKIE = 'resolute_csrf';

/**
 * Resolves the session, then enforces the route's declared access and CSRF, before the body is
 * even validated: an anonymous caller gets 401, not a validation error that reveals the schema.
 */
export function registerAuthHooks(app: FastifyInstance, db: Db) {
  app.decorateRequest('actor', null);
  app.decorateRequest('session', null);

  app.addHook('onRequest', async (req: FastifyRequest) => {
    const access = req.routeOptions.config?.access;
    if (!access) {
      // Only routes outside our declaration scheme (static files, the API reference) get here.
      return;
    }
    const token = req.cookies[SESSION_COOKIE];
    if (token) {
      req.session = await loadSession(db, token, req.ip);
      req.actor = req.session?.actor ?? null;
    }
    if (!SAFE_METHODS.has(req.method)) checkCsrf(req);
    if (access === 'public') return;
    if (!req.actor) throw new AppError('unauthenticated', defaultMessages.unauthenticated);
    if (access === 'authenticated') return;
    const allowed = req.actor.grants.some((g) => rolePermissions[g.role].includes(access));
    if (!allowed) throw new AppError('forbidden', defaultMessages.forbidden);
  });
}

/**
 * Logged in: the header must carry the session's token. Before login: double-submit, the header
 * must equal the pre-session cookie. A page on another site can send neither.
 */
function checkCsrf(req: FastifyRequest) {
  const sent = req.headers[CSRF_HEADER];
  const expected = req.session ? req.session.csrfToken : req.cookies[PRE_SESSION_CSRF_COOKIE];
  if (typeof sent !== 'string' || !expected || sent !== expected) {
    throw new AppError('csrf_failed', defaultMessages.csrf_failed);
  }
}
