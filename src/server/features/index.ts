import type { FastifyPluginAsync } from 'fastify';
import type { Db } from '../db/pool';
import { healthRoutes } from './health/health.routes';
import { authRoutes } from './auth/auth.routes';
import { orgsRoutes } from './orgs/orgs.routes';
import { membersRoutes } from './members/members.routes';
import { usersRoutes } from './users/users.routes';
import { auditRoutes } from './audit/audit.routes';
import { documentsRoutes } from './documents/documents.routes';
import { studyRoutes } from './study/study.routes';
import { reportsRoutes } from './reports/reports.routes';
import { extractionRoutes } from './extraction/extraction.routes';
import { oversightRoutes } from './oversight/oversight.routes';
import { gradingRoutes } from './grading/grading.routes';
import { mailRoutes } from './mail';
import { termsRoutes } from './terms/terms.routes';
import { apiTokensRoutes } from './api-tokens';
import { reorgRoutes } from './reorg';
import { consultationRoutes } from './consultation';
import { registryRoutes } from './registry';
import { followupRoutes } from './reports/followup.routes';

export type FeatureOptions = { db: Db };

/** Every feature's routes, registered under /api. Add a feature here with one line. */
export const featureRoutes: FastifyPluginAsync<FeatureOptions>[] = [
  healthRoutes,
  authRoutes,
  orgsRoutes,
  membersRoutes,
  usersRoutes,
  auditRoutes,
  documentsRoutes,
  studyRoutes,
  extractionRoutes,
  reportsRoutes,
  oversightRoutes,
  gradingRoutes,
  mailRoutes,
  termsRoutes,
  apiTokensRoutes,
  reorgRoutes,
  consultationRoutes,
  registryRoutes,
  followupRoutes,
];
