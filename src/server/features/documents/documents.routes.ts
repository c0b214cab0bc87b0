import { sendAttachment } from '../../lib/attachments';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { FeatureOptions } from '../index';
import { readMultipart, requireFile } from '../../lib/upload';
import { actorOf, DOCX_TYPE, sendFile, XLSX_TYPE } from '../../lib/http';
import {
  adoptSchema,
  amendSchema,
  bulkTaskSchema,
  createDocumentSchema,
  createIndicatorSchema,
  createItemSchema,
  createTaskSchema,
  diffQuery,
  expireSchema,
  fileParams,
  gapQuery,
  idParams,
  indicatorSchema,
  itemParams,
  linkParams,
  linkSchema,
  listDocumentsQuery,
  moveItemSchema,
  searchQuery,
  taskQuery,
  updateDocumentSchema,
  updateIndicatorSchema,
  updateItemSchema,
  updateTaskSchema,
  versionQuery,
} from '../../../contracts/documents';
import {
  addDocumentFile,
  adoptDocument,
  amendDocument,
  createDocument,
  deleteDocument,
  diffDocument,
  expireDocument,
  findDocuments,
  findVersions,
  getDocument,
  getDocumentFile,
  searchDocuments,
  updateDocument,
} from './documents.service';
import { createItem, deleteItem, moveItem, updateItem } from './items.service';
import { findChain, findConcretizations, findGaps, linkItem, suggestLinks, unlinkItem } from './cascade.service';
import { assignTasksInBulk, createTask, deleteTask, findTasks, updateTask } from './tasks.service';
import { createIndicator, findIndicators, updateIndicator } from './indicators.service';
import { exportDocumentDocx } from './documents.docx';
import { exportDocumentSheet, importDocumentSheet } from './documents.sheet';
import { queryBoolean } from '../../../contracts/query-params';
import { fileResponse, noContent } from '../../../contracts/common';
import {
  bulkTasksResponse,
  chainResponse,
  concretizationsResponse,
  diffResponse,
  documentFileResponse,
  documentPageResponse,
  documentResponse,
  gapsResponse,
  importSheetResponse,
  itemResponse,
  linkResponse,
  searchResponse,
  suggestionsResponse,
  taskPageResponse,
  taskResponse,
  versionsResponse,
} from '../../../contracts/documents';

const readUpload = async (req: FastifyRequest) => requireFile(await readMultipart(req));

export const documentsRoutes: FastifyPluginAsync<FeatureOptions> = async (base, { db }) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const tags = ['documents'];
  const read = { access: 'documents.read' as const };
  const write = { access: 'documents.write' as const };

  // Documents
  app.get(
    '/documents',
    {
      config: read,
      schema: {
        tags,
        summary: 'Documents in (and above) the caller’s scope',
        querystring: listDocumentsQuery,
        response: { 200: documentPageResponse },
      },
    },
    async (req) => findDocuments(db, actorOf(req), req.query),
  );
  app.get(
    '/documents/search',
    {
      config: read,
      schema: {
        tags,
        summary: 'Search documents and items ignoring diacritics; exact diacritics first',
        querystring: searchQuery,
        response: { 200: searchResponse },
      },
    },
    async (req) => searchDocuments(db, actorOf(req), req.query.q, req.query.limit),
  );
  app.get(
    '/documents/:id',
    {
      config: read,
      schema: { tags, summary: 'A document with its items, links and files', params: idParams, response: { 200: documentResponse } },
    },
    async (req) => getDocument(db, actorOf(req), req.params.id),
  );
  app.post(
    '/documents',
    {
      config: write,
      schema: {
        tags,
        summary: 'Create a draft document; its number comes from the org’s counter',
        body: createDocumentSchema,
        response: { 201: documentResponse },
      },
    },
    async (req, reply) => reply.status(201).send(await createDocument(db, actorOf(req), req.body)),
  );
  app.patch(
    '/documents/:id',
    {
      config: write,
      schema: { tags, summary: 'Edit a draft', params: idParams, body: updateDocumentSchema, response: { 200: documentResponse } },
    },
    async (req) => updateDocument(db, actorOf(req), req.params.id, req.body),
  );
  app.delete(
    '/documents/:id',
    {
      config: write,
      schema: { tags, summary: 'Delete a draft', params: idParams, querystring: versionQuery, response: { 204: noContent } },
    },
    async (req, reply) => {
      await deleteDocument(db, actorOf(req), req.params.id, req.query.version);
      return reply.status(204).send(null);
    },
  );
  app.post(
    '/documents/:id/adopt',
    {
      config: write,
      schema: {
        tags,
        summary: 'Adopt a draft (it becomes read-only)',
        params: idParams,
        body: adoptSchema,
        response: { 200: documentResponse },
      },
    },
    async (req) => adoptDocument(db, actorOf(req), req.params.id, req.body.version, req.body.issueDate),
  );
  app.post(
    '/documents/:id/amend',
    {
      config: write,
      schema: {
        tags,
        summary: 'Amend an adopted document: a new draft version with a reason',
        params: idParams,
        body: amendSchema,
        response: { 201: documentResponse },
      },
    },
    async (req, reply) => reply.status(201).send(await amendDocument(db, actorOf(req), req.params.id, req.body.version, req.body.reason)),
  );
  app.post(
    '/documents/:id/expire',
    {
      config: write,
      schema: {
        tags,
        summary: 'Mark an adopted document expired',
        params: idParams,
        body: expireSchema,
        response: { 200: documentResponse },
      },
    },
    async (req) => expireDocument(db, actorOf(req), req.params.id, req.body.version),
  );
  app.get(
    '/documents/:id/versions',
    { config: read, schema: { tags, summary: 'Every version of the document', params: idParams, response: { 200: versionsResponse } } },
    async (req) => findVersions(db, actorOf(req), req.params.id),
  );
  app.get(
    '/documents/:id/diff',
    {
      config: read,
      schema: {
        tags,
        summary: 'Item-by-item changes from the previous (or a given) version',
        params: idParams,
        querystring: diffQuery,
        response: { 200: diffResponse },
      },
    },
    async (req) => diffDocument(db, actorOf(req), req.params.id, req.query.fromId),
  );
  app.get(
    '/documents/:id/gaps',
    {
      config: read,
      schema: {
        tags,
        summary: 'Lower orgs without a program or plan, and items nobody took up',
        params: idParams,
        querystring: gapQuery,
        response: { 200: gapsResponse },
      },
    },
    async (req) => findGaps(db, actorOf(req), req.params.id, req.query.depth),
  );

  // Files
  app.get(
    '/documents/:id/export.docx',
    {
      config: read,
      schema: {
        tags,
        summary: 'Word file in the Party’s document format (36-HD/VPTW)',
        params: idParams,
        response: { 200: fileResponse('A Word (.docx) file', DOCX_TYPE) },
      },
    },
    async (req, reply) => {
      const { buffer, fileName } = await exportDocumentDocx(db, actorOf(req), req.params.id);
      return sendFile(reply, buffer, fileName, DOCX_TYPE);
    },
  );
  app.get(
    '/documents/:id/export.xlsx',
    {
      config: read,
      schema: {
        tags,
        summary: 'Items and targets as .xlsx (also the import template)',
        params: idParams,
        response: { 200: fileResponse('An .xlsx workbook', XLSX_TYPE) },
      },
    },
    async (req, reply) => {
      const { buffer, fileName } = await exportDocumentSheet(db, actorOf(req), req.params.id);
      return sendFile(reply, buffer, fileName, XLSX_TYPE);
    },
  );
  app.post(
    '/documents/:id/import',
    {
      config: write,
      schema: {
        tags,
        summary: 'Upload an .xlsx of items: preview, or with ?commit=true write all rows or none',
        params: idParams,
        querystring: z.object({ commit: queryBoolean().default(false) }),
        consumes: ['multipart/form-data'],
        response: { 200: importSheetResponse },
      },
    },
    async (req) => {
      const file = await readUpload(req);
      return importDocumentSheet(db, actorOf(req), req.params.id, file.buffer, req.query.commit);
    },
  );
  app.post(
    '/documents/:id/files',
    {
      config: write,
      schema: {
        tags,
        summary: 'Attach the signed PDF or DOCX',
        params: idParams,
        consumes: ['multipart/form-data'],
        response: { 201: documentFileResponse },
      },
    },
    async (req, reply) => reply.status(201).send(await addDocumentFile(db, actorOf(req), req.params.id, await readUpload(req))),
  );
  app.get(
    '/documents/:id/files/:fileId',
    {
      config: read,
      schema: {
        tags,
        summary: 'Download an attachment',
        params: fileParams,
        response: { 200: fileResponse('The attached file, with its own media type', 'application/octet-stream') },
      },
    },
    async (req, reply) => {
      const f = await getDocumentFile(db, actorOf(req), req.params.id, req.params.fileId);
      return sendAttachment(reply, f.content, f.fileName);
    },
  );

  // Items
  app.post(
    '/documents/:id/items',
    {
      config: write,
      schema: { tags, summary: 'Add an item to a draft', params: idParams, body: createItemSchema, response: { 201: itemResponse } },
    },
    async (req, reply) => reply.status(201).send(await createItem(db, actorOf(req), req.params.id, req.body)),
  );
  app.patch(
    '/items/:itemId',
    {
      config: write,
      schema: { tags, summary: 'Edit an item of a draft', params: itemParams, body: updateItemSchema, response: { 200: itemResponse } },
    },
    async (req) => updateItem(db, actorOf(req), req.params.itemId, req.body),
  );
  app.delete(
    '/items/:itemId',
    {
      config: write,
      schema: { tags, summary: 'Delete an item of a draft', params: itemParams, querystring: versionQuery, response: { 204: noContent } },
    },
    async (req, reply) => {
      await deleteItem(db, actorOf(req), req.params.itemId, req.query.version);
      return reply.status(204).send(null);
    },
  );
  app.post(
    '/items/:itemId/move',
    {
      config: write,
      schema: {
        tags,
        summary: 'Move an item under another parent, at an index',
        params: itemParams,
        body: moveItemSchema,
        response: { 200: itemResponse },
      },
    },
    async (req) => moveItem(db, actorOf(req), req.params.itemId, req.body.version, req.body.parentItemId, req.body.index),
  );

  // Cascade
  app.post(
    '/items/:itemId/links',
    {
      config: write,
      schema: {
        tags,
        summary: 'Link a lower item to the higher item it concretizes',
        params: itemParams,
        body: linkSchema,
        response: { 201: linkResponse },
      },
    },
    async (req, reply) => reply.status(201).send(await linkItem(db, actorOf(req), req.params.itemId, req.body.parentItemId)),
  );
  app.delete(
    '/items/:itemId/links/:parentItemId',
    { config: write, schema: { tags, summary: 'Remove a link', params: linkParams, response: { 204: noContent } } },
    async (req, reply) => {
      await unlinkItem(db, actorOf(req), req.params.itemId, req.params.parentItemId);
      return reply.status(204).send(null);
    },
  );
  app.get(
    '/items/:itemId/suggestions',
    {
      config: read,
      schema: {
        tags,
        summary: 'Likely parent items in the implemented documents',
        params: itemParams,
        response: { 200: suggestionsResponse },
      },
    },
    async (req) => suggestLinks(db, actorOf(req), req.params.itemId),
  );
  app.get(
    '/items/:itemId/concretizations',
    {
      config: read,
      schema: {
        tags,
        summary: 'Top-down: the items that concretize this one (one level), with checks',
        params: itemParams,
        response: { 200: concretizationsResponse },
      },
    },
    async (req) => findConcretizations(db, actorOf(req), req.params.itemId),
  );
  app.get(
    '/items/:itemId/chain',
    {
      config: read,
      schema: {
        tags,
        summary: 'Bottom-up: the chain of items this one concretizes, up to the top',
        params: itemParams,
        response: { 200: chainResponse },
      },
    },
    async (req) => findChain(db, actorOf(req), req.params.itemId),
  );

  // Tasks
  app.get(
    '/tasks',
    {
      config: read,
      schema: {
        tags,
        summary: 'Tasks assigned by or to orgs of the caller’s scope',
        querystring: taskQuery,
        response: { 200: taskPageResponse },
      },
    },
    async (req) => findTasks(db, actorOf(req), req.query),
  );
  app.post(
    '/tasks',
    { config: write, schema: { tags, summary: 'Assign a task to a lead org', body: createTaskSchema, response: { 201: taskResponse } } },
    async (req, reply) => reply.status(201).send(await createTask(db, actorOf(req), req.body)),
  );
  app.post(
    '/tasks/bulk',
    {
      config: write,
      schema: {
        tags,
        summary: 'Assign an item to every org of a kind under an org',
        body: bulkTaskSchema,
        response: { 201: bulkTasksResponse },
      },
    },
    async (req, reply) => reply.status(201).send(await assignTasksInBulk(db, actorOf(req), req.body)),
  );
  app.patch(
    '/tasks/:id',
    { config: write, schema: { tags, summary: 'Edit a task', params: idParams, body: updateTaskSchema, response: { 200: taskResponse } } },
    async (req) => updateTask(db, actorOf(req), req.params.id, req.body),
  );
  app.delete(
    '/tasks/:id',
    {
      config: write,
      schema: { tags, summary: 'Delete a task', params: idParams, querystring: versionQuery, response: { 204: noContent } },
    },
    async (req, reply) => {
      await deleteTask(db, actorOf(req), req.params.id, req.query.version);
      return reply.status(204).send(null);
    },
  );

  // Indicator catalog
  app.get(
    '/indicators',
    { config: read, schema: { tags, summary: 'The indicator catalog', response: { 200: z.array(indicatorSchema) } } },
    async () => findIndicators(db) as Promise<z.infer<typeof indicatorSchema>[]>,
  );
  app.post(
    '/indicators',
    {
      config: write,
      schema: { tags, summary: 'Add an indicator to the catalog', body: createIndicatorSchema, response: { 201: indicatorSchema } },
    },
    async (req, reply) => reply.status(201).send((await createIndicator(db, actorOf(req), req.body)) as z.infer<typeof indicatorSchema>),
  );
  app.patch(
    '/indicators/:id',
    {
      config: write,
      schema: {
        tags,
        summary: 'Edit an indicator’s name, unit, direction or aggregation (not its code)',
        params: idParams,
        body: updateIndicatorSchema,
        response: { 200: indicatorSchema },
      },
    },
    async (req) => updateIndicator(db, actorOf(req), req.params.id, req.body) as Promise<z.infer<typeof indicatorSchema>>,
  );
};
