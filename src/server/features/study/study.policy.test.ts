import { describe, expect, it } from 'vitest';
import { actorWith, allowedRoles, places, system } from '../../test/policy-roles';
import {
  canManagePoint,
  canSeeReflection,
  canWriteStudy,
  reflectionAbilities,
  requirePointManage,
  requireStudyWrite,
} from './study.policy';

describe('study policy, for every role held on 1.2', () => {
  const writers = places({ home: ['admin', 'manager', 'reporter'], below: ['admin', 'manager', 'reporter'] });
  it.each(writers)('organizes sessions of %s (%s): %j', (_p, path, roles) => {
    expect(allowedRoles((a) => canWriteStudy(a, path))).toEqual(roles);
  });
  it.each(writers)('hosts a point of %s (%s) in a session of 1.3: %j', (_p, path, roles) => {
    expect(allowedRoles((a) => canManagePoint(a, { orgPath: path, sessionOrgPath: '1.3' }))).toEqual(roles);
  });
  it.each(writers)('reviews a submitted reflection of %s (%s): %j', (_p, path, roles) => {
    expect(allowedRoles((a) => reflectionAbilities(a, { orgPath: path, memberId: 9, status: 'submitted' }).review)).toEqual(roles);
  });
  const readers = ['admin', 'manager', 'reporter', 'approver', 'inspector', 'viewer'] as const;
  it.each(places({ home: [...readers], below: [...readers] }))('sees a reflection of %s (%s): %j', (_p, path, roles) => {
    expect(allowedRoles((a) => canSeeReflection(a, { orgPath: path, memberId: 9 }))).toEqual(roles);
  });
  it('lets a member see and edit their own reflection anywhere, and the system actor do everything', () => {
    const author = actorWith('member', '1.23', { memberId: 9 });
    expect(canSeeReflection(author, { orgPath: '1.3', memberId: 9 })).toBe(true);
    expect(reflectionAbilities(author, { orgPath: '1.3', memberId: 9, status: 'submitted' })).toEqual({ review: false, edit: true });
    expect(canWriteStudy(system, '1.23')).toBe(true);
  });
  it('refuses with 403 just outside the subtree', () => {
    expect(() => requireStudyWrite(actorWith('manager'), '1.23', '1.3')).toThrow(expect.objectContaining({ code: 'forbidden' }));
    expect(() => requirePointManage(actorWith('manager'), { orgPath: '1.23', sessionOrgPath: '1.3' })).toThrow(
      expect.objectContaining({ code: 'forbidden' }),
    );
  });
});
