import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { queryId } from '../../../contracts/query-params';
import type { FeatureOptions } from '../index';
import { actorOf } from '../../lib/http';
import {
  createdUserSchema,
  createUserSchema,
  listUsersQuery,
  resetPasswordResultSchema,
  resetPasswordSchema,
  updateUserSchema,
  userPageSchema,
  userSchema,
} from '../../../contracts/users';
import { createUser, findUsers, getUser, resetPassword, updateUser } from './users.service';

const idParams = z.object({ id: queryId() });

export const usersRoutes: FastifyPluginAsync<FeatureOptions> = async (base, { db }) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const tags = ['users'];
  app.get(
    '/users',
    {
      config: { access: 'users.read' },
      schema: { tags, summary: 'Users with roles in the caller’s scope', querystring: listUsersQuery, response: { 200: userPageSchema } },
    },
    async (req) => findUsers(db, actorOf(req), req.query),
  );
  app.get(
    '/users/:id',
    { config: { access: 'users.read' }, schema: { tags, summary: 'One user', params: idParams, response: { 200: userSchema } } },
    async (req) => getUser(db, actorOf(req), req.params.id),
  );
  app.post(
    '/users',
    {
      config: { access: 'users.write', reauth: true },
      schema: { tags, summary: 'Create a user with roles', body: createUserSchema, response: { 201: createdUserSchema } },
    },
    async (req, reply) => reply.status(201).send(await createUser(db, actorOf(req), req.body)),
  );
  app.patch(
    '/users/:id',
    {
      config: { access: 'users.write', reauth: 'grants' },
      schema: { tags, summary: 'Edit, disable or change roles', params: idParams, body: updateUserSchema, response: { 200: userSchema } },
    },
    async (req) => updateUser(db, actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/users/:id/reset-password',
    {
      config: { access: 'users.write', reauth: true },
      schema: {
        tags,
        summary: 'Generate a new password',
        params: idParams,
        body: resetPasswordSchema,
        response: { 200: resetPasswordResultSchema },
      },
    },
    async (req) => resetPassword(db, actorOf(req), req.params.id, req.body.version),
  );
};
