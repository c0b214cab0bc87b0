import { describe, expect, it } from 'vitest';
import type { Role } from '../../../domain/access/permissions';
import { teamRoles } from '../../../domain/consultation';
import { allowedRoles, places, system } from '../../test/policy-roles';
import {
  canDraftForOrg,
  canEnterConference,
  canFormTeam,
  canLeadTeam,
  canSendForOrg,
  canWorkOnDraft,
  requireTeam,
} from './consultation.policy';

const readers: Role[] = ['admin', 'manager', 'reporter', 'approver', 'inspector', 'viewer'];

describe('canFormTeam, for every role held on 1.2', () => {
  it.each(places({ home: ['admin', 'manager'], below: ['admin'] }))('a draft of %s (%s): %j', (_place, path, roles) => {
    expect(allowedRoles((a) => canFormTeam(a, path))).toEqual(roles);
  });
  it('lets the system actor form any group', () => expect(canFormTeam(system, '1.23')).toBe(true));
});

describe('answering in an org’s name, for every role held on 1.2', () => {
  it.each(places({ home: readers }))('drafts for %s (%s): %j', (_place, path, roles) => {
    expect(allowedRoles((a) => canDraftForOrg(a, path))).toEqual(roles);
  });
  it.each(places({ home: ['admin', 'manager'] }))('sends for %s (%s): %j', (_place, path, roles) => {
    expect(allowedRoles((a) => canSendForOrg(a, path))).toEqual(roles);
  });
});

describe('the editorial group’s roles', () => {
  it('works on the draft as any member; conference comments, synthesis and adoption are the head’s and the secretary’s', () => {
    expect(teamRoles.filter((r) => canWorkOnDraft(r))).toEqual(['head', 'member', 'secretary']);
    expect(canWorkOnDraft(null)).toBe(false);
    expect(teamRoles.filter((r) => canEnterConference(r))).toEqual(['head', 'secretary']);
    expect(teamRoles.filter((r) => canLeadTeam(r))).toEqual(['head', 'secretary']);
    expect(() => requireTeam(null)).toThrow(expect.objectContaining({ code: 'forbidden' }));
  });
});
