import { describe, expect, it } from 'vitest';
import { diffRows, showValue } from './audit-diff';

describe('diffRows', () => {
  it('lists every field of both snapshots and marks the changed ones', () => {
    expect(diffRows({ name: 'A', code: 'X' }, { name: 'B', code: 'X', kind: 'cell' })).toEqual([
      { field: 'name', before: 'A', after: 'B', isChanged: true },
      { field: 'code', before: 'X', after: 'X', isChanged: false },
      { field: 'kind', before: undefined, after: 'cell', isChanged: true },
    ]);
  });

  it('handles a creation (no before) and empty snapshots', () => {
    expect(diffRows(null, { a: 1 })).toEqual([{ field: 'a', before: undefined, after: 1, isChanged: true }]);
    expect(diffRows(null, null)).toEqual([]);
    expect(diffRows('x', 'y')).toEqual([{ field: '', before: 'x', after: 'y', isChanged: true }]);
  });
});

describe('showValue', () => {
  it('shows nulls as a dash and objects as JSON', () => {
    expect(showValue(null)).toBe('—');
    expect(showValue(true)).toBe('true');
    expect(showValue({ a: 1 })).toContain('"a": 1');
  });
});
