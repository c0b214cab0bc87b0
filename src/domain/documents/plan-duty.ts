import type { OrgKind } from '../orgs/org-kinds';

/**
 * Why an org owes a program or plan for a document:
 * - `party_org`: a party organization below the issuer carries the resolution out with its own
 *   plan (Quy định 24-QĐ/TW: the party committees at each level concretize the resolution);
 * - `assigned`: a state agency or mass organization was given a task by the document itself.
 */
export type PlanDutyReason = 'party_org' | 'assigned';

/** Party organizations that issue their own plan. Cells carry out their committee's plan. */
export const planIssuingKinds: readonly OrgKind[] = [
  'central',
  'province_committee',
  'district_committee',
  'commune_committee',
  'bloc_committee',
  'grassroots',
];

/**
 * Whether an org owes a plan for a document, and why; null when it owes none. An agency (a
 * "Sở") or a mass organization has no plan of its own to issue unless the document assigns it
 * work: its party committee, a party org, issues the plan.
 */
export function planDutyOf(kind: OrgKind, isAssigned: boolean): PlanDutyReason | null {
  if (planIssuingKinds.includes(kind)) return 'party_org';
  if ((kind === 'agency' || kind === 'mass_org') && isAssigned) return 'assigned';
  return null;
}

export const planDutyLabels: Record<PlanDutyReason, { vi: string; en: string }> = {
  party_org: {
    vi: 'Tổ chức đảng cấp dưới: phải ban hành chương trình, kế hoạch thực hiện',
    en: 'Lower party organization: issues its own plan',
  },
  assigned: { vi: 'Được văn bản giao nhiệm vụ', en: 'Assigned a task by the document' },
};
