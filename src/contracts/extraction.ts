import { z } from 'zod';
import { queryId } from './query-params';
import { TARGET_COMPARATORS, type TargetComparator } from '../domain/targets';

const year = z.number().int().min(1945).max(2100);

/** Long enough for a whole resolution; a longer paste is a mistake (a book, a binary). */
export const MAX_TEXT_LENGTH = 300_000;

export const extractSchema = z.object({
  text: z.string().trim().min(1, 'Hãy dán đoạn văn bản cần đọc').max(MAX_TEXT_LENGTH, 'Đoạn văn bản quá dài'),
});
export type ExtractInput = z.infer<typeof extractSchema>;

export const extractedKinds = ['target', 'task', 'breakthrough', 'milestone'] as const;

/** One item the user accepted in the review table, as edited. */
export const acceptedItemSchema = z.object({
  kind: z.enum(extractedKinds),
  /** The item's words as they go into the document. */
  text: z.string().trim().min(1, 'Hãy nhập nội dung').max(20000),
  /** Targets: the catalog indicator the user kept; null asks the server to match or create one by name. */
  indicatorId: z.number().int().positive().nullish(),
  indicatorName: z.string().trim().max(300).nullish(),
  comparator: z.enum(TARGET_COMPARATORS as unknown as [TargetComparator, ...TargetComparator[]]).nullish(),
  value: z.number().finite().nullish(),
  valueMin: z.number().finite().nullish(),
  valueMax: z.number().finite().nullish(),
  unit: z.string().trim().max(50).default(''),
  perYear: z.boolean().default(false),
  /** Targets: the due year; milestones: the vision year. */
  byYear: year.nullish(),
  /**
   * The item this one sits under, as its index in `items` (an earlier one): "a) …" under "1. …"
   * of a numbered section. Absent: under `parentItemId`.
   */
  parentIndex: z.number().int().min(0).nullish(),
});
export type AcceptedItem = z.infer<typeof acceptedItemSchema>;

export const importExtractedSchema = z.object({
  /** Where the items go: under a part or section of the document, or at its top level. */
  parentItemId: z.number().int().positive().nullish(),
  items: z.array(acceptedItemSchema).min(1, 'Hãy nhận ít nhất một mục').max(500),
});
export type ImportExtractedInput = z.infer<typeof importExtractedSchema>;

export const documentIdParams = z.object({ id: queryId() });

// Answers: what each route responds (the serializer checks every answer against them).
/** POST /extract */
export const extractionResponse = z.object({
  text: z.string(),
  items: z.array(
    z.object({
      kind: z.enum(['target', 'task', 'breakthrough', 'milestone']),
      indicator: z.string(),
      comparator: z
        .enum(['range', '=', '>', '>=', '<', '<=', 'approx', 'increase_by', 'decrease_by', 'reduce_to', 'increase_to'])
        .nullable(),
      value: z.number().nullable(),
      valueMin: z.number().nullable(),
      valueMax: z.number().nullable(),
      unit: z.string(),
      byYear: z.number().nullable(),
      perYear: z.boolean(),
      reference: z.string().nullable(),
      achieved: z.number().nullable(),
      parentStart: z.number().nullable(),
      start: z.number(),
      end: z.number(),
      text: z.string(),
      indicatorMatch: z.object({ id: z.number(), name: z.string(), unit: z.string(), score: z.number(), isExact: z.boolean() }).nullable(),
    }),
  ),
});
/** POST /documents/:id/import-extracted */
export const importExtractedResponse = z.object({
  documentId: z.number(),
  items: z.array(
    z.object({
      statement: z.string().nullable(),
      id: z.number(),
      kind: z.string(),
      text: z.string(),
      indicatorId: z.number().nullable(),
      indicatorName: z.string().nullable(),
      comparator: z
        .enum(['range', '=', '>', '>=', '<', '<=', 'approx', 'increase_by', 'decrease_by', 'reduce_to', 'increase_to'])
        .nullable(),
      value: z.number().nullable(),
      valueMin: z.number().nullable(),
      valueMax: z.number().nullable(),
      unit: z.string().nullable(),
      perYear: z.boolean(),
      byYear: z.number().nullable(),
      milestoneYear: z.number().nullable(),
    }),
  ),
  proposedIndicators: z.array(z.object({ id: z.number(), name: z.string(), unit: z.string() })),
});
