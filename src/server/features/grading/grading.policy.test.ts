import { describe, expect, it } from 'vitest';
import { actorWith, allowedRoles, places, system } from '../../test/policy-roles';
import {
  canAddRuleSet,
  canDecide,
  canOpenRound,
  canReview,
  canSelfAssess,
  evaluationAbilities,
  gradingReadScope,
  type EvaluationAccessRow,
} from './grading.policy';

const memberOf = (orgPath: string): EvaluationAccessRow => ({
  subjectKind: 'member',
  memberId: 9,
  orgPath,
  deciderPath: orgPath,
  status: 'draft',
  isCurrent: true,
});
const orgAt = (orgPath: string): EvaluationAccessRow => ({
  subjectKind: 'org',
  memberId: null,
  orgPath,
  deciderPath: orgPath,
  status: 'draft',
  isCurrent: true,
});

describe('grading policy, for every role held on 1.2', () => {
  it.each(places({ home: ['admin', 'manager', 'reporter'], below: ['admin', 'manager', 'reporter'] }))(
    'self-assessment of a member of %s (%s): %j',
    (_p, path, roles) => {
      expect(allowedRoles((a) => canSelfAssess(a, memberOf(path)))).toEqual(roles);
    },
  );
  it.each(places({ home: ['admin', 'manager', 'reporter'] }))('an org’s own self-assessment at %s (%s): %j', (_p, path, roles) => {
    expect(allowedRoles((a) => canSelfAssess(a, orgAt(path)))).toEqual(roles);
  });
  it.each(places({ below: ['admin', 'manager', 'reporter'] }))('review of the org at %s (%s): %j', (_p, path, roles) => {
    expect(allowedRoles((a) => canReview(a, orgAt(path)))).toEqual(roles);
  });
  it.each(places({ home: ['admin', 'manager', 'approver'], below: ['admin', 'manager', 'approver'] }))(
    'decision at %s (%s): %j',
    (_p, path, roles) => {
      expect(allowedRoles((a) => canDecide(a, memberOf(path)))).toEqual(roles);
      expect(allowedRoles((a) => canOpenRound(a, path))).toEqual(roles);
    },
  );
  it('lets the member assess themself, and only at the step in turn', () => {
    expect(canSelfAssess(actorWith('member', '1.23', { memberId: 9 }), memberOf('1.2.5'))).toBe(true);
    expect(evaluationAbilities(actorWith('approver'), { ...memberOf('1.2.5'), status: 'proposed' })).toMatchObject({
      decide: true,
      correct: false,
      selfAssess: false,
    });
    expect(evaluationAbilities(actorWith('approver'), { ...memberOf('1.2.5'), status: 'proposed', isCurrent: false }).decide).toBe(false);
  });
  it('adds rule set versions for administrators only; the system actor does everything', () => {
    expect(allowedRoles(canAddRuleSet)).toEqual(['admin']);
    expect(canAddRuleSet(system) && canDecide(system, memberOf('1.23'))).toBe(true);
    expect(gradingReadScope(system)).toBeNull();
    expect(gradingReadScope(actorWith('member'))).toEqual([]);
  });
});
