/**
 * Pieces every feature's contract uses. Plain Zod, shared by the server's routes, the OpenAPI
 * document and the web client: nothing here may import server code.
 */
import { z } from 'zod';

/** A `date` column: 'yyyy-mm-dd', no time zone to shift it. */
export const isoDateOut = z.string();
/**
 * A `timestamptz` as JSON carries it: an ISO 8601 string. (The server hands Date objects to the
 * serializer, which writes them as JSON would before checking them against the contract.)
 */
export const timestamp = z.string();

/** A list with its total, as every paged route answers. */
export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), total: z.number(), page: z.number(), pageSize: z.number() });

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/**
 * A file download: the body is the file's bytes, not JSON, so nothing is serialized or checked;
 * the contract says so to the OpenAPI document (a binary string of the given media types).
 */
export const fileResponse = (description: string, ...types: string[]) => ({
  description,
  content: Object.fromEntries(types.map((t) => [t, { schema: z.string().meta({ format: 'binary' }) }])),
});

/** `{ ok: true }`-style acknowledgements. */
export const okSchema = z.object({ ok: z.literal(true) });

/** An answer with no body (204). */
export const noContent = z.null().describe('No content');
