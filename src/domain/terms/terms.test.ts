import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  carriedItemKind,
  checkCarrySelection,
  congressOrdinal,
  counterKeyText,
  duplicateNumbers,
  isCarryCandidate,
  parseCongressOrdinal,
  parseTermLabel,
  TermError,
  termContaining,
  termDisplay,
  termLabel,
} from './index';

describe('term labels', () => {
  it('reads 2025-2030 and 2020 – 2025, and writes them back', () => {
    expect(parseTermLabel('2025-2030')).toEqual({ startYear: 2025, endYear: 2030 });
    expect(parseTermLabel(' 2020 – 2025 ')).toEqual({ startYear: 2020, endYear: 2025 });
    expect(termLabel({ startYear: 2025, endYear: 2030 })).toBe('2025-2030');
    expect(termDisplay('2025-2030')).toBe('2025–2030');
  });

  it('refuses a term that ends before it starts or runs over five years, naming the field', () => {
    expect(() => parseTermLabel('2030-2025')).toThrow(TermError);
    try {
      parseTermLabel('2020-2030');
    } catch (e) {
      expect((e as TermError).field).toBe('endYear');
    }
    expect(() => parseTermLabel('nhiệm kỳ mới')).toThrow(/không đúng dạng/);
  });

  it('finds the term a date falls in from the recorded terms, not five-year arithmetic', () => {
    const terms = [
      { label: '2020-2025', startDate: '2020-10-15', endDate: '2025-06-30' },
      { label: '2025-2030', startDate: '2025-10-15', endDate: null },
    ];
    expect(termContaining(terms, '2025-06-30')?.label).toBe('2020-2025');
    expect(termContaining(terms, '2025-08-01')).toBeNull();
    expect(termContaining(terms, '2027-01-01')?.label).toBe('2025-2030');
  });

  it('writes congress ordinals in Roman numerals and reads them back', () => {
    expect(congressOrdinal(1)).toBe('I');
    expect(congressOrdinal(11)).toBe('XI');
    expect(congressOrdinal(14)).toBe('XIV');
    fc.assert(fc.property(fc.integer({ min: 1, max: 50 }), (n) => parseCongressOrdinal(congressOrdinal(n)) === n));
    expect(() => congressOrdinal(0)).toThrow(RangeError);
  });
});

describe('numbering per issuing body, kind and term', () => {
  it('sees the same number in two terms as no duplicate, and twice in one term as one', () => {
    const docs = [
      { orgId: 1, kind: 'resolution' as const, term: '2020-2025', number: 1 },
      { orgId: 1, kind: 'resolution' as const, term: '2025-2030', number: 1 },
      { orgId: 1, kind: 'action_program' as const, term: '2025-2030', number: 1 },
    ];
    expect(duplicateNumbers(docs)).toEqual([]);
    expect(duplicateNumbers([...docs, docs[1]!])).toEqual([`${counterKeyText(docs[1]!)}#1`]);
  });
});

describe('carry-over', () => {
  it('offers targets not reached and items with an unfinished task', () => {
    expect(isCarryCandidate({ itemId: 1, kind: 'target', targetStatus: 'off_track', tasks: [] })).toBe(true);
    expect(isCarryCandidate({ itemId: 1, kind: 'target', targetStatus: 'not_assessable', tasks: [] })).toBe(true);
    expect(isCarryCandidate({ itemId: 1, kind: 'target', targetStatus: 'achieved', tasks: [] })).toBe(false);
    expect(isCarryCandidate({ itemId: 2, kind: 'task', targetStatus: null, tasks: [{ status: 'done' }, { status: 'overdue' }] })).toBe(
      true,
    );
    expect(isCarryCandidate({ itemId: 2, kind: 'task', targetStatus: null, tasks: [{ status: 'done' }, { status: 'cancelled' }] })).toBe(
      false,
    );
    expect(isCarryCandidate({ itemId: 2, kind: 'solution', targetStatus: null, tasks: [] })).toBe(false);
  });

  it('names repeated, foreign and already carried items of a selection', () => {
    const problems = checkCarrySelection([1, 2, 2, 9, 3], new Set([1, 2, 3]), new Set([3]));
    expect(problems).toEqual([
      { itemId: 2, reason: 'repeated' },
      { itemId: 9, reason: 'not_candidate' },
      { itemId: 3, reason: 'already_carried' },
    ]);
  });

  it('accepts every selection of distinct candidates not yet carried', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: 200 })), fc.array(fc.integer({ min: 201, max: 400 })), (candidates, carried) => {
        return checkCarrySelection(candidates, new Set(candidates), new Set(carried)).length === 0;
      }),
    );
  });

  it('carries a target as a target and anything else as a key task', () => {
    expect(carriedItemKind('target')).toBe('target');
    expect(carriedItemKind('breakthrough')).toBe('task');
  });
});
