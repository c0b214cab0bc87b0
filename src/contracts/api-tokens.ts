/**
 * API tokens for other systems: the request and response shapes, shared by the server's routes,
 * the OpenAPI document and the web page.
 */
import { z } from 'zod';
import { queryId } from './query-params';

export const tokenAccessSchema = z.enum(['read', 'write']);

export const issueApiTokenSchema = z.object({
  systemName: z.string().trim().min(1).max(200),
  orgId: z.number().int().positive(),
  access: tokenAccessSchema,
  /** The last day (in Vietnam) the token works: it expires at the end of that day. */
  expiresOn: z.iso.date(),
});
export type IssueApiTokenInput = z.infer<typeof issueApiTokenSchema>;

export const apiTokenSchema = z.object({
  id: z.number(),
  systemName: z.string(),
  orgId: z.number(),
  orgName: z.string(),
  access: tokenAccessSchema,
  tokenPrefix: z.string(),
  expiresAt: z.string(),
  createdAt: z.string(),
  createdByName: z.string().nullable(),
  revokedAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  status: z.enum(['active', 'expired', 'revoked']),
});
export type ApiToken = z.infer<typeof apiTokenSchema>;

/** The answer to issuing: the token itself, shown this once and never again. */
export const issuedApiTokenSchema = apiTokenSchema.extend({ token: z.string() });
export type IssuedApiToken = z.infer<typeof issuedApiTokenSchema>;

export const apiTokenListSchema = z.array(apiTokenSchema);
export const apiTokenIdParams = z.object({ id: queryId() });
