import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { FeatureOptions } from '../index';
import { actorOf } from '../../lib/http';
import { findFiguresAsOf, findLineage, findTreeAsOf } from './history.service';
import { commitReorg, previewReorg } from './reorg.service';
import { findReorgOperations, undoReorg } from './undo.service';
import {
  figuresAsOfQuery,
  figuresAsOfSchema,
  lineageSchema,
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
