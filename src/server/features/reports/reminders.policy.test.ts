import { describe, expect, it } from 'vitest';
import { roles, type Role } from '../../../domain/access/permissions';
import { systemActor, type Actor } from '../../lib/actor';
import { reminderScope } from './reports.policy';

const actorWith = (role: Role, orgPath = '1.2'): Actor => ({
  userId: 7,
  username: 'u',
  fullName: 'U',
  ip: null,
  memberId: null,
  locale: 'vi',
  grants: [{ role, orgId: 2, orgPath }],
});

describe('reminderScope: who may send reminders now', () => {
  it.each(roles.filter((r) => r !== 'admin'))('refuses a %s', (role) => {
    expect(() => reminderScope(actorWith(role))).toThrow(expect.objectContaining({ code: 'forbidden' }));
  });
  it('gives an administrator the subtrees where the role is held', () => {
    expect(
      reminderScope({
        ...actorWith('admin'),
        grants: [
          { role: 'admin', orgId: 2, orgPath: '1.2' },
          { role: 'manager', orgId: 1, orgPath: '1' },
        ],
      }),
    ).toEqual(['1.2']);
  });
  it('gives the system actor (the daily job) everything', () => {
    expect(reminderScope(systemActor())).toBeNull();
  });
});
