import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { FeatureOptions } from '../index';
import { actorOf } from '../../lib/http';
import { AppError } from '../../lib/errors';
import { documentIdParams, extractSchema, importExtractedSchema } from './extraction.schema';
import { importExtractedItems, proposeItems, proposeItemsFromDocx } from './extraction.service';

async function readFile(req: FastifyRequest): Promise<Buffer> {
  let buffer: Buffer | null = null;
  for await (const part of req.parts()) {
    if (part.type === 'file' && part.fieldname === 'file') buffer = await part.toBuffer();
  }
  if (!buffer || buffer.length === 0) {
    throw new AppError('validation_failed', { vi: 'Hãy chọn tệp Word (.docx).', en: 'Choose a .docx file.' }, { fields: [{ field: 'body.file', message: 'Hãy chọn tệp Word (.docx).' }] });
  }
  return buffer;
}

export const extractionRoutes: FastifyPluginAsync<FeatureOptions> = async (base, { db }) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const tags = ['extraction'];
  // Reading a text changes nothing: anyone who reads documents may try it.
  const read = { access: 'documents.read' as const };
  const write = { access: 'documents.write' as const };

  app.post('/extract', { config: read, schema: { tags, summary: 'Propose targets, tasks, breakthroughs and milestones found in a pasted text, with offsets', body: extractSchema } },
    async (req) => proposeItems(db, req.body.text));
  app.post('/extract/docx', { config: read, schema: { tags, summary: 'The text of a .docx and the items proposed from it', consumes: ['multipart/form-data'] } },
    async (req) => proposeItemsFromDocx(db, await readFile(req)));
  app.post('/documents/:id/import-extracted', { config: write, schema: { tags, summary: 'Add the accepted items to a draft document: all or none', params: documentIdParams, body: importExtractedSchema } },
    async (req, reply) => reply.status(201).send(await importExtractedItems(db, actorOf(req), req.params.id, req.body)));
};
