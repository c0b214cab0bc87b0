import { describe, expect, it } from 'vitest';
import { indicatorCodeFor, indicatorKey, matchIndicator } from './indicator-match';

const catalog = [
  { id: 1, name: 'Tốc độ tăng trưởng tổng sản phẩm trên địa bàn (GRDP)', unit: '%' },
  { id: 2, name: 'Tỷ trọng công nghiệp và dịch vụ trong GRDP', unit: '%' },
  { id: 3, name: 'Tốc độ tăng thu ngân sách', unit: '%' },
  { id: 4, name: 'Vốn đầu tư trực tiếp nước ngoài thu hút', unit: 'tỷ USD' },
  { id: 5, name: 'Số doanh nghiệp hoạt động', unit: 'doanh nghiệp' },
  { id: 6, name: 'Tỷ lệ đảng viên được nghiên cứu, học tập, quán triệt nghị quyết', unit: '%' },
  { id: 7, name: 'Số đảng viên mới được kết nạp', unit: 'đảng viên' },
];

describe('matchIndicator', () => {
  it('matches names written in other words and word orders to the catalog', () => {
    expect(matchIndicator('Tốc độ tăng trưởng kinh tế (GRDP)', '%', catalog)?.id).toBe(1);
    expect(matchIndicator('Tỉ trọng công nghiệp và dịch vụ', '%', catalog)?.id).toBe(2);
    expect(matchIndicator('Thu ngân sách nhà nước', '%', catalog)?.id).toBe(3);
    expect(matchIndicator('Thu hút vốn đầu tư trực tiếp nước ngoài', 'tỷ USD', catalog)?.id).toBe(4);
    expect(matchIndicator('Số doanh nghiệp đang hoạt động', 'doanh nghiệp', catalog)?.id).toBe(5);
  });

  it('calls a match exact when only diacritics, case and tỉ/tỷ differ', () => {
    expect(matchIndicator('so dang vien moi duoc ket nap', '', catalog)).toMatchObject({ id: 7, isExact: true, score: 1 });
    expect(matchIndicator('TỈ TRỌNG CÔNG NGHIỆP VÀ DỊCH VỤ TRONG GRDP', '', catalog)).toMatchObject({ id: 2, isExact: true });
  });

  it('proposes nothing for an indicator the catalog does not hold', () => {
    expect(matchIndicator('Tỷ lệ hộ nghèo theo chuẩn đa chiều', '%', catalog)).toBeNull();
    expect(matchIndicator('Số km đường giao thông nông thôn được nhựa hóa', 'km', catalog)).toBeNull();
    expect(matchIndicator('', '', catalog)).toBeNull();
  });
});

describe('indicatorKey and indicatorCodeFor', () => {
  it('folds diacritics and unifies the two spellings of tỷ', () => {
    expect(indicatorKey('  Thu hút vốn: 9 tỉ USD ')).toBe(indicatorKey('thu hut von 9 ty usd'));
  });

  it('makes an upper-case code of at most 40 characters, unique among the taken ones', () => {
    expect(indicatorCodeFor('Số hợp tác xã', new Set())).toBe('SO_HOP_TAC_XA');
    expect(indicatorCodeFor('Số hợp tác xã', new Set(['SO_HOP_TAC_XA']))).toBe('SO_HOP_TAC_XA_2');
    const long = indicatorCodeFor('Tỷ lệ thủ tục hành chính cung cấp dịch vụ công trực tuyến toàn trình', new Set());
    expect(long.length).toBeLessThanOrEqual(40);
    expect(long).toMatch(/^[A-Z0-9_]+$/);
  });
});
