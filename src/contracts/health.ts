import { z } from 'zod';

// Anyone may ask, so the answer names states, never causes: the cause (an address, a server
// message) goes to the log.
export const healthSchema = z.object({
  status: z.enum(['ok', 'degraded']),
  database: z.enum(['ok', 'unavailable']),
  storage: z.enum(['ok', 'full']),
});
