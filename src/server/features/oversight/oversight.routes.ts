import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { FeatureOptions } from '../index';
import { z } from 'zod';
import { actorOf, DOCX_TYPE, sendFile } from '../../lib/http';
import { sendAttachment } from '../../lib/attachments';
import { AppError } from '../../lib/errors';
import { readMultipart, requireFile } from '../../lib/upload';
import { addEvidence, getEvidence } from './evidence.service';
import { getMyInspections, updateEntry, updateFinding } from './edits.service';
import { exportInspectionDocx, exportProgramDocx, INSPECTION_DOCS } from './oversight.docx';
import {
  conclusionSchema,
  createEntrySchema,
  createInspectionSchema,
  createProgramSchema,
  dashboardQuery,
  decideSchema,
  findingSchema,
  formTeamSchema,
  idParams,
  evidenceFieldsSchema,
  evidenceFileSchema,
  myInspectionsResponseSchema,
  updateEntrySchema,
  updateFindingSchema,
  fileParams,
  listInspectionsQuery,
  listProgramsQuery,
  noticeSchema,
  orgParams,
  reportDoneSchema,
  selfReportSchema,
  sessionSchema,
  teamReportSchema,
  versionSchema,
} from '../../../contracts/oversight';
import { addEntry, createProgram, findPrograms, getProgram } from './programs.service';
import {
  closeInspection,
  conclude,
  findTeamCandidates,
  createInspection,
  findInspections,
  formTeam,
  getInspection,
  getInspectionNotes,
  getSelfReportDraft,
  recordFinding,
  recordSession,
  sendConclusion,
  sendNotice,
  submitSelfReport,
  submitTeamReport,
} from './inspections.service';
import { decideRecommendation, escalateOverdueInScope } from './follow-up.service';
import { getOversightDashboard, getSubjectTimeline } from './oversight-dashboard.service';
import { findEntryLinkOptions, findFindingLinkOptions } from './link-options.service';
import { fileResponse } from '../../../contracts/common';
import {
  entryLinkOptionsQuery,
  escalationsResponse,
  findingLinkOptionsQuery,
  inspectionNotesResponse,
  linkOptionsResponse,
  inspectionPageResponse,
  inspectionResponse,
  orgTimelineResponse,
  oversightDashboardResponse,
  programResponse,
  programsResponse,
  selfReportDraftResponse,
  teamCandidatesResponse,
} from '../../../contracts/oversight';

/**
 * Inspection and supervision. Commission steps declare inspections.write; reads, team steps
 * and subject steps declare `authenticated`, because a team member or a subject may hold no
 * inspection role at all: the service decides from the file's audience (404 outside it).
 */
export const oversightRoutes: FastifyPluginAsync<FeatureOptions> = async (base, { db }) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const tags = ['oversight'];
  const read = { access: 'inspections.read' as const };
  const write = { access: 'inspections.write' as const };
  const anyone = { access: 'authenticated' as const };

  app.get(
    '/oversight/programs',
    {
      config: read,
      schema: {
        tags,
        summary: 'Yearly programs of inspection and supervision in scope',
        querystring: listProgramsQuery,
        response: { 200: programsResponse },
      },
    },
    async (req) => findPrograms(db, actorOf(req), req.query),
  );
  app.post(
    '/oversight/programs',
    {
      config: write,
      schema: { tags, summary: 'Create a numbered yearly program', body: createProgramSchema, response: { 201: programResponse } },
    },
    async (req, reply) => reply.status(201).send(await createProgram(db, actorOf(req), req.body)),
  );
  app.get(
    '/oversight/programs/:id',
    { config: read, schema: { tags, summary: 'A program with its entries', params: idParams, response: { 200: programResponse } } },
    async (req) => getProgram(db, actorOf(req), req.params.id),
  );
  app.get(
    '/oversight/programs/:id/program.docx',
    {
      config: read,
      schema: {
        tags,
        summary: 'The program as a Word document (HD 36 layout)',
        params: idParams,
        response: { 200: fileResponse('A Word (.docx) file', DOCX_TYPE) },
      },
    },
    async (req, reply) => {
      const { buffer, fileName } = await exportProgramDocx(db, actorOf(req), req.params.id);
      return sendFile(reply, buffer, fileName, DOCX_TYPE);
    },
  );
  app.post(
    '/oversight/programs/:id/entries',
    {
      config: write,
      schema: { tags, summary: 'Add an entry to a program', params: idParams, body: createEntrySchema, response: { 201: programResponse } },
    },
    async (req, reply) => reply.status(201).send(await addEntry(db, actorOf(req), req.params.id, req.body)),
  );

  app.get(
    '/oversight/programs/:id/link-options',
    {
      config: write,
      schema: {
        tags,
        summary: 'Documents, targets, tasks and members an entry may name, searched inside the subject’s subtree',
        params: idParams,
        querystring: entryLinkOptionsQuery,
        response: { 200: linkOptionsResponse },
      },
    },
    async (req) => findEntryLinkOptions(db, actorOf(req), req.params.id, req.query),
  );

  app.patch(
    '/oversight/entries/:id',
    {
      config: write,
      schema: {
        tags,
        summary: 'Edit a program entry (version checked, audited)',
        params: idParams,
        body: updateEntrySchema,
        response: { 200: programResponse },
      },
    },
    async (req) => updateEntry(db, actorOf(req), req.params.id, req.body),
  );
  app.patch(
    '/oversight/findings/:id',
    {
      config: anyone,
      schema: {
        tags,
        summary: 'Edit a draft finding before the conclusion (team; version checked, audited)',
        params: idParams,
        body: updateFindingSchema,
        response: { 200: inspectionResponse },
      },
    },
    async (req) => updateFinding(db, actorOf(req), req.params.id, req.body),
  );
  app.get(
    '/oversight/my-inspections',
    {
      config: anyone,
      schema: {
        tags,
        summary: 'A member under inspection: the files on them, as sent to them, with their explanation',
        response: { 200: myInspectionsResponseSchema },
      },
    },
    async (req) => getMyInspections(db, actorOf(req)),
  );

  app.get(
    '/oversight/inspections',
    {
      config: anyone,
      schema: {
        tags,
        summary: 'Inspection files the caller may open',
        querystring: listInspectionsQuery,
        response: { 200: inspectionPageResponse },
      },
    },
    async (req) => findInspections(db, actorOf(req), req.query),
  );
  app.post(
    '/oversight/inspections',
    {
      config: write,
      schema: { tags, summary: 'Start an inspection or supervision', body: createInspectionSchema, response: { 201: inspectionResponse } },
    },
    async (req, reply) => reply.status(201).send(await createInspection(db, actorOf(req), req.body)),
  );
  app.get(
    '/oversight/inspections/:id',
    {
      config: anyone,
      schema: {
        tags,
        summary: 'A file as the caller may see it (reads outside the team are audited)',
        params: idParams,
        response: { 200: inspectionResponse },
      },
    },
    async (req) => getInspection(db, actorOf(req), req.params.id),
  );
  app.get(
    '/oversight/inspections/:id/notes',
    {
      config: anyone,
      schema: {
        tags,
        summary: 'The team’s working papers: minutes, team report, draft findings',
        params: idParams,
        response: { 200: inspectionNotesResponse },
      },
    },
    async (req) => getInspectionNotes(db, actorOf(req), req.params.id),
  );
  app.get(
    '/oversight/inspections/:id/self-report-draft',
    {
      config: anyone,
      schema: {
        tags,
        summary: 'The app’s figures that pre-fill the self-report',
        params: idParams,
        response: { 200: selfReportDraftResponse },
      },
    },
    async (req) => getSelfReportDraft(db, actorOf(req), req.params.id),
  );
  app.get(
    '/oversight/inspections/:id/link-options',
    {
      config: anyone,
      schema: {
        tags,
        summary: 'Targets, tasks, reports and members a finding may name, searched inside the subject’s subtree (team)',
        params: idParams,
        querystring: findingLinkOptionsQuery,
        response: { 200: linkOptionsResponse },
      },
    },
    async (req) => findFindingLinkOptions(db, actorOf(req), req.params.id, req.query),
  );
  app.get(
    '/oversight/inspections/:id/team-candidates',
    {
      config: write,
      schema: { tags, summary: 'Users who may be named to the team', params: idParams, response: { 200: teamCandidatesResponse } },
    },
    async (req) => findTeamCandidates(db, actorOf(req), req.params.id),
  );
  app.get(
    '/oversight/inspections/:id/docx/:doc',
    {
      config: anyone,
      schema: {
        tags,
        summary: 'The decision, plan or conclusion notice as a Word document',
        params: idParams.extend({ doc: z.enum(INSPECTION_DOCS) }),
        response: { 200: fileResponse('A Word (.docx) file', DOCX_TYPE) },
      },
    },
    async (req, reply) => {
      const { buffer, fileName } = await exportInspectionDocx(db, actorOf(req), req.params.id, req.params.doc);
      return sendFile(reply, buffer, fileName, DOCX_TYPE);
    },
  );
  app.put(
    '/oversight/inspections/:id/team',
    {
      config: write,
      schema: {
        tags,
        summary: 'The decision forming the team',
        params: idParams,
        body: formTeamSchema,
        response: { 200: inspectionResponse },
      },
    },
    async (req) => formTeam(db, actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/oversight/inspections/:id/notice',
    {
      config: write,
      schema: {
        tags,
        summary: 'Send the plan and the notice to the subject',
        params: idParams,
        body: noticeSchema,
        response: { 200: inspectionResponse },
      },
    },
    async (req) => sendNotice(db, actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/oversight/inspections/:id/self-report',
    {
      config: anyone,
      schema: {
        tags,
        summary: 'The subject sends its self-report',
        params: idParams,
        body: selfReportSchema,
        response: { 200: inspectionResponse },
      },
    },
    async (req) => submitSelfReport(db, actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/oversight/inspections/:id/sessions',
    {
      config: anyone,
      schema: {
        tags,
        summary: 'Minutes of a working session (team)',
        params: idParams,
        body: sessionSchema,
        response: { 200: inspectionResponse },
      },
    },
    async (req) => recordSession(db, actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/oversight/inspections/:id/team-report',
    {
      config: anyone,
      schema: {
        tags,
        summary: 'The team’s report (team)',
        params: idParams,
        body: teamReportSchema,
        response: { 200: inspectionResponse },
      },
    },
    async (req) => submitTeamReport(db, actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/oversight/inspections/:id/findings',
    {
      config: anyone,
      schema: {
        tags,
        summary: 'A finding linked to targets, tasks, reports, members (team)',
        params: idParams,
        body: findingSchema,
        response: { 200: inspectionResponse },
      },
    },
    async (req) => recordFinding(db, actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/oversight/inspections/:id/conclusion',
    {
      config: write,
      schema: {
        tags,
        summary: 'The conclusion with its recommendations',
        params: idParams,
        body: conclusionSchema,
        response: { 200: inspectionResponse },
      },
    },
    async (req) => conclude(db, actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/oversight/inspections/:id/conclusion/send',
    {
      config: write,
      schema: {
        tags,
        summary: 'Send the conclusion notice to the subject',
        params: idParams,
        body: versionSchema,
        response: { 200: inspectionResponse },
      },
    },
    async (req) => sendConclusion(db, actorOf(req), req.params.id, req.body.version),
  );
  app.post(
    '/oversight/inspections/:id/close',
    {
      config: write,
      schema: {
        tags,
        summary: 'Close once every recommendation is accepted',
        params: idParams,
        body: versionSchema,
        response: { 200: inspectionResponse },
      },
    },
    async (req) => closeInspection(db, actorOf(req), req.params.id, req.body.version),
  );

  app.post(
    '/oversight/inspections/:id/files',
    {
      config: anyone,
      schema: {
        tags,
        summary:
          'Attach evidence (PDF, Word, Excel, photo) to a finding, the self-report or a recommendation’s follow-up (multipart: file, part, findingId, recommendationId)',
        params: idParams,
        response: { 201: evidenceFileSchema },
      },
    },
    async (req, reply) => {
      const upload = await readMultipart(req);
      const fields = evidenceFieldsSchema.safeParse(upload.fields);
      if (!fields.success) {
        const list = fields.error.issues.map((i) => ({ field: `body.${i.path.join('.')}`, message: i.message }));
        throw new AppError(
          'validation_failed',
          { vi: list.map((f) => f.message).join('; '), en: 'Invalid evidence fields.' },
          { fields: list },
        );
      }
      return reply.status(201).send(await addEvidence(db, actorOf(req), req.params.id, fields.data, requireFile(upload)));
    },
  );
  app.get(
    '/oversight/inspections/:id/files/:fileId',
    {
      config: anyone,
      schema: {
        tags,
        summary: 'Download an evidence file (reads outside the team are audited)',
        params: fileParams,
        response: { 200: fileResponse('An evidence file', 'application/octet-stream') },
      },
    },
    async (req, reply) => {
      const f = await getEvidence(db, actorOf(req), req.params.id, req.params.fileId);
      return sendAttachment(reply, f.content, f.fileName);
    },
  );

  app.post(
    '/oversight/recommendations/:id/report',
    {
      config: anyone,
      schema: {
        tags,
        summary: 'The owner reports a recommendation done, with evidence',
        params: idParams,
        body: reportDoneSchema,
        response: { 200: inspectionResponse },
      },
    },
    async (req) => decideRecommendation(db, actorOf(req), req.params.id, 'report_done', req.body),
  );
  app.post(
    '/oversight/recommendations/:id/accept',
    {
      config: write,
      schema: {
        tags,
        summary: 'The commission accepts what was done',
        params: idParams,
        body: decideSchema,
        response: { 200: inspectionResponse },
      },
    },
    async (req) => decideRecommendation(db, actorOf(req), req.params.id, 'accept', req.body),
  );
  app.post(
    '/oversight/recommendations/:id/reopen',
    {
      config: write,
      schema: {
        tags,
        summary: 'The commission asks for it again',
        params: idParams,
        body: decideSchema,
        response: { 200: inspectionResponse },
      },
    },
    async (req) => decideRecommendation(db, actorOf(req), req.params.id, 'reopen', req.body),
  );
  app.post(
    '/oversight/escalations',
    {
      config: write,
      schema: {
        tags,
        summary: 'Escalate overdue recommendations to the committee that ran the file',
        response: { 200: escalationsResponse },
      },
    },
    async (req) => escalateOverdueInScope(db, actorOf(req)),
  );

  app.get(
    '/oversight/dashboard',
    {
      config: read,
      schema: {
        tags,
        summary: 'The commission’s dashboard: coverage, findings, overdue, per child',
        querystring: dashboardQuery,
        response: { 200: oversightDashboardResponse },
      },
    },
    async (req) => getOversightDashboard(db, actorOf(req), req.query),
  );
  app.get(
    '/oversight/orgs/:orgId/timeline',
    {
      config: anyone,
      schema: { tags, summary: 'A subject’s inspections in one timeline', params: orgParams, response: { 200: orgTimelineResponse } },
    },
    async (req) => getSubjectTimeline(db, actorOf(req), req.params.orgId),
  );
};
