import { describe, expect, it } from 'vitest';
import { allowedRoles, places, system } from '../../test/policy-roles';
import { canWriteOrg, requireOrgWrite } from './orgs.policy';

describe('canWriteOrg, for every role held on 1.2', () => {
  it.each(places({ home: ['admin', 'manager'], below: ['admin', 'manager'] }))('on the org %s (%s): %j', (_place, path, roles) => {
    expect(allowedRoles((a) => canWriteOrg(a, path))).toEqual(roles);
  });
  it('lets the system actor through and refuses a viewer with 403', () => {
    expect(canWriteOrg(system, '1.23')).toBe(true);
    expect(() => requireOrgWrite({ ...system, userId: 1, grants: [{ role: 'viewer', orgId: 2, orgPath: '1.2' }] }, '1.2')).toThrow(
      expect.objectContaining({ code: 'forbidden' }),
    );
  });
});
