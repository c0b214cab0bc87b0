import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { eventKindLabels, eventKinds } from './membership-events';
import { eventSheetWords, parseEventKind, parseTransferMode } from './event-sheet';
import { stripVietnameseMarks } from '../vn-text';

describe('the words of an events spreadsheet', () => {
  it('reads every kind from its label and from each office spelling, with or without marks, in any case', () => {
    for (const kind of eventKinds) {
      for (const word of [eventKindLabels[kind].vi, ...eventSheetWords[kind]]) {
        expect(parseEventKind(word)).toBe(kind);
        expect(parseEventKind(`  ${stripVietnameseMarks(word).toUpperCase()} `)).toBe(kind);
      }
    }
    expect(parseEventKind('Công nhận  chính thức')).toBe('official');
  });

  it('reads no kind from words that name none', () => {
    expect(parseEventKind('Khen thưởng')).toBeNull();
    expect(parseEventKind('')).toBeNull();
  });

  it('reads a known word whatever the spaces, case and marks a clerk typed', () => {
    const words = eventKinds.flatMap((k) => [eventKindLabels[k].vi, ...eventSheetWords[k]].map((w) => [k, w] as const));
    fc.assert(
      fc.property(
        fc.constantFrom(...words),
        fc.boolean(),
        fc.boolean(),
        fc.stringMatching(/^[ \t]{0,3}$/),
        ([kind, word], upper, bare, pad) => {
          const typed = (bare ? stripVietnameseMarks(word) : word).replace(/ /g, `${pad} `);
          return parseEventKind(`${pad}${upper ? typed.toUpperCase() : typed}${pad}`) === kind;
        },
      ),
    );
  });

  it('takes a blank transfer mode as official and refuses a mode it does not know', () => {
    expect(parseTransferMode('')).toBe('official');
    expect(parseTransferMode('Chính thức')).toBe('official');
    expect(parseTransferMode('TẠM THỜI')).toBe('temporary');
    expect(parseTransferMode('Lâu dài')).toBeNull();
  });
});
