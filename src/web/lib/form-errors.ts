import type { FieldError } from './api';

export type FormFieldError = { name: (string | number)[]; errors: string[] };

/**
 * Server field errors (`body.fullName`, `body.roles.0.orgId`) as antd `form.setFields` entries,
 * grouped per field. Errors on fields the form does not show are left to the caller.
 */
export function toFormFieldErrors(fields: readonly FieldError[]): FormFieldError[] {
  const byName = new Map<string, FormFieldError>();
  for (const f of fields) {
    const parts = f.field.split('.').filter(Boolean);
    if (parts[0] === 'body' || parts[0] === 'querystring' || parts[0] === 'params') parts.shift();
    if (parts.length === 0) continue;
    const name = parts.map((p) => (/^\d+$/.test(p) ? Number(p) : p));
    const key = name.join('.');
    const entry = byName.get(key) ?? { name, errors: [] };
    if (!entry.errors.includes(f.message)) entry.errors.push(f.message);
    byName.set(key, entry);
  }
  return [...byName.values()];
}
