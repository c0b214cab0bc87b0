import { z } from 'zod';
import { queryId, queryPage, queryPageSize } from './query-params';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Ngày phải có dạng yyyy-mm-dd');

export const coverageQuery = z.object({
  documentId: queryId(),
  orgId: queryId().optional(),
  asOf: isoDate.optional(),
});
export type CoverageQuery = z.infer<typeof coverageQuery>;

const coverageOrg = z.object({
  orgId: z.number(),
  name: z.string(),
  kind: z.string(),
  studied: z.number(),
  members: z.number(),
  percent: z.number(),
  hasChildren: z.boolean(),
});
export type CoverageOrg = z.infer<typeof coverageOrg>;

export const coverageSchema = z.object({
  documentId: z.number(),
  asOf: z.string(),
  org: coverageOrg,
  children: z.array(coverageOrg),
});

export const missingQuery = coverageQuery.extend({
  page: queryPage(),
  pageSize: queryPageSize(500, 50),
});
export const missingSchema = z.object({
  items: z.array(z.object({ memberId: z.number(), code: z.string(), fullName: z.string(), orgId: z.number(), orgName: z.string() })),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  /** Cells with members still to reach, most first. */
  cells: z.array(z.object({ orgId: z.number(), name: z.string(), missing: z.number(), members: z.number() })),
});

export const studiedDocumentsSchema = z.array(
  z.object({ id: z.number(), symbol: z.string(), title: z.string(), sessionCount: z.number() }),
);
