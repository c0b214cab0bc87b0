import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { FeatureOptions } from '../index';
import { actorOf, sendFile, XLSX_TYPE } from '../../lib/http';
import { readMultipart, requireFile } from '../../lib/upload';
import { AppError } from '../../lib/errors';
import { fileResponse } from '../../../contracts/common';
import { buildMappingTemplate, readMappingSheet } from './mapping-sheet.service';
import { findFiguresAsOf, findLineage, findTreeAsOf } from './history.service';
import { commitReorg, previewReorg } from './reorg.service';
import { findReorgOperations, undoReorg } from './undo.service';
import {
  figuresAsOfQuery,
  figuresAsOfSchema,
  lineageSchema,
  mappingSheetSchema,
  operationParams,
  operationsQuery,
  orgParams,
  reorgHistorySchema,
  reorgOperationSchema,
  reorgPreviewSchema,
  reorgRequestSchema,
  treeAsOfQuery,
  treeAsOfSchema,
} from '../../../contracts/reorg';

export const reorgRoutes: FastifyPluginAsync<FeatureOptions> = async (base, { db }) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const tags = ['reorg'];
  const read = { access: 'reorg.read' as const };
  const write = { access: 'reorg.write' as const };

  app.post(
    '/reorg/preview',
    {
      config: write,
      schema: {
        tags,
        summary: 'Everything a reorganization would touch; writes nothing',
        body: reorgRequestSchema,
        response: { 200: reorgPreviewSchema },
      },
    },
    async (req) => previewReorg(db, actorOf(req), req.body),
  );
  app.post(
    '/reorg/operations',
    {
      config: write,
      schema: {
        tags,
        summary: 'Commit a reorganization in one transaction, dated and audited',
        body: reorgRequestSchema,
        response: { 201: reorgOperationSchema },
      },
    },
    async (req, reply) => reply.code(201).send(await commitReorg(db, actorOf(req), req.body)),
  );
  app.post(
    '/reorg/mapping-sheet',
    {
      config: write,
      schema: {
        tags,
        summary: 'The mapping of an operation as an .xlsx template, pre-filled from its preview',
        body: reorgRequestSchema,
        response: { 200: fileResponse('The mapping template', XLSX_TYPE) },
      },
    },
    async (req, reply) => sendFile(reply, await buildMappingTemplate(db, actorOf(req), req.body), 'bang-phan-bo.xlsx', XLSX_TYPE),
  );
  app.post(
    '/reorg/mapping-sheet/read',
    {
      config: write,
      schema: {
        tags,
        summary: 'A filled mapping template read back into the cell and role choices (multipart: request JSON and file); writes nothing',
        consumes: ['multipart/form-data'],
        response: { 200: mappingSheetSchema },
      },
    },
    async (req) => {
      const upload = await readMultipart(req);
      const file = requireFile(upload, { vi: 'Hãy chọn tệp bảng phân bổ (.xlsx).', en: 'Choose the mapping sheet (.xlsx).' });
      return readMappingSheet(db, actorOf(req), parseRequestField(upload.fields.request), file.buffer);
    },
  );
  app.get(
    '/reorg/operations',
    {
      config: read,
      schema: {
        tags,
        summary: 'The reorganizations naming an org the caller reads, newest first',
        querystring: operationsQuery,
        response: { 200: reorgHistorySchema },
      },
    },
    async (req) => findReorgOperations(db, actorOf(req), req.query.orgId),
  );
  app.post(
    '/reorg/operations/:id/undo',
    {
      config: write,
      schema: {
        tags,
        summary: 'Undo an operation while nothing was recorded against the orgs it changed',
        params: operationParams,
        response: { 200: reorgOperationSchema },
      },
    },
    async (req) => undoReorg(db, actorOf(req), req.params.id),
  );
  app.get(
    '/reorg/tree',
    {
      config: read,
      schema: {
        tags,
        summary: 'The org tree as it stood on a day, with that day’s member counts',
        querystring: treeAsOfQuery,
        response: { 200: treeAsOfSchema },
      },
    },
    async (req) => findTreeAsOf(db, actorOf(req), req.query.asOf, req.query.rootId),
  );
  app.get(
    '/reorg/lineage/:orgId',
    {
      config: read,
      schema: {
        tags,
        summary: 'Where an org came from and went into, and its former names',
        params: orgParams,
        response: { 200: lineageSchema },
      },
    },
    async (req) => findLineage(db, actorOf(req), req.params.orgId),
  );
  app.get(
    '/reorg/figures',
    {
      config: { access: 'reorg.read' },
      schema: {
        tags,
        summary: 'An org’s figures as of a day, on the tree of that day or converted to today’s',
        querystring: figuresAsOfQuery,
        response: { 200: figuresAsOfSchema },
      },
    },
    async (req) => findFiguresAsOf(db, actorOf(req), req.query.orgId, req.query.asOf, req.query.tree),
  );
};

/** The operation the sheet belongs to, sent beside the file as the `request` field (JSON). */
function parseRequestField(text: string | undefined) {
  let json: unknown;
  try {
    json = JSON.parse(text ?? '');
  } catch {
    json = undefined;
  }
  const parsed = reorgRequestSchema.safeParse(json);
  if (parsed.success) return parsed.data;
  const message = 'Thiếu hoặc sai thông tin thao tác đi kèm bảng phân bổ.';
  throw new AppError(
    'validation_failed',
    { vi: message, en: 'The operation sent with the sheet is missing or invalid.' },
    {
      fields: parsed.error.issues.map((i) => ({ field: ['body', 'request', ...i.path.map(String)].join('.'), message: i.message })),
    },
  );
}
