import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { queryId } from '../../../../contracts/query-params';
import type { FeatureOptions } from '../../index';
import { AppError } from '../../../lib/errors';
import { actorOf, DOCX_TYPE, sendFile, XLSX_TYPE } from '../../../lib/http';
import { buildSessionReportDocx, buildSessionWorkbook } from '../reports/reports.service';
import {
  allowMembersResultSchema,
  allowMembersSchema,
  bulkPointsResultSchema,
  bulkPointsSchema,
  createPointSchema,
  createSessionSchema,
  invitationsResultSchema,
  listSessionsQuery,
  liveQuery,
  liveSchema,
  makeupSessionSchema,
  markResultSchema,
  markSchema,
  pointSchema,
  qrSchema,
  rollImportResultSchema,
  rollQuery,
  rollSchema,
  sessionPageSchema,
  sessionSchema,
  updatePointSchema,
  updateSessionSchema,
  versionBody,
} from '../../../../contracts/study-sessions';
import { cancelSession, createMakeupSession, createSession, findSessions, getSession, updateSession } from './sessions.service';
import {
  addPointMembers,
  createPoint,
  createPointsInBulk,
  deletePoint,
  findPoints,
  getPoint,
  getPointQr,
  inviteByMail,
  updatePoint,
} from './points.service';
import { smtpSettingsFromEnv } from '../../mail';
import { buildRollSheet, getLiveAttendance, getRoll, importRollCall, markAttendance } from './attendance.service';
import { fileResponse, noContent } from '../../../../contracts/common';

const idParams = z.object({ id: queryId() });
const memberParams = idParams.extend({ memberId: queryId() });

/** The address the QR code points at: the one the host's browser reached us by. */
function originOf(req: FastifyRequest): string {
  return `${req.protocol}://${req.host}`;
}

export const sessionsRoutes: FastifyPluginAsync<FeatureOptions> = async (base, { db }) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const tags = ['study'];
  const read = { access: 'study.read' as const };
  const write = { access: 'study.write' as const };

  app.get(
    '/study/sessions',
    {
      config: read,
      schema: { tags, summary: 'Study sessions the caller can see', querystring: listSessionsQuery, response: { 200: sessionPageSchema } },
    },
    async (req) => findSessions(db, actorOf(req), req.query),
  );

  app.post(
    '/study/sessions',
    {
      config: write,
      schema: { tags, summary: 'Create a study session (conference)', body: createSessionSchema, response: { 201: sessionSchema } },
    },
    async (req, reply) => reply.status(201).send(await createSession(db, actorOf(req), req.body)),
  );

  app.get(
    '/study/sessions/:id',
    { config: read, schema: { tags, summary: 'One study session', params: idParams, response: { 200: sessionSchema } } },
    async (req) => getSession(db, actorOf(req), req.params.id),
  );

  app.patch(
    '/study/sessions/:id',
    {
      config: write,
      schema: { tags, summary: 'Edit a study session', params: idParams, body: updateSessionSchema, response: { 200: sessionSchema } },
    },
    async (req) => updateSession(db, actorOf(req), req.params.id, req.body),
  );

  app.post(
    '/study/sessions/:id/cancel',
    {
      config: write,
      schema: { tags, summary: 'Cancel a study session', params: idParams, body: versionBody, response: { 200: sessionSchema } },
    },
    async (req) => cancelSession(db, actorOf(req), req.params.id, req.body.version),
  );

  app.post(
    '/study/sessions/:id/makeups',
    {
      config: write,
      schema: {
        tags,
        summary: 'Create a make-up session for those who missed this one',
        params: idParams,
        body: makeupSessionSchema,
        response: { 201: sessionSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await createMakeupSession(db, actorOf(req), req.params.id, req.body)),
  );

  app.get(
    '/study/sessions/:id/report.xlsx',
    {
      config: { ...read, auditExport: 'attendance' },
      schema: {
        tags,
        summary: 'Attendance per point and per org, and members not yet reached, as .xlsx',
        params: idParams,
        response: { 200: fileResponse('An .xlsx workbook', XLSX_TYPE) },
      },
    },
    async (req, reply) => {
      const { body, title } = await buildSessionWorkbook(db, actorOf(req), req.params.id);
      return sendFile(reply, body, `bao-cao-${title}.xlsx`, XLSX_TYPE);
    },
  );

  app.get(
    '/study/sessions/:id/report.docx',
    {
      config: read,
      schema: {
        tags,
        summary: 'The Word report of the conference, in Party document format',
        params: idParams,
        response: { 200: fileResponse('A Word (.docx) file', DOCX_TYPE) },
      },
    },
    async (req, reply) => {
      const { body, title } = await buildSessionReportDocx(db, actorOf(req), req.params.id);
      return sendFile(reply, body, `bao-cao-${title}.docx`, DOCX_TYPE);
    },
  );

  app.post(
    '/study/sessions/:id/invitations',
    {
      config: write,
      schema: {
        tags,
        summary: 'E-mail the invitation to every expected member with an address (once each)',
        params: idParams,
        response: { 200: invitationsResultSchema },
      },
    },
    async (req) => inviteByMail(db, actorOf(req), req.params.id, smtpSettingsFromEnv() !== null),
  );

  app.get(
    '/study/sessions/:id/points',
    {
      config: read,
      schema: { tags, summary: 'Bridge points of a session with their counts', params: idParams, response: { 200: z.array(pointSchema) } },
    },
    async (req) => findPoints(db, actorOf(req), req.params.id),
  );

  app.post(
    '/study/sessions/:id/points',
    {
      config: write,
      schema: { tags, summary: 'Add a bridge point', params: idParams, body: createPointSchema, response: { 201: pointSchema } },
    },
    async (req, reply) => reply.status(201).send(await createPoint(db, actorOf(req), req.params.id, req.body)),
  );

  app.post(
    '/study/sessions/:id/points/bulk',
    {
      config: write,
      schema: {
        tags,
        summary: 'One point at every org of a kind under an org',
        params: idParams,
        body: bulkPointsSchema,
        response: { 200: bulkPointsResultSchema },
      },
    },
    async (req) => createPointsInBulk(db, actorOf(req), req.params.id, req.body),
  );

  app.get(
    '/study/points/:id',
    { config: read, schema: { tags, summary: 'One bridge point', params: idParams, response: { 200: pointSchema } } },
    async (req) => getPoint(db, actorOf(req), req.params.id),
  );

  app.patch(
    '/study/points/:id',
    {
      config: write,
      schema: { tags, summary: 'Edit a bridge point', params: idParams, body: updatePointSchema, response: { 200: pointSchema } },
    },
    async (req) => updatePoint(db, actorOf(req), req.params.id, req.body),
  );

  app.delete(
    '/study/points/:id',
    { config: write, schema: { tags, summary: 'Remove a bridge point', params: idParams, response: { 204: noContent } } },
    async (req, reply) => {
      await deletePoint(db, actorOf(req), req.params.id);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/study/points/:id/members',
    {
      config: write,
      schema: {
        tags,
        summary: 'Let members (by code) check in at this point',
        params: idParams,
        body: allowMembersSchema,
        response: { 200: allowMembersResultSchema },
      },
    },
    async (req) => addPointMembers(db, actorOf(req), req.params.id, req.body.codes),
  );

  app.get(
    '/study/points/:id/qr',
    {
      config: write,
      schema: { tags, summary: 'The point’s QR code (signed check-in address)', params: idParams, response: { 200: qrSchema } },
    },
    async (req) => getPointQr(db, actorOf(req), req.params.id, originOf(req)),
  );

  app.get(
    '/study/points/:id/live',
    {
      config: read,
      schema: {
        tags,
        summary: 'Check-ins at the point after a cursor, for the host’s live list',
        params: idParams,
        querystring: liveQuery,
        response: { 200: liveSchema },
      },
    },
    async (req) => getLiveAttendance(db, actorOf(req), req.params.id, req.query.after, req.query.limit),
  );

  app.get(
    '/study/points/:id/roll',
    {
      config: read,
      schema: {
        tags,
        summary: 'Everyone expected at the point with their status',
        params: idParams,
        querystring: rollQuery,
        response: { 200: rollSchema },
      },
    },
    async (req) => getRoll(db, actorOf(req), req.params.id, req.query),
  );

  app.get(
    '/study/points/:id/roll.xlsx',
    {
      config: { ...read, auditExport: 'attendance' },
      schema: {
        tags,
        summary: 'The roll as .xlsx (to print, or fill in and import)',
        params: idParams,
        response: { 200: fileResponse('An .xlsx workbook', XLSX_TYPE) },
      },
    },
    async (req, reply) => {
      const { body, name } = await buildRollSheet(db, actorOf(req), req.params.id);
      return sendFile(reply, body, `diem-danh-${name}.xlsx`, XLSX_TYPE);
    },
  );

  app.put(
    '/study/points/:id/attendance/:memberId',
    {
      config: write,
      schema: {
        tags,
        summary: 'Mark a member present, excused (with reason) or absent',
        params: memberParams,
        body: markSchema,
        response: { 200: markResultSchema },
      },
    },
    async (req) => markAttendance(db, actorOf(req), req.params.id, req.params.memberId, req.body),
  );

  app.post(
    '/study/points/:id/attendance/import',
    {
      config: write,
      schema: {
        tags,
        summary: 'Import a roll-call sheet (.xlsx, multipart field "file")',
        params: idParams,
        consumes: ['multipart/form-data'],
        response: { 200: rollImportResultSchema },
      },
    },
    async (req) => {
      const file = await req.file();
      const buffer = file ? await file.toBuffer() : null;
      if (!buffer || buffer.length === 0) {
        throw new AppError(
          'validation_failed',
          { vi: 'Hãy chọn tệp .xlsx.', en: 'Choose an .xlsx file.' },
          { fields: [{ field: 'body.file', message: 'Hãy chọn tệp .xlsx.' }] },
        );
      }
      return importRollCall(db, actorOf(req), req.params.id, buffer);
    },
  );
};
