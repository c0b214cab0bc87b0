import { z } from 'zod';
import { queryBoolean, queryId, queryInt } from './query-params';

import { committeeRoles, orgKinds, positions } from '../domain/orgs/org-kinds';

const id = queryId();
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Ngày phải có dạng yyyy-mm-dd');

export const orgIdParams = z.object({ id });

/** One org as lists and the tree show it. */
export const orgSummarySchema = z.object({
  id: z.number(),
  parentId: z.number().nullable(),
  path: z.string(),
  code: z.string(),
  name: z.string(),
  kind: z.enum(orgKinds),
  headName: z.string().nullable(),
  headTitle: z.string().nullable(),
  isNonStateEnterprise: z.boolean(),
  isSample: z.boolean(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  isClosed: z.boolean(),
  memberCount: z.number(),
  subtreeMemberCount: z.number(),
  childCount: z.number(),
  version: z.number(),
  abilities: z.object({ update: z.boolean(), createChild: z.boolean(), delete: z.boolean() }),
});
export type OrgSummary = z.infer<typeof orgSummarySchema>;

export const committeeSchema = z.object({
  id: z.number(),
  role: z.enum(committeeRoles),
  term: z.string(),
  size: z.number(),
  people: z.array(z.object({ fullName: z.string(), position: z.enum(positions), title: z.string().nullable(), isSample: z.boolean() })),
});

export const orgDetailSchema = orgSummarySchema.extend({
  ancestors: z.array(z.object({ id: z.number(), name: z.string(), code: z.string() })),
  committees: z.array(committeeSchema),
  deleteBlockedReason: z.string().nullable(),
});

export const treeQuery = z.object({
  parentId: id.optional(),
  includeClosed: queryBoolean().optional(),
});
export const searchQuery = z.object({
  q: z.string().trim().min(1).max(200),
  limit: queryInt({ min: 1, max: 100 }).default(30),
  kind: z.enum(orgKinds).optional(),
});
export const orgSearchHitSchema = orgSummarySchema.extend({ pathNames: z.array(z.string()) });

export const createOrgSchema = z.object({
  parentId: z.number().int().positive(),
  code: z
    .string()
    .trim()
    .min(1)
    .max(40)
    .regex(/^[A-Za-z0-9._-]+$/, 'Mã chỉ gồm chữ không dấu, số, dấu chấm, gạch'),
  name: z.string().trim().min(2).max(300),
  kind: z.enum(orgKinds),
  headName: z.string().trim().max(200).nullish(),
  headTitle: z.string().trim().max(200).nullish(),
  isNonStateEnterprise: z.boolean().default(false),
  validFrom: isoDate.optional(),
});
export type CreateOrgInput = z.infer<typeof createOrgSchema>;

export const updateOrgSchema = z.object({
  version: z.number().int(),
  code: createOrgSchema.shape.code.optional(),
  name: createOrgSchema.shape.name.optional(),
  kind: z.enum(orgKinds).optional(),
  headName: z.string().trim().max(200).nullish(),
  headTitle: z.string().trim().max(200).nullish(),
  isNonStateEnterprise: z.boolean().optional(),
});
export type UpdateOrgInput = z.infer<typeof updateOrgSchema>;

export const moveOrgSchema = z.object({ version: z.number().int(), newParentId: z.number().int().positive() });
export const closeOrgSchema = z.object({ version: z.number().int(), validTo: isoDate });
export const deleteOrgQuery = z.object({ version: queryInt() });

export const saveCommitteeSchema = z.object({
  role: z.enum(committeeRoles),
  term: z
    .string()
    .trim()
    .regex(/^\d{4}-\d{4}$/, 'Nhiệm kỳ có dạng 2020-2025'),
  size: z.number().int().positive().max(500),
  people: z
    .array(
      z.object({ fullName: z.string().trim().min(2).max(200), position: z.enum(positions), title: z.string().trim().max(200).nullish() }),
    )
    .max(500),
});
export type SaveCommitteeInput = z.infer<typeof saveCommitteeSchema>;
