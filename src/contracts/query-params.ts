/**
 * One parser per type for query-string parameters. A query string carries only text, so each
 * parameter is read from its text here, in one place, and nowhere else.
 *
 * Booleans: `z.coerce.boolean()` turns any non-empty text into `true`, so `?commit=false`
 * committed an import. `queryBoolean` accepts exactly true/false/1/0 and answers 400 to
 * anything else.
 */
import { z } from 'zod';

const BOOLEAN_TEXT = ['true', 'false', '1', '0'] as const;

/** `true`/`1` → true, `false`/`0` → false; anything else is a 400 on the field. */
export const queryBoolean = () =>
  z.enum(BOOLEAN_TEXT, { error: 'Giá trị phải là true, false, 1 hoặc 0.' }).transform((v) => v === 'true' || v === '1');

/** A whole number written in decimal digits (an optional minus sign); `''` and `1e3` are refused. */
export const queryInt = () =>
  z
    .string()
    .regex(/^-?\d{1,15}$/, { error: 'Giá trị phải là một số nguyên.' })
    .transform(Number)
    .pipe(z.number().int());

/** A record id: a positive whole number. */
export const queryId = () => queryInt().pipe(z.number().positive());
