import { describe, expect, it } from 'vitest';
import { actorWith, allowedRoles, system } from '../../test/policy-roles';
import { canManageLogins, requireManageLogins } from './auth.policy';

describe('canManageLogins (login settings, unlocking an account)', () => {
  it('is an administrator’s only, for every role', () => {
    expect(allowedRoles(canManageLogins)).toEqual(['admin']);
  });
  it('holds for an administrator of any org, not by a manager of the root', () => {
    expect(canManageLogins(actorWith('admin', '1.23'))).toBe(true);
    expect(() => requireManageLogins(actorWith('manager', '1'))).toThrow(expect.objectContaining({ code: 'forbidden' }));
    expect(canManageLogins(system)).toBe(true);
  });
});
