import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { FeatureOptions } from '../index';
import { actorOf } from '../../lib/http';
import { auditPageSchema, auditQuery } from '../../../contracts/audit';
import { findAuditEntries } from './audit.service';

export const auditRoutes: FastifyPluginAsync<FeatureOptions> = async (base, { db }) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/audit',
    {
      config: { access: 'audit.read' },
      schema: {
        tags: ['audit'],
        summary: 'The audit log of the caller’s scope',
        querystring: auditQuery,
        response: { 200: auditPageSchema },
      },
    },
    async (req) => findAuditEntries(db, actorOf(req), req.query),
  );
};
