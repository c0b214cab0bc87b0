import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import type { FeatureOptions } from '../index';

const healthSchema = z.object({ status: z.enum(['ok', 'degraded']), database: z.string() });

export const healthRoutes: FastifyPluginAsync<FeatureOptions> = async (app, { db }) => {
  app.get(
    '/health',
    {
      config: { access: 'public' },
      schema: { tags: ['system'], summary: 'Liveness and database check', response: { 200: healthSchema, 503: healthSchema } },
    },
    async (_req, reply) => {
      try {
        await Promise.race([
          db.query('SELECT 1'),
          new Promise((_, reject) => setTimeout(() => reject(new Error('timeout after 2 s')), 2000)),
        ]);
        return { status: 'ok' as const, database: 'ok' };
      } catch (err) {
        return reply.status(503).send({ status: 'degraded' as const, database: `unavailable: ${(err as Error).message}` });
      }
    },
  );
};
