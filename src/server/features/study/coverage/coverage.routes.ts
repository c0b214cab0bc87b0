import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { FeatureOptions } from '../../index';
import { actorOf } from '../../../lib/http';
import { readDb } from '../../../db/read-routing';
import { coverageQuery, coverageSchema, missingQuery, missingSchema, studiedDocumentsSchema } from '../../../../contracts/study-coverage';
import { findNotStudied, findStudiedDocuments, getCoverage } from './coverage.service';

export const coverageRoutes: FastifyPluginAsync<FeatureOptions> = async (base, { db }) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const tags = ['study'];
  const read = { access: 'study.read' as const };

  app.get(
    '/study/coverage',
    {
      config: read,
      schema: {
        tags,
        summary: 'Share of members who studied a document, for an org and its children, as of a date',
        querystring: coverageQuery,
        response: { 200: coverageSchema },
      },
    },
    async (req) => getCoverage(readDb(req, db), actorOf(req), req.query),
  );

  app.get(
    '/study/coverage/missing',
    {
      config: read,
      schema: { tags, summary: 'Members not yet reached, by cell', querystring: missingQuery, response: { 200: missingSchema } },
    },
    async (req) => findNotStudied(db, actorOf(req), req.query),
  );

  app.get(
    '/study/coverage/documents',
    {
      config: read,
      schema: { tags, summary: 'Documents studied in sessions the caller can see', response: { 200: studiedDocumentsSchema } },
    },
    async (req) => findStudiedDocuments(db, actorOf(req)),
  );
};
