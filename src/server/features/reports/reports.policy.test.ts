import { describe, expect, it } from 'vitest';
import { actorWith, allowedRoles, places, system } from '../../test/policy-roles';
import {
  canApproveReport,
  canAskExplanation,
  canManageReporting,
  canWriteReport,
  explanationAbilities,
  reportAbilities,
  requireNotSubmitter,
  requireReportApprove,
} from './reports.policy';

describe('canWriteReport: an org writes its own reports (roles held on 1.2)', () => {
  it.each(places({ home: ['admin', 'manager', 'reporter'], below: ['admin'] }))('a report of %s (%s): %j', (_place, path, roles) => {
    expect(allowedRoles((a) => canWriteReport(a, path))).toEqual(roles);
  });
});

describe('canApproveReport: the level directly above approves (roles held on 1.2)', () => {
  it.each([...places({ below: ['admin', 'approver'] }), ['two levels below', '1.2.5.7', ['admin']] as [string, string, never[]]])(
    'a report of %s (%s): %j',
    (_place, path, roles) => {
      expect(allowedRoles((a) => canApproveReport(a, path))).toEqual(roles);
    },
  );
  it('lets a root org’s own approver approve the root’s report', () => {
    expect(canApproveReport(actorWith('approver', '1'), '1')).toBe(true);
    expect(() => requireReportApprove(actorWith('approver'), '1.2')).toThrow(expect.objectContaining({ code: 'forbidden' }));
  });
});

describe('canAskExplanation: leaders over the org (roles held on 1.2)', () => {
  it.each(places({ home: ['admin', 'manager', 'approver'], below: ['admin', 'manager', 'approver'] }))(
    'of %s (%s): %j',
    (_place, path, roles) => {
      expect(allowedRoles((a) => canAskExplanation(a, path))).toEqual(roles);
    },
  );
  it('answers and closes only while open', () => {
    expect(explanationAbilities(actorWith('reporter'), { orgPath: '1.2', status: 'open' })).toEqual({
      answer: true,
      close: false,
      reply: false,
    });
    expect(explanationAbilities(actorWith('manager'), { orgPath: '1.2.5', status: 'closed' })).toEqual({
      answer: false,
      close: false,
      reply: false,
    });
  });
  it('lets the asking side reply while open: an approver above replies, a reporter of the org does not', () => {
    expect(explanationAbilities(actorWith('approver'), { orgPath: '1.2.5', status: 'answered' })).toEqual({
      answer: false,
      close: true,
      reply: true,
    });
    expect(explanationAbilities(actorWith('viewer'), { orgPath: '1.2.5', status: 'open' })).toEqual({
      answer: false,
      close: false,
      reply: false,
    });
  });
});

describe('canManageReporting: schedules and the public dashboard of a document (roles held on 1.2)', () => {
  it.each(places({ home: ['admin', 'manager'], below: ['admin'] }))('a document of %s (%s): %j', (_place, path, roles) => {
    expect(allowedRoles((a) => canManageReporting(a, path))).toEqual(roles);
  });
});

describe('reportAbilities', () => {
  it.each(places({ home: ['admin', 'manager', 'reporter'], below: ['admin'] }))('submits a draft of %s (%s): %j', (_place, path, roles) => {
    expect(allowedRoles((a) => reportAbilities(a, { orgPath: path, status: 'draft' }).submit)).toEqual(roles);
  });
  it.each(places({ below: ['admin', 'approver'] }))('approves a submitted report of %s (%s): %j', (_place, path, roles) => {
    expect(allowedRoles((a) => reportAbilities(a, { orgPath: path, status: 'submitted' }).approve)).toEqual(roles);
  });
});

describe('the system actor and the separation of duties', () => {
  it('lets the system actor do everything', () => {
    for (const check of [canWriteReport, canApproveReport, canAskExplanation, canManageReporting]) expect(check(system, '1.23')).toBe(true);
  });
  it('refuses the approval of whoever submitted, not of anyone else', () => {
    const approver = actorWith('approver');
    expect(() => requireNotSubmitter(approver, approver.userId)).toThrow(expect.objectContaining({ code: 'forbidden' }));
    expect(() => requireNotSubmitter(approver, 999)).not.toThrow();
    expect(() => requireNotSubmitter(approver, null)).not.toThrow();
    expect(() => requireNotSubmitter(system, 999)).not.toThrow();
  });
});
