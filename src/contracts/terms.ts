/**
 * Request and response shapes of the terms feature (nhiệm kỳ, đại hội, chuyển tiếp): plain Zod,
 * shared by the server's routes and the web client.
 */
import { z } from 'zod';

const pathId = z
  .string()
  .regex(/^\d{1,15}$/, 'Mã phải là số nguyên dương.')
  .transform(Number)
  .pipe(z.number().int().positive());
const id = z.number().int().positive();
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Ngày phải có dạng yyyy-mm-dd');

export const idParams = z.object({ id: pathId });

export const congressModes = ['in_person', 'online', 'hybrid'] as const;

export const congressInputSchema = z.object({
  ordinal: z.number().int().min(1).max(50),
  startDate: isoDate,
  endDate: isoDate,
  delegates: z.number().int().positive().max(100_000).nullish(),
  mode: z.enum(congressModes).default('in_person'),
  bridgePoints: z.array(z.string().trim().min(1).max(200)).max(50_000).default([]),
  resolutionDocumentId: id.nullish(),
});

/** The congress of a term opened without one: recorded afterwards, with the term's version. */
export const recordCongressSchema = congressInputSchema.extend({ version: z.number().int().nonnegative() });
export type RecordCongressInput = z.infer<typeof recordCongressSchema>;

export const openTermSchema = z.object({
  startYear: z.number().int().min(1930).max(2200),
  endYear: z.number().int().min(1930).max(2200),
  startDate: isoDate,
  /** Only to record a term that has already ended (entered afterwards); an open term has none. */
  endDate: isoDate.nullish(),
  /** End date of the current open term when it is closed by this one; the day before startDate when absent. */
  previousEndDate: isoDate.nullish(),
  congress: congressInputSchema.nullish(),
});
export type OpenTermInput = z.infer<typeof openTermSchema>;

export const congressSchema = z.object({
  id: z.number(),
  ordinal: z.number(),
  ordinalText: z.string(),
  startDate: z.string(),
  endDate: z.string(),
  delegates: z.number().nullable(),
  mode: z.enum(congressModes),
  bridgePoints: z.array(z.string()),
  resolution: z.object({ id: z.number(), symbol: z.string(), title: z.string() }).nullable(),
  isSample: z.boolean(),
});

export const termCommitteeSchema = z.object({
  role: z.enum(['executive', 'standing', 'inspection']),
  size: z.number(),
  people: z.number(),
});

export const termSchema = z.object({
  id: z.number(),
  orgId: z.number(),
  label: z.string(),
  startYear: z.number(),
  endYear: z.number(),
  startDate: z.string(),
  endDate: z.string().nullable(),
  status: z.enum(['open', 'closed']),
  isSample: z.boolean(),
  version: z.number(),
  congress: congressSchema.nullable(),
  committees: z.array(termCommitteeSchema),
  documents: z.array(z.object({ id: z.number(), kind: z.string(), symbol: z.string(), title: z.string(), status: z.string() })),
});
export type TermDto = z.infer<typeof termSchema>;

export const orgTermsSchema = z.object({
  orgId: z.number(),
  orgName: z.string(),
  current: termSchema.nullable(),
  items: z.array(termSchema),
});

// --- Carry-over -----------------------------------------------------------------------------

export const candidatesQuery = z.object({
  /** The day the old term is judged on; its document's term end when absent. */
  asOf: isoDate.optional(),
});

export const candidateSchema = z.object({
  itemId: z.number(),
  kind: z.string(),
  text: z.string(),
  statement: z.string().nullable(),
  /** Target status ('off_track'…) or the tasks' worst bucket ('overdue'…). */
  status: z.string(),
  statusText: z.string(),
  reason: z.string().nullable(),
  tasks: z.object({ total: z.number(), unfinished: z.number() }),
  carriedInto: z.array(z.object({ documentId: z.number(), symbol: z.string(), newItemId: z.number() })),
});

export const candidatesSchema = z.object({
  document: z.object({ id: z.number(), symbol: z.string(), title: z.string(), term: z.string(), orgName: z.string() }),
  asOf: z.string(),
  targets: z.array(candidateSchema),
  tasks: z.array(candidateSchema),
});

export const carryOverSchema = z.object({
  sourceDocumentId: id,
  targetDocumentId: id,
  itemIds: z.array(id).min(1, 'Chọn ít nhất một mục để chuyển tiếp.').max(500),
  /** Under which item of the new document the carried items go; top level when absent. */
  parentItemId: id.nullish(),
});
export type CarryOverInput = z.infer<typeof carryOverSchema>;

export const carryPreviewSchema = z.object({
  source: z.object({ id: z.number(), symbol: z.string(), term: z.string() }),
  target: z.object({ id: z.number(), symbol: z.string(), term: z.string(), title: z.string() }),
  items: z.array(
    z.object({
      sourceItemId: z.number(),
      kind: z.enum(['target', 'task']),
      text: z.string(),
      statement: z.string().nullable(),
      sourceStatus: z.string(),
    }),
  ),
});

export const carryResultSchema = carryPreviewSchema.extend({
  created: z.array(z.object({ sourceItemId: z.number(), newItemId: z.number() })),
});

export const carryLinkSchema = z.object({
  sourceItemId: z.number(),
  sourceText: z.string(),
  sourceDocument: z.object({ id: z.number(), symbol: z.string(), term: z.string(), orgName: z.string() }),
  newItemId: z.number(),
  newText: z.string(),
  targetDocument: z.object({ id: z.number(), symbol: z.string(), term: z.string(), orgName: z.string() }),
  sourceStatus: z.string(),
  createdAt: z.string(),
});

export const documentCarryLinksSchema = z.object({
  /** Items of this document that came from an old term. */
  carriedFrom: z.array(carryLinkSchema),
  /** Items of this document carried into a new term's documents. */
  carriedInto: z.array(carryLinkSchema),
});
