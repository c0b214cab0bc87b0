import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { queryId } from '../../../../contracts/query-params';
import type { FeatureOptions } from '../../index';
import { AppError } from '../../../lib/errors';
import { actorOf, sendFile } from '../../../lib/http';
import { fileResponse } from '../../../../contracts/common';
import {
  listPledgesQuery,
  listReflectionsQuery,
  myStudySchema,
  pledgeSchema,
  reflectionPageSchema,
  reflectionSchema,
  reviewReflectionSchema,
  rewriteReflectionSchema,
  updatePledgeSchema,
  writePledgeSchema,
  writeReflectionSchema,
} from '../../../../contracts/study-reflections';
import {
  createPledge,
  findPledges,
  findReflections,
  getMyStudy,
  getReflection,
  getReflectionFile,
  reviewReflection,
  submitReflection,
  updatePledge,
} from './reflections.service';

const idParams = z.object({ id: queryId() });
const ALLOWED_TYPES = /\.(pdf|docx?|odt|txt|jpe?g|png)$/i;

export const reflectionsRoutes: FastifyPluginAsync<FeatureOptions> = async (base, { db }) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const tags = ['study'];
  const self = { access: 'self' as const };

  app.get(
    '/study/me',
    {
      config: self,
      schema: {
        tags,
        summary: 'The member’s own page: documents to study, sessions, reflections, pledges',
        response: { 200: myStudySchema },
      },
    },
    async (req) => getMyStudy(db, actorOf(req)),
  );

  app.post(
    '/study/me/reflections',
    {
      config: self,
      schema: {
        tags,
        summary: 'Write (or rewrite) my reflection on a document',
        body: writeReflectionSchema,
        response: { 200: reflectionSchema },
      },
    },
    async (req) => submitReflection(db, actorOf(req), req.body),
  );

  app.post(
    '/study/me/reflections/upload',
    {
      config: self,
      schema: {
        tags,
        summary: 'Submit my reflection as a file (multipart: documentId, optional body, file)',
        consumes: ['multipart/form-data'],
        response: { 200: reflectionSchema },
      },
    },
    async (req) => {
      let documentId = 0;
      let body = '';
      let file: { name: string; type: string; data: Buffer } | null = null;
      for await (const part of req.parts()) {
        if (part.type === 'field' && part.fieldname === 'documentId') documentId = Number(part.value);
        if (part.type === 'field' && part.fieldname === 'body') body = String(part.value);
        if (part.type === 'file' && part.fieldname === 'file')
          file = { name: part.filename, type: part.mimetype, data: await part.toBuffer() };
      }
      const fields: { field: string; message: string }[] = [];
      if (!Number.isInteger(documentId) || documentId <= 0) fields.push({ field: 'body.documentId', message: 'Hãy chọn văn bản.' });
      if (!file || file.data.length === 0) fields.push({ field: 'body.file', message: 'Hãy chọn tệp bài thu hoạch.' });
      else if (!ALLOWED_TYPES.test(file.name)) fields.push({ field: 'body.file', message: 'Chỉ nhận tệp PDF, Word, văn bản hoặc ảnh.' });
      if (fields.length > 0)
        throw new AppError(
          'validation_failed',
          { vi: fields.map((f) => f.message).join(' '), en: 'documentId and a file are required.' },
          { fields },
        );
      return submitReflection(db, actorOf(req), { documentId, body: body.trim() }, file!);
    },
  );

  app.put(
    '/study/me/reflections/:id',
    {
      config: self,
      schema: {
        tags,
        summary: 'Rewrite my reflection',
        params: idParams,
        body: rewriteReflectionSchema,
        response: { 200: reflectionSchema },
      },
    },
    async (req) => {
      const current = await getReflection(db, actorOf(req), req.params.id);
      if (current.version !== req.body.version)
        throw new AppError('version_conflict', { vi: 'Bài đã thay đổi, hãy tải lại.', en: 'Reload: it changed.' });
      return submitReflection(db, actorOf(req), { documentId: current.documentId, body: req.body.body });
    },
  );

  app.post(
    '/study/me/pledges',
    {
      config: self,
      schema: {
        tags,
        summary: 'Make my personal pledge for a document and year',
        body: writePledgeSchema,
        response: { 201: pledgeSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await createPledge(db, actorOf(req), req.body)),
  );

  app.patch(
    '/study/me/pledges/:id',
    {
      config: self,
      schema: {
        tags,
        summary: 'Edit my pledge or write its yearly self-review',
        params: idParams,
        body: updatePledgeSchema,
        response: { 200: pledgeSchema },
      },
    },
    async (req) => updatePledge(db, actorOf(req), req.params.id, req.body),
  );

  app.get(
    '/study/reflections',
    {
      config: { access: 'study.read' },
      schema: {
        tags,
        summary: 'Reflections of members in scope (review queue)',
        querystring: listReflectionsQuery,
        response: { 200: reflectionPageSchema },
      },
    },
    async (req) => findReflections(db, actorOf(req), req.query),
  );

  app.get(
    '/study/reflections/:id',
    {
      config: { access: 'authenticated' },
      schema: { tags, summary: 'One reflection (its member, or a reader in scope)', params: idParams, response: { 200: reflectionSchema } },
    },
    async (req) => getReflection(db, actorOf(req), req.params.id),
  );

  app.get(
    '/study/reflections/:id/file',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'The file of a reflection',
        params: idParams,
        response: { 200: fileResponse('The reflection’s file, with its own media type', 'application/octet-stream') },
      },
    },
    async (req, reply) => {
      const f = await getReflectionFile(db, actorOf(req), req.params.id);
      return sendFile(reply, f.data, f.name, f.type);
    },
  );

  app.post(
    '/study/reflections/:id/review',
    {
      config: { access: 'study.write' },
      schema: {
        tags,
        summary: 'Accept a reflection or ask for a rewrite',
        params: idParams,
        body: reviewReflectionSchema,
        response: { 200: reflectionSchema },
      },
    },
    async (req) => reviewReflection(db, actorOf(req), req.params.id, req.body),
  );

  app.get(
    '/study/pledges',
    {
      config: { access: 'study.read' },
      schema: { tags, summary: 'Pledges of members in scope', querystring: listPledgesQuery, response: { 200: z.array(pledgeSchema) } },
    },
    async (req) => findPledges(db, actorOf(req), req.query),
  );
};
