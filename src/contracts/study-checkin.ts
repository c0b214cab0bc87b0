/** The QR check-in's contract: a signed token naming the session and point, and the member's codes. */
import { z } from 'zod';

export const tokenSchema = z.string().min(10).max(200);
export const checkinBody = z.object({
  token: tokenSchema,
  memberCode: z.string().trim().max(40).optional(),
  /** The member's personal check-in code (on their invitation or the host's roll sheet), with memberCode. */
  personalCode: z.string().trim().max(20).optional(),
});
export const checkinResult = z.object({
  status: z.enum(['checked_in', 'already_checked_in']),
  message: z.string(),
  fullName: z.string().nullable(),
});
export const checkinInfo = z.object({
  sessionId: z.number(),
  pointId: z.number(),
  sessionTitle: z.string(),
  pointName: z.string(),
  place: z.string().nullable(),
  startsAt: z.string(),
  endsAt: z.string(),
  window: z.enum(['too_early', 'open', 'closed']),
  isCancelled: z.boolean(),
});
