import { describe, expect, it } from 'vitest';
import { actorWith, allowedRoles, at, places } from '../../test/policy-roles';
import { canIssueTokenFor, tokenScope } from './api-tokens.policy';

describe('api tokens policy', () => {
  it('gives a token scope to administrators only, and refuses every other role', () => {
    const hasScope = (a: Parameters<typeof tokenScope>[0]) => {
      try {
        return tokenScope(a).length > 0;
      } catch {
        return false;
      }
    };
    expect(allowedRoles(hasScope)).toEqual(['admin']);
  });

  it.each(places({ home: ['admin'], below: ['admin'] }))('issues a token on the org %s (%s) for %j', (_place, path, expected) => {
    expect(allowedRoles((a) => canIssueTokenFor(a, path))).toEqual(expected);
  });

  it('names the administrator’s own org as the scope', () => {
    expect(tokenScope(actorWith('admin', at.home))).toEqual([at.home]);
  });
});
