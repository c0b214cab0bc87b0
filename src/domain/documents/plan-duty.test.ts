import { describe, expect, it } from 'vitest';
import { planDutyOf } from './plan-duty';

describe('planDutyOf', () => {
  it('makes every party organization above the cell owe a plan', () => {
    for (const kind of ['province_committee', 'district_committee', 'commune_committee', 'bloc_committee', 'grassroots'] as const)
      expect(planDutyOf(kind, false)).toBe('party_org');
  });
  it('makes an agency or mass organization owe a plan only when the document assigns it', () => {
    expect(planDutyOf('agency', false)).toBeNull();
    expect(planDutyOf('mass_org', false)).toBeNull();
    expect(planDutyOf('agency', true)).toBe('assigned');
    expect(planDutyOf('mass_org', true)).toBe('assigned');
  });
  it('never asks a cell for a plan', () => {
    expect(planDutyOf('cell', true)).toBeNull();
  });
});
