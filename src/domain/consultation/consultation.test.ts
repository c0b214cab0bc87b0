import { describe, expect, it } from 'vitest';
import { answerState, checkVote, compareVersions, type VersionItem } from './consultation-rules';

const item = (stableKey: string, ord: number, text: string, over: Partial<VersionItem> = {}): VersionItem => ({
  stableKey,
  parentKey: null,
  kind: 'task',
  ord,
  depth: 0,
  text,
  value: null,
  valueMin: null,
  valueMax: null,
  unit: null,
  ...over,
});

describe('compareVersions', () => {
  it('pairs items by stable key: changed wording and value, added, removed in place, same', () => {
    const from = [item('a', 1, 'Mục A'), item('b', 2, 'GRDP 8%', { kind: 'target', value: 8, unit: '%' }), item('c', 3, 'Mục C')];
    const to = [item('a', 1, 'Mục A '), item('b', 2, 'GRDP 9%', { kind: 'target', value: 9, unit: '%' }), item('d', 3, 'Mục D mới')];
    const out = compareVersions(from, to);
    expect(out.map((o) => [o.stableKey, o.change, o.differences])).toEqual([
      ['a', 'same', []],
      ['b', 'changed', ['text', 'value']],
      ['c', 'removed', []],
      ['d', 'added', []],
    ]);
  });
  it('sees a move among kept items, not a shift caused by an insertion', () => {
    const from = [item('a', 1, 'A'), item('b', 2, 'B')];
    expect(compareVersions(from, [item('x', 1, 'X'), item('a', 2, 'A'), item('b', 3, 'B')]).filter((o) => o.change === 'changed')).toEqual(
      [],
    );
    expect(compareVersions(from, [item('b', 1, 'B'), item('a', 2, 'A')]).map((o) => o.differences)).toEqual([['position'], ['position']]);
  });
});

describe('checkVote', () => {
  it('passes with more than half of those attending for', () => {
    expect(checkVote({ attendance: 100, votesFor: 51, votesAgainst: 40, votesAbstain: 9 })).toBeNull();
  });
  it('refuses exactly half, and more votes than people', () => {
    expect(checkVote({ attendance: 100, votesFor: 50, votesAgainst: 0, votesAbstain: 0 })?.message).toContain('chưa quá một nửa');
    expect(checkVote({ attendance: 10, votesFor: 8, votesAgainst: 3, votesAbstain: 0 })?.field).toBe('votesFor');
  });
});

describe('answerState', () => {
  it('tells answered, late, waiting and overdue by Vietnamese days', () => {
    expect(answerState('2021-09-20', '2021-09-20', '2021-09-25')).toBe('answered');
    expect(answerState('2021-09-20', '2021-09-21', '2021-09-25')).toBe('late');
    expect(answerState('2021-09-20', null, '2021-09-20')).toBe('waiting');
    expect(answerState('2021-09-20', null, '2021-09-21')).toBe('overdue');
  });
});
