import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { randomBytes } from 'node:crypto';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { FeatureOptions } from '../index';
import { PRE_SESSION_CSRF_COOKIE } from '../../lib/auth-hooks';
import { recordAudit } from '../../lib/audit';
import { AppError } from '../../lib/errors';
import { actorOf } from '../../lib/http';
import { deleteSession, endUserSession, findUserSessions, loadSession, SESSION_COOKIE } from '../../lib/sessions';
import {
  authSettingsSchema,
  changePasswordSchema,
  csrfSchema,
  localeSchema,
  loginSchema,
  meSchema,
  reauthSchema,
  sessionIdParams,
  sessionItemSchema,
  totpCodeSchema,
  totpDisableSchema,
  totpSetupSchema,
  userIdParams,
} from '../../../contracts/auth';
import { changePassword, login } from './auth.service';
import { requireManageLogins } from './auth.policy';
import { disableTotp, enableTotp, getAuthSettings, reauthenticate, setAuthSettings, startTotpSetup, unlockUser } from './account.service';

export const DEVICE_COOKIE = 'resolute_device';

const cookieOptions = (req: FastifyRequest) => ({
  path: '/',
  httpOnly: true,
  sameSite: 'strict' as const,
  secure: req.protocol === 'https',
});

export const authRoutes: FastifyPluginAsync<FeatureOptions> = async (base, { db }) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const tags = ['auth'];

  app.get(
    '/auth/csrf',
    { config: { access: 'public' }, schema: { tags, summary: 'Token for requests made before login', response: { 200: csrfSchema } } },
    async (req, reply) => {
      const existing = req.cookies[PRE_SESSION_CSRF_COOKIE];
      const token = existing ?? randomBytes(24).toString('base64url');
      if (!existing) reply.setCookie(PRE_SESSION_CSRF_COOKIE, token, cookieOptions(req));
      return { csrfToken: token };
    },
  );

  app.post(
    '/auth/login',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Log in (with the 6-digit code when the account has a second factor)',
        body: loginSchema,
        response: { 200: meSchema },
      },
    },
    async (req, reply) => {
      const { token, deviceToken } = await login(
        db,
        req.body,
        req.ip,
        req.headers['user-agent'] ?? null,
        req.cookies[DEVICE_COOKIE] ?? null,
      );
      reply.setCookie(SESSION_COOKIE, token, cookieOptions(req));
      // The device cookie outlives sessions: failed logins from this device are counted apart.
      reply.setCookie(DEVICE_COOKIE, deviceToken, { ...cookieOptions(req), maxAge: 365 * 24 * 3600 });
      reply.clearCookie(PRE_SESSION_CSRF_COOKIE, { path: '/' });
      const session = await loadSession(db, token, req.ip);
      return presentMe(db, session!.actor.userId!, session!.csrfToken, session!.mustEnrolTotp);
    },
  );

  app.post(
    '/auth/logout',
    { config: { access: 'authenticated' }, schema: { tags, summary: 'Log out', response: { 204: z.null() } } },
    async (req, reply) => {
      if (req.session) {
        await deleteSession(db, req.session.idHash);
        const actor = actorOf(req);
        await recordAudit(db, actor, {
          action: 'logout',
          entity: 'user',
          entityId: actor.userId,
          orgId: null,
          orgPath: null,
          summary: `Đăng xuất: ${actor.username}`,
        });
      }
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/auth/me',
    { config: { access: 'authenticated' }, schema: { tags, summary: 'The logged-in user', response: { 200: meSchema } } },
    async (req) => presentMe(db, actorOf(req).userId!, req.session!.csrfToken, req.session!.mustEnrolTotp),
  );

  app.put(
    '/auth/locale',
    {
      config: { access: 'authenticated' },
      schema: { tags, summary: 'Remember the interface language', body: localeSchema, response: { 204: z.null() } },
    },
    async (req, reply) => {
      await db.query('UPDATE users SET locale = $2 WHERE id = $1', [actorOf(req).userId, req.body.locale]);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/auth/password',
    {
      config: { access: 'authenticated' },
      schema: { tags, summary: 'Change own password (ends all sessions)', body: changePasswordSchema, response: { 204: z.null() } },
    },
    async (req, reply) => {
      await changePassword(db, actorOf(req).userId!, req.body.currentPassword, req.body.newPassword);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/auth/sessions',
    {
      config: { access: 'authenticated' },
      schema: { tags, summary: 'My active sessions: device, address, last seen', response: { 200: z.array(sessionItemSchema) } },
    },
    async (req) =>
      (await findUserSessions(db, actorOf(req).userId!, req.session!.idHash)).map((s) => ({
        ...s,
        createdAt: s.createdAt.toISOString(),
        lastSeenAt: s.lastSeenAt.toISOString(),
      })),
  );

  app.delete(
    '/auth/sessions/:id',
    {
      config: { access: 'authenticated' },
      schema: { tags, summary: 'End one of my sessions', params: sessionIdParams, response: { 204: z.null() } },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      if (!(await endUserSession(db, actor.userId!, req.params.id)))
        throw new AppError('not_found', { vi: 'Không tìm thấy phiên đăng nhập.', en: 'Session not found.' });
      await recordAudit(db, actor, {
        action: 'end_session',
        entity: 'user',
        entityId: actor.userId,
        orgId: null,
        orgPath: null,
        summary: 'Kết thúc một phiên đăng nhập',
      });
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/auth/reauth',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'Confirm who I am (password, and code when enrolled) before a sensitive change',
        body: reauthSchema,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await reauthenticate(db, actorOf(req), req.session!.idHash, req.body);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/auth/totp/setup',
    {
      config: { access: 'authenticated' },
      schema: { tags, summary: 'Start enrolling an authenticator app: a new secret and its QR code', response: { 200: totpSetupSchema } },
    },
    async (req) => startTotpSetup(db, actorOf(req)),
  );

  app.post(
    '/auth/totp/enable',
    {
      config: { access: 'authenticated' },
      schema: { tags, summary: 'Confirm the authenticator app with a first code', body: totpCodeSchema, response: { 204: z.null() } },
    },
    async (req, reply) => {
      await enableTotp(db, actorOf(req), req.body.code);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/auth/totp/disable',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'Turn off my second factor (password and a current code; refused when required for my role)',
        body: totpDisableSchema,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await disableTotp(db, actorOf(req), req.body);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/auth/settings',
    {
      config: { access: 'auth.manage' },
      schema: { tags, summary: 'Login settings (administrators)', response: { 200: authSettingsSchema } },
    },
    async (req) => {
      requireManageLogins(actorOf(req));
      return getAuthSettings(db);
    },
  );

  app.put(
    '/auth/settings',
    {
      config: { access: 'auth.manage', reauth: true },
      schema: {
        tags,
        summary: 'Require a second factor of administrators and managers',
        body: authSettingsSchema,
        response: { 200: authSettingsSchema },
      },
    },
    async (req) => setAuthSettings(db, actorOf(req), req.body),
  );

  app.post(
    '/users/:id/unlock',
    {
      config: { access: 'auth.manage' },
      schema: {
        tags: ['users'],
        summary: 'Unlock an account locked by failed logins (administrators)',
        params: userIdParams,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await unlockUser(db, actorOf(req), req.params.id);
      return reply.status(204).send(null);
    },
  );
};

async function presentMe(
  db: FeatureOptions['db'],
  userId: number,
  csrfToken: string,
  mustEnrolTotp: boolean,
): Promise<z.infer<typeof meSchema>> {
  const { rows } = await db.query(
    `SELECT u.id, u.username, u.full_name AS "fullName", u.locale, u.member_id AS "memberId", u.totp_enabled_at IS NOT NULL AS "totpEnabled",
            COALESCE((SELECT json_agg(json_build_object('role', r.role, 'orgId', r.org_id, 'orgPath', o.path::text, 'orgName', o.name) ORDER BY nlevel(o.path))
                        FROM user_roles r JOIN orgs o ON o.id = r.org_id WHERE r.user_id = u.id), '[]') AS grants
       FROM users u WHERE u.id = $1`,
    [userId],
  );
  return { ...rows[0], csrfToken, mustEnrolTotp };
}
