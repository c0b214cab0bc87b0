/**
 * Request validation with Zod, and its messages in the user's language. Zod speaks Vietnamese
 * here by default (its `vi` locale); a request in English gets Zod's English message instead.
 * A message written by hand on a schema ("Nhiệm kỳ có dạng 2020-2025") is kept as written.
 *
 * Fastify's validator sees the data, not the request, so it cannot pick the language: it keeps
 * each issue whole (with its input) and the error handler turns it into the caller's language.
 */
import type { FastifySchemaCompiler } from 'fastify';
import { z, type ZodType } from 'zod';

z.config(z.locales.vi());

const vi = z.locales.vi().localeError;
const en = z.locales.en().localeError;

// The mark fastify-type-provider-zod puts on its validation errors; ours carry it too, so that
// `hasZodFastifySchemaValidationErrors` recognizes them.
const ZOD_VALIDATION = Symbol.for('ZodFastifySchemaValidationError');

type Issue = z.core.$ZodIssue;
export type ValidationEntry = { keyword: string; instancePath: string; schemaPath: string; message: string; params: { issue: Issue } };

export const validatorCompiler: FastifySchemaCompiler<ZodType> =
  ({ schema }) =>
  (data) => {
    const result = schema.safeParse(data, { reportInput: true });
    if (result.success) return { value: result.data };
    const entries = result.error.issues.map((issue) => ({
      [ZOD_VALIDATION]: true,
      keyword: issue.code,
      instancePath: `/${issue.path.join('/')}`,
      schemaPath: `#/${issue.path.join('/')}/${issue.code}`,
      message: issue.message,
      params: { issue },
    }));
    return { error: entries as unknown as Error };
  };

const textOf = (m: ReturnType<typeof vi>) => (typeof m === 'string' ? m : m?.message);

/** The field message in `locale`: Zod's own message in that language, or the schema's own text. */
export function validationMessage(entry: { message?: string; params?: unknown }, locale: 'vi' | 'en'): string {
  const message = entry.message ?? '';
  const issue = (entry.params as { issue?: Issue } | undefined)?.issue;
  if (locale === 'vi' || !issue) return message;
  // Zod's default Vietnamese message: translate it; any other text was written on the schema.
  const raw = issue as unknown as Parameters<typeof vi>[0];
  return textOf(vi(raw)) === message ? (textOf(en(raw)) ?? message) : message;
}
