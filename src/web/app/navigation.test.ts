import { describe, expect, it } from 'vitest';
import type { Role } from '../../domain/access/permissions';
import { canOpen, homeOf, pagesFor, type NavUser } from './navigation';

const as = (role: Role, memberId: number | null = null): NavUser => ({ memberId, grants: [{ role, orgId: 7, orgPath: '1.7' }] });

describe('a home for each role', () => {
  it('lands each person where their work is', () => {
    expect(homeOf(as('admin'))).toBe('/orgs');
    expect(homeOf(as('manager'))).toBe('/dashboard');
    expect(homeOf(as('approver'))).toBe('/dashboard');
    expect(homeOf(as('viewer'))).toBe('/dashboard');
    expect(homeOf(as('reporter'))).toBe('/my-work');
    expect(homeOf({ memberId: 12, grants: [] })).toBe('/study/me');
    expect(homeOf(as('member', 12))).toBe('/study/me');
  });

  it('never lands anyone on a page they may not open', () => {
    for (const role of ['admin', 'manager', 'reporter', 'approver', 'inspector', 'viewer', 'member'] as const) {
      for (const memberId of [null, 5]) {
        const user = as(role, memberId);
        expect(canOpen(user, homeOf(user)), `${role} ${memberId}`).toBe(true);
      }
    }
  });

  it("offers a member only the member's own pages", () => {
    expect(pagesFor(as('member', 12))).toEqual(['/study/me', '/grading/me', '/oversight/me']);
    expect(canOpen(as('member', 12), '/orgs')).toBe(false);
    expect(canOpen(as('member', 12), '/documents/3')).toBe(false);
    expect(canOpen(as('member', 12), '/study/me')).toBe(true);
  });

  it('gives every role that reads reports a dashboard entry, and only those', () => {
    for (const role of ['admin', 'manager', 'reporter', 'approver', 'inspector', 'viewer'] as const)
      expect(pagesFor(as(role))).toContain('/dashboard');
    expect(pagesFor(as('member', 1))).not.toContain('/dashboard');
  });

  it('shows the users and audit pages only to those who may read them', () => {
    expect(pagesFor(as('reporter'))).not.toContain('/users');
    expect(pagesFor(as('reporter'))).not.toContain('/audit');
    expect(pagesFor(as('manager'))).toEqual(expect.arrayContaining(['/users', '/audit', '/mail-outbox']));
  });
});
