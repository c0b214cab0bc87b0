import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { FeatureOptions } from '../index';
import { readMultipart, requireFile } from '../../lib/upload';
import { actorOf } from '../../lib/http';
import { documentIdParams, extractSchema, importExtractedSchema } from '../../../contracts/extraction';
import { importExtractedItems, proposeItems, proposeItemsFromDocx } from './extraction.service';
import { z } from 'zod';
import {
  acceptedProposalSchema,
  acceptProposalSchema,
  indicatorProposalSchema,
  mergedProposalSchema,
  mergeProposalSchema,
  proposalIdParams,
} from '../../../contracts/indicator-proposals';
import { acceptIndicatorProposal, findIndicatorProposals, mergeIndicatorProposal } from './indicator-proposals.service';
import { extractionResponse, importExtractedResponse } from '../../../contracts/extraction';

const readFile = async (req: FastifyRequest) =>
  requireFile(await readMultipart(req), { vi: 'Hãy chọn tệp Word (.docx).', en: 'Choose a .docx file.' }).buffer;

export const extractionRoutes: FastifyPluginAsync<FeatureOptions> = async (base, { db }) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const tags = ['extraction'];
  // Reading a text changes nothing: anyone who reads documents may try it.
  const read = { access: 'extraction.read' as const };
  const write = { access: 'extraction.write' as const };

  app.post(
    '/extract',
    {
      config: read,
      schema: {
        tags,
        summary: 'Propose targets, tasks, breakthroughs and milestones found in a pasted text, with offsets',
        body: extractSchema,
        response: { 200: extractionResponse },
      },
    },
    async (req) => proposeItems(db, req.body.text),
  );
  app.post(
    '/extract/docx',
    {
      config: read,
      schema: {
        tags,
        summary: 'The text of a .docx and the items proposed from it',
        consumes: ['multipart/form-data'],
        response: { 200: extractionResponse },
      },
    },
    async (req) => proposeItemsFromDocx(db, await readFile(req)),
  );
  app.post(
    '/documents/:id/import-extracted',
    {
      config: write,
      schema: {
        tags,
        summary: 'Add the accepted items to a draft document: all or none',
        params: documentIdParams,
        body: importExtractedSchema,
        response: { 201: importExtractedResponse },
      },
    },
    async (req, reply) => reply.status(201).send(await importExtractedItems(db, actorOf(req), req.params.id, req.body)),
  );

  // New indicators wait for an administrator (the service checks the role and the subtree).
  const proposals = ['extraction', 'indicators'];
  app.get(
    '/indicator-proposals',
    {
      config: write,
      schema: {
        tags: proposals,
        summary: 'Indicators proposed by imports in the administrator’s subtree, with likely catalog matches',
        response: { 200: z.array(indicatorProposalSchema) },
      },
    },
    async (req) => findIndicatorProposals(db, actorOf(req)),
  );
  app.post(
    '/indicator-proposals/:id/accept',
    {
      config: write,
      schema: {
        tags: proposals,
        summary: 'Accept a proposed indicator into the shared catalog, perhaps renamed',
        params: proposalIdParams,
        body: acceptProposalSchema,
        response: { 200: acceptedProposalSchema },
      },
    },
    async (req) => acceptIndicatorProposal(db, actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/indicator-proposals/:id/merge',
    {
      config: write,
      schema: {
        tags: proposals,
        summary: 'Merge a proposed indicator into a catalog indicator: its targets move there',
        params: proposalIdParams,
        body: mergeProposalSchema,
        response: { 200: mergedProposalSchema },
      },
    },
    async (req) => mergeIndicatorProposal(db, actorOf(req), req.params.id, req.body),
  );
};
