import { describe, expect, it } from 'vitest';
import { toFormFieldErrors } from './form-errors';
import { toQueryString } from './api';
import { compareVi, formatDate } from './format';

describe('toFormFieldErrors', () => {
  it('strips the body prefix, keeps array indexes as numbers and groups messages', () => {
    expect(
      toFormFieldErrors([
        { field: 'body.fullName', message: 'Quá ngắn' },
        { field: 'body.fullName', message: 'Bắt buộc' },
        { field: 'body.roles.0.orgId', message: 'Sai' },
        { field: 'body', message: 'ignored' },
      ]),
    ).toEqual([
      { name: ['fullName'], errors: ['Quá ngắn', 'Bắt buộc'] },
      { name: ['roles', 0, 'orgId'], errors: ['Sai'] },
    ]);
  });
});

describe('toQueryString', () => {
  it('drops empty values', () => {
    expect(toQueryString({ a: 1, b: '', c: undefined, d: null, e: false, q: 'đảng ủy' })).toBe(
      '?a=1&e=false&q=%C4%91%E1%BA%A3ng+%E1%BB%A7y',
    );
    expect(toQueryString({})).toBe('');
  });
});

describe('formatDate', () => {
  it('shows dd/mm/yyyy', () => {
    expect(formatDate('2020-12-23')).toBe('23/12/2020');
    expect(formatDate(null)).toBe('');
  });
});

describe('compareVi', () => {
  it('sorts Đ after D and keeps accented names together', () => {
    expect(['Đức', 'Uyên', 'Anh', 'Dũng', 'Ánh'].sort(compareVi)).toEqual(['Anh', 'Ánh', 'Dũng', 'Đức', 'Uyên']);
  });
});
