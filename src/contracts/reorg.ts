/**
 * Request and response shapes of the reorganization feature (issue 11), shared by the server's
 * routes, the OpenAPI document and the web client. Plain Zod: no server imports.
 */
import { z } from 'zod';
import { orgKinds } from '../domain/orgs/org-kinds';
import { queryId } from './query-params';

const id = z.number().int().positive();
export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Ngày có dạng yyyy-mm-dd');

export const reorgKinds = ['merge', 'split', 'dissolve', 'rename', 'move', 'change_kind'] as const;

/** A child org re-parented, or a source's own members moved; toOrgId 0 names the new org of a merge. */
export const mappingEntrySchema = z.object({
  fromOrgId: id,
  toOrgId: z.number().int().nonnegative(),
  /** A split into new orgs: the index in `newOrgs` of the part it goes to (then `toOrgId` is 0). */
  toNewOrg: z.number().int().min(0).max(49).optional(),
});
/** A role on a closing org: kept on `toOrgId` (0: the new org; `toNewOrg`: a new part of a split), or ended when null or absent. */
export const roleMappingSchema = z.object({
  userRoleId: id,
  toOrgId: z.number().int().nonnegative().nullable(),
  toNewOrg: z.number().int().min(0).max(49).optional(),
});
/** A new org a split founds, under the split org's parent. */
export const newPartSchema = z.object({
  code: z.string().trim().min(1).max(40),
  name: z.string().trim().min(2).max(200),
  kind: z.enum(orgKinds),
});

export const reorgRequestSchema = z.object({
  kind: z.enum(reorgKinds),
  effectiveDate: isoDate,
  decision: z.string().trim().min(3, 'Hãy ghi số và ngày của quyết định').max(500),
  sourceOrgIds: z.array(id).min(1).max(100),
  /** merge into an existing org: [successor]; move, dissolve: [new parent]; split: the parts. */
  targetOrgIds: z.array(id).max(100).default([]),
  /** merge into a new org: the successor to found. */
  newOrg: z
    .object({
      parentId: id.nullable(),
      code: z.string().trim().min(1).max(40),
      name: z.string().trim().min(2).max(200),
      kind: z.enum(orgKinds),
    })
    .optional(),
  /** split: the new orgs it founds (with `targetOrgIds`, the existing parts), at least two parts in all. */
  newOrgs: z.array(newPartSchema).max(50).optional(),
  newName: z.string().trim().min(2).max(200).optional(),
  newKind: z.enum(orgKinds).optional(),
  mapping: z.array(mappingEntrySchema).max(20_000).default([]),
  roleMapping: z.array(roleMappingSchema).max(5_000).default([]),
  isSample: z.boolean().optional(),
});
export type ReorgRequest = z.infer<typeof reorgRequestSchema>;

/** A filled mapping sheet read back: the cell and role choices it holds, and how many rows it had. */
export const mappingSheetSchema = z.object({
  mapping: z.array(mappingEntrySchema),
  roleMapping: z.array(roleMappingSchema),
  rows: z.number(),
});
export type MappingSheet = z.infer<typeof mappingSheetSchema>;

const problem = z.object({ field: z.string(), vi: z.string(), en: z.string() });
const orgRef = z.object({ id: z.number(), name: z.string(), code: z.string(), kind: z.string() });

export const reorgPreviewSchema = z.object({
  kind: z.enum(reorgKinds),
  effectiveDate: z.string(),
  decision: z.string(),
  sources: z.array(orgRef),
  targets: z.array(orgRef),
  problems: z.array(problem),
  /** One row per child org or member-holding source: where it goes (the mapping to adjust). */
  cells: z.array(
    z.object({
      orgId: z.number(),
      name: z.string(),
      kind: z.string(),
      fromOrgId: z.number(),
      members: z.number(),
      toOrgId: z.number().nullable(),
      toOrgName: z.string().nullable(),
      isDirectMembers: z.boolean(),
    }),
  ),
  membersMoving: z.number(),
  roles: z.array(
    z.object({
      userRoleId: z.number(),
      username: z.string(),
      fullName: z.string(),
      role: z.string(),
      orgId: z.number(),
      orgName: z.string(),
      toOrgId: z.number().nullable(),
      toOrgName: z.string().nullable(),
    }),
  ),
  tasks: z.array(
    z.object({ id: z.number(), title: z.string(), change: z.enum(['lead', 'partner']), fromOrgName: z.string(), toOrgName: z.string() }),
  ),
  reports: z.object({ open: z.number(), moving: z.number(), staying: z.number() }),
  bridgePoints: z.array(z.object({ id: z.number(), name: z.string(), sessionTitle: z.string(), orgName: z.string() })),
  explanations: z.array(z.object({ id: z.number(), question: z.string(), orgName: z.string() })),
  documents: z.array(z.object({ id: z.number(), symbol: z.string(), title: z.string(), orgName: z.string() })),
});
export type ReorgPreview = z.infer<typeof reorgPreviewSchema>;

export const reorgOperationSchema = z.object({
  id: z.number(),
  kind: z.enum(reorgKinds),
  effectiveDate: z.string(),
  decision: z.string(),
  summary: z.string(),
  status: z.enum(['committed', 'undone']),
  successorOrgId: z.number().nullable(),
  createdAt: z.string(),
});

/** "Lịch sử sắp xếp": operations newest first, with whether the caller may undo each. */
export const reorgHistorySchema = z.object({
  operations: z.array(
    reorgOperationSchema.extend({
      undoneAt: z.string().nullable(),
      createdByName: z.string().nullable(),
      abilities: z.object({ undo: z.boolean() }),
    }),
  ),
});
export type ReorgHistory = z.infer<typeof reorgHistorySchema>;

export const lineageSchema = z.object({
  orgId: z.number(),
  names: z.array(z.object({ name: z.string(), validFrom: z.string(), validTo: z.string().nullable() })),
  cameFrom: z.array(z.object({ orgId: z.number(), name: z.string(), kind: z.string(), effectiveDate: z.string(), decision: z.string() })),
  wentInto: z.array(z.object({ orgId: z.number(), name: z.string(), kind: z.string(), effectiveDate: z.string(), decision: z.string() })),
});

export const treeAsOfSchema = z.object({
  asOf: z.string(),
  orgs: z.array(
    z.object({
      id: z.number(),
      parentId: z.number().nullable(),
      name: z.string(),
      kind: z.string(),
      depth: z.number(),
      members: z.number(),
      subtreeMembers: z.number(),
    }),
  ),
});

export const figuresAsOfSchema = z.object({
  orgId: z.number(),
  asOf: z.string(),
  tree: z.enum(['as_of', 'current']),
  /** Which tree the figures use, as the page says it. */
  treeLabel: z.object({ vi: z.string(), en: z.string() }),
  members: z.number(),
  figures: z.array(
    z.object({
      indicatorId: z.number(),
      code: z.string(),
      name: z.string(),
      unit: z.string(),
      periodKey: z.string(),
      orgsReporting: z.number(),
      isCombinable: z.boolean(),
      value: z.number().nullable(),
      numerator: z.number().nullable(),
      denominator: z.number().nullable(),
      reason: z.string().nullable(),
    }),
  ),
});

// --- Route parameters -----------------------------------------------------------------------

export const treeAsOfQuery = z.object({ asOf: isoDate, rootId: queryId().optional() });
export const orgParams = z.object({ orgId: queryId() });
export const operationParams = z.object({ id: queryId() });
export const operationsQuery = z.object({ orgId: queryId().optional() });
export const historySearchQuery = z.object({ q: z.string().trim().min(2).max(100) });
export const figuresAsOfQuery = z.object({ orgId: queryId(), asOf: isoDate, tree: z.enum(['as_of', 'current']).default('as_of') });
