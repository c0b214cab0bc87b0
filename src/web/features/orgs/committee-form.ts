import { positions, type CommitteeRole, type Position } from '../../../domain/orgs/org-kinds';
import type { Committee, SaveCommitteeInput } from './orgs.api';

/** One row of the people list as the form holds it: fields stay optional while being typed. */
export type CommitteePersonRow = { fullName?: string; position?: Position; title?: string };
export type CommitteeFormValues = { role: CommitteeRole; term: string; size: number | null; people: CommitteePersonRow[] };

export const emptyPersonRow: CommitteePersonRow = { fullName: '', position: 'member', title: '' };

/**
 * The term a date falls in, as "2025-2030". Congresses elect committees every five years in
 * the years ending in 0 and 5 (2020, 2025), so a year on a boundary opens the new term.
 */
export function termOf(date: Date): string {
  const start = date.getFullYear() - (((date.getFullYear() % 5) + 5) % 5);
  return `${start}-${start + 5}`;
}

/**
 * A term as users write it ("2020–2025", "2020 - 2025") in the API's form "2020-2025";
 * null when it is not two years, the second after the first.
 */
export function normalizeTerm(input: string): string | null {
  const m = /^\s*(\d{4})\s*[-–—]\s*(\d{4})\s*$/.exec(input);
  if (!m) return null;
  const [from, to] = [Number(m[1]), Number(m[2])];
  return to > from ? `${from}-${to}` : null;
}

/** A term for display, with the en dash of Vietnamese typography: "2020–2025". */
export function displayTerm(term: string): string {
  return term.replace('-', '–');
}

/** The form's starting values for editing a saved committee, people in their saved order. */
export function toCommitteeFormValues(committee: Committee): CommitteeFormValues {
  return {
    role: committee.role,
    term: committee.term,
    size: committee.size,
    people: committee.people.map((p) => ({ fullName: p.fullName, position: p.position, title: p.title ?? '' })),
  };
}

/**
 * The PUT body from the form's values: names and titles trimmed, an empty title sent as null,
 * the term normalized. Throws when the form let through a value validation should have stopped.
 */
export function toSaveCommitteeInput(values: CommitteeFormValues): SaveCommitteeInput {
  const term = normalizeTerm(values.term);
  if (term === null || values.size === null) throw new Error('toSaveCommitteeInput: the form was not validated');
  return {
    role: values.role,
    term,
    size: values.size,
    people: values.people.map((p) => ({
      fullName: (p.fullName ?? '').trim(),
      position: p.position ?? 'member',
      title: p.title?.trim() || null,
    })),
  };
}

/**
 * The index a row lands on when moved by `delta` (-1 up, +1 down) in a list of `length`;
 * null when it would leave the list.
 */
export function moveTarget(length: number, index: number, delta: -1 | 1): number | null {
  const target = index + delta;
  return index >= 0 && index < length && target >= 0 && target < length ? target : null;
}

/** People ranked by position (secretary first), keeping their saved order within a position. */
export function sortByPosition<T extends { position: Position }>(people: readonly T[]): T[] {
  return [...people].sort((a, b) => positions.indexOf(a.position) - positions.indexOf(b.position));
}
