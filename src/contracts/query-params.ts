/**
 * One parser per type for query-string parameters. A query string carries only text, so each
 * parameter is read from its text here, in one place, and nowhere else.
 *
 * Booleans: `z.coerce.boolean()` turns any non-empty text into `true`, so `?commit=false`
 * committed an import. `queryBoolean` accepts exactly true/false/1/0 and answers 400 to
 * anything else. Messages are Zod's own, so they come in the caller's language.
 */
import { z } from 'zod';

const BOOLEAN_TEXT = ['true', 'false', '1', '0'] as const;

/** `true`/`1` → true, `false`/`0` → false; anything else is a 400 on the field. */
export const queryBoolean = () => z.enum(BOOLEAN_TEXT).transform((v) => v === 'true' || v === '1');

/**
 * A whole number written in decimal digits (an optional minus sign), within optional bounds;
 * `''`, `' '` and `1e3` are refused, which `z.coerce.number()` would read as 0, 0 and 1000.
 */
export const queryInt = (bounds: { min?: number; max?: number } = {}) => {
  let n = z.number().int();
  if (bounds.min !== undefined) n = n.min(bounds.min);
  if (bounds.max !== undefined) n = n.max(bounds.max);
  // Zod's own "expected a number" issue, so the message comes in the caller's language.
  return z
    .string()
    .transform((text, ctx) => {
      if (/^-?\d{1,15}$/.test(text)) return Number(text);
      ctx.addIssue({ code: 'invalid_type', expected: 'number', input: text });
      return z.NEVER;
    })
    .pipe(n);
};

/** A record id: a positive whole number. */
export const queryId = () => queryInt({ min: 1 });

/** The page of a paged list: 1 when not given. */
export const queryPage = () => queryInt({ min: 1 }).default(1);

/** The size of a page of a paged list, at most `max`, `fallback` when not given. */
export const queryPageSize = (max: number, fallback: number) => queryInt({ min: 1, max }).default(fallback);
