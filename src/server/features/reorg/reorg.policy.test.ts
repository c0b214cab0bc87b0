import { describe, expect, it } from 'vitest';
import { allowedRoles, at, places, system } from '../../test/policy-roles';
import { canReorganize, requireReorganize } from './reorg.policy';

describe('canReorganize, for every role held on 1.2', () => {
  it.each(places({ home: ['admin', 'manager'], below: ['admin', 'manager'] }))('one org %s (%s): %j', (_place, path, roles) => {
    expect(allowedRoles((a) => canReorganize(a, [path]))).toEqual(roles);
  });
  it('needs every org involved inside the scope: one outside refuses all roles', () => {
    expect(allowedRoles((a) => canReorganize(a, [at.home, at.below]))).toEqual(['admin', 'manager']);
    expect(allowedRoles((a) => canReorganize(a, [at.below, at.sibling]))).toEqual([]);
    expect(allowedRoles((a) => canReorganize(a, [at.home, at.lookalike]))).toEqual([]);
  });
  it('refuses an operation naming no org, lets the system actor through, and a viewer gets 403', () => {
    expect(allowedRoles((a) => canReorganize(a, []))).toEqual([]);
    expect(canReorganize(system, ['1.23', '9'])).toBe(true);
    expect(() => requireReorganize({ ...system, userId: 1, grants: [{ role: 'viewer', orgId: 2, orgPath: '1.2' }] }, ['1.2'])).toThrow(
      expect.objectContaining({ code: 'forbidden' }),
    );
  });
});
