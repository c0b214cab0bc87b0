import { describe, expect, it } from 'vitest';
import { actorWith, allowedRoles, places, system } from '../../test/policy-roles';
import { canEditUser, canGrantRole, requireEditUser, requireGrantRole } from './users.policy';

describe('canGrantRole, for every role held on 1.2', () => {
  it.each(places({ home: ['admin', 'manager'], below: ['admin', 'manager'] }))('a viewer role on %s (%s): %j', (_place, path, roles) => {
    expect(allowedRoles((a) => canGrantRole(a, 'viewer', path))).toEqual(roles);
  });
  it.each(places({ home: ['admin'], below: ['admin', 'manager'] }))('a manager role on %s (%s): %j', (_place, path, roles) => {
    expect(allowedRoles((a) => canGrantRole(a, 'manager', path))).toEqual(roles);
  });
  it.each(places({ home: ['admin'], below: ['admin'] }))('an approver role on %s (%s): %j', (_place, path, roles) => {
    expect(allowedRoles((a) => canGrantRole(a, 'approver', path))).toEqual(roles);
  });
  it('refuses with 403 and lets the system actor through', () => {
    expect(() => requireGrantRole(actorWith('manager'), 'admin', '1.2.5')).toThrow(expect.objectContaining({ code: 'forbidden' }));
    expect(canGrantRole(system, 'admin', '1')).toBe(true);
  });
});

describe('canEditUser, for every role held on 1.2', () => {
  const holding = (role: 'viewer' | 'manager', orgPath: string) => ({ id: 42, roles: [{ role, orgPath }] });
  it.each(places({ home: ['admin', 'manager'], below: ['admin', 'manager'] }))('a viewer of %s (%s): %j', (_place, path, roles) => {
    expect(allowedRoles((a) => canEditUser(a, holding('viewer', path)))).toEqual(roles);
  });
  it.each(places({ home: ['admin'], below: ['admin', 'manager'] }))('a manager of %s (%s): %j', (_place, path, roles) => {
    expect(allowedRoles((a) => canEditUser(a, holding('manager', path)))).toEqual(roles);
  });
  it('never oneself, even an administrator; the system actor edits anyone', () => {
    const admin = actorWith('admin', '1');
    expect(canEditUser(admin, { id: admin.userId!, roles: [{ role: 'viewer', orgPath: '1.2' }] })).toBe(false);
    expect(() => requireEditUser(admin, { id: admin.userId!, roles: [] })).toThrow(expect.objectContaining({ code: 'forbidden' }));
    expect(canEditUser(system, holding('manager', '1'))).toBe(true);
  });
});
