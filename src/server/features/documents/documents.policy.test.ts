import { describe, expect, it } from 'vitest';
import { actorWith, allowedRoles, places, system } from '../../test/policy-roles';
import { canEditIndicators, documentAbilities, requireAssignTasks, requireDocumentWrite, requireDraft } from './documents.policy';

const draft = (orgPath: string) => ({ orgPath, status: 'draft' as const, previousVersionId: null });

describe('documentAbilities, for every role held on 1.2', () => {
  it.each(places({ home: ['admin', 'manager'], below: ['admin'] }))('a draft of %s (%s) is edited by %j', (_place, path, roles) => {
    expect(allowedRoles((a) => documentAbilities(a, draft(path)).update)).toEqual(roles);
  });
  it('amends an adopted document, never edits it in place', () => {
    const abilities = documentAbilities(actorWith('manager'), { orgPath: '1.2', status: 'adopted', previousVersionId: null });
    expect(abilities).toMatchObject({ update: false, amend: true, expire: true, delete: false });
    expect(() => requireDraft({ status: 'adopted', symbol: '01-NQ/TU' })).toThrow(expect.objectContaining({ code: 'conflict' }));
  });
  it('refuses with 403 just outside the subtree; the system actor writes anywhere', () => {
    expect(() => requireDocumentWrite(actorWith('admin'), { orgPath: '1.23' })).toThrow(expect.objectContaining({ code: 'forbidden' }));
    expect(documentAbilities(system, draft('1.23')).update).toBe(true);
  });
});

describe('requireAssignTasks, for every role held on 1.2', () => {
  const passes = (path: string) => (a: Parameters<typeof requireAssignTasks>[0]) => {
    try {
      requireAssignTasks(a, path);
      return true;
    } catch {
      return false;
    }
  };
  it.each(places({ home: ['admin', 'manager'], below: ['admin'] }))('in the name of %s (%s): %j', (_place, path, roles) => {
    expect(allowedRoles(passes(path))).toEqual(roles);
  });
});

describe('canEditIndicators (the shared catalog)', () => {
  it('is an administrator’s only, for every role', () => {
    expect(allowedRoles(canEditIndicators)).toEqual(['admin']);
    expect(canEditIndicators(system)).toBe(true);
  });
});
