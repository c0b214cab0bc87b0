import { sendAttachment } from '../../lib/attachments';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { vnToday } from '../../../domain/vn-time';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { queryId } from '../../../contracts/query-params';
import type { FeatureOptions } from '../index';
import { readMultipart, requireFile } from '../../lib/upload';
import { actorOf, sendFile, XLSX_TYPE, DOCX_TYPE } from '../../lib/http';
import { readDb } from '../../db/read-routing';
import { markAllNotificationsRead, markNotificationRead } from './notifications.service';
import {
  answerExplanationSchema,
  approveReportSchema,
  closeExplanationSchema,
  createExplanationSchema,
  createScheduleSchema,
  dashboardQuery,
  documentParams,
  drilldownQuery,
  idParams,
  listExplanationsQuery,
  listReportsQuery,
  remindersSchema,
  returnReportSchema,
  rollupQuery,
  saveReportSchema,
  shareSchema,
  submitReportSchema,
  tokenParams,
  wordReportQuery,
} from '../../../contracts/reports';
import {
  addReportFile,
  createSchedule,
  findReports,
  findSchedules,
  getReport,
  getReportFile,
  saveReport,
  transitionReport,
} from './reports.service';
import { findRollup } from './rollups.service';
import { getDashboard, getDashboardList } from './dashboard.service';
import {
  answerExplanation,
  closeExplanation,
  createExplanation,
  findExplanations,
  getExplanation,
  getMyWork,
} from './explanations.service';
import { exportDashboardSheet } from './dashboard.sheet';
import { getPublicDashboard, getShare, saveShare } from './shares.service';
import { exportProgressReportDocx } from './reports.docx';
import { sendRemindersNow } from './reminders.service';
import { fileResponse } from '../../../contracts/common';
import {
  dashboardResponse,
  drilldownResponse,
  explanationResponse,
  explanationsResponse,
  myWorkResponse,
  notificationReadResponse,
  notificationsReadAllResponse,
  publicDashboardResponse,
  remindersResponse,
  reportFileResponse,
  reportPageResponse,
  reportResponse,
  reportScheduleResponse,
  reportSchedulesResponse,
  rollupResponse,
  shareResponse,
} from '../../../contracts/reports';

const idFile = z.object({ id: queryId(), fileId: queryId() });

const readUpload = async (req: FastifyRequest) => requireFile(await readMultipart(req));

export const reportsRoutes: FastifyPluginAsync<FeatureOptions> = async (base, { db }) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const tags = ['reports'];
  const read = { access: 'reports.read' as const };
  const write = { access: 'reports.write' as const };
  const approve = { access: 'reports.approve' as const };

  // Schedules (the document's owner sets them; documents.write is checked in the service)
  app.get(
    '/documents/:documentId/report-schedules',
    {
      config: read,
      schema: { tags, summary: 'Reporting schedules of a document', params: documentParams, response: { 200: reportSchedulesResponse } },
    },
    async (req) => findSchedules(db, actorOf(req), req.params.documentId),
  );
  app.post(
    '/documents/:documentId/report-schedules',
    {
      config: { access: 'reports.manage' },
      schema: {
        tags,
        summary: 'Create a schedule and open the reports of every holding org',
        params: documentParams,
        body: createScheduleSchema,
        response: { 201: reportScheduleResponse },
      },
    },
    async (req, reply) => reply.status(201).send(await createSchedule(db, actorOf(req), req.params.documentId, req.body)),
  );

  // Reports and the workflow
  app.get(
    '/reports',
    { config: read, schema: { tags, summary: 'Reports in scope', querystring: listReportsQuery, response: { 200: reportPageResponse } } },
    async (req) => findReports(db, actorOf(req), req.query),
  );
  app.get(
    '/reports/:id',
    {
      config: read,
      schema: {
        tags,
        summary: 'A report with its form, children’s values and history',
        params: idParams,
        response: { 200: reportResponse },
      },
    },
    async (req) => getReport(db, actorOf(req), req.params.id),
  );
  app.put(
    '/reports/:id',
    {
      config: write,
      schema: {
        tags,
        summary: 'Save figures, task updates and narrative',
        params: idParams,
        body: saveReportSchema,
        response: { 200: reportResponse },
      },
    },
    async (req) => saveReport(db, actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/reports/:id/submit',
    {
      config: write,
      schema: {
        tags,
        summary: 'Submit (or resubmit); idempotent by key',
        params: idParams,
        body: submitReportSchema,
        response: { 200: reportResponse },
      },
    },
    async (req) => transitionReport(db, actorOf(req), req.params.id, 'submit', req.body),
  );
  app.post(
    '/reports/:id/approve',
    {
      config: approve,
      schema: {
        tags,
        summary: 'Approve (the level above); idempotent by key',
        params: idParams,
        body: approveReportSchema,
        response: { 200: reportResponse },
      },
    },
    async (req) => transitionReport(db, actorOf(req), req.params.id, 'approve', req.body),
  );
  app.post(
    '/reports/:id/return',
    {
      config: approve,
      schema: {
        tags,
        summary: 'Return with a comment (also reopens an approved report)',
        params: idParams,
        body: returnReportSchema,
        response: { 200: reportResponse },
      },
    },
    async (req) => transitionReport(db, actorOf(req), req.params.id, 'return', req.body),
  );
  app.post(
    '/reports/:id/files',
    {
      config: write,
      schema: {
        tags,
        summary: 'Attach an evidence file (multipart, field "file")',
        params: idParams,
        response: { 201: reportFileResponse },
      },
    },
    async (req, reply) => reply.status(201).send(await addReportFile(db, actorOf(req), req.params.id, await readUpload(req))),
  );
  app.get(
    '/reports/:id/files/:fileId',
    {
      config: read,
      schema: {
        tags,
        summary: 'Download an evidence file',
        params: idFile,
        response: { 200: fileResponse('The attached file, with its own media type', 'application/octet-stream') },
      },
    },
    async (req, reply) => {
      const f = await getReportFile(db, actorOf(req), req.params.id, req.params.fileId);
      return sendAttachment(reply, f.content, f.fileName);
    },
  );

  // Rollups and dashboards
  app.get(
    '/rollups',
    {
      config: read,
      schema: {
        tags,
        summary: 'An indicator rolled up at an org, by period, as of a date',
        querystring: rollupQuery,
        response: { 200: rollupResponse },
      },
    },
    async (req) => findRollup(db, actorOf(req), req.query.indicatorId, req.query.orgId, req.query.asOf ?? vnToday()),
  );
  app.get(
    '/documents/:documentId/dashboard',
    {
      config: read,
      schema: {
        tags,
        summary: 'The leader’s dashboard of a document at an org',
        params: documentParams,
        querystring: dashboardQuery,
        response: { 200: dashboardResponse },
      },
    },
    async (req) => getDashboard(readDb(req, db), actorOf(req), req.params.documentId, req.query),
  );
  app.get(
    '/documents/:documentId/dashboard/list',
    {
      config: read,
      schema: {
        tags,
        summary: 'The list behind a dashboard number',
        params: documentParams,
        querystring: drilldownQuery,
        response: { 200: drilldownResponse },
      },
    },
    async (req) => getDashboardList(db, actorOf(req), req.params.documentId, req.query),
  );
  app.get(
    '/documents/:documentId/dashboard.xlsx',
    {
      config: read,
      schema: {
        tags,
        summary: 'Dashboard tables as .xlsx',
        params: documentParams,
        querystring: dashboardQuery,
        response: { 200: fileResponse('An .xlsx workbook', XLSX_TYPE) },
      },
    },
    async (req, reply) => {
      const { buffer, fileName } = await exportDashboardSheet(readDb(req, db), actorOf(req), req.params.documentId, req.query);
      return sendFile(reply, buffer, fileName, XLSX_TYPE);
    },
  );
  app.get(
    '/documents/:documentId/progress-report.docx',
    {
      config: read,
      schema: {
        tags,
        summary: 'Word report "Báo cáo kết quả thực hiện…" for an org and period',
        params: documentParams,
        querystring: wordReportQuery,
        response: { 200: fileResponse('A Word (.docx) file', DOCX_TYPE) },
      },
    },
    async (req, reply) => {
      const { buffer, fileName } = await exportProgressReportDocx(db, actorOf(req), req.params.documentId, req.query);
      return sendFile(reply, buffer, fileName, DOCX_TYPE);
    },
  );

  // Public link
  app.get(
    '/documents/:documentId/dashboard-share',
    { config: read, schema: { tags, summary: 'Public link settings', params: documentParams, response: { 200: shareResponse } } },
    async (req) => getShare(db, actorOf(req), req.params.documentId),
  );
  app.put(
    '/documents/:documentId/dashboard-share',
    {
      config: { access: 'reports.manage' },
      schema: {
        tags,
        summary: 'Turn the public link on or off and choose what it shows',
        params: documentParams,
        body: shareSchema,
        response: { 200: shareResponse },
      },
    },
    async (req) => saveShare(db, actorOf(req), req.params.documentId, req.body),
  );
  app.get(
    '/public/dashboards/:token',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'A public dashboard (read-only, only what the owner marked public)',
        params: tokenParams,
        response: { 200: publicDashboardResponse },
      },
    },
    async (req) => getPublicDashboard(db, req.params.token),
  );

  // Explanations
  app.get(
    '/explanations',
    {
      config: read,
      schema: {
        tags,
        summary: 'Explanation requests in scope',
        querystring: listExplanationsQuery,
        response: { 200: explanationsResponse },
      },
    },
    async (req) => findExplanations(db, actorOf(req), req.query),
  );
  app.post(
    '/explanations',
    {
      config: read,
      schema: {
        tags,
        summary: 'Ask an org for an explanation (leaders; checked in the service)',
        body: createExplanationSchema,
        response: { 201: explanationResponse },
      },
    },
    async (req, reply) => reply.status(201).send(await createExplanation(db, actorOf(req), req.body)),
  );
  app.get(
    '/explanations/:id',
    {
      config: read,
      schema: { tags, summary: 'An explanation request with its thread', params: idParams, response: { 200: explanationResponse } },
    },
    async (req) => getExplanation(db, actorOf(req), req.params.id),
  );
  app.post(
    '/explanations/:id/answer',
    {
      config: write,
      schema: {
        tags,
        summary: 'Answer as the responsible org',
        params: idParams,
        body: answerExplanationSchema,
        response: { 200: explanationResponse },
      },
    },
    async (req) => answerExplanation(db, actorOf(req), req.params.id, req.body.version, req.body.body),
  );
  app.post(
    '/explanations/:id/close',
    {
      config: read,
      schema: {
        tags,
        summary: 'Close a request with a note (the asking side)',
        params: idParams,
        body: closeExplanationSchema,
        response: { 200: explanationResponse },
      },
    },
    async (req) => closeExplanation(db, actorOf(req), req.params.id, req.body.version, req.body.note),
  );

  // My work, reminders
  app.get(
    '/my-work',
    {
      config: { access: 'authenticated' },
      schema: { tags, summary: 'Reports due, late tasks, explanation requests waiting for me', response: { 200: myWorkResponse } },
    },
    async (req) => getMyWork(db, actorOf(req)),
  );
  app.post(
    '/notifications/:id/read',
    {
      config: { access: 'authenticated' },
      schema: { tags, summary: 'Mark one of my notifications read', params: idParams, response: { 200: notificationReadResponse } },
    },
    async (req) => markNotificationRead(db, actorOf(req), req.params.id),
  );
  app.post(
    '/notifications/read-all',
    {
      config: { access: 'authenticated' },
      schema: { tags, summary: 'Mark all my notifications read', response: { 200: notificationsReadAllResponse } },
    },
    async (req) => markAllNotificationsRead(db, actorOf(req)),
  );
  app.post(
    '/reports/reminders',
    {
      config: read,
      schema: {
        tags,
        summary: 'Administrators: send due and overdue reminders of their subtree now (the job does this daily)',
        body: remindersSchema,
        response: { 200: remindersResponse },
      },
    },
    async (req) => sendRemindersNow(db, actorOf(req), req.body.daysBefore),
  );
};
