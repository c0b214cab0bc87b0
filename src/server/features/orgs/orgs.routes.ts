import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { FeatureOptions } from '../index';
import { actorOf } from '../../lib/http';
import { readDb } from '../../db/read-routing';
import {
  closeOrgSchema,
  createOrgSchema,
  deleteOrgQuery,
  moveOrgSchema,
  orgDetailSchema,
  orgIdParams,
  orgSearchHitSchema,
  orgSummarySchema,
  saveCommitteeSchema,
  searchQuery,
  treeQuery,
  updateOrgSchema,
} from '../../../contracts/orgs';
import { closeOrg, createOrg, deleteOrg, findOrgChildren, getOrg, moveOrg, saveCommittee, searchOrgs, updateOrg } from './orgs.service';

export const orgsRoutes: FastifyPluginAsync<FeatureOptions> = async (base, { db }) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const tags = ['orgs'];
  const read = { access: 'orgs.read' as const };
  const write = { access: 'orgs.write' as const };

  app.get(
    '/orgs/tree',
    {
      config: read,
      schema: {
        tags,
        summary: 'Children of an org, or the roots of the caller’s scope',
        querystring: treeQuery,
        response: { 200: z.array(orgSummarySchema) },
      },
    },
    async (req) => findOrgChildren(readDb(req, db), actorOf(req), req.query.parentId, req.query.includeClosed ?? true),
  );

  app.get(
    '/orgs/search',
    {
      config: read,
      schema: {
        tags,
        summary: 'Search orgs by name ignoring diacritics',
        querystring: searchQuery,
        response: { 200: z.array(orgSearchHitSchema) },
      },
    },
    async (req) => searchOrgs(db, actorOf(req), req.query.q, req.query.limit, req.query.kind),
  );

  app.get(
    '/orgs/:id',
    { config: read, schema: { tags, summary: 'One org with committees', params: orgIdParams, response: { 200: orgDetailSchema } } },
    async (req) => getOrg(db, actorOf(req), req.params.id),
  );

  app.post(
    '/orgs',
    { config: write, schema: { tags, summary: 'Create an org', body: createOrgSchema, response: { 201: orgDetailSchema } } },
    async (req, reply) => reply.status(201).send(await createOrg(db, actorOf(req), req.body)),
  );

  app.patch(
    '/orgs/:id',
    {
      config: write,
      schema: { tags, summary: 'Edit (rename) an org', params: orgIdParams, body: updateOrgSchema, response: { 200: orgDetailSchema } },
    },
    async (req) => updateOrg(db, actorOf(req), req.params.id, req.body),
  );

  app.post(
    '/orgs/:id/move',
    {
      config: write,
      schema: {
        tags,
        summary: 'Move an org under a new parent',
        params: orgIdParams,
        body: moveOrgSchema,
        response: { 200: orgDetailSchema },
      },
    },
    async (req) => moveOrg(db, actorOf(req), req.params.id, req.body.version, req.body.newParentId),
  );

  app.post(
    '/orgs/:id/close',
    {
      config: write,
      schema: {
        tags,
        summary: 'Close an org from a date (valid_to)',
        params: orgIdParams,
        body: closeOrgSchema,
        response: { 200: orgDetailSchema },
      },
    },
    async (req) => closeOrg(db, actorOf(req), req.params.id, req.body.version, req.body.validTo),
  );

  app.delete(
    '/orgs/:id',
    {
      config: write,
      schema: { tags, summary: 'Delete an empty org', params: orgIdParams, querystring: deleteOrgQuery, response: { 204: z.null() } },
    },
    async (req, reply) => {
      await deleteOrg(db, actorOf(req), req.params.id, req.query.version);
      return reply.status(204).send(null);
    },
  );

  app.put(
    '/orgs/:id/committees',
    {
      config: write,
      schema: {
        tags,
        summary: 'Save a committee and its people',
        params: orgIdParams,
        body: saveCommitteeSchema,
        response: { 200: orgDetailSchema },
      },
    },
    async (req) => saveCommittee(db, actorOf(req), req.params.id, req.body),
  );
};
