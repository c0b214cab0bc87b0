import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { FeatureOptions } from '../index';
import { actorOf, DOCX_TYPE, sendFile, XLSX_TYPE } from '../../lib/http';
import {
  admitCandidateSchema,
  candidateListQuery,
  candidateListSchema,
  candidateSchema,
  candidateStepSchema,
  createCandidateSchema,
  createEnterpriseSchema,
  drillQuery,
  editEventResultSchema,
  editEventSchema,
  eventImportCommitSchema,
  eventImportPreviewSchema,
  eventImportResultSchema,
  drillSchema,
  enterpriseListQuery,
  enterpriseListSchema,
  enterpriseSchema,
  eventSchema,
  idParams,
  introducerOptionsSchema,
  updateEnterpriseResultSchema,
  updateEnterpriseSchema,
  indicatorsQuery,
  indicatorsSchema,
  overdueQuery,
  overdueSchema,
  receiveTransferSchema,
  recordEventSchema,
  rosterQuery,
  rosterSchema,
  statisticsQuery,
  statisticsSchema,
  timelineSchema,
} from '../../../contracts/registry';
import { fileResponse } from '../../../contracts/common';
import { AppError } from '../../lib/errors';
import { readMultipart, requireFile } from '../../lib/upload';
import { buildEventsTemplate, commitEventsImport, previewEventsImport } from './events-import.service';
import { getStatistics } from './statistics.service';
import { exportStatisticsDocx, exportStatisticsXlsx } from './statistics.export';
import { editEvent, getOwnTimeline, getTimeline, receiveTransfer, recordEvent } from './events.service';
import { findOverdueReviews, findRoster } from './roster.service';
import {
  admitCandidate,
  createCandidate,
  findCandidates,
  findIntroducerOptions,
  getCandidate,
  recordCandidateStep,
} from './candidates.service';
import { createEnterprise, findEnterprises, updateEnterprise } from './enterprises.service';
import { drillIndicator, getIndicators } from './indicators.service';

export const registryRoutes: FastifyPluginAsync<FeatureOptions> = async (base, { db }) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const tags = ['registry'];
  const read = { access: 'registry.read' as const };
  const write = { access: 'registry.write' as const };

  app.get(
    '/registry/members/:id/timeline',
    { config: read, schema: { tags, summary: 'A member’s membership events', params: idParams, response: { 200: timelineSchema } } },
    async (req) => getTimeline(db, actorOf(req), req.params.id),
  );
  app.get(
    '/registry/me/timeline',
    { config: { access: 'self' }, schema: { tags, summary: 'The caller’s own membership events', response: { 200: timelineSchema } } },
    async (req) => getOwnTimeline(db, actorOf(req)),
  );
  app.post(
    '/registry/members/:id/events',
    {
      config: write,
      schema: { tags, summary: 'Record a membership event', params: idParams, body: recordEventSchema, response: { 201: timelineSchema } },
    },
    async (req, reply) => reply.status(201).send(await recordEvent(db, actorOf(req), req.params.id, req.body)),
  );
  app.put(
    '/registry/events/:id',
    {
      config: write,
      schema: {
        tags,
        summary: 'Correct the date or decision of a past event (flags approved reports it changes)',
        params: idParams,
        body: editEventSchema,
        response: { 200: editEventResultSchema },
      },
    },
    async (req) => editEvent(db, actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/registry/transfers/receive',
    {
      config: write,
      schema: { tags, summary: 'Receive a transfer by its code', body: receiveTransferSchema, response: { 201: eventSchema } },
    },
    async (req, reply) => reply.status(201).send(await receiveTransfer(db, actorOf(req), req.body)),
  );
  app.get(
    '/registry/events/import-template',
    {
      config: write,
      schema: {
        tags,
        summary: 'The membership events template (.xlsx)',
        response: { 200: fileResponse('The events template', XLSX_TYPE) },
      },
    },
    async (_req, reply) => sendFile(reply, await buildEventsTemplate(), 'mau-su-kien-dang-vien.xlsx', XLSX_TYPE),
  );
  app.post(
    '/registry/events/import/preview',
    {
      config: write,
      schema: {
        tags,
        summary: 'An events file read and checked row by row (multipart: file); writes nothing',
        consumes: ['multipart/form-data'],
        response: { 200: eventImportPreviewSchema },
      },
    },
    async (req) => {
      const file = requireFile(await readMultipart(req), eventsFileMissing);
      return previewEventsImport(db, actorOf(req), file.buffer);
    },
  );
  app.post(
    '/registry/events/import/commit',
    {
      config: write,
      schema: {
        tags,
        summary: 'Write every event of a previewed file, or none (multipart: request JSON with the preview key, and file)',
        consumes: ['multipart/form-data'],
        response: { 200: eventImportResultSchema },
      },
    },
    async (req) => {
      const upload = await readMultipart(req);
      const file = requireFile(upload, eventsFileMissing);
      return commitEventsImport(db, actorOf(req), parseCommitField(upload.fields.request).key, file.buffer);
    },
  );
  app.get(
    '/registry/roster',
    {
      config: read,
      schema: { tags, summary: 'Members on the rolls of a subtree on a day', querystring: rosterQuery, response: { 200: rosterSchema } },
    },
    async (req) => findRoster(db, actorOf(req), req.query.orgId, req.query.asOf),
  );
  app.get(
    '/registry/overdue-reviews',
    {
      config: read,
      schema: { tags, summary: 'Probationary members overdue for review', querystring: overdueQuery, response: { 200: overdueSchema } },
    },
    async (req) => findOverdueReviews(db, actorOf(req), req.query.orgId, req.query.asOf),
  );
  app.get(
    '/registry/candidates',
    {
      config: read,
      schema: {
        tags,
        summary: 'Admission candidates of a subtree',
        querystring: candidateListQuery,
        response: { 200: candidateListSchema },
      },
    },
    async (req) => findCandidates(db, actorOf(req), req.query.orgId),
  );
  app.get(
    '/registry/candidates/:id',
    { config: read, schema: { tags, summary: 'One admission candidate', params: idParams, response: { 200: candidateSchema } } },
    async (req) => getCandidate(db, actorOf(req), req.params.id),
  );
  app.post(
    '/registry/candidates',
    {
      config: write,
      schema: { tags, summary: 'Add an admission candidate to a cell', body: createCandidateSchema, response: { 201: candidateSchema } },
    },
    async (req, reply) => reply.status(201).send(await createCandidate(db, actorOf(req), req.body)),
  );
  app.post(
    '/registry/candidates/:id/steps',
    {
      config: write,
      schema: {
        tags,
        summary: 'Record an admission step',
        params: idParams,
        body: candidateStepSchema,
        response: { 200: candidateSchema },
      },
    },
    async (req) => recordCandidateStep(db, actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/registry/candidates/:id/admit',
    {
      config: write,
      schema: { tags, summary: 'The admission ceremony', params: idParams, body: admitCandidateSchema, response: { 200: candidateSchema } },
    },
    async (req) => admitCandidate(db, actorOf(req), req.params.id, req.body),
  );
  app.get(
    '/registry/enterprises',
    {
      config: read,
      schema: { tags, summary: 'Enterprises of a subtree', querystring: enterpriseListQuery, response: { 200: enterpriseListSchema } },
    },
    async (req) => findEnterprises(db, actorOf(req), req.query.orgId),
  );
  app.post(
    '/registry/enterprises',
    {
      config: write,
      schema: { tags, summary: 'Register an enterprise', body: createEnterpriseSchema, response: { 201: enterpriseSchema } },
    },
    async (req, reply) => reply.status(201).send(await createEnterprise(db, actorOf(req), req.body)),
  );
  app.put(
    '/registry/enterprises/:id',
    {
      config: write,
      schema: {
        tags,
        summary: 'Edit an enterprise (flags approved reports it changes)',
        params: idParams,
        body: updateEnterpriseSchema,
        response: { 200: updateEnterpriseResultSchema },
      },
    },
    async (req) => updateEnterprise(db, actorOf(req), req.params.id, req.body),
  );
  app.get(
    '/registry/candidates/:id/introducer-options',
    {
      config: read,
      schema: {
        tags,
        summary: 'Official members of the candidate’s cell who may introduce them',
        params: idParams,
        response: { 200: introducerOptionsSchema },
      },
    },
    async (req) => findIntroducerOptions(db, actorOf(req), req.params.id),
  );
  app.get(
    '/registry/indicators',
    {
      config: read,
      schema: {
        tags,
        summary: 'Party-building figures of a subtree and period',
        querystring: indicatorsQuery,
        response: { 200: indicatorsSchema },
      },
    },
    async (req) => getIndicators(db, actorOf(req), req.query),
  );
  app.get(
    '/registry/indicators/drill',
    {
      config: read,
      schema: { tags, summary: 'Who or what is behind one figure', querystring: drillQuery, response: { 200: drillSchema } },
    },
    async (req) => drillIndicator(db, actorOf(req), req.query),
  );
  app.get(
    '/registry/statistics',
    {
      config: read,
      schema: {
        tags,
        summary: 'The periodic statistics table of a subtree',
        querystring: statisticsQuery,
        response: { 200: statisticsSchema },
      },
    },
    async (req) => getStatistics(db, actorOf(req), req.query),
  );
  app.get(
    '/registry/statistics.xlsx',
    {
      config: read,
      schema: {
        tags,
        summary: 'The periodic statistics table as .xlsx',
        querystring: statisticsQuery,
        response: { 200: fileResponse('An .xlsx workbook', XLSX_TYPE) },
      },
    },
    async (req, reply) => {
      const { buffer, fileName } = await exportStatisticsXlsx(db, actorOf(req), req.query);
      return sendFile(reply, buffer, fileName, XLSX_TYPE);
    },
  );
  app.get(
    '/registry/statistics.docx',
    {
      config: read,
      schema: {
        tags,
        summary: 'The periodic statistics table as a Word report (HD 36)',
        querystring: statisticsQuery,
        response: { 200: fileResponse('A Word (.docx) file', DOCX_TYPE) },
      },
    },
    async (req, reply) => {
      const { buffer, fileName } = await exportStatisticsDocx(db, actorOf(req), req.query);
      return sendFile(reply, buffer, fileName, DOCX_TYPE);
    },
  );
};

const eventsFileMissing = { vi: 'Hãy chọn tệp sự kiện (.xlsx).', en: 'Choose the events file (.xlsx).' };

/** The preview's key, sent beside the file as the `request` field (JSON). */
function parseCommitField(text: string | undefined) {
  let json: unknown;
  try {
    json = JSON.parse(text ?? '');
  } catch {
    json = undefined;
  }
  const parsed = eventImportCommitSchema.safeParse(json);
  if (parsed.success) return parsed.data;
  const message = 'Thiếu mã của lần xem trước; hãy xem trước tệp lại.';
  throw new AppError(
    'validation_failed',
    { vi: message, en: 'The preview key is missing.' },
    { fields: [{ field: 'body.request.key', message }] },
  );
}
