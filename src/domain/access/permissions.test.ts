import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { can, isWithin, scopePaths, type RoleGrant } from './permissions';

describe('isWithin', () => {
  it('matches whole labels, so 1.23 is not under 1.2', () => {
    expect(isWithin('1.2.5', '1.2')).toBe(true);
    expect(isWithin('1.2', '1.2')).toBe(true);
    expect(isWithin('1.23', '1.2')).toBe(false);
    expect(isWithin('1.23.4', '1.2')).toBe(false);
  });

  it('agrees with a label-by-label prefix check for any paths', () => {
    const path = fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 5 });
    fc.assert(
      fc.property(path, path, (a, b) => {
        const expected = b.length <= a.length && b.every((label, i) => a[i] === label);
        expect(isWithin(a.join('.'), b.join('.'))).toBe(expected);
      }),
    );
  });
});

describe('can', () => {
  const ward: RoleGrant = { role: 'manager', orgId: 2, orgPath: '1.2' };
  it('gives a manager write on its subtree only', () => {
    expect(can([ward], 'members.write', '1.2.9')).toBe(true);
    expect(can([ward], 'members.write', '1.23')).toBe(false);
    expect(can([ward], 'members.write', '1')).toBe(false);
  });
  it('gives a viewer no write', () => {
    expect(can([{ ...ward, role: 'viewer' }], 'members.write', '1.2')).toBe(false);
    expect(can([{ ...ward, role: 'viewer' }], 'members.read', '1.2')).toBe(true);
  });
  it('drops paths covered by a wider grant', () => {
    expect(scopePaths([ward, { role: 'admin', orgId: 1, orgPath: '1' }], 'orgs.read')).toEqual(['1']);
  });
});
