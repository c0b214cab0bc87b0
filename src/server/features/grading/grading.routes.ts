import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { FeatureOptions } from '../index';
import { actorOf, DOCX_TYPE, sendFile, XLSX_TYPE } from '../../lib/http';
import { exportRoundSummaryDocx, exportSelfAssessmentDocx } from './grading.docx';
import { exportResultsSheet } from './grading.sheet';
import {
  commentSchema,
  correctSchema,
  decideSchema,
  idParams,
  listEvaluationsQuery,
  listRoundsQuery,
  openRoundSchema,
  memberParams,
  orgParams,
  proposeSchema,
  resultsListQuery,
  resultsQuery,
  saveEvaluationSchema,
  selfAssessSchema,
  addRuleSetSchema,
} from '../../../contracts/grading';
import { findRounds, getRound, openRound } from './rounds.service';
import {
  correctEvaluation,
  findEvaluations,
  findMyEvaluations,
  getEvaluation,
  saveEvaluation,
  stepEvaluation,
} from './evaluations.service';
import { getOrgHistory, getResults, getResultsList } from './results.service';
import { getEvaluationEvidence } from './evidence.service';
import { getMemberHistory } from './history.service';
import { addRuleSetVersion, findRuleSets } from './rule-sets.service';
import { fileResponse } from '../../../contracts/common';
import {
  correctionResponse,
  evaluationResponse,
  evaluationStepResponse,
  myEvaluationsResponse,
  openRoundResponse,
  memberHistoryResponse,
  orgHistoryResponse,
  resultsListResponse,
  resultsResponse,
  roundEvaluationsResponse,
  roundResponse,
  roundsResponse,
  ruleSetResponse,
  ruleSetsResponse,
  savedEvaluationResponse,
  evaluationEvidenceResponse,
} from '../../../contracts/grading';

export const gradingRoutes: FastifyPluginAsync<FeatureOptions> = async (base, { db }) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const tags = ['grading'];
  const read = { access: 'grading.read' as const };
  // Members hold only 'self'; the services let them see their own evaluation and no other.
  const anyone = { access: 'authenticated' as const };

  app.get(
    '/grading/rule-sets',
    { config: anyone, schema: { tags, summary: 'Rule sets (built in and added versions)', response: { 200: ruleSetsResponse } } },
    async () => findRuleSets(db),
  );
  app.post(
    '/grading/rule-sets',
    {
      config: { access: 'grading.decide' },
      schema: {
        tags,
        summary: 'Add a rule set version (administrators; a copy with changes)',
        body: addRuleSetSchema,
        response: { 201: ruleSetResponse },
      },
    },
    async (req, reply) => reply.status(201).send(await addRuleSetVersion(db, actorOf(req), req.body)),
  );

  app.get(
    '/grading/rounds',
    {
      config: anyone,
      schema: {
        tags,
        summary: 'Grading rounds the caller takes part in or oversees',
        querystring: listRoundsQuery,
        response: { 200: roundsResponse },
      },
    },
    async (req) => findRounds(db, actorOf(req), req.query.orgId),
  );
  app.post(
    '/grading/rounds',
    {
      config: { access: 'grading.decide' },
      schema: { tags, summary: 'Open a round for a subtree and a period', body: openRoundSchema, response: { 201: openRoundResponse } },
    },
    async (req, reply) => reply.status(201).send(await openRound(db, actorOf(req), req.body)),
  );
  app.get(
    '/grading/rounds/:id',
    { config: anyone, schema: { tags, summary: 'A round with its counts by status', params: idParams, response: { 200: roundResponse } } },
    async (req) => getRound(db, actorOf(req), req.params.id),
  );
  app.get(
    '/grading/rounds/:id/evaluations',
    {
      config: read,
      schema: {
        tags,
        summary: 'Evaluations of a round in scope (review list)',
        params: idParams,
        querystring: listEvaluationsQuery,
        response: { 200: roundEvaluationsResponse },
      },
    },
    async (req) => findEvaluations(db, actorOf(req), req.params.id, req.query),
  );

  app.get(
    '/grading/my-evaluations',
    { config: { access: 'self' }, schema: { tags, summary: 'My own evaluations', response: { 200: myEvaluationsResponse } } },
    async (req) => findMyEvaluations(db, actorOf(req)),
  );
  app.get(
    '/grading/evaluations/:id',
    {
      config: anyone,
      schema: {
        tags,
        summary: 'An evaluation with evidence, score sheet and history',
        params: idParams,
        response: { 200: evaluationResponse },
      },
    },
    async (req) => getEvaluation(db, actorOf(req), req.params.id),
  );
  app.get(
    '/grading/evaluations/:id/evidence',
    {
      config: anyone,
      schema: {
        tags,
        summary: 'Evidence judged when read: the org’s targets as of the period’s end and the inspection conclusions sent',
        params: idParams,
        response: { 200: evaluationEvidenceResponse },
      },
    },
    async (req) => getEvaluationEvidence(db, actorOf(req), req.params.id),
  );
  app.put(
    '/grading/evaluations/:id',
    {
      config: anyone,
      schema: {
        tags,
        summary: 'Save the self-assessment form',
        params: idParams,
        body: saveEvaluationSchema,
        response: { 200: savedEvaluationResponse },
      },
    },
    async (req) => saveEvaluation(db, actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/grading/evaluations/:id/self-assess',
    {
      config: anyone,
      schema: {
        tags,
        summary: 'Submit the self-assessment',
        params: idParams,
        body: selfAssessSchema,
        response: { 200: evaluationStepResponse },
      },
    },
    async (req) => stepEvaluation(db, actorOf(req), req.params.id, 'self_assess', req.body),
  );
  app.post(
    '/grading/evaluations/:id/comment',
    {
      config: { access: 'grading.write' },
      schema: { tags, summary: 'The cell’s comments', params: idParams, body: commentSchema, response: { 200: evaluationStepResponse } },
    },
    async (req) => stepEvaluation(db, actorOf(req), req.params.id, 'comment', req.body),
  );
  app.post(
    '/grading/evaluations/:id/propose',
    {
      config: { access: 'grading.write' },
      schema: {
        tags,
        summary: 'Propose a level with the vote counts',
        params: idParams,
        body: proposeSchema,
        response: { 200: evaluationStepResponse },
      },
    },
    async (req) => stepEvaluation(db, actorOf(req), req.params.id, 'propose', req.body),
  );
  app.post(
    '/grading/evaluations/:id/decide',
    {
      config: { access: 'grading.decide' },
      schema: {
        tags,
        summary: 'Decide the level (competent level; quota checked)',
        params: idParams,
        body: decideSchema,
        response: { 200: evaluationStepResponse },
      },
    },
    async (req) => stepEvaluation(db, actorOf(req), req.params.id, 'decide', req.body),
  );
  app.post(
    '/grading/evaluations/:id/correct',
    {
      config: { access: 'grading.decide' },
      schema: {
        tags,
        summary: 'Correct a decided rating (new version with reason)',
        params: idParams,
        body: correctSchema,
        response: { 201: correctionResponse },
      },
    },
    async (req, reply) => reply.status(201).send(await correctEvaluation(db, actorOf(req), req.params.id, req.body)),
  );

  // A member reads the decided results of their own cell (results.service decides; 404 outside).
  app.get(
    '/grading/results',
    {
      config: anyone,
      schema: {
        tags,
        summary: 'Shares at each level over a subtree, per child branch',
        querystring: resultsQuery,
        response: { 200: resultsResponse },
      },
    },
    async (req) => getResults(db, actorOf(req), req.query.roundId, req.query.orgId),
  );
  app.get(
    '/grading/results/list',
    {
      config: anyone,
      schema: { tags, summary: 'The list behind a results number', querystring: resultsListQuery, response: { 200: resultsListResponse } },
    },
    async (req) => getResultsList(db, actorOf(req), req.query),
  );
  app.get(
    '/grading/results.xlsx',
    {
      config: read,
      schema: {
        tags,
        summary: 'The results table as .xlsx',
        querystring: resultsQuery,
        response: { 200: fileResponse('An .xlsx workbook', XLSX_TYPE) },
      },
    },
    async (req, reply) => {
      const { buffer, fileName } = await exportResultsSheet(db, actorOf(req), req.query.roundId, req.query.orgId);
      return sendFile(reply, buffer, fileName, XLSX_TYPE);
    },
  );
  app.get(
    '/grading/rounds/:id/summary.docx',
    {
      config: read,
      schema: {
        tags,
        summary: 'The round’s summary report (Word)',
        params: idParams,
        response: { 200: fileResponse('A Word (.docx) file', DOCX_TYPE) },
      },
    },
    async (req, reply) => {
      const { buffer, fileName } = await exportRoundSummaryDocx(db, actorOf(req), req.params.id);
      return sendFile(reply, buffer, fileName, DOCX_TYPE);
    },
  );
  app.get(
    '/grading/evaluations/:id/self-assessment.docx',
    {
      config: anyone,
      schema: {
        tags,
        summary: 'The bản kiểm điểm (Word)',
        params: idParams,
        response: { 200: fileResponse('A Word (.docx) file', DOCX_TYPE) },
      },
    },
    async (req, reply) => {
      const { buffer, fileName } = await exportSelfAssessmentDocx(db, actorOf(req), req.params.id);
      return sendFile(reply, buffer, fileName, DOCX_TYPE);
    },
  );
  app.get(
    '/grading/orgs/:orgId/history',
    { config: read, schema: { tags, summary: 'Year-on-year results of an org', params: orgParams, response: { 200: orgHistoryResponse } } },
    async (req) => getOrgHistory(db, actorOf(req), req.params.orgId),
  );
  app.get(
    '/grading/members/:memberId/history',
    {
      // The member reads their own; a reader with grading.read over the member's cell any (the service decides, 404 otherwise).
      config: anyone,
      schema: { tags, summary: 'Year-on-year ratings of a member', params: memberParams, response: { 200: memberHistoryResponse } },
    },
    async (req) => getMemberHistory(db, actorOf(req), req.params.memberId),
  );
};
