import { describe, expect, it } from 'vitest';
import {
  displayTerm,
  moveTarget,
  normalizeTerm,
  sortByPosition,
  termOf,
  toCommitteeFormValues,
  toSaveCommitteeInput,
  type CommitteeFormValues,
} from './committee-form';
import type { Committee } from './orgs.api';

const buildCommittee = (overrides: Partial<Committee> = {}): Committee => ({
  id: 1,
  role: 'standing',
  term: '2020-2025',
  size: 3,
  people: [
    { fullName: 'Nguyễn Văn An', position: 'secretary', title: 'Bí thư Đảng ủy phường', isSample: false },
    { fullName: 'Trần Thị Bình', position: 'member', title: null, isSample: true },
  ],
  ...overrides,
});

const buildValues = (overrides: Partial<CommitteeFormValues> = {}): CommitteeFormValues => ({
  role: 'standing',
  term: '2020-2025',
  size: 3,
  people: [{ fullName: 'Nguyễn Văn An', position: 'secretary', title: '' }],
  ...overrides,
});

describe('termOf', () => {
  it('opens the new term in a congress year', () => {
    expect(termOf(new Date(2025, 9, 15))).toBe('2025-2030');
    expect(termOf(new Date(2020, 0, 1))).toBe('2020-2025');
  });
  it('places a year inside a term in that term', () => {
    expect(termOf(new Date(2023, 5, 1))).toBe('2020-2025');
    expect(termOf(new Date(2029, 11, 31))).toBe('2025-2030');
  });
});

describe('normalizeTerm', () => {
  it('accepts the dashes and spaces users type', () => {
    expect(normalizeTerm('2020-2025')).toBe('2020-2025');
    expect(normalizeTerm(' 2020 – 2025 ')).toBe('2020-2025');
    expect(normalizeTerm('2020—2025')).toBe('2020-2025');
  });
  it('refuses anything that is not two ordered years', () => {
    expect(normalizeTerm('2020')).toBeNull();
    expect(normalizeTerm('2025-2020')).toBeNull();
    expect(normalizeTerm('2020-2020')).toBeNull();
    expect(normalizeTerm('20-25')).toBeNull();
    expect(normalizeTerm('nhiệm kỳ 2020-2025')).toBeNull();
  });
});

describe('displayTerm', () => {
  it('shows the term with an en dash', () => {
    expect(displayTerm('2020-2025')).toBe('2020–2025');
  });
});

describe('toCommitteeFormValues', () => {
  it('keeps the saved order and turns a missing title into an empty field', () => {
    const values = toCommitteeFormValues(buildCommittee());
    expect(values).toEqual({
      role: 'standing',
      term: '2020-2025',
      size: 3,
      people: [
        { fullName: 'Nguyễn Văn An', position: 'secretary', title: 'Bí thư Đảng ủy phường' },
        { fullName: 'Trần Thị Bình', position: 'member', title: '' },
      ],
    });
  });
});

describe('toSaveCommitteeInput', () => {
  it('trims names and titles and sends an empty title as null', () => {
    const input = toSaveCommitteeInput(
      buildValues({
        term: '2020 – 2025',
        people: [
          { fullName: '  Nguyễn Văn An ', position: 'secretary', title: '  Chủ tịch UBND phường ' },
          { fullName: 'Lê Văn Cường', position: 'deputy_secretary', title: '   ' },
        ],
      }),
    );
    expect(input).toEqual({
      role: 'standing',
      term: '2020-2025',
      size: 3,
      people: [
        { fullName: 'Nguyễn Văn An', position: 'secretary', title: 'Chủ tịch UBND phường' },
        { fullName: 'Lê Văn Cường', position: 'deputy_secretary', title: null },
      ],
    });
  });
  it('takes a row without a position as a member', () => {
    expect(toSaveCommitteeInput(buildValues({ people: [{ fullName: 'Lê Văn Cường' }] })).people[0]!.position).toBe('member');
  });
  it('throws for values the form should have refused', () => {
    expect(() => toSaveCommitteeInput(buildValues({ term: '2020' }))).toThrow();
    expect(() => toSaveCommitteeInput(buildValues({ size: null }))).toThrow();
  });
});

describe('moveTarget', () => {
  it('moves a row up and down inside the list', () => {
    expect(moveTarget(3, 1, -1)).toBe(0);
    expect(moveTarget(3, 1, 1)).toBe(2);
  });
  it('refuses to move past either end', () => {
    expect(moveTarget(3, 0, -1)).toBeNull();
    expect(moveTarget(3, 2, 1)).toBeNull();
    expect(moveTarget(0, 0, 1)).toBeNull();
    expect(moveTarget(3, 5, -1)).toBeNull();
  });
});

describe('sortByPosition', () => {
  it('puts the secretary first and keeps the saved order within a position', () => {
    const people = [
      { fullName: 'A', position: 'member' as const },
      { fullName: 'B', position: 'deputy_secretary' as const },
      { fullName: 'C', position: 'member' as const },
      { fullName: 'D', position: 'secretary' as const },
      { fullName: 'E', position: 'standing_deputy_secretary' as const },
    ];
    expect(sortByPosition(people).map((p) => p.fullName)).toEqual(['D', 'B', 'E', 'A', 'C']);
  });
});
