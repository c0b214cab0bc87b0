import { describe, expect, it } from 'vitest';
import { explainItem } from './explain';
import { extractItems } from './extract-items';

const reasonsOf = (text: string) => extractItems(text).map(explainItem);

describe('explainItem', () => {
  it('names the words that gave the comparator', () => {
    expect(reasonsOf('Kết nạp ít nhất 1.500 đảng viên.')).toEqual([['“ít nhất” → ≥']]);
    expect(reasonsOf('Kết nạp trên 1.500 đảng viên.')).toEqual([['“trên” → >']]);
    expect(reasonsOf('Tỷ lệ thất nghiệp không quá 3%.')).toEqual([['“không quá” → ≤']]);
  });

  it('explains a share of a base, a rank and an achieved/planned pair', () => {
    expect(reasonsOf('Kinh tế số chiếm khoảng 30% GRDP.')).toEqual([['“khoảng” → ≈', '“% GRDP”: phần trăm của GRDP']]);
    expect(reasonsOf('Chỉ số PCI vươn lên top 30.')).toEqual([['“top” → thứ hạng ≤']]);
    expect(reasonsOf('Kết nạp 2.100/1.800 đảng viên.')).toEqual([['không có từ so sánh → =', '“đạt/kế hoạch”: số sau là chỉ tiêu']]);
  });
});
