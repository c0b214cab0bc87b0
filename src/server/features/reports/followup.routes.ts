/**
 * Follow-up that closes the loop (issue 12): who was escalated and after how many days, and
 * the explanation thread's replies and files (asking, answering and closing are in reports.routes.ts).
 */
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { FeatureOptions } from '../index';
import { actorOf } from '../../lib/http';
import { sendAttachment } from '../../lib/attachments';
import { readMultipart, requireFile } from '../../lib/upload';
import { AppError } from '../../lib/errors';
import { fileResponse } from '../../../contracts/common';
import {
  explanationFileFields,
  explanationFileParams,
  explanationResponse,
  idParams,
  replyExplanationSchema,
  escalationsQuery,
  escalationsResponse,
  followupSettingsResponse,
  followupSettingsSchema,
  orgParams,
} from '../../../contracts/reports';
import { findEscalations, getFollowupSettings, saveFollowupSettings } from './escalations.service';
import { attachExplanationFile, getExplanationFile, replyExplanation } from './explanations.service';

export const followupRoutes: FastifyPluginAsync<FeatureOptions> = async (base, { db }) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const tags = ['reports'];
  app.get(
    '/escalations',
    {
      config: { access: 'reports.read' },
      schema: {
        tags,
        summary: 'Reports, approvals and explanations raised to the org above, newest first (in scope; orgId narrows to a subtree)',
        querystring: escalationsQuery,
        response: { 200: escalationsResponse },
      },
    },
    async (req) => findEscalations(db, actorOf(req), req.query),
  );
  app.get(
    '/followup-settings/:orgId',
    {
      config: { access: 'reports.read' },
      schema: {
        tags,
        summary: 'Days after a due date before escalation, as they apply to an org',
        params: orgParams,
        response: { 200: followupSettingsResponse },
      },
    },
    async (req) => getFollowupSettings(db, actorOf(req), req.params.orgId),
  );
  app.put(
    '/followup-settings/:orgId',
    {
      config: { access: 'reports.manage' },
      schema: {
        tags,
        summary: 'Set an org’s days before escalation (for its subtree)',
        params: orgParams,
        body: followupSettingsSchema,
        response: { 200: followupSettingsResponse },
      },
    },
    async (req) => saveFollowupSettings(db, actorOf(req), req.params.orgId, req.body),
  );

  app.post(
    '/explanations/:id/reply',
    {
      config: { access: 'reports.read' },
      schema: {
        tags,
        summary: 'Reply in the thread as the asking side (leaders above; checked in the service)',
        params: idParams,
        body: replyExplanationSchema,
        response: { 200: explanationResponse },
      },
    },
    async (req) => replyExplanation(db, actorOf(req), req.params.id, req.body.version, req.body.body),
  );
  app.post(
    '/explanations/:id/files',
    {
      config: { access: 'reports.read' },
      schema: {
        tags,
        summary:
          'Send a file in the thread (multipart: file, version, as = answer | reply, optional body); either side, checked in the service',
        params: idParams,
        response: { 200: explanationResponse },
      },
    },
    async (req) => {
      const upload = await readMultipart(req);
      const fields = explanationFileFields.safeParse(upload.fields);
      if (!fields.success) {
        const list = fields.error.issues.map((i) => ({ field: `body.${i.path.join('.')}`, message: i.message }));
        throw new AppError('validation_failed', { vi: list.map((f) => f.message).join('; '), en: 'Invalid fields.' }, { fields: list });
      }
      return attachExplanationFile(db, actorOf(req), req.params.id, fields.data, requireFile(upload));
    },
  );
  app.get(
    '/explanations/:id/files/:fileId',
    {
      config: { access: 'reports.read' },
      schema: {
        tags,
        summary: 'Download a file of a thread',
        params: explanationFileParams,
        response: { 200: fileResponse('The attached file, with its own media type', 'application/octet-stream') },
      },
    },
    async (req, reply) => {
      const f = await getExplanationFile(db, actorOf(req), req.params.id, req.params.fileId);
      return sendAttachment(reply, f.content, f.fileName);
    },
  );
};
