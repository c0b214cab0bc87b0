import { z } from 'zod';
import { timestamp } from './common';

/** The mail feature's contract: the outbox as administrators read it. */
/** GET /mail-outbox */
export const outboxMailSchema = z.object({
  id: z.number(),
  toAddress: z.string(),
  subject: z.string(),
  body: z.string(),
  status: z.enum(['pending', 'sent', 'failed', 'held']),
  createdAt: timestamp,
  sentAt: timestamp.nullable(),
  attempts: z.number(),
  error: z.string().nullable(),
  nextAttemptAt: timestamp.nullable(),
});
export const outboxResponse = z.array(outboxMailSchema);
