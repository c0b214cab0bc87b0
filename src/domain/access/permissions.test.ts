import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  can,
  canGrant,
  canManageUser,
  grantableRoles,
  isAdminOver,
  isWithin,
  roles,
  rolePermissions,
  scopePaths,
  type RoleGrant,
} from './permissions';

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

describe('canGrant and canManageUser', () => {
  const manager: RoleGrant = { role: 'manager', orgId: 2, orgPath: '1.2' };
  const approver: RoleGrant = { role: 'approver', orgId: 5, orgPath: '1.2.5' };
  const admin: RoleGrant = { role: 'admin', orgId: 1, orgPath: '1' };

  it('lets a manager grant what a manager holds, inside the subtree', () => {
    expect(canGrant([manager], 'reporter', '1.2.9')).toBe(true);
    expect(canGrant([manager], 'viewer', '1.2')).toBe(true);
    expect(canGrant([manager], 'viewer', '1.23')).toBe(false);
  });

  it('refuses approver, inspector and admin to a manager who does not hold them there', () => {
    expect(canGrant([manager], 'approver', '1.2.9')).toBe(false);
    expect(canGrant([manager], 'inspector', '1.2.9')).toBe(false);
    expect(canGrant([manager], 'admin', '1.2.9')).toBe(false);
    expect(canGrant([manager, approver], 'approver', '1.2.5.7')).toBe(true);
    expect(canGrant([manager, approver], 'approver', '1.2.6')).toBe(false);
  });

  it('grants a manager role only strictly below: peers are an administrator’s', () => {
    expect(canGrant([manager], 'manager', '1.2')).toBe(false);
    expect(canGrant([manager], 'manager', '1.2.9')).toBe(true);
    expect(canGrant([admin], 'manager', '1')).toBe(true);
    expect(canGrant([admin], 'admin', '1.2')).toBe(true);
  });

  it('manages only users whose every role the manager could have granted', () => {
    expect(canManageUser([manager], [{ role: 'reporter', orgPath: '1.2.9' }])).toBe(true);
    expect(canManageUser([manager], [{ role: 'manager', orgPath: '1.2' }])).toBe(false);
    expect(
      canManageUser(
        [manager],
        [
          { role: 'reporter', orgPath: '1.2' },
          { role: 'approver', orgPath: '1.2' },
        ],
      ),
    ).toBe(false);
    expect(
      canManageUser(
        [manager],
        [
          { role: 'reporter', orgPath: '1.2' },
          { role: 'viewer', orgPath: '1.3' },
        ],
      ),
    ).toBe(false);
    expect(canManageUser([admin], [{ role: 'manager', orgPath: '1.2' }])).toBe(true);
  });

  it('never lets a grant exceed the granter’s own permissions, for any grants', () => {
    const path = fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 1, maxLength: 3 }).map((a) => a.join('.'));
    const grant = fc.record({ role: fc.constantFrom(...roles), orgId: fc.constant(0), orgPath: path });
    fc.assert(
      fc.property(fc.array(grant, { maxLength: 4 }), fc.constantFrom(...roles), path, (grants, role, at) => {
        if (!canGrant(grants, role, at) || isAdminOver(grants, at)) return;
        for (const p of rolePermissions[role]) expect(can(grants, p, at)).toBe(true);
        expect(role).not.toBe('admin');
      }),
    );
  });

  it('offers a manager the roles they can grant in the form', () => {
    expect(grantableRoles([manager])).toEqual(['manager', 'reporter', 'viewer', 'member']);
    expect(grantableRoles([admin])).toEqual([...roles]);
  });
});

describe('a feature’s own permissions', () => {
  // Each replaced a permission its routes borrowed from another feature; the same roles hold it,
  // so nobody gained or lost a right when the routes moved to their own feature's permission.
  it.each([
    ['mail.read', 'audit.read'],
    ['auth.manage', 'users.write'],
    ['reports.manage', 'documents.write'],
    ['extraction.read', 'documents.read'],
    ['extraction.write', 'documents.write'],
    ['terms.read', 'documents.read'],
    ['terms.write', 'documents.write'],
    ['reorg.read', 'orgs.read'],
    ['reorg.write', 'orgs.write'],
  ] as const)('%s is held by exactly the roles holding %s', (own, borrowed) => {
    expect(roles.filter((r) => rolePermissions[r].includes(own))).toEqual(roles.filter((r) => rolePermissions[r].includes(borrowed)));
  });
});
