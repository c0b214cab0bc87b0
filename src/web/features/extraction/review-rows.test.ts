import { describe, expect, it } from 'vitest';
import type { ProposedItem } from './extraction.api';
import { extractItems } from '../../../domain/extraction';
import { acceptAllRows, acceptRefusal, checkRow, rowOfField, segmentText, toAccepted, toRows } from './review-rows';

const proposed: ProposedItem[] = [
  {
    kind: 'target',
    indicator: 'Tốc độ tăng trưởng kinh tế (GRDP)',
    comparator: 'range',
    value: null,
    valueMin: 8.5,
    valueMax: 8.7,
    unit: '%',
    byYear: 2025,
    perYear: true,
    reference: null,
    achieved: null,
    parentStart: null,
    start: 10,
    end: 40,
    text: 'tốc độ tăng trưởng bình quân 8,5-8,7%/năm;',
    indicatorMatch: { id: 3, name: 'GRDP', unit: '%', score: 0.6, isExact: false },
  },
  {
    kind: 'task',
    indicator: 'Phát triển đô thị thông minh',
    comparator: null,
    value: null,
    valueMin: null,
    valueMax: null,
    unit: '',
    byYear: null,
    perYear: false,
    reference: null,
    achieved: null,
    parentStart: null,
    start: 50,
    end: 80,
    text: 'phát triển đô thị thông minh',
    indicatorMatch: null,
  },
];

describe('review rows', () => {
  it('starts every row unaccepted, in sentence case, with the proposed indicator', () => {
    const rows = toRows(proposed);
    expect(rows[0]).toMatchObject({
      text: 'Tốc độ tăng trưởng bình quân 8,5-8,7%/năm',
      indicatorId: 3,
      isAccepted: false,
      isDropped: false,
    });
    expect(toAccepted(rows)).toEqual([]);
  });

  it('sends only accepted rows that were not dropped, a range without a single value', () => {
    const rows = toRows(proposed).map((r) => ({ ...r, isAccepted: true }));
    rows[1]!.isDropped = true;
    expect(toAccepted(rows)).toEqual([
      {
        parentIndex: null,
        kind: 'target',
        text: 'Tốc độ tăng trưởng bình quân 8,5-8,7%/năm',
        indicatorId: 3,
        indicatorName: 'Tốc độ tăng trưởng kinh tế (GRDP)',
        comparator: 'range',
        value: null,
        valueMin: 8.5,
        valueMax: 8.7,
        unit: '%',
        perYear: true,
        byYear: 2025,
      },
    ]);
  });

  it('sends a sub-item under its nearest accepted parent, and at the top when none is accepted', () => {
    const nested: ProposedItem[] = [
      { ...proposed[1]!, start: 0, end: 20, text: 'Đẩy mạnh chuyển đổi số' },
      { ...proposed[1]!, start: 30, end: 60, text: 'Số hóa hồ sơ đảng viên', parentStart: 0 },
    ];
    const rows = toRows(nested).map((r) => ({ ...r, isAccepted: true }));
    expect(rows.map((r) => [r.parentKey, r.depth])).toEqual([
      [null, 0],
      ['r0', 1],
    ]);
    expect(toAccepted(rows).map((a) => a.parentIndex)).toEqual([null, 0]);
    rows[0]!.isAccepted = false;
    expect(toAccepted(rows).map((a) => a.parentIndex)).toEqual([null]);
  });

  it('shows the exact words of a proposal and why it was read so', () => {
    const [row] = toRows([
      {
        ...proposed[0]!,
        comparator: '>=',
        value: 1500,
        valueMin: null,
        valueMax: null,
        unit: 'đảng viên',
        text: 'kết nạp ít nhất 1.500 đảng viên',
      },
    ]);
    expect(row).toMatchObject({ source: 'kết nạp ít nhất 1.500 đảng viên', reasons: ['“ít nhất” → ≥'] });
  });

  it('reads a row back as the statement it will become, or says what is wrong', () => {
    const [row] = toRows(proposed);
    expect(checkRow(row!)).toEqual({ statement: '8,5–8,7%/năm', errors: {} });
    expect(checkRow({ ...row!, valueMin: 9, valueMax: 8 }).errors.value).toBeTruthy();
    expect(checkRow({ ...row!, indicatorId: null, indicatorName: '' }).errors.indicator).toBeTruthy();
    expect(checkRow({ ...row!, text: ' ' }).errors.text).toBeTruthy();
  });

  it('finds the row a server field error names', () => {
    const rows = toRows(proposed);
    expect(rowOfField('body.items.1.valueMin', rows)).toEqual({ row: rows[1], field: 'valueMin' });
    expect(rowOfField('body.parentItemId', rows)).toBeNull();
  });
});

describe('segmentText', () => {
  it('cuts the text at item boundaries, overlapping items covering the same piece', () => {
    expect(
      segmentText(20, [
        { key: 'a', start: 2, end: 10 },
        { key: 'b', start: 5, end: 15 },
      ]),
    ).toEqual([
      { start: 0, end: 2, keys: [] },
      { start: 2, end: 5, keys: ['a'] },
      { start: 5, end: 10, keys: ['a', 'b'] },
      { start: 10, end: 15, keys: ['b'] },
      { start: 15, end: 20, keys: [] },
    ]);
    expect(segmentText(0, [])).toEqual([]);
  });
});

describe('a target read against words, with no number', () => {
  const fromText = (text: string) => toRows(extractItems(text).map((i) => ({ ...i, indicatorMatch: null })));

  it('is refused with a Vietnamese message until a value is typed, then accepted', () => {
    const [row] = fromText('Số đảng viên mới kết nạp theo kế hoạch của tỉnh.');
    expect(row).toMatchObject({ kind: 'target', reference: 'kế hoạch của tỉnh', value: null });
    const refusal = acceptRefusal(row!);
    expect(refusal).toBe('Chỉ tiêu này chỉ ghi “kế hoạch của tỉnh”, chưa có con số: hãy nhập giá trị cụ thể rồi mới nhận.');
    expect(checkRow(row!).errors.value).toBe(refusal);
    const typed = { ...row!, value: 120, unit: 'đảng viên' };
    expect(acceptRefusal(typed)).toBeNull();
    expect(checkRow(typed).errors).toEqual({});
  });

  it('holds "giữ vững mức …" and a range the same way, and "Nhận tất cả" leaves such rows unaccepted', () => {
    const rows = fromText('Tỷ lệ tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ giữ vững mức của nhiệm kỳ trước; tỷ lệ che phủ rừng đạt 45%.');
    expect(rows.map((r) => r.reference)).toEqual(['mức của nhiệm kỳ trước', null]);
    const all = acceptAllRows(rows, true);
    expect(all.map((r) => r.isAccepted)).toEqual([false, true]);
    expect(acceptRefusal({ ...rows[0]!, comparator: 'range', valueMin: 80, valueMax: null })).not.toBeNull();
    expect(acceptRefusal({ ...rows[0]!, comparator: 'range', valueMin: 80, valueMax: 90 })).toBeNull();
    expect(acceptAllRows(all, false).every((r) => !r.isAccepted)).toBe(true);
  });
});

describe('the catalog match of a row', () => {
  it('keeps the server’s match and its confidence, and none for a new indicator', () => {
    const rows = toRows(proposed);
    expect(rows[0]!.match).toEqual({ id: 3, score: 0.6 });
    expect(rows[1]!.match).toBeNull();
  });
});
