/**
 * The oversight coverage as the actual value of a resolution's target ("100% tổ chức đảng
 * được kiểm tra, giám sát"): a target whose indicator is ORG_OVERSIGHT_RATE takes its yearly
 * values from the conclusions issued, never from figures typed into a report. Same count as
 * the commission's dashboard: party organizations strictly below the org, an org counted once
 * a conclusion on it was issued (by `asOf`), the parts kept so the share re-aggregates.
 */
import type { Queryable } from '../../db/pool';
import { oversightPercent } from '../../../domain/oversight';

/** The indicator code whose targets this series feeds (in the catalog since the migration of the follow-up). */
export const OVERSIGHT_RATE_CODE = 'ORG_OVERSIGHT_RATE';

/** Party organizations: committees, grassroots organizations and cells (not agencies, not mass organizations). */
export const PARTY_ORG_KINDS = ['province_committee', 'district_committee', 'commune_committee', 'bloc_committee', 'grassroots', 'cell'];

export type CoveragePoint = {
  year: number;
  denominator: number;
  coveredYear: number;
  coveredTerm: number;
  percentYear: number;
  percentTerm: number;
};

/**
 * One point a year from `firstYear` to `lastYear` (stopping at asOf's year): the orgs existing
 * that year, those concluded on in that very year (`coveredYear`, for "hằng năm" targets), and
 * those concluded on in any year of the term up to it (`coveredTerm`, for "trong nhiệm kỳ").
 * The orgs are those of the tree of `day` when given (`orgPath` is then the org's path of that
 * day, their kinds those of that day), else today's: a province merged away closes its term on
 * its own subtree as it last stood, not on what today's tree leaves under its path.
 */
export async function oversightCoverageSeries(
  db: Queryable,
  orgPath: string,
  firstYear: number,
  lastYear: number,
  asOf: string,
  day: string | null = null,
): Promise<CoveragePoint[]> {
  const until = Math.min(lastYear, Number(asOf.slice(0, 4)));
  if (until < firstYear) return [];
  // tree_orgs with a null day is today's tree (orgs.path <@ root), inlined into this plan. An
  // org's existence in a year is its own span (orgs.valid_to), whichever tree placed it.
  const { rows } = await db.query<{ year: number; denominator: number; coveredYear: number; coveredTerm: number }>(
    `WITH covered AS (
       SELECT x.subject_org_id AS id, min(x.year) AS first_year, array_agg(DISTINCT x.year) AS years
         FROM inspections x JOIN tree_orgs($1::ltree, $6::date) so ON so.org_id = x.subject_org_id
        WHERE x.year BETWEEN $2 AND $3 AND x.status IN ('concluded','follow_up','closed')
          AND x.concluded_at < ($4::date + 1)
        GROUP BY 1
     )
     SELECT y AS year, count(o.id)::int AS denominator,
            count(o.id) FILTER (WHERE y = ANY(c.years))::int AS "coveredYear",
            count(o.id) FILTER (WHERE c.first_year <= y)::int AS "coveredTerm"
       FROM generate_series($2::int, $3::int) y
       JOIN tree_orgs($1::ltree, $6::date) t ON t.path <> $1::ltree AND t.kind = ANY($5::text[])
       JOIN orgs o ON o.id = t.org_id AND (o.valid_to IS NULL OR o.valid_to >= make_date(y, 1, 1))
       LEFT JOIN covered c ON c.id = o.id
      GROUP BY y ORDER BY y`,
    [orgPath, firstYear, until, asOf, PARTY_ORG_KINDS, day],
  );
  return rows.map((r) => ({
    ...r,
    percentYear: oversightPercent({ covered: r.coveredYear, orgs: r.denominator }),
    percentTerm: oversightPercent({ covered: r.coveredTerm, orgs: r.denominator }),
  }));
}
