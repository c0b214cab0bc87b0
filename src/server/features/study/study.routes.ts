import type { FastifyPluginAsync } from 'fastify';
import type { FeatureOptions } from '../index';
import { checkinRoutes } from './checkin/checkin.routes';

/** Study and dissemination: sessions and bridge points, check-in, coverage, reflections and pledges. */
export const studyRoutes: FastifyPluginAsync<FeatureOptions> = async (app, opts) => {
  await app.register(checkinRoutes, { db: opts.db });
};
