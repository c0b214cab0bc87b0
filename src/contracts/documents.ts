import { z } from 'zod';
import { documentKinds, documentStatuses, itemKinds, taskStatuses } from '../domain/documents';
import { TARGET_COMPARATORS } from '../domain/targets';
import { orgKinds } from '../domain/orgs/org-kinds';
import { queryBoolean, queryId, queryInt, queryPage, queryPageSize } from './query-params';
import { timestamp } from './common';

const id = queryId();
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Ngày phải có dạng yyyy-mm-dd');
const year = z.number().int().min(1945).max(2100);

export const idParams = z.object({ id });
export const itemParams = z.object({ itemId: id });
export const linkParams = z.object({ itemId: id, parentItemId: id });
export const fileParams = z.object({ id, fileId: id });
export const versionQuery = z.object({ version: queryInt() });

export const listDocumentsQuery = z.object({
  orgId: id.optional(),
  /** With orgId: also the documents of the org's subtree. */
  subtree: queryBoolean().optional(),
  kind: z.enum(documentKinds).optional(),
  status: z.enum(documentStatuses).optional(),
  term: z
    .string()
    .regex(/^\d{4}-\d{4}$/)
    .optional(),
  /** Documents that implement this document's series. */
  implementsId: id.optional(),
  /** Latest versions only (default). */
  latest: queryBoolean().optional(),
  page: queryPage(),
  pageSize: queryPageSize(200, 50),
});
export type ListDocumentsQuery = z.infer<typeof listDocumentsQuery>;

export const createDocumentSchema = z.object({
  orgId: z.number().int().positive(),
  kind: z.enum(documentKinds),
  term: z
    .string()
    .trim()
    .regex(/^\d{4}-\d{4}$/, 'Nhiệm kỳ có dạng 2020-2025'),
  title: z.string().trim().min(3, 'Trích yếu quá ngắn').max(500),
  summary: z.string().trim().max(5000).nullish(),
  issueDate: isoDate.nullish(),
  /** Ids of the documents (any version) this one implements. */
  implementsIds: z.array(z.number().int().positive()).max(20).default([]),
  /** A number given by hand (documents entered after the fact); otherwise the next one. */
  number: z.number().int().positive().max(9999).optional(),
});
export type CreateDocumentInput = z.infer<typeof createDocumentSchema>;

export const updateDocumentSchema = z.object({
  version: z.number().int(),
  title: createDocumentSchema.shape.title.optional(),
  summary: createDocumentSchema.shape.summary,
  issueDate: isoDate.nullish(),
  implementsIds: z.array(z.number().int().positive()).max(20).optional(),
});
export type UpdateDocumentInput = z.infer<typeof updateDocumentSchema>;

export const adoptSchema = z.object({ version: z.number().int(), issueDate: isoDate.optional() });
export const amendSchema = z.object({
  version: z.number().int(),
  reason: z.string().trim().min(5, 'Hãy ghi lý do bổ sung, điều chỉnh').max(2000),
});
export const expireSchema = z.object({ version: z.number().int() });

export const targetInputSchema = z.object({
  indicatorId: z.number().int().positive().nullish(),
  /** What the user types: "8,5-8,7", "trên 9 tỷ USD", "ít nhất 300", "100%". */
  valueText: z.string().trim().min(1, 'Hãy nhập giá trị chỉ tiêu').max(200),
  unitText: z.string().trim().max(60).default(''),
  byYear: year.nullish(),
  baselineValue: z.number().finite().nullish(),
  baselineYear: year.nullish(),
  yearlyPath: z
    .array(z.object({ year, value: z.number().finite() }))
    .max(30)
    .nullish(),
});
export type TargetInput = z.infer<typeof targetInputSchema>;

export const createItemSchema = z.object({
  parentItemId: z.number().int().positive().nullish(),
  /** Index among the new siblings; appended when absent. */
  index: z.number().int().min(0).optional(),
  kind: z.enum(itemKinds),
  text: z.string().trim().min(1, 'Hãy nhập nội dung').max(20000),
  milestoneYear: year.nullish(),
  target: targetInputSchema.nullish(),
});
export type CreateItemInput = z.infer<typeof createItemSchema>;

export const updateItemSchema = z.object({
  version: z.number().int(),
  kind: z.enum(itemKinds).optional(),
  text: createItemSchema.shape.text.optional(),
  milestoneYear: year.nullish(),
  target: targetInputSchema.nullish(),
});
export type UpdateItemInput = z.infer<typeof updateItemSchema>;

export const moveItemSchema = z.object({
  version: z.number().int(),
  parentItemId: z.number().int().positive().nullable(),
  index: z.number().int().min(0),
});

export const linkSchema = z.object({ parentItemId: z.number().int().positive() });
export const gapQuery = z.object({ depth: queryInt({ min: 1, max: 6 }).default(1) });
export const searchQuery = z.object({ q: z.string().trim().min(1).max(200), limit: queryInt({ min: 1, max: 100 }).default(30) });
export const diffQuery = z.object({ fromId: id.optional() });

export const indicatorSchema = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string(),
  unit: z.string(),
  direction: z.enum(['higher_better', 'lower_better']),
  aggregation: z.enum(['sum', 'rate', 'average', 'none']),
  version: z.number(),
});
export const createIndicatorSchema = z.object({
  code: z
    .string()
    .trim()
    .min(2)
    .max(40)
    .regex(/^[A-Za-z0-9_]+$/, 'Mã chỉ gồm chữ không dấu, số và gạch dưới'),
  name: z.string().trim().min(3).max(300),
  unit: z.string().trim().max(50).default(''),
  direction: z.enum(['higher_better', 'lower_better']),
  aggregation: z.enum(['sum', 'rate', 'average', 'none']),
});
export type CreateIndicatorInput = z.infer<typeof createIndicatorSchema>;
/** The code stays: seeds, imports and rollups refer to indicators by it. */
export const updateIndicatorSchema = z.object({
  version: z.number().int(),
  name: createIndicatorSchema.shape.name.optional(),
  unit: z.string().trim().max(50).optional(),
  direction: createIndicatorSchema.shape.direction.optional(),
  aggregation: createIndicatorSchema.shape.aggregation.optional(),
});
export type UpdateIndicatorInput = z.infer<typeof updateIndicatorSchema>;

export const taskQuery = z.object({
  itemId: id.optional(),
  orgId: id.optional(),
  documentId: id.optional(),
  page: queryPage(),
  pageSize: queryPageSize(500, 100),
});
export const createTaskSchema = z
  .object({
    itemId: z.number().int().positive().nullish(),
    /** The assigning org; for a task from an item, the item's document's org. */
    orgId: z.number().int().positive().optional(),
    title: z.string().trim().min(3).max(2000),
    leadOrgId: z.number().int().positive(),
    partnerOrgIds: z.array(z.number().int().positive()).max(50).default([]),
    headName: z.string().trim().max(200).nullish(),
    startDate: isoDate.nullish(),
    dueDate: isoDate.nullish(),
  })
  .refine((t) => !t.startDate || !t.dueDate || t.dueDate >= t.startDate, {
    message: 'Hạn hoàn thành phải sau ngày bắt đầu',
    path: ['dueDate'],
  });
export type CreateTaskInput = z.infer<typeof createTaskSchema>;
export const bulkTaskSchema = z.object({
  itemId: z.number().int().positive(),
  /** Every org of `kind` inside this org's subtree becomes a lead org. */
  underOrgId: z.number().int().positive(),
  orgKind: z.enum(['district_committee', 'commune_committee', 'bloc_committee', 'grassroots', 'cell', 'agency', 'mass_org']),
  title: z.string().trim().min(3).max(2000).optional(),
  startDate: isoDate.nullish(),
  dueDate: isoDate.nullish(),
});
export type BulkTaskInput = z.infer<typeof bulkTaskSchema>;
export const updateTaskSchema = z.object({
  version: z.number().int(),
  title: z.string().trim().min(3).max(2000).optional(),
  partnerOrgIds: z.array(z.number().int().positive()).max(50).optional(),
  headName: z.string().trim().max(200).nullish(),
  startDate: isoDate.nullish(),
  dueDate: isoDate.nullish(),
  status: z.enum(taskStatuses).optional(),
  progress: z.number().int().min(0).max(100).optional(),
});
export type UpdateTaskInput = z.infer<typeof updateTaskSchema>;

export const comparatorEnum = z.enum(TARGET_COMPARATORS as unknown as [string, ...string[]]);

// Answers: what each route responds (the serializer checks every answer against them).
export const documentFileSchema = z.object({
  id: z.number(),
  fileName: z.string(),
  mimeType: z.string(),
  sizeBytes: z.number(),
  createdAt: timestamp,
});
export const parentLinkSchema = z.object({
  parentItemId: z.number(),
  documentId: z.number(),
  symbol: z.string(),
  orgName: z.string(),
  text: z.string(),
});
export const taskSchema = z.object({
  id: z.number(),
  itemId: z.number().nullable(),
  orgId: z.number(),
  orgName: z.string(),
  title: z.string(),
  leadOrgId: z.number(),
  leadOrgName: z.string(),
  partnerOrgIds: z.array(z.number()),
  partnerOrgNames: z.array(z.string()),
  headName: z.string().nullable(),
  startDate: z.string().nullable(),
  dueDate: z.string().nullable(),
  status: z.enum(taskStatuses),
  progress: z.number(),
  version: z.number(),
});
/** A document as lists and pages show it, with what the caller may do to it. */
export const documentSummarySchema = z.object({
  abilities: z.object({
    update: z.boolean(),
    adopt: z.boolean(),
    amend: z.boolean(),
    expire: z.boolean(),
    delete: z.boolean(),
    link: z.boolean(),
    attach: z.boolean(),
    assignTasks: z.boolean(),
  }),
  id: z.number(),
  orgId: z.number(),
  orgPath: z.string(),
  orgName: z.string(),
  orgKind: z.string(),
  kind: z.enum(documentKinds),
  term: z.string(),
  number: z.number(),
  symbol: z.string(),
  issueDate: z.string().nullable(),
  title: z.string(),
  summary: z.string().nullable(),
  status: z.enum(documentStatuses),
  seriesId: z.number(),
  versionNo: z.number(),
  previousVersionId: z.number().nullable(),
  amendReason: z.string().nullable(),
  isSample: z.boolean(),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
/** GET /documents */
export const documentPageResponse = z.object({
  items: z.array(documentSummarySchema),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
});
/** GET /documents/search */
export const searchResponse = z.array(
  z.object({
    type: z.enum(['document', 'item']),
    documentId: z.number(),
    itemId: z.number().nullable(),
    symbol: z.string(),
    text: z.string(),
    kind: z.string(),
    isExact: z.boolean(),
    orgName: z.string(),
  }),
);
/** GET /documents/:id */
export const documentResponse = documentSummarySchema.extend({
  implements: z.array(
    z.object({ id: z.number(), seriesId: z.number(), symbol: z.string(), title: z.string(), orgName: z.string(), kind: z.string() }),
  ),
  files: z.array(documentFileSchema),
  items: z.array(
    z.object({
      statement: z.string().nullable(),
      indicatorName: z.string().nullable(),
      parentLinks: z.array(
        z.object({ parentItemId: z.number(), documentId: z.number(), symbol: z.string(), orgName: z.string(), text: z.string() }),
      ),
      childLinkCount: z.number(),
      taskCount: z.number(),
      id: z.number(),
      documentId: z.number(),
      parentItemId: z.number().nullable(),
      stableKey: z.string(),
      kind: z.enum(itemKinds),
      position: z.number(),
      text: z.string(),
      indicatorId: z.number().nullable(),
      comparator: z
        .enum(['range', '=', '>', '>=', '<', '<=', 'approx', 'increase_by', 'decrease_by', 'reduce_to', 'increase_to'])
        .nullable(),
      value: z.number().nullable(),
      valueMin: z.number().nullable(),
      valueMax: z.number().nullable(),
      unit: z.string().nullable(),
      perYear: z.boolean(),
      byYear: z.number().nullable(),
      baselineValue: z.number().nullable(),
      baselineYear: z.number().nullable(),
      yearlyPath: z.array(z.object({ year: z.number(), value: z.number() })).nullable(),
      milestoneYear: z.number().nullable(),
      version: z.number(),
      depth: z.number(),
      outline: z.string(),
    }),
  ),
});
/** GET /documents/:id/versions */
export const versionsResponse = z.array(documentSummarySchema);
/** An item as the comparison of two versions sees it. */
const diffItemSchema = z.object({
  stableKey: z.string(),
  parentKey: z.string().nullable(),
  position: z.number(),
  kind: z.string(),
  text: z.string(),
  statement: z.string().nullable(),
});
/** GET /documents/:id/diff */
export const diffResponse = z.union([
  z.object({ fromId: z.null(), toId: z.number(), changes: z.array(z.never()) }),
  z.object({
    fromId: z.number(),
    toId: z.number(),
    changes: z.array(
      z.union([
        z.object({
          type: z.literal('added'),
          key: z.string(),
          after: diffItemSchema,
        }),
        z.object({
          type: z.literal('removed'),
          key: z.string(),
          before: diffItemSchema,
        }),
        z.object({
          type: z.literal('changed'),
          key: z.string(),
          fields: z.array(z.enum(['text', 'statement', 'kind', 'place'])),
          before: diffItemSchema,
          after: diffItemSchema,
        }),
      ]),
    ),
  }),
]);
/** An org the gap view lists, with why it owes a document and the ones it issued. */
const gapOrgSchema = z.object({
  documents: z.array(z.object({ id: z.number(), symbol: z.string(), status: z.string() })),
  reason: z.enum(['party_org', 'assigned']),
  id: z.number(),
  name: z.string(),
  kind: z.enum(orgKinds),
  path: z.string(),
  parentId: z.number().nullable(),
  level: z.number(),
});
/** GET /documents/:id/gaps */
export const gapsResponse = z.object({
  document: z.object({ id: z.number(), symbol: z.string(), title: z.string(), orgName: z.string() }),
  depth: z.number(),
  orgCount: z.number(),
  issuedCount: z.number(),
  missingCount: z.number(),
  missingOrgs: z.array(gapOrgSchema),
  issuedOrgs: z.array(gapOrgSchema),
  actionableCount: z.number(),
  untakenCount: z.number(),
  untakenItems: z.array(
    z.object({
      itemId: z.number(),
      kind: z.enum(itemKinds),
      text: z.string(),
      statement: z.string().nullable(),
    }),
  ),
});
/** POST /documents/:id/import */
export const importSheetResponse = z.object({
  committed: z.boolean(),
  counts: z.object({ create: z.number(), update: z.number(), unchanged: z.number(), error: z.number() }),
  rows: z.array(
    z.object({
      rowNo: z.number(),
      row: z.string(),
      parentRow: z.string(),
      kind: z.enum(itemKinds).nullable(),
      text: z.string(),
      statement: z.string().nullable(),
      action: z.enum(['error', 'create', 'update', 'unchanged']),
      errors: z.array(z.string()),
      changes: z.array(z.string()),
    }),
  ),
});
/** POST /documents/:id/files */
export const documentFileResponse = documentFileSchema;
/** POST /documents/:id/items */
export const itemResponse = z.object({
  statement: z.string().nullable(),
  id: z.number(),
  documentId: z.number(),
  parentItemId: z.number().nullable(),
  stableKey: z.string(),
  kind: z.enum(itemKinds),
  position: z.number(),
  text: z.string(),
  indicatorId: z.number().nullable(),
  comparator: z.enum(['range', '=', '>', '>=', '<', '<=', 'approx', 'increase_by', 'decrease_by', 'reduce_to', 'increase_to']).nullable(),
  value: z.number().nullable(),
  valueMin: z.number().nullable(),
  valueMax: z.number().nullable(),
  unit: z.string().nullable(),
  perYear: z.boolean(),
  byYear: z.number().nullable(),
  baselineValue: z.number().nullable(),
  baselineYear: z.number().nullable(),
  yearlyPath: z.array(z.object({ year: z.number(), value: z.number() })).nullable(),
  milestoneYear: z.number().nullable(),
  version: z.number(),
});
/** POST /items/:itemId/links */
export const linkResponse = z.array(parentLinkSchema);
/** GET /items/:itemId/suggestions */
export const suggestionsResponse = z.object({
  suggestions: z.array(
    z.object({
      itemId: z.number(),
      documentId: z.number(),
      symbol: z.string(),
      orgName: z.string(),
      kind: z.enum(itemKinds),
      text: z.string(),
      statement: z.string().nullable(),
      id: z.number(),
      score: z.number(),
      reasons: z.array(z.enum(['kind', 'indicator', 'words'])),
    }),
  ),
  candidates: z.array(
    z.object({
      itemId: z.number(),
      documentId: z.number(),
      symbol: z.string(),
      kind: z.enum(itemKinds),
      text: z.string(),
      statement: z.string().nullable(),
    }),
  ),
});
/** GET /items/:itemId/concretizations */
export const concretizationsResponse = z.object({
  item: z.object({
    itemId: z.number(),
    documentId: z.number(),
    symbol: z.string(),
    orgName: z.string(),
    kind: z.enum(itemKinds),
    text: z.string(),
    statement: z.string().nullable(),
    indicator: z
      .object({
        id: z.number(),
        name: z.string(),
        unit: z.string(),
        direction: z.enum(['higher_better', 'lower_better']),
        aggregation: z.enum(['none', 'sum', 'rate', 'average']),
      })
      .nullable(),
  }),
  children: z.array(
    z.object({
      itemId: z.number(),
      documentId: z.number(),
      symbol: z.string(),
      documentKind: z.string(),
      documentStatus: z.string(),
      documentTitle: z.string(),
      orgId: z.number(),
      orgName: z.string(),
      orgKind: z.string(),
      kind: z.enum(itemKinds),
      text: z.string(),
      statement: z.string().nullable(),
      childCount: z.number(),
      isWeaker: z.boolean(),
    }),
  ),
  orgCount: z.number(),
  weakerCount: z.number(),
  quota: z
    .object({
      parentValue: z.number().nullable(),
      childrenSum: z.number(),
      childCount: z.number(),
      difference: z.number().nullable(),
      isCovered: z.boolean().nullable(),
    })
    .nullable(),
});
/** GET /items/:itemId/chain */
export const chainResponse = z.object({
  nodes: z.array(
    z.object({
      itemId: z.number(),
      documentId: z.number(),
      symbol: z.string(),
      orgName: z.string(),
      orgKind: z.string(),
      documentTitle: z.string(),
      kind: z.enum(itemKinds),
      text: z.string(),
      statement: z.string().nullable(),
      depth: z.number(),
    }),
  ),
  edges: z.array(z.object({ childItemId: z.number(), parentItemId: z.number() })),
});
/** GET /tasks */
export const taskPageResponse = z.object({ items: z.array(taskSchema), total: z.number(), page: z.number(), pageSize: z.number() });
/** POST /tasks */
export const taskResponse = taskSchema;
/** POST /tasks/bulk */
export const bulkTasksResponse = z.object({ created: z.number(), taskIds: z.array(z.number()) });
