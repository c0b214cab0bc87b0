import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Db } from '../db/pool';
import { rolePermissions } from '../../domain/access/permissions';
import { AppError, defaultMessages } from './errors';
import { loadSession, SESSION_COOKIE } from './sessions';
import { findNul, stripNameFields } from './text-guard';
import { recordAudit } from './audit';
import { findDeniedRecord } from './denied-audit';
import { actorOfToken, bearerOf } from './api-token-auth';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * The route changes who may do what (grants roles, resets a password, login settings): the
     * session must have proved its user within REAUTH_WINDOW_MS (login or POST /auth/reauth).
     * `'grants'`: only when the body carries roles.
     */
    reauth?: true | 'grants';
    /** The route hands out personal data (a member list, a roll): each successful answer is audited. */
    auditExport?: string;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
export const REAUTH_WINDOW_MS = 5 * 60 * 1000;
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
    const bearer = access === 'public' ? null : bearerOf(req.headers.authorization);
    if (bearer) {
      // Another system: no cookie is involved, so there is no CSRF to check; the token alone
      // decides who acts, with the grant derived from it (see api-token-auth).
      req.actor = (await actorOfToken(db, bearer, req.ip)).actor;
      refuseForTokens(req, access);
    } else {
      const token = req.cookies[SESSION_COOKIE];
      if (token) {
        req.session = await loadSession(db, token, req.ip);
        req.actor = req.session?.actor ?? null;
      }
      if (!SAFE_METHODS.has(req.method)) checkCsrf(req);
    }
    if (access === 'public') return;
    if (!req.actor) throw new AppError('unauthenticated', defaultMessages.unauthenticated);
    if (req.session?.mustEnrolTotp && !req.url.startsWith('/api/auth/')) {
      throw new AppError(
        'forbidden',
        {
          vi: 'Quản trị viên yêu cầu bật xác thực hai lớp. Hãy cài ứng dụng xác thực trước khi tiếp tục.',
          en: 'Your administrator requires two-factor authentication. Set up an authenticator app first.',
        },
        { totpEnrolmentRequired: true },
      );
    }
    if (access === 'authenticated') return;
    const allowed = req.actor.grants.some((g) => rolePermissions[g.role].includes(access));
    if (!allowed) throw new AppError('forbidden', defaultMessages.forbidden);
  });

  // Who took personal data out, and who was refused: written after the answer, never failing it.
  app.addHook('onResponse', async (req, reply) => {
    const actor = req.actor;
    if (!actor) return;
    const exported = req.routeOptions.config?.auditExport;
    const path = req.url.split('?')[0]!.slice(0, 200);
    try {
      if (exported && reply.statusCode === 200) {
        await recordAudit(db, actor, {
          action: 'export',
          entity: exported,
          entityId: null,
          orgId: null,
          orgPath: null,
          summary: `Xuất dữ liệu cá nhân: ${path}`,
          after: { query: req.query },
        });
      } else if (reply.statusCode === 403 && req.routeOptions.config?.access) {
        await recordAudit(db, actor, {
          action: 'denied',
          entity: 'request',
          entityId: null,
          orgId: null,
          orgPath: null,
          summary: `Bị từ chối: ${req.method} ${path}`,
        });
      } else if (reply.statusCode === 404 && req.routeOptions.config?.access && req.routeOptions.url) {
        // Only 404s that hid an existing record outside the caller's orgs: a lookup on the
        // refused path alone, the row naming the record by kind and id (no names, no body).
        const route = `${req.method} ${req.routeOptions.url}`;
        const denied = await findDeniedRecord(db, actor.grants, {
          routeUrl: req.routeOptions.url,
          params: req.params,
          query: req.query,
          body: req.body,
        });
        if (denied) {
          await recordAudit(db, actor, {
            action: 'denied',
            entity: denied.entity,
            entityId: denied.id,
            orgId: Number(denied.orgPath.split('.').pop()),
            orgPath: denied.orgPath,
            summary: `Ngoài phạm vi (404): ${route}`,
          });
        }
      }
    } catch (err) {
      req.log.error(err);
    }
  });

  // Once for every route, after parsing and before the schema: a NUL byte anywhere is a 400
  // naming the field (PostgreSQL cannot store it, and used to answer 500), and names lose
  // invisible and direction-control characters.
  app.addHook('preValidation', async (req: FastifyRequest) => {
    rejectNul(req);
    if (req.body && typeof req.body === 'object') stripNameFields(req.body);
    const reauth = req.routeOptions.config?.reauth;
    const needsReauth =
      reauth === true || (reauth === 'grants' && typeof req.body === 'object' && req.body !== null && 'roles' in req.body);
    if (needsReauth && req.session) checkRecentAuth(req.session.reauthAt);
  });
}

/**
 * What a token never does, whatever its access: manage accounts (users, roles, passwords, other
 * tokens), act on a login session, or pass a re-authentication it cannot give.
 */
function refuseForTokens(req: FastifyRequest, access: string) {
  if (access.startsWith('users.') || req.routeOptions.config?.reauth || req.url.startsWith('/api/auth/')) {
    throw new AppError('forbidden', {
      vi: 'Mã truy cập API không dùng được cho việc quản lý tài khoản và đăng nhập.',
      en: 'API tokens cannot be used to manage accounts or logins.',
    });
  }
}

function checkRecentAuth(reauthAt: Date | null) {
  if (reauthAt && Date.now() - reauthAt.getTime() < REAUTH_WINDOW_MS) return;
  throw new AppError(
    'forbidden',
    {
      vi: 'Hãy nhập lại mật khẩu để xác nhận trước khi thay đổi quyền hoặc mật khẩu.',
      en: 'Enter your password again to confirm before changing roles or passwords.',
    },
    { reauthRequired: true },
  );
}

const nulMessage = { vi: 'Dữ liệu gửi lên có ký tự không hợp lệ (NUL).', en: 'The request holds an invalid character (NUL).' };

/** 400 on the first query, path or body string that holds a NUL byte. */
export function rejectNul(req: FastifyRequest) {
  const field = findNul(req.query, 'querystring') ?? findNul(req.params, 'params') ?? findNul(req.body, 'body');
  if (field) throw new AppError('validation_failed', nulMessage, { fields: [{ field, message: nulMessage.vi }] });
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
