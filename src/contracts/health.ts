import { z } from 'zod';

// Anyone may ask, so the answer names states, never causes: the cause (an address, a server
// message) goes to the log.
export const healthSchema = z.object({
  status: z.enum(['ok', 'degraded']),
  database: z.enum(['ok', 'unavailable']),
  storage: z.enum(['ok', 'full']),
  /**
   * Each read replica (DATABASE_READ_URL) by its place in the list: `lagging` (over the lag
   * limit) and `down` ones get no reads until they are back. Absent without replicas.
   */
  replicas: z.optional(
    z.array(
      z.object({
        name: z.string(),
        state: z.enum(['ok', 'lagging', 'down']),
        lagMs: z.number().nullable(),
        lagBytes: z.number().nullable(),
      }),
    ),
  ),
});
