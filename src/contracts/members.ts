import { z } from 'zod';
import { queryBoolean, queryId, queryPage, queryPageSize } from './query-params';

export const memberStatuses = ['official', 'probationary', 'transferred', 'deceased', 'removed'] as const;
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Ngày phải có dạng yyyy-mm-dd');

export const memberSchema = z.object({
  id: z.number(),
  orgId: z.number(),
  orgName: z.string(),
  orgCode: z.string(),
  code: z.string(),
  fullName: z.string(),
  givenName: z.string(),
  gender: z.enum(['male', 'female']),
  birthDate: z.string().nullable(),
  joinedDate: z.string().nullable(),
  status: z.enum(memberStatuses),
  isNonStateEnterprise: z.boolean(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  isSample: z.boolean(),
  version: z.number(),
  abilities: z.object({ update: z.boolean() }),
});
export type MemberView = z.infer<typeof memberSchema>;

export const listMembersQuery = z.object({
  orgId: queryId().optional(),
  q: z.string().trim().max(200).optional(),
  status: z.enum(memberStatuses).optional(),
  nonState: queryBoolean().optional(),
  sort: z.enum(['givenName', 'code', 'joinedDate', 'birthDate']).default('givenName'),
  order: z.enum(['asc', 'desc']).default('asc'),
  page: queryPage(),
  pageSize: queryPageSize(200, 20),
});
export type ListMembersQuery = z.infer<typeof listMembersQuery>;

export const memberPageSchema = z.object({
  items: z.array(memberSchema),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
});

const phone = z
  .string()
  .trim()
  .regex(/^[0-9 +().-]{8,20}$/, 'Số điện thoại không hợp lệ');
export const createMemberSchema = z.object({
  orgId: z.number().int().positive(),
  code: z
    .string()
    .trim()
    .min(3)
    .max(30)
    .regex(/^[A-Za-z0-9.\-/]+$/, 'Mã đảng viên chỉ gồm chữ không dấu, số, dấu chấm, gạch'),
  fullName: z.string().trim().min(2).max(120),
  gender: z.enum(['male', 'female']),
  birthDate: isoDate.nullish(),
  joinedDate: isoDate.nullish(),
  status: z.enum(memberStatuses).default('official'),
  isNonStateEnterprise: z.boolean().default(false),
  phone: phone.nullish().or(z.literal('')),
  email: z.email('Email không hợp lệ').nullish().or(z.literal('')),
});
export type CreateMemberInput = z.infer<typeof createMemberSchema>;

export const updateMemberSchema = createMemberSchema.omit({ orgId: true }).partial().extend({ version: z.number().int() });
export type UpdateMemberInput = z.infer<typeof updateMemberSchema>;

export const transferMemberSchema = z.object({ version: z.number().int(), toOrgId: z.number().int().positive() });

export const importRowSchema = z.object({
  row: z.number(),
  action: z.enum(['create', 'update', 'unchanged', 'error']),
  code: z.string().nullable(),
  fullName: z.string().nullable(),
  orgCode: z.string().nullable(),
  errors: z.array(z.string()),
  changes: z.array(z.string()),
});
export const importPreviewSchema = z.object({
  importId: z.string(),
  fileName: z.string(),
  counts: z.object({ total: z.number(), create: z.number(), update: z.number(), unchanged: z.number(), error: z.number() }),
  /** The first rows of each kind, errors first; the full list is paged through GET …/rows. */
  rows: z.array(importRowSchema),
});
export const importRowsQuery = z.object({
  filter: z.enum(['all', 'create', 'update', 'unchanged', 'error']).default('all'),
  page: queryPage(),
  pageSize: queryPageSize(500, 50),
});
export const importCommitSchema = z.object({ created: z.number(), updated: z.number() });
