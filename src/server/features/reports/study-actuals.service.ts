/**
 * Study coverage as the actual of "100% đảng viên được học tập, quán triệt" targets: the figure
 * comes from check-ins, not from a number someone types into a report.
 *
 * Which resolution a target measures: members study resolutions (and directives, conclusions),
 * not the programs and plans that carry them out. A target on STUDY_RATE in a resolution,
 * directive or conclusion measures that document's series. In an action program, plan or
 * scheme it measures what the document implements, followed up the implements links until a
 * resolution is reached (a ward's plan of the city's program of the province's resolution
 * measures the province's resolution). A program that implements nothing measures itself.
 * When a program implements several resolutions, the actual is the least studied of them:
 * "every member studied the resolutions" holds only when it holds for each.
 *
 * Versions: study counts are kept per document version. A series' coverage is its best-covered
 * version; a member who studied two versions is then never counted twice (it can undercount
 * members split between versions, until counts are kept per series).
 *
 * Reported figures still count where nobody has checked in: orgs that studied before the app,
 * or on paper, keep reporting the number, and it is used until the first check-in.
 */
import type { Queryable } from '../../db/pool';
import { coveragePercent, type CoverageParts } from '../../../domain/study/coverage';
import { latestDocSql } from '../documents';
import { getStudyCoverage } from '../study';
import type { SeriesPoint } from './rollups.service';

export const STUDY_RATE_CODE = 'STUDY_RATE';

const PROGRAM_KINDS = `('action_program','plan','scheme')`;

/**
 * The document versions a STUDY_RATE target of `documentId` is measured on, grouped by series
 * (one group per resolution measured). Empty when the document does not exist.
 */
export async function findStudySources(db: Queryable, documentId: number): Promise<number[][]> {
  // The depth bound guards against a cycle of implements links entered by mistake.
  const { rows } = await db.query<{ ids: number[] }>(
    `WITH RECURSIVE up(id, series_id, kind, depth) AS (
       SELECT d.id, d.series_id, d.kind, 0 FROM documents d WHERE d.id = $1
       UNION
       SELECT p.id, p.series_id, p.kind, u.depth + 1
         FROM up u JOIN document_implements di ON di.document_id = u.id
         JOIN documents p ON p.series_id = di.implements_series_id AND ${latestDocSql('p')}
        WHERE u.kind IN ${PROGRAM_KINDS} AND u.depth < 8
     ),
     sources AS (
       SELECT DISTINCT u.series_id FROM up u
        WHERE u.kind NOT IN ${PROGRAM_KINDS} OR NOT EXISTS (SELECT 1 FROM document_implements di WHERE di.document_id = u.id)
     )
     SELECT array_agg(v.id ORDER BY v.version_no)::int[] AS ids
       FROM sources s JOIN documents v ON v.series_id = s.series_id
      GROUP BY s.series_id ORDER BY s.series_id`,
    [documentId],
  );
  return rows.map((r) => r.ids);
}

/** Coverage of the sources over an org's subtree at the end of `asOf`: the least covered source. */
export async function studyCoverageOf(
  db: Queryable,
  sources: number[][],
  orgPath: string,
  asOf: string,
  treeDay: string | null = null,
): Promise<CoverageParts | null> {
  if (sources.length === 0) return null;
  const perSource = await Promise.all(
    sources.map(async (versions) => {
      const parts = await Promise.all(versions.map((id) => getStudyCoverage(db, id, orgPath, asOf, treeDay)));
      return parts.reduce((best, p) => (p.studied > best.studied ? p : best));
    }),
  );
  return perSource.reduce((worst, p) => (coveragePercent(p) < coveragePercent(worst) ? p : worst));
}

/**
 * The STUDY_RATE series of an org's subtree from check-ins: one point per year of the term up
 * to asOf's year, each at the year's end (asOf's own day for its year), starting with the first
 * year anyone studied. Undefined when nobody in the subtree has studied by asOf: the reported
 * series stands then. With `treeDay` every point is counted on the tree of that day (getStudyCoverage).
 */
export async function studyRateSeries(
  db: Queryable,
  documentId: number,
  org: { path: string },
  asOf: string,
  termStartYear: number,
  treeDay: string | null = null,
): Promise<SeriesPoint[] | undefined> {
  const sources = await findStudySources(db, documentId);
  const lastYear = Number(asOf.slice(0, 4));
  const days: string[] = [];
  for (let y = Math.min(termStartYear, lastYear); y <= lastYear; y++) days.push(y === lastYear ? asOf : `${y}-12-31`);
  const parts = await Promise.all(days.map((day) => studyCoverageOf(db, sources, org.path, day, treeDay)));
  const first = parts.findIndex((p) => p !== null && p.studied > 0);
  if (first < 0) return undefined;
  const points: SeriesPoint[] = [];
  for (let i = first; i < days.length; i++) {
    const p = parts[i]!;
    const value = coveragePercent(p);
    points.push({
      periodKey: days[i]!.slice(0, 4),
      periodEnd: days[i]!,
      own: value,
      subtree: value,
      numerator: p.studied,
      denominator: p.members,
      reporting: 0,
    });
  }
  return points;
}
