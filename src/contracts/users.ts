import { z } from 'zod';
import { queryId, queryPage, queryPageSize } from './query-params';
import { roles } from '../domain/access/permissions';

export const userRoleSchema = z.object({ orgId: z.number(), orgName: z.string(), orgCode: z.string(), role: z.enum(roles) });
export const userSchema = z.object({
  id: z.number(),
  username: z.string(),
  fullName: z.string(),
  email: z.string().nullable(),
  isDisabled: z.boolean(),
  memberId: z.number().nullable(),
  roles: z.array(userRoleSchema),
  version: z.number(),
  createdAt: z.string(),
  abilities: z.object({ update: z.boolean() }),
});
export const listUsersQuery = z.object({
  q: z.string().trim().max(100).optional(),
  orgId: queryId().optional(),
  page: queryPage(),
  pageSize: queryPageSize(200, 20),
});
export const userPageSchema = z.object({ items: z.array(userSchema), total: z.number(), page: z.number(), pageSize: z.number() });

const grant = z.object({ orgId: z.number().int().positive(), role: z.enum(roles) });
export const createUserSchema = z.object({
  username: z
    .string()
    .trim()
    .min(3)
    .max(60)
    .regex(/^[a-zA-Z0-9._-]+$/, 'Tên đăng nhập chỉ gồm chữ không dấu, số, dấu chấm, gạch'),
  fullName: z.string().trim().min(2).max(120),
  email: z.email('Email không hợp lệ').nullish().or(z.literal('')),
  password: z.string().min(10, 'Mật khẩu phải có ít nhất 10 ký tự').max(200).optional(),
  memberId: z.number().int().positive().nullish(),
  roles: z.array(grant).min(1, 'Cần ít nhất một vai trò').max(50),
});
export type CreateUserInput = z.infer<typeof createUserSchema>;
export const createdUserSchema = z.object({ user: userSchema, generatedPassword: z.string().nullable() });

export const updateUserSchema = z.object({
  version: z.number().int(),
  fullName: z.string().trim().min(2).max(120).optional(),
  email: z.email('Email không hợp lệ').nullish().or(z.literal('')),
  isDisabled: z.boolean().optional(),
  memberId: z.number().int().positive().nullable().optional(),
  roles: z.array(grant).min(1, 'Cần ít nhất một vai trò').max(50).optional(),
});
export type UpdateUserInput = z.infer<typeof updateUserSchema>;
export const resetPasswordSchema = z.object({ version: z.number().int() });
export const resetPasswordResultSchema = z.object({ generatedPassword: z.string() });
