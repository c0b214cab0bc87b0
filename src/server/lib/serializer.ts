/**
 * Every JSON answer is checked against its route's response contract (src/contracts) on the
 * way out. Two things beyond the type provider's own serializer:
 * - Date objects (timestamptz columns) are written as JSON writes them, an ISO string, before the
 *   check, so the contract describes what the client receives.
 * - In strict mode (tests), a field the contract does not list is an error instead of being
 *   dropped silently: a contract that forgot a field would otherwise take it away from the web.
 * A mismatch throws ResponseSerializationError, which the error handler answers with a 500.
 */
import { ResponseSerializationError } from 'fastify-type-provider-zod';
import { ZodError } from 'zod';
import { safeEncode, type $ZodType } from 'zod/v4/core';

type SchemaArg = { schema: unknown; method: string; url: string };

/** The value as JSON would carry it: Dates become ISO strings, undefined fields disappear. */
export function toJsonValue(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map((v) => (v === undefined ? null : toJsonValue(v)));
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return toJsonValue((value as { toJSON: () => unknown }).toJSON());
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = toJsonValue(v);
  return out;
}

/** Paths of fields present in `sent` that the encoded answer lost (the contract lacks them). */
export function droppedFields(sent: unknown, kept: unknown, path = ''): string[] {
  if (sent === null || kept === null || typeof sent !== 'object' || typeof kept !== 'object') return [];
  if (Array.isArray(sent)) {
    return Array.isArray(kept) ? sent.flatMap((v, i) => droppedFields(v, kept[i], `${path}[${i}]`)) : [];
  }
  const k = kept as Record<string, unknown>;
  return Object.entries(sent as Record<string, unknown>).flatMap(([key, v]) =>
    key in k ? droppedFields(v, k[key], `${path}.${key}`) : [`${path}.${key}`],
  );
}

export function createResponseSerializer({ strict }: { strict: boolean }) {
  return ({ schema, method, url }: SchemaArg) => {
    const zod = schema as $ZodType;
    return (data: unknown) => {
      const sent = toJsonValue(data);
      const result = safeEncode(zod, sent);
      if (result.error) throw new ResponseSerializationError(method, url, { cause: result.error });
      if (strict) {
        const lost = droppedFields(sent, result.data);
        if (lost.length > 0) {
          const issue = {
            code: 'custom' as const,
            path: [],
            input: undefined,
            message: `fields missing from the response contract: ${lost.slice(0, 10).join(', ')}`,
          };
          throw new ResponseSerializationError(method, url, { cause: new ZodError([issue]) });
        }
      }
      return JSON.stringify(result.data);
    };
  };
}
