import { describe, expect, it } from 'vitest';
import { actorWith, allowedRoles, at, places, system } from '../../test/policy-roles';
import { canSeePersonalData, canWriteRegistry } from './registry.policy';

describe('registry policy', () => {
  it.each(places({ home: ['admin', 'manager'], below: ['admin', 'manager'] }))('writes the registry %s (%s): %j', (_place, path, roles) => {
    expect(allowedRoles((a) => canWriteRegistry(a, path))).toEqual(roles);
  });
  it.each(places({ home: ['admin', 'manager'], below: ['admin', 'manager'] }))(
    'sees personal data of a member %s (%s): %j',
    (_place, path, roles) => {
      expect(allowedRoles((a) => canSeePersonalData(a, { id: 7, orgPath: path }))).toEqual(roles);
    },
  );
  it('lets a member see their own personal data, and no one else’s', () => {
    const self = actorWith('member', at.lookalike, { memberId: 7 });
    expect(canSeePersonalData(self, { id: 7, orgPath: at.home })).toBe(true);
    expect(canSeePersonalData(self, { id: 8, orgPath: at.home })).toBe(false);
  });
  it('lets the system actor through', () => {
    expect(canWriteRegistry(system, at.sibling)).toBe(true);
  });
});
