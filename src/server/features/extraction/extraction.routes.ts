import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { FeatureOptions } from '../index';
import { readMultipart, requireFile } from '../../lib/upload';
import { actorOf } from '../../lib/http';
import { documentIdParams, extractSchema, importExtractedSchema } from './extraction.schema';
import { importExtractedItems, proposeItems, proposeItemsFromDocx } from './extraction.service';

const readFile = async (req: FastifyRequest) =>
  requireFile(await readMultipart(req), { vi: 'Hãy chọn tệp Word (.docx).', en: 'Choose a .docx file.' }).buffer;

export const extractionRoutes: FastifyPluginAsync<FeatureOptions> = async (base, { db }) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const tags = ['extraction'];
  // Reading a text changes nothing: anyone who reads documents may try it.
  const read = { access: 'extraction.read' as const };
  const write = { access: 'extraction.write' as const };

  app.post('/extract', { config: read, schema: { tags, summary: 'Propose targets, tasks, breakthroughs and milestones found in a pasted text, with offsets', body: extractSchema } },
    async (req) => proposeItems(db, req.body.text));
  app.post('/extract/docx', { config: read, schema: { tags, summary: 'The text of a .docx and the items proposed from it', consumes: ['multipart/form-data'] } },
    async (req) => proposeItemsFromDocx(db, await readFile(req)));
  app.post('/documents/:id/import-extracted', { config: write, schema: { tags, summary: 'Add the accepted items to a draft document: all or none', params: documentIdParams, body: importExtractedSchema } },
    async (req, reply) => reply.status(201).send(await importExtractedItems(db, actorOf(req), req.params.id, req.body)));
};
