import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { randomBytes } from 'node:crypto';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { FeatureOptions } from '../index';
import { PRE_SESSION_CSRF_COOKIE } from '../../lib/auth-hooks';
import { actorOf } from '../../lib/http';
import { deleteSession, loadSession, SESSION_COOKIE } from '../../lib/sessions';
import { changePasswordSchema, csrfSchema, localeSchema, loginSchema, meSchema } from './auth.schema';
import { changePassword, login } from './auth.service';

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
    { config: { access: 'public' }, schema: { tags, summary: 'Log in', body: loginSchema, response: { 200: meSchema } } },
    async (req, reply) => {
      const { token } = await login(db, req.body, req.ip, req.headers['user-agent'] ?? null);
      reply.setCookie(SESSION_COOKIE, token, cookieOptions(req));
      reply.clearCookie(PRE_SESSION_CSRF_COOKIE, { path: '/' });
      const session = await loadSession(db, token, req.ip);
      return presentMe(db, session!.actor.userId!, session!.csrfToken);
    },
  );

  app.post(
    '/auth/logout',
    { config: { access: 'authenticated' }, schema: { tags, summary: 'Log out', response: { 204: z.null() } } },
    async (req, reply) => {
      if (req.session) await deleteSession(db, req.session.idHash);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/auth/me',
    { config: { access: 'authenticated' }, schema: { tags, summary: 'The logged-in user', response: { 200: meSchema } } },
    async (req) => presentMe(db, actorOf(req).userId!, req.session!.csrfToken),
  );

  app.put(
    '/auth/locale',
    { config: { access: 'authenticated' }, schema: { tags, summary: 'Remember the interface language', body: localeSchema, response: { 204: z.null() } } },
    async (req, reply) => {
      await db.query('UPDATE users SET locale = $2 WHERE id = $1', [actorOf(req).userId, req.body.locale]);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/auth/password',
    { config: { access: 'authenticated' }, schema: { tags, summary: 'Change own password (ends all sessions)', body: changePasswordSchema, response: { 204: z.null() } } },
    async (req, reply) => {
      await changePassword(db, actorOf(req).userId!, req.body.currentPassword, req.body.newPassword);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  );
};

async function presentMe(db: FeatureOptions['db'], userId: number, csrfToken: string): Promise<z.infer<typeof meSchema>> {
  const { rows } = await db.query(
    `SELECT u.id, u.username, u.full_name AS "fullName", u.locale, u.member_id AS "memberId",
            COALESCE((SELECT json_agg(json_build_object('role', r.role, 'orgId', r.org_id, 'orgPath', o.path::text, 'orgName', o.name) ORDER BY nlevel(o.path))
                        FROM user_roles r JOIN orgs o ON o.id = r.org_id WHERE r.user_id = u.id), '[]') AS grants
       FROM users u WHERE u.id = $1`,
    [userId],
  );
  return { ...rows[0], csrfToken };
}
