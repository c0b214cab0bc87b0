import { z } from 'zod';
import { queryId } from './query-params';
import { roles } from '../domain/access/permissions';

export const loginSchema = z.object({
  username: z.string().trim().min(1).max(100),
  password: z.string().min(1).max(200),
  /** The 6-digit code of an account with a second factor; the form asks for it when needed. */
  totpCode: z.string().trim().max(10).optional(),
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
  totpEnabled: z.boolean(),
  mustEnrolTotp: z.boolean(),
});

export const csrfSchema = z.object({ csrfToken: z.string() });
export const localeSchema = z.object({ locale: z.enum(['vi', 'en']) });
export const changePasswordSchema = z.object({
  currentPassword: z.string().min(1).max(200),
  newPassword: z.string().min(1).max(200),
});

export const sessionItemSchema = z.object({
  id: z.string(),
  userAgent: z.string().nullable(),
  ip: z.string().nullable(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
  isCurrent: z.boolean(),
});
export const sessionIdParams = z.object({ id: z.uuid() });
export const reauthSchema = z.object({ password: z.string().min(1).max(200), totpCode: z.string().trim().max(10).optional() });
export const totpSetupSchema = z.object({ secret: z.string(), uri: z.string(), qrDataUrl: z.string() });
export const totpCodeSchema = z.object({
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, 'Mã gồm 6 chữ số'),
});
export const authSettingsSchema = z.object({ requireTotp: z.boolean() });
export const userIdParams = z.object({ id: queryId() });
export const totpDisableSchema = z.object({
  password: z.string().min(1).max(200),
  totpCode: z
    .string()
    .trim()
    .regex(/^\d{6}$/, 'Mã gồm 6 chữ số'),
});
