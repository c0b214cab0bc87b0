import { describe, expect, it } from 'vitest';
import type { VersionItem } from './consultation-rules';
import { commenterOf, outlineVersion, synthesisCounts, type SynthesisComment } from './synthesis';

const item = (stableKey: string, ord: number, kind: string, parentKey: string | null, text = stableKey): VersionItem => ({
  stableKey,
  parentKey,
  kind,
  ord,
  depth: 0,
  text,
  value: null,
  valueMin: null,
  valueMax: null,
  unit: null,
});

describe('outlineVersion', () => {
  it('numbers a version as the document numbers its items: parts in Roman, levels below in digits and letters', () => {
    const out = outlineVersion([
      item('p1', 1, 'part', null),
      item('t1', 2, 'task', 'p1'),
      item('s1', 3, 'solution', 't1'),
      item('x1', 4, 'paragraph', 'p1'),
      item('t2', 5, 'task', 'p1'),
      item('p2', 6, 'part', null),
      item('b1', 7, 'breakthrough', 'p2'),
    ]);
    expect(out.map((i) => [i.stableKey, i.outline])).toEqual([
      ['p1', 'I.'],
      ['t1', '1.'],
      ['s1', '1.1.'],
      ['x1', ''],
      ['t2', '2.'],
      ['p2', 'II.'],
      ['b1', '1.'],
    ]);
  });
});

describe('synthesisCounts', () => {
  const c = (over: Partial<SynthesisComment>): SynthesisComment => ({
    source: 'written',
    orgId: null,
    authorName: null,
    speakerName: null,
    disposition: null,
    ...over,
  });
  it('counts comments, the orgs, people and speakers who made them, and each disposition, once each', () => {
    const counts = synthesisCounts([
      c({ orgId: 1, disposition: 'accepted' }),
      c({ orgId: 1, disposition: 'rejected' }),
      c({ orgId: 2, disposition: 'explained' }),
      c({ authorName: 'Tôn Ngọc Hạnh' }),
      c({ source: 'conference', speakerName: 'A', disposition: 'accepted' }),
      c({ source: 'conference', speakerName: 'A', disposition: 'accepted' }),
    ]);
    expect(counts).toEqual({
      comments: 6,
      written: 4,
      conference: 2,
      orgs: 2,
      people: 1,
      speakers: 1,
      accepted: 3,
      explained: 1,
      rejected: 1,
      undisposed: 1,
    });
    expect(counts.accepted + counts.explained + counts.rejected + counts.undisposed).toBe(counts.comments);
  });
});

describe('commenterOf', () => {
  it('names the speaker with title and unit for a conference comment, else the org or the person', () => {
    expect(
      commenterOf({
        source: 'conference',
        orgName: 'Huyện ủy Lộc Ninh',
        authorName: 'Thư ký',
        speakerName: 'Đ/c A',
        speakerTitle: 'Bí thư',
      }),
    ).toBe('Đ/c A, Bí thư (Huyện ủy Lộc Ninh) — phát biểu tại hội nghị');
    expect(commenterOf({ source: 'written', orgName: 'Sở Xây dựng', authorName: 'B', speakerName: null, speakerTitle: null })).toBe(
      'Sở Xây dựng',
    );
    expect(commenterOf({ source: 'written', orgName: null, authorName: 'B', speakerName: null, speakerTitle: null })).toBe('B');
  });
});
