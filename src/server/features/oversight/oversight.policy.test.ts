import { describe, expect, it } from 'vitest';
import { actorWith, allowedRoles, places, system } from '../../test/policy-roles';
import {
  abilitiesOf,
  audienceFor,
  canReportRecommendationDone,
  canWriteAsSubject,
  dashboardScope,
  isReadAuditedFor,
  partsFor,
  type AccessFacts,
} from './oversight.policy';

// Run by the commission of 1 over a subject somewhere; the roles are held on 1.2.
const file = (subjectPath: string, runPath = '1', extra: Partial<AccessFacts> = {}): AccessFacts => ({
  runPath,
  subjectPath,
  subjectMemberId: null,
  isTeamMember: false,
  status: 'concluded',
  ...extra,
});

describe('oversight policy, for every role held on 1.2', () => {
  it.each(places({ home: ['admin', 'manager', 'reporter'], below: ['admin', 'manager', 'reporter'] }))(
    'writes as the subject %s (%s): %j',
    (_p, path, roles) => {
      expect(allowedRoles((a) => canWriteAsSubject(a, file(path)))).toEqual(roles);
      expect(allowedRoles((a) => canReportRecommendationDone(a, path, file('1.3')))).toEqual(roles);
    },
  );
  it.each(places({ home: ['admin', 'inspector'], below: ['admin', 'inspector'] }))('runs a file run by %s (%s): %j', (_p, path, roles) => {
    expect(allowedRoles((a) => abilitiesOf(a, file('1.3', path), audienceFor(a, file('1.3', path))).commission)).toEqual(roles);
  });
  it.each(places({ home: ['admin', 'manager', 'inspector'], below: ['admin', 'manager', 'inspector'] }))(
    'reads as the committee above a file run by %s (%s): %j',
    (_p, path, roles) => {
      expect(allowedRoles((a) => ['commission', 'supervisor'].includes(audienceFor(a, file('1.3', path))))).toEqual(roles);
    },
  );
  it('hides a file from a stranger (404) and lets the team in whatever its roles', () => {
    expect(() => partsFor(actorWith('viewer', '1.23'), file('1.3', '1.3'))).toThrow(expect.objectContaining({ code: 'not_found' }));
    expect(audienceFor(actorWith('member', '1.23'), file('1.3', '1.3', { isTeamMember: true }))).toBe('team');
  });
  it('treats the system actor as the commission, unaudited and unscoped', () => {
    expect(audienceFor(system, file('1.23', '1.23'))).toBe('commission');
    expect(isReadAuditedFor(system, 'supervisor')).toBe(false);
    expect(isReadAuditedFor(actorWith('manager'), 'supervisor')).toBe(true);
    expect(dashboardScope(system)).toBeNull();
    expect(dashboardScope(actorWith('member'))).toEqual([]);
  });
});
