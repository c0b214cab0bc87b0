import type { FastifyPluginAsync } from 'fastify';
import type { FeatureOptions } from '../index';
import { checkinRoutes } from './checkin/checkin.routes';
import { coverageRoutes } from './coverage/coverage.routes';
import { sessionsRoutes } from './sessions/sessions.routes';
import { reflectionsRoutes } from './reflections/reflections.routes';

/** Study and dissemination: sessions and bridge points, check-in, coverage, reflections and pledges. */
export const studyRoutes: FastifyPluginAsync<FeatureOptions> = async (app, opts) => {
  for (const routes of [checkinRoutes, sessionsRoutes, coverageRoutes, reflectionsRoutes]) await app.register(routes, { db: opts.db });
};
