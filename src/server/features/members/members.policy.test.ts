import { describe, expect, it } from 'vitest';
import { actorWith, allowedRoles, places, system } from '../../test/policy-roles';
import { canWriteMembers, requireMemberImport, requireMemberWrite } from './members.policy';

describe('canWriteMembers, for every role held on 1.2', () => {
  it.each(places({ home: ['admin', 'manager'], below: ['admin', 'manager'] }))('members of %s (%s): %j', (_place, path, roles) => {
    expect(allowedRoles((a) => canWriteMembers(a, path))).toEqual(roles);
  });
  it('lets the system actor through; refuses edits and imports with 403 just outside the subtree', () => {
    expect(canWriteMembers(system, '1.23')).toBe(true);
    expect(() => requireMemberWrite(actorWith('manager'), '1.23')).toThrow(expect.objectContaining({ code: 'forbidden' }));
    expect(() => requireMemberImport(actorWith('manager'), '1.23')).toThrow(expect.objectContaining({ code: 'forbidden' }));
    expect(() => requireMemberImport(actorWith('manager'), '1.2.5')).not.toThrow();
  });
});
