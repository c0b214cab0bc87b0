import type { FastifyPluginAsync } from 'fastify';
import { isOutOfSpace } from '../../lib/errors';
import type { FeatureOptions } from '../index';
import { isOutOfSpaceRecently, noteOutOfSpace } from './storage-state';
import { healthSchema } from '../../../contracts/health';

export const healthRoutes: FastifyPluginAsync<FeatureOptions> = async (app, { db }) => {
  app.get(
    '/health',
    {
      config: { access: 'public' },
      schema: { tags: ['system'], summary: 'Liveness, database and storage check', response: { 200: healthSchema, 503: healthSchema } },
    },
    async (req, reply) => {
      let database: 'ok' | 'unavailable' = 'ok';
      let timer: NodeJS.Timeout | undefined;
      try {
        await Promise.race([
          db.query('SELECT 1'),
          new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('timeout after 2 s')), 2000))),
        ]);
      } catch (err) {
        if (isOutOfSpace(err)) noteOutOfSpace();
        else database = 'unavailable';
        req.log.warn({ err }, 'health: database unavailable');
      } finally {
        clearTimeout(timer);
      }
      const storage = isOutOfSpaceRecently() ? ('full' as const) : ('ok' as const);
      // A replica that lags or is down costs no availability (its reads go to the primary).
      const replicas = app.readRouter ? { replicas: app.readRouter.health() } : {};
      const body = {
        status: database === 'ok' && storage === 'ok' ? ('ok' as const) : ('degraded' as const),
        database,
        storage,
        ...replicas,
      };
      return reply.status(body.status === 'ok' ? 200 : 503).send(body);
    },
  );
};
