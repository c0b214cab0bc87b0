import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { FeatureOptions } from '../index';
import { actorOf, DOCX_TYPE, sendFile } from '../../lib/http';
import { fileResponse, okSchema } from '../../../contracts/common';
import {
  adoptSchema,
  circulateSchema,
  commentSchema,
  commentsQuery,
  compareQuery,
  compareSchema,
  conferenceCommentSchema,
  createCommentSchema,
  disposeSchema,
  draftDocxQuery,
  formTeamSchema,
  groupedCommentsSchema,
  idParams,
  inboxSchema,
  issueVersionSchema,
  itemParams,
  noteOutSchema,
  noteSchema,
  peopleQuery,
  peopleSchema,
  notesSchema,
  reviseItemSchema,
  roundSchema,
  versionDetailSchema,
  workspaceSchema,
} from '../../../contracts/consultation';
import {
  addNote,
  circulate,
  findNotes,
  findPeople,
  formTeam,
  getVersion,
  getWorkspace,
  issueVersion,
  reviseItem,
} from './consultation.service';
import {
  approveComment,
  compareDraftVersions,
  createComment,
  disposeComment,
  enterConferenceComment,
  findGroupedComments,
  publishSynthesis,
} from './comments.service';
import { adoptAtConference } from './adoption.service';
import { findInbox } from './inbox.service';
import { exportDraftDocx, exportSynthesisDocx } from './consultation.docx';

const commentParams = z.object({ id: idParams.shape.id, commentId: idParams.shape.id });

/**
 * Consultation on a draft. Most routes are open to any logged-in user because the editorial
 * group is per draft, not a role: the services open the draft for the caller (group, issuing
 * org's leadership or recipient) and answer 404 to anyone else.
 */
export const consultationRoutes: FastifyPluginAsync<FeatureOptions> = async (base, { db }) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const tags = ['consultation'];

  app.get(
    '/consultation/inbox',
    {
      config: { access: 'authenticated' },
      schema: { tags, summary: 'Drafts sent to me or my orgs for comments', response: { 200: inboxSchema } },
    },
    async (req) => findInbox(db, actorOf(req)),
  );
  app.get(
    '/documents/:id/consultation',
    {
      config: { access: 'authenticated' },
      schema: { tags, summary: 'The editorial group’s workspace of a draft', params: idParams, response: { 200: workspaceSchema } },
    },
    async (req) => getWorkspace(db, actorOf(req), req.params.id),
  );
  app.put(
    '/documents/:id/consultation/team',
    {
      config: { access: 'consultation.manage' },
      schema: {
        tags,
        summary: 'Form the editorial group of a draft',
        params: idParams,
        body: formTeamSchema,
        response: { 200: workspaceSchema },
      },
    },
    async (req) => formTeam(db, actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/documents/:id/consultation/versions',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'Issue the next draft version',
        params: idParams,
        body: issueVersionSchema,
        response: { 201: versionDetailSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await issueVersion(db, actorOf(req), req.params.id, req.body.note)),
  );
  app.get(
    '/consultation/versions/:id',
    {
      config: { access: 'authenticated' },
      schema: { tags, summary: 'An issued draft version, item by item', params: idParams, response: { 200: versionDetailSchema } },
    },
    async (req) => getVersion(db, actorOf(req), req.params.id),
  );
  app.post(
    '/consultation/versions/:id/rounds',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'Circulate a version for comments',
        params: idParams,
        body: circulateSchema,
        response: { 201: roundSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await circulate(db, actorOf(req), req.params.id, req.body)),
  );
  app.patch(
    '/documents/:id/consultation/items/:key',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'The editorial group revises an item of the draft',
        params: itemParams,
        body: reviseItemSchema,
        response: { 200: z.object({ id: z.number(), version: z.number() }) },
      },
    },
    async (req) => reviseItem(db, actorOf(req), req.params.id, req.params.key, req.body),
  );
  app.post(
    '/consultation/comments',
    {
      config: { access: 'authenticated' },
      schema: { tags, summary: 'Comment on a version sent to me or my org', body: createCommentSchema, response: { 201: commentSchema } },
    },
    async (req, reply) => reply.status(201).send(await createComment(db, actorOf(req), req.body)),
  );
  app.post(
    '/consultation/comments/:id/approve',
    {
      config: { access: 'authenticated' },
      schema: { tags, summary: 'The org’s leader sends a comment in its name', params: idParams, response: { 200: commentSchema } },
    },
    async (req) => approveComment(db, actorOf(req), req.params.id),
  );
  app.post(
    '/documents/:id/consultation/conference-comments',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'Enter a comment spoken at a conference',
        params: idParams,
        body: conferenceCommentSchema,
        response: { 201: commentSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await enterConferenceComment(db, actorOf(req), req.params.id, req.body)),
  );
  app.get(
    '/documents/:id/consultation/comments',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'Comments grouped by item (counts; one group a page at a time)',
        params: idParams,
        querystring: commentsQuery,
        response: { 200: groupedCommentsSchema },
      },
    },
    async (req) => findGroupedComments(db, actorOf(req), req.params.id, req.query),
  );
  app.post(
    '/documents/:id/consultation/comments/:commentId/disposition',
    {
      config: { access: 'authenticated' },
      schema: { tags, summary: 'Dispose of a comment', params: commentParams, body: disposeSchema, response: { 200: commentSchema } },
    },
    async (req) => disposeComment(db, actorOf(req), req.params.id, req.params.commentId, req.body),
  );
  app.get(
    '/documents/:id/consultation/compare',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'Two versions item by item with the comments that caused each change',
        params: idParams,
        querystring: compareQuery,
        response: { 200: compareSchema },
      },
    },
    async (req) => compareDraftVersions(db, actorOf(req), req.params.id, req.query.from, req.query.to),
  );
  app.post(
    '/documents/:id/consultation/synthesis/publish',
    {
      config: { access: 'authenticated' },
      schema: { tags, summary: 'Publish the synthesis of comments to every recipient', params: idParams, response: { 200: okSchema } },
    },
    async (req) => {
      await publishSynthesis(db, actorOf(req), req.params.id);
      return { ok: true as const };
    },
  );
  app.get(
    '/documents/:id/consultation/notes',
    {
      config: { access: 'authenticated' },
      schema: { tags, summary: 'The editorial group’s working notes', params: idParams, response: { 200: notesSchema } },
    },
    async (req) => findNotes(db, actorOf(req), req.params.id),
  );
  app.post(
    '/documents/:id/consultation/notes',
    {
      config: { access: 'authenticated' },
      schema: { tags, summary: 'Add a working note', params: idParams, body: noteSchema, response: { 201: noteOutSchema } },
    },
    async (req, reply) => reply.status(201).send(await addNote(db, actorOf(req), req.params.id, req.body.body)),
  );
  app.post(
    '/documents/:id/consultation/adopt',
    {
      config: { access: 'authenticated' },
      schema: { tags, summary: 'Adopt the draft at a conference', params: idParams, body: adoptSchema, response: { 200: workspaceSchema } },
    },
    async (req) => adoptAtConference(db, actorOf(req), req.params.id, req.body),
  );
  app.get(
    '/consultation/versions/:id/draft.docx',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'The draft version sent for comments as a Word file (36-HD/VPTW), with line numbers on request',
        params: idParams,
        querystring: draftDocxQuery,
        response: { 200: fileResponse('A Word (.docx) file', DOCX_TYPE) },
      },
    },
    async (req, reply) => {
      const { buffer, fileName } = await exportDraftDocx(db, actorOf(req), req.params.id, { lineNumbers: req.query.lineNumbers ?? false });
      return sendFile(reply, buffer, fileName, DOCX_TYPE);
    },
  );
  app.get(
    '/documents/:id/consultation/synthesis.docx',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'The synthesis report of comments and their dispositions as a Word file (36-HD/VPTW)',
        params: idParams,
        response: { 200: fileResponse('A Word (.docx) file', DOCX_TYPE) },
      },
    },
    async (req, reply) => {
      const { buffer, fileName } = await exportSynthesisDocx(db, actorOf(req), req.params.id);
      return sendFile(reply, buffer, fileName, DOCX_TYPE);
    },
  );
  app.get(
    '/documents/:id/consultation/people',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'People the editorial group may send the draft to (roles in the issuing org’s subtree)',
        params: idParams,
        querystring: peopleQuery,
        response: { 200: peopleSchema },
      },
    },
    async (req) => findPeople(db, actorOf(req), req.params.id, req.query.q),
  );
};
