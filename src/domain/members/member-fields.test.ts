import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { givenNameOf, normalizeFullName, parseGender, parseMemberStatus, parseVnDate, parseYesNo } from './member-fields';
import { formatVnDate } from '../vn-time';

describe('member fields', () => {
  it('reads Vietnamese dates and refuses impossible ones', () => {
    expect(parseVnDate('23/12/2020')).toBe('2020-12-23');
    expect(parseVnDate('5-7-1980')).toBe('1980-07-05');
    expect(parseVnDate('2001-02-03')).toBe('2001-02-03');
    expect(parseVnDate('31/02/2000')).toBe('invalid');
    expect(parseVnDate('hôm qua')).toBe('invalid');
    expect(parseVnDate('')).toBeNull();
  });
  it('round-trips any date through the display format', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1900-01-01'), max: new Date('2100-12-31'), noInvalidDate: true }), (d) => {
        const iso = d.toISOString().slice(0, 10);
        expect(parseVnDate(formatVnDate(iso))).toBe(iso);
      }),
    );
  });
  it('reads gender, status and yes/no as offices write them', () => {
    expect(parseGender('Nữ')).toBe('female');
    expect(parseGender('NAM')).toBe('male');
    expect(parseGender('khác')).toBeNull();
    expect(parseMemberStatus('Dự bị')).toBe('probationary');
    expect(parseMemberStatus('chinh thuc')).toBe('official');
    expect(parseMemberStatus('')).toBe('official');
    expect(parseMemberStatus('nghỉ hưu')).toBeNull();
    expect(parseYesNo('Có')).toBe(true);
    expect(parseYesNo('')).toBe(false);
    expect(parseYesNo('maybe')).toBeNull();
  });
  it('takes the given name as the last word and normalizes case', () => {
    expect(givenNameOf('Nguyễn Thị Ánh')).toBe('Ánh');
    expect(normalizeFullName('  trần   văn   nam ')).toBe('Trần Văn Nam');
  });
});
