import { z } from 'zod';
import { roles } from '../../../domain/access/permissions';

export const loginSchema = z.object({
  username: z.string().trim().min(1).max(100),
  password: z.string().min(1).max(200),
});
export type LoginInput = z.infer<typeof loginSchema>;

export const grantSchema = z.object({
  role: z.enum(roles),
  orgId: z.number(),
  orgPath: z.string(),
  orgName: z.string().optional(),
});

export const meSchema = z.object({
  id: z.number(),
  username: z.string(),
  fullName: z.string(),
  locale: z.enum(['vi', 'en']),
  memberId: z.number().nullable(),
  grants: z.array(grantSchema),
  csrfToken: z.string(),
});

export const csrfSchema = z.object({ csrfToken: z.string() });
export const localeSchema = z.object({ locale: z.enum(['vi', 'en']) });
export const changePasswordSchema = z.object({
  currentPassword: z.string().min(1).max(200),
  newPassword: z.string().min(1).max(200),
});
