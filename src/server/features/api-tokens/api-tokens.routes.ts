import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  apiTokenIdParams,
  apiTokenListSchema,
  apiTokenSchema,
  issueApiTokenSchema,
  issuedApiTokenSchema,
} from '../../../contracts/api-tokens';
import type { FeatureOptions } from '../index';
import { actorOf } from '../../lib/http';
import { findApiTokens, issueApiToken, revokeApiToken } from './api-tokens.service';

/** Administrators issue tokens for other systems (shown once), list and revoke them. */
export const apiTokensRoutes: FastifyPluginAsync<FeatureOptions> = async (base, { db }) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const tags = ['api-tokens'];

  app.get(
    '/api-tokens',
    {
      config: { access: 'api-tokens.manage' },
      schema: { tags, summary: 'API tokens of the orgs I administer (never the secret)', response: { 200: apiTokenListSchema } },
    },
    async (req) => findApiTokens(db, actorOf(req)),
  );

  app.post(
    '/api-tokens',
    {
      config: { access: 'api-tokens.manage', reauth: true },
      schema: {
        tags,
        summary: 'Issue a token for another system: read or read-write on a subtree, until a day; the token is in this answer only',
        body: issueApiTokenSchema,
        response: { 201: issuedApiTokenSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await issueApiToken(db, actorOf(req), req.body)),
  );

  app.post(
    '/api-tokens/:id/revoke',
    {
      config: { access: 'api-tokens.manage' },
      schema: { tags, summary: 'Revoke a token at once', params: apiTokenIdParams, response: { 200: apiTokenSchema } },
    },
    async (req) => revokeApiToken(db, actorOf(req), req.params.id),
  );
};
