import { describe, expect, it } from 'vitest';
import { pickResolution } from './pick-resolution';

const doc = (id: number, orgPath: string, term = '2020-2025', status = 'adopted') => ({ id, orgPath, term, status });

describe('pickResolution', () => {
  it("opens the nearest org's adopted resolution of the current term", () => {
    const docs = [doc(1, '1'), doc(2, '1.2'), doc(3, '1.2', '2025-2030'), doc(4, '1.2.3', '2025-2030', 'draft'), doc(5, '1.9')];
    expect(pickResolution(docs, '1.2.3', '2026-12-02')?.id).toBe(3);
    expect(pickResolution(docs, '1.2.3', '2023-05-01')?.id).toBe(2);
    expect(pickResolution(docs, '1.9', '2023-05-01')?.id).toBe(5);
  });
  it("prefers the nearest issuer's resolution to a current one further up", () => {
    expect(pickResolution([doc(1, '1', '2021-2026'), doc(2, '1.2', '2020-2025')], '1.2.7', '2026-12-02')?.id).toBe(2);
  });
  it('falls back to the latest term after the terms end, and to nothing outside the line', () => {
    expect(pickResolution([doc(1, '1'), doc(2, '1', '2015-2020')], '1.4', '2031-01-01')?.id).toBe(1);
    expect(pickResolution([doc(1, '1.2')], '1.3', '2023-01-01')).toBeNull();
  });
});
