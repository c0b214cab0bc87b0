/**
 * Request and response shapes of the indicator proposals an administrator reviews: indicators
 * read from pasted texts that matched nothing in the shared catalog (issue 17).
 */
import { z } from 'zod';
import { queryId } from './query-params';

export const proposalIdParams = z.object({ id: queryId() });

/** A catalog indicator the proposal may mean, with how sure the match is (0..1). */
export const proposalSuggestionSchema = z.object({ id: z.number(), name: z.string(), unit: z.string(), score: z.number() });

export const indicatorProposalSchema = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string(),
  unit: z.string(),
  version: z.number(),
  proposedAt: z.string().nullable(),
  proposedBy: z.string().nullable(),
  documentId: z.number(),
  documentSymbol: z.string(),
  documentTitle: z.string(),
  orgName: z.string(),
  /** How many targets name it now. */
  targetCount: z.number(),
  suggestions: z.array(proposalSuggestionSchema),
});
export type IndicatorProposal = z.infer<typeof indicatorProposalSchema>;

export const acceptProposalSchema = z.object({
  version: z.number().int().positive(),
  /** A better name for the catalog; absent keeps the proposed one. */
  name: z.string().trim().min(3, 'Tên chỉ số cần ít nhất 3 ký tự').max(300).optional(),
  unit: z.string().trim().max(50).optional(),
});
export type AcceptProposalInput = z.infer<typeof acceptProposalSchema>;

export const mergeProposalSchema = z.object({
  version: z.number().int().positive(),
  /** The catalog indicator the proposal's targets move to. */
  indicatorId: z.number().int().positive(),
});
export type MergeProposalInput = z.infer<typeof mergeProposalSchema>;

export const acceptedProposalSchema = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string(),
  unit: z.string(),
  version: z.number(),
});
export const mergedProposalSchema = z.object({ indicatorId: z.number(), movedTargets: z.number() });
