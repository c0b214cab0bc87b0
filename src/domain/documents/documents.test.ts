import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildTargetSpec, parseTargetInput } from '../targets';
import { foldVietnamese } from '../vn-text';
import {
  buildItemTree,
  diffVersions,
  flattenTree,
  formatDocumentSymbol,
  isWeakerThanParent,
  issuerAbbreviation,
  parseDocumentSymbol,
  quotaSplit,
  reorderSiblings,
  suggestParents,
  termOf,
  toLetter,
  toRoman,
  wordSimilarity,
  wouldCreateCycle,
} from './index';

describe('document numbers', () => {
  it('writes symbols in the Party form with a leading zero', () => {
    expect(formatDocumentSymbol(1, 'resolution', 'TU')).toBe('01-NQ/TU');
    expect(formatDocumentSymbol(5, 'action_program', 'TU')).toBe('05-CTr/TU');
    expect(formatDocumentSymbol(12, 'plan', 'ĐUK')).toBe('12-KH/ĐUK');
    expect(() => formatDocumentSymbol(0, 'plan', 'TU')).toThrow(RangeError);
  });

  it('reads back what it writes', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 999 }),
        fc.constantFrom('resolution', 'action_program', 'plan', 'scheme', 'directive', 'conclusion' as const),
        fc.constantFrom('TU', 'ĐUK', 'ThU', 'ĐU'),
        (n, kind, issuer) => {
          expect(parseDocumentSymbol(formatDocumentSymbol(n, kind, issuer))).toEqual({ number: n, kind, issuer });
        },
      ),
    );
    expect(parseDocumentSymbol('không phải số hiệu')).toBeNull();
  });

  it('names the issuing body from its kind and name', () => {
    expect(issuerAbbreviation('province_committee', 'Tỉnh ủy Bình Dương')).toBe('TU');
    expect(issuerAbbreviation('district_committee', 'Thành ủy Dĩ An')).toBe('ThU');
    // A city under the centre signs TU; ThU is for a city under a province (Dĩ An above).
    expect(issuerAbbreviation('province_committee', 'Thành ủy Thành phố Hồ Chí Minh')).toBe('TU');
    expect(issuerAbbreviation('bloc_committee', 'Đảng ủy Khối Các cơ quan và doanh nghiệp tỉnh')).toBe('ĐUK');
    expect(issuerAbbreviation('commune_committee', 'Đảng ủy phường Dĩ An')).toBe('ĐU');
    expect(issuerAbbreviation('central', 'Ban Chấp hành Trung ương Đảng')).toBe('TW');
  });

  it('finds the term of a date', () => {
    expect(termOf('2020-12-23')).toBe('2020-2025');
    expect(termOf('2025-10-01')).toBe('2025-2030');
  });
});

describe('item tree', () => {
  const items = [
    { id: 1, parentItemId: null, position: 2, kind: 'part' as const },
    { id: 2, parentItemId: null, position: 1, kind: 'part' as const },
    { id: 3, parentItemId: 1, position: 1, kind: 'target' as const },
    { id: 4, parentItemId: 1, position: 2, kind: 'task' as const },
    { id: 5, parentItemId: 4, position: 1, kind: 'solution' as const },
    { id: 6, parentItemId: 5, position: 1, kind: 'solution' as const },
    { id: 7, parentItemId: 1, position: 0, kind: 'paragraph' as const },
  ];

  it('orders siblings by position and numbers parts, items, sub-items and letters', () => {
    const flat = flattenTree(buildItemTree(items));
    expect(flat.map((n) => [n.id, n.outline])).toEqual([
      [2, 'I.'],
      [1, 'II.'],
      [7, ''],
      [3, '1.'],
      [4, '2.'],
      [5, '2.1.'],
      [6, 'a)'],
    ]);
  });

  it('writes Roman numerals and letters', () => {
    expect([1, 4, 9, 14, 40].map(toRoman)).toEqual(['I', 'IV', 'IX', 'XIV', 'XL']);
    expect([1, 2, 6].map(toLetter)).toEqual(['a', 'b', 'g']);
  });

  it('refuses a move that would put an item inside itself', () => {
    expect(wouldCreateCycle(items, 1, 6)).toBe(true);
    expect(wouldCreateCycle(items, 6, 2)).toBe(false);
    expect(wouldCreateCycle(items, 4, null)).toBe(false);
  });

  it('reorders siblings, clamping the index', () => {
    expect(reorderSiblings([1, 2, 3], 3, 0)).toEqual([3, 1, 2]);
    expect(reorderSiblings([1, 2, 3], 1, 99)).toEqual([2, 3, 1]);
    expect(reorderSiblings([1, 2], 9, 1)).toEqual([1, 9, 2]);
  });

  it('keeps every item exactly once whatever the order (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 50 }), { minLength: 1, maxLength: 60 }), (positions) => {
        const flatItems = positions.map((p, i) => ({
          id: i + 1,
          parentItemId: i === 0 ? null : ((i * 7) % i) + 1 === i + 1 ? null : ((i * 7) % i) + 1,
          position: p,
          kind: 'task' as const,
        }));
        const flat = flattenTree(buildItemTree(flatItems));
        expect(flat.map((n) => n.id).sort((a, b) => a - b)).toEqual(flatItems.map((i) => i.id));
      }),
    );
  });
});

describe('cascade checks', () => {
  const target = (value: string, unit: string, indicatorId: number | null = 1) => ({
    ...buildTargetSpec(parseTargetInput(value, unit)),
    indicatorId,
  });

  it('flags a ward aiming at 80% study coverage under a province aiming at 100%', () => {
    expect(isWeakerThanParent(target('80', '%'), target('100', '%'), 'higher_better', 'rate')).toBe(true);
    expect(isWeakerThanParent(target('100', '%'), target('100', '%'), 'higher_better', 'rate')).toBe(false);
    expect(isWeakerThanParent(target('ít nhất 95', '%'), target('90% trở lên', ''), 'higher_better', 'rate')).toBe(false);
  });

  it('reads a range by its floor for a higher-is-better indicator', () => {
    expect(isWeakerThanParent(target('8', '%/năm'), target('8,5-8,7', '%/năm'), 'higher_better', 'none')).toBe(true);
    expect(isWeakerThanParent(target('8,6', '%/năm'), target('8,5-8,7', '%/năm'), 'higher_better', 'none')).toBe(false);
  });

  it('compares ceilings for a lower-is-better indicator', () => {
    expect(isWeakerThanParent(target('dưới 3', '%'), target('dưới 2', '%'), 'lower_better', 'none')).toBe(true);
  });

  it('does not compare different indicators, units or quotas', () => {
    expect(isWeakerThanParent(target('80', '%', 2), target('100', '%', 1), 'higher_better', 'rate')).toBe(false);
    expect(isWeakerThanParent(target('300', 'đảng viên'), target('1.800', 'đảng viên'), 'higher_better', 'sum')).toBe(false);
  });

  it('adds up a quota split against the parent', () => {
    const split = quotaSplit(target('1.800', 'đảng viên'), [
      target('300', 'đảng viên'),
      target('ít nhất 200', 'đảng viên'),
      target('50-60', 'đảng viên'),
    ]);
    expect(split).toMatchObject({ parentValue: 1800, childrenSum: 550, childCount: 3, difference: -1250, isCovered: false });
    expect(quotaSplit(target('20', 'tổ chức'), [target('12', 'tổ chức'), target('8', 'tổ chức')]).isCovered).toBe(true);
  });
});

describe('link suggestions', () => {
  const candidates = [
    { id: 1, kind: 'target' as const, text: 'Tỷ lệ đảng viên được nghiên cứu, học tập, quán triệt nghị quyết đạt 100%', indicatorId: 6 },
    { id: 2, kind: 'target' as const, text: 'Kết nạp 1.800 đảng viên mới', indicatorId: 9 },
    {
      id: 3,
      kind: 'breakthrough' as const,
      text: 'Tập trung phát triển hạ tầng giao thông theo hướng đô thị hóa, xây dựng thành phố thông minh',
      indicatorId: null,
    },
  ];

  it('puts the same indicator first', () => {
    const s = suggestParents({ kind: 'target', text: 'Kết nạp mới 120 đảng viên', indicatorId: 9 }, candidates);
    expect(s[0]).toMatchObject({ id: 2, reasons: expect.arrayContaining(['indicator']) });
  });

  it('matches words typed without diacritics', () => {
    const s = suggestParents({ kind: 'task', text: 'xay dung thanh pho thong minh, ha tang giao thong', indicatorId: null }, candidates);
    expect(s[0]?.id).toBe(3);
    expect(wordSimilarity('Đảng ủy', 'dang uy')).toBe(1);
    expect(foldVietnamese('Đảng ủy Khối')).toBe('dang uy khoi');
  });
});

describe('version history', () => {
  it('reports added, removed and changed items by stable key', () => {
    const v1 = [
      { stableKey: 'a', parentKey: null, position: 1, kind: 'target', text: 'GRDP', statement: '8–8,5%/năm' },
      { stableKey: 'b', parentKey: null, position: 2, kind: 'task', text: 'Nhiệm vụ cũ', statement: null },
    ];
    const v2 = [
      { stableKey: 'c', parentKey: null, position: 1, kind: 'task', text: 'Nhiệm vụ mới', statement: null },
      { stableKey: 'a', parentKey: null, position: 2, kind: 'target', text: 'GRDP', statement: '8,5–8,7%/năm' },
    ];
    const d = diffVersions(v1, v2);
    expect(d.map((c) => [c.type, c.key])).toEqual([
      ['added', 'c'],
      ['changed', 'a'],
      ['removed', 'b'],
    ]);
    expect(d[1]).toMatchObject({ fields: ['statement'] });
  });
});
