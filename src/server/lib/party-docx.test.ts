import { describe, expect, it } from 'vitest';
import { columnWidths, reportNumberLine, signOffLines, TEXT_WIDTH } from './party-docx';

describe('the number line of a report', () => {
  it('always carries the issuing body’s symbol', () => {
    expect(reportNumberLine({ name: 'Tỉnh ủy Bình Dương', kind: 'province_committee' })).toBe('Số      -BC/TU');
    expect(reportNumberLine({ name: 'Thành ủy Dĩ An', kind: 'district_committee' })).toBe('Số      -BC/ThU');
    expect(reportNumberLine({ name: 'Đảng ủy phường Dĩ An', kind: 'commune_committee' })).toBe('Số      -BC/ĐU');
    expect(reportNumberLine({ name: 'Chi bộ Khu phố 1', kind: 'cell' })).toBe('Số      -BC/CB');
    expect(reportNumberLine({ name: 'Đảng ủy phường Dĩ An', kind: 'commune_committee' })).not.toMatch(/BC\/$/);
  });
});

describe('the sign-off', () => {
  it('is the standing committee above the grassroots, the committee of a grassroots party committee, the cell itself', () => {
    expect(signOffLines({ name: 'Tỉnh ủy Bình Dương', kind: 'province_committee' })).toEqual(['T/M BAN THƯỜNG VỤ', 'BÍ THƯ']);
    expect(signOffLines({ name: 'Thành ủy Dĩ An', kind: 'district_committee' })).toEqual(['T/M BAN THƯỜNG VỤ', 'BÍ THƯ']);
    expect(signOffLines({ name: 'Đảng ủy phường Dĩ An', kind: 'commune_committee' })).toEqual(['T/M ĐẢNG ỦY', 'BÍ THƯ']);
    expect(signOffLines({ name: 'Chi bộ Khu phố 1', kind: 'cell' })).toEqual(['T/M CHI BỘ', 'BÍ THƯ']);
  });
});

describe('column widths', () => {
  it('split the text width of the page in twips', () => {
    const widths = columnWidths([5, 29, 14, 13, 13, 26]);
    expect(widths.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(TEXT_WIDTH - 3);
    expect(widths.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(TEXT_WIDTH + 3);
  });
});
