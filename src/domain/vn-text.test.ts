import { describe, expect, it } from 'vitest';
import { foldVietnamese, stripVietnameseMarks } from './vn-text';

describe('Vietnamese fold', () => {
  it('removes every tone and vowel mark and maps đ to d', () => {
    expect(foldVietnamese('Đảng ủy phường Đông Hòa')).toBe('dang uy phuong dong hoa');
    expect(foldVietnamese('Ước Ưng Ơn Ẩn Ặc Ỹ')).toBe('uoc ung on an ac y');
  });
  it('folds text written with combining marks the same as precomposed text', () => {
    expect(foldVietnamese('Nguye\u0302\u0303n')).toBe(foldVietnamese('Nguyễn'));
  });
  it('keeps case when asked only to strip marks', () => {
    expect(stripVietnameseMarks('Kế hoạch Đoàn.xlsx')).toBe('Ke hoach Doan.xlsx');
  });
});
