/**
 * Characters that are invisible or reorder text: zero-width spaces and joiners, the byte-order
 * mark, the soft hyphen, and the bidirectional embeddings, overrides and isolates. In a name
 * they make "Nguyễn Văn An" and a look-alike differ, or show a name reversed (the "Trojan
 * Source" trick), so names are stored without them.
 */
const INVISIBLE = /[\u00AD\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;

/** The text without invisible and direction-control characters. */
export function stripInvisible(text: string): string {
  return text.replace(INVISIBLE, '');
}

/** A request field is a name field when its key ends in "name" (name, fullName, username, …). */
export const isNameField = (key: string) => /name$/i.test(key);

/**
 * Walks a parsed request part (query, params or body) and returns the path of the first string
 * holding a NUL byte, or null. PostgreSQL cannot store NUL in text, so it must stop at the door.
 */
export function findNul(value: unknown, path: string): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i += 1) {
      const hit = findNul(value[i], `${path}.${i}`);
      if (hit) return hit;
    }
    return null;
  }
  if (value && typeof value === 'object' && !Buffer.isBuffer(value)) {
    for (const [k, v] of Object.entries(value)) {
      const hit = k.includes('\u0000') ? `${path}.${k.split('\u0000').join('')}` : findNul(v, `${path}.${k}`);
      if (hit) return hit;
    }
  }
  return null;
}

/** Strips invisible characters from every name field of a parsed body, in place, at any depth. */
export function stripNameFields(value: unknown): void {
  if (Array.isArray(value)) {
    value.forEach(stripNameFields);
    return;
  }
  if (!value || typeof value !== 'object' || Buffer.isBuffer(value)) return;
  const record = value as Record<string, unknown>;
  for (const [k, v] of Object.entries(record)) {
    if (typeof v === 'string' && isNameField(k)) record[k] = stripInvisible(v);
    else if (v && typeof v === 'object') stripNameFields(v);
  }
}
