import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { FeatureOptions } from '../index';
import { actorOf } from '../../lib/http';
import {
  candidatesQuery,
  candidatesSchema,
  carryOverSchema,
  carryPreviewSchema,
  carryResultSchema,
  documentCarryLinksSchema,
  idParams,
  openTermSchema,
  orgTermsSchema,
  recordCongressSchema,
  termSchema,
} from '../../../contracts/terms';
import { getOrgTerms, openTerm, recordCongress } from './terms.service';
import { commitCarryOver, getCarryCandidates, getDocumentCarryLinks, previewCarryOver } from './carry-over.service';

export const termsRoutes: FastifyPluginAsync<FeatureOptions> = async (base, { db }) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const tags = ['terms'];

  app.get(
    '/orgs/:id/terms',
    {
      config: { access: 'terms.read' },
      schema: {
        tags,
        summary: 'The terms of an org with their congress, committees and documents; the current one',
        params: idParams,
        response: { 200: orgTermsSchema },
      },
    },
    async (req) => getOrgTerms(db, actorOf(req), req.params.id),
  );
  app.post(
    '/orgs/:id/terms',
    {
      config: { access: 'terms.write' },
      schema: {
        tags,
        summary: 'Open a new term (closing the current one) with its congress, or record an ended term',
        params: idParams,
        body: openTermSchema,
        response: { 201: termSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await openTerm(db, actorOf(req), req.params.id, req.body)),
  );
  app.post(
    '/terms/:id/congress',
    {
      config: { access: 'terms.write' },
      schema: {
        tags,
        summary: 'Record the congress of a term opened without one',
        params: idParams,
        body: recordCongressSchema,
        response: { 201: termSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await recordCongress(db, actorOf(req), req.params.id, req.body)),
  );

  app.get(
    '/documents/:id/carry-over/candidates',
    {
      config: { access: 'terms.read' },
      schema: {
        tags,
        summary: 'Targets not reached and unfinished tasks of an old term’s document',
        params: idParams,
        querystring: candidatesQuery,
        response: { 200: candidatesSchema },
      },
    },
    async (req) => getCarryCandidates(db, actorOf(req), req.params.id, req.query.asOf),
  );
  app.get(
    '/documents/:id/carry-overs',
    {
      config: { access: 'terms.read' },
      schema: { tags, summary: 'Carry-over links of a document, both ways', params: idParams, response: { 200: documentCarryLinksSchema } },
    },
    async (req) => getDocumentCarryLinks(db, actorOf(req), req.params.id),
  );
  app.post(
    '/carry-overs/preview',
    {
      config: { access: 'terms.write' },
      schema: {
        tags,
        summary: 'What a carry-over would create; writes nothing',
        body: carryOverSchema,
        response: { 200: carryPreviewSchema },
      },
    },
    async (req) => previewCarryOver(db, actorOf(req), req.body),
  );
  app.post(
    '/carry-overs',
    {
      config: { access: 'terms.write' },
      schema: {
        tags,
        summary: 'Carry chosen items into a draft of the new term, linked back, in one transaction',
        body: carryOverSchema,
        response: { 201: carryResultSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await commitCarryOver(db, actorOf(req), req.body)),
  );
};
