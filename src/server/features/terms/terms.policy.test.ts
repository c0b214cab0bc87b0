import { describe, expect, it } from 'vitest';
import { actorWith, allowedRoles, places, system } from '../../test/policy-roles';
import { canManageTerms, requireManageTerms } from './terms.policy';

describe('canManageTerms, for every role held on 1.2', () => {
  it.each(places({ home: ['admin', 'manager'], below: ['admin', 'manager'] }))('on the org %s (%s): %j', (_place, path, roles) => {
    expect(allowedRoles((a) => canManageTerms(a, path))).toEqual(roles);
  });
  it('lets the system actor through and refuses a viewer with 403 in Vietnamese', () => {
    expect(canManageTerms(system, '1.23')).toBe(true);
    expect(() => requireManageTerms(actorWith('viewer'), '1.2')).toThrow(expect.objectContaining({ code: 'forbidden' }));
  });
});
