/**
 * Party-building targets take their actuals from the registry, the way study coverage feeds
 * study targets: "kết nạp 1.800 đảng viên mới, trong đó ít nhất 300 trong doanh nghiệp ngoài
 * khu vực Nhà nước", "thành lập 20 tổ chức đảng", "25 tổ chức Đoàn – Hội" are counts over the
 * term so far, one point per year (asOf's own day for its year). NEW_MEMBERS_NSE counts the
 * same admissions as NEW_MEMBERS restricted to non-state enterprises, so the "trong đó" part can
 * never exceed its parent and no member is counted twice.
 */
import type { Queryable } from '../../db/pool';
import { eventFigures, foundingFigures } from './indicators.service';

export const REGISTRY_TARGET_CODES = ['NEW_MEMBERS', 'NEW_MEMBERS_NSE', 'PARTY_ORGS_NSE', 'MASS_ORGS'] as const;
export type RegistryTargetCode = (typeof REGISTRY_TARGET_CODES)[number];

export type RegistryPoint = {
  periodKey: string;
  periodEnd: string;
  own: number;
  subtree: number;
  numerator: null;
  denominator: null;
  reporting: number;
};

/**
 * The figure of `code` over the subtree at `orgPath` in [from, to] (0 for an empty period): on
 * today's tree, or on the tree of `day` (tree_orgs) when given, `orgPath` being the path then.
 */
export async function figureOf(
  q: Queryable,
  code: RegistryTargetCode,
  orgPath: string,
  from: string,
  to: string,
  day: string | null = null,
): Promise<number> {
  if (from > to) return 0;
  if (code === 'NEW_MEMBERS' || code === 'NEW_MEMBERS_NSE') {
    const f = await eventFigures(q, orgPath, from, to, day);
    return code === 'NEW_MEMBERS' ? f.admitted : f.admitted_nse;
  }
  const f = await foundingFigures(q, orgPath, from, to, day);
  return code === 'PARTY_ORGS_NSE' ? f.party : f.unions;
}

/**
 * The cumulative series of `code` over the subtree at `orgPath`, counted from 1 January after the
 * term's first year (the congress sits late in it) to each year's end up to asOf. Empty when the
 * registry holds nothing for it by asOf: a reported series stands then. `day` picks the tree as
 * in `figureOf`: a dashboard reading a past tree counts the events of that tree's orgs.
 */
export async function registryTargetSeries(
  q: Queryable,
  code: RegistryTargetCode,
  orgPath: string,
  termStartYear: number,
  asOf: string,
  day: string | null = null,
): Promise<RegistryPoint[]> {
  const from = `${termStartYear + 1}-01-01`;
  const lastYear = Number(asOf.slice(0, 4));
  const days: string[] = [];
  for (let y = termStartYear + 1; y <= lastYear; y++) days.push(y === lastYear ? asOf : `${y}-12-31`);
  const values = await Promise.all(days.map((to) => figureOf(q, code, orgPath, from, to, day)));
  if (values.length === 0 || values[values.length - 1] === 0) return [];
  return days.map((to, i) => ({
    periodKey: to.slice(0, 4),
    periodEnd: to,
    own: values[i]!,
    subtree: values[i]!,
    numerator: null,
    denominator: null,
    reporting: 0,
  }));
}
