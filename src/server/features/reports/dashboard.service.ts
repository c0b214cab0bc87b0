/**
 * The leader's dashboard for a document and an org, as of a date: targets by status with the
 * reason and forecast of each, tasks by status and the overdue ones per child org (the heat
 * map), report completeness per child org. Today's tree reads precomputed rollup rows only; a
 * day before the org's subtree changed reads the tree of that day (./dashboard-tree.ts).
 */
import type { Db, Queryable } from '../../db/pool';
import { addTallies, emptyTally, tallyReports, percentOf, TASK_BUCKETS, type ReportTally, type TaskBucket } from '../../../domain/reports';
import { vnToday } from '../../../domain/vn-time';
import {
  evaluateTarget,
  resolveGoal,
  TARGET_STATUSES,
  type IndicatorDirection,
  type TargetComparator,
  type TargetSpec,
  type TargetStatus,
  type YearValue,
} from '../../../domain/targets';
import { scopeOf, type Actor } from '../../lib/actor';
import { notFound } from '../../lib/errors';
import { documentColumns, findDocumentReadable, statementOf, type DocumentRow } from '../documents';
import { findOrgInScope } from '../orgs';
import { cascadeDocsCte } from './reports.queries';
import { indicatorSeries, type SeriesPoint } from './rollups.service';
import { STUDY_RATE_CODE, studyRateSeries } from './study-actuals.service';
import { termYears } from './reports.service';
import { GOOD_RATE_CODES, goodRateSeries } from '../grading';
import { OVERSIGHT_RATE_CODE, oversightCoverageSeries } from '../oversight';
import { REGISTRY_TARGET_CODES, registryTargetSeries } from '../registry';
import {
  dashboardTreeOf,
  datedIndicatorSeries,
  membersOf,
  partlessRates,
  taskLeadOn,
  type Bilingual,
  type DashboardTree,
  type TreeBasis,
} from './dashboard-tree';

/**
 * SQL twins of the domain's `isTaskOverdue` and `taskBucket` (one definition of overdue for
 * every figure): `$asOf` is the SQL parameter holding the viewed date.
 */
const overdueSql = (asOf: string) => `(t.status NOT IN ('done','cancelled') AND t.due_date < ${asOf}::date)`;
const bucketSql = (asOf: string) =>
  `(CASE WHEN ${overdueSql(asOf)} THEN 'overdue' WHEN t.status IN ('done','cancelled','not_started') THEN t.status ELSE 'in_progress' END)`;

type TargetItemRow = {
  id: number;
  text: string;
  position: number;
  indicatorId: number | null;
  indicatorCode: string | null;
  indicatorName: string | null;
  aggregation: string | null;
  direction: IndicatorDirection | null;
  comparator: TargetComparator | null;
  value: number | null;
  valueMin: number | null;
  valueMax: number | null;
  unit: string | null;
  perYear: boolean;
  byYear: number | null;
  baselineValue: number | null;
  baselineYear: number | null;
  yearlyPath: YearValue[] | null;
  eachYear: boolean;
};

export type DashboardTarget = {
  itemId: number;
  text: string;
  statement: string | null;
  indicatorId: number | null;
  indicatorName: string | null;
  aggregation: string | null;
  unit: string;
  status: TargetStatus;
  reason: string;
  latest: number | null;
  latestPeriod: string | null;
  requiredRate: number | null;
  /** Where the actuals come from: approved reports, or study check-ins (STUDY_RATE, see study-actuals.service). */
  source: 'reports' | 'study' | 'grading' | 'oversight' | 'registry';
  actuals: { periodKey: string; periodEnd: string; value: number | null; reporting: number }[];
  yearly: YearValue[];
  plan: YearValue[];
  forecast: YearValue[];
  openExplanations: number;
  /** Why the figure cannot be combined over the subtree of the tree read (shown instead of a number), else null. */
  notCombinable: Bilingual | null;
};

async function resolveScope(db: Db, actor: Actor, documentId: number, orgId: number | undefined) {
  const scope = scopeOf(actor, 'reports.read');
  const doc = await findDocumentReadable(db, documentId, scope);
  if (!doc) throw notFound({ vi: 'Không tìm thấy văn bản.', en: 'Document not found.' });
  const org = await findOrgInScope(db, orgId ?? (await defaultOrgOf(db, doc.orgId, scope)), scope);
  if (!org) throw notFound({ vi: 'Không tìm thấy tổ chức.', en: 'Organization not found.' });
  return { doc, org };
}

/**
 * The org a dashboard opens on without one asked for: the document's issuer when the caller
 * sees it, else the caller's highest org under the issuer (a city approver opening the
 * province's resolution sees the city's part of it, not "not found").
 */
async function defaultOrgOf(db: Db, issuerId: number, scope: string[] | null): Promise<number> {
  if (scope === null) return issuerId;
  const { rows } = await db.query<{ id: number }>(
    `SELECT o.id FROM orgs o, orgs issuer
      WHERE issuer.id = $1 AND o.path <@ issuer.path AND o.path = ANY($2::ltree[])
      ORDER BY (o.id = issuer.id) DESC, nlevel(o.path), o.id LIMIT 1`,
    [issuerId, scope],
  );
  return rows[0]?.id ?? issuerId;
}

/** Turns a series into yearly actuals: each year's latest period (its year-to-date figure). */
function yearlyOf(points: SeriesPoint[], useOwn: boolean): YearValue[] {
  const byYear = new Map<number, number>();
  for (const p of points) {
    const v = useOwn ? p.own : (p.subtree ?? p.own);
    if (v === null) continue;
    byYear.set(Number(p.periodEnd.slice(0, 4)), v);
  }
  return [...byYear.entries()].sort((a, b) => a[0] - b[0]).map(([year, value]) => ({ year, value }));
}

/** The planned path to the goal: the yearly path when entered, else a straight line from the baseline. */
function planOf(spec: TargetSpec, direction: IndicatorDirection, startYear: number, endYear: number): YearValue[] {
  if (spec.yearlyPath && spec.yearlyPath.length > 0) return spec.yearlyPath;
  const goal = resolveGoal(spec, direction);
  if (!goal) return [];
  const due = spec.byYear ?? endYear;
  if (spec.perYear || spec.eachYear) {
    const out: YearValue[] = [];
    for (let y = startYear + 1; y <= due; y++) out.push({ year: y, value: goal.threshold });
    return out;
  }
  if (spec.baselineValue === null) return [{ year: due, value: goal.threshold }];
  const from = spec.baselineYear ?? startYear;
  const out: YearValue[] = [];
  for (let y = from; y <= due; y++)
    out.push({
      year: y,
      value: Math.round((spec.baselineValue + ((goal.threshold - spec.baselineValue) * (y - from)) / Math.max(1, due - from)) * 100) / 100,
    });
  return out;
}

type Evaluation = { status: TargetStatus; reason: string; forecast: YearValue[]; requiredRate?: number };

/**
 * evaluateTarget and statementOf are pure but costly at a province's scale: their Vietnamese
 * reasons format numbers through ICU, and a province dashboard asks for 2,000 targets on every
 * view although their inputs change only when a report is approved. Results are kept by their
 * whole input (spec, direction, yearly figures, years), so a stale result cannot be served;
 * the oldest go first beyond MEMO_LIMIT. Callers must not mutate what they get.
 */
const MEMO_LIMIT = 20_000;
const evaluations = new Map<string, Evaluation>();
const statements = new Map<string, string | null>();

function memo<T>(cache: Map<string, T>, key: string, compute: () => T): T {
  const hit = cache.get(key);
  if (hit !== undefined || cache.has(key)) return hit as T;
  const value = compute();
  if (cache.size >= MEMO_LIMIT) cache.delete(cache.keys().next().value as string);
  cache.set(key, value);
  return value;
}

/** Empties the evaluation memo (benchmarks measure the uncached path with it). */
export function clearEvaluationMemo() {
  evaluations.clear();
  statements.clear();
}

function evaluate(
  spec: TargetSpec,
  yearly: YearValue[],
  opts: { asOfYear: number; termStartYear: number; termEndYear: number; direction: IndicatorDirection },
): Evaluation {
  return memo(evaluations, JSON.stringify([spec, yearly, opts.asOfYear, opts.termStartYear, opts.termEndYear, opts.direction]), () => {
    try {
      return evaluateTarget(spec, yearly, opts);
    } catch (e) {
      return { status: 'not_assessable', reason: `Không đánh giá được: ${(e as Error).message}`, forecast: [] };
    }
  });
}

/**
 * The document's targets judged for the org as of a day. `tree` says which tree the subtree
 * figures come from; without it, or with the live tree, the rollup cache of today's tree.
 */
export async function evaluateDocumentTargets(
  db: Queryable,
  doc: DocumentRow,
  org: { id: number; path: string },
  asOf: string,
  tree?: DashboardTree,
): Promise<DashboardTarget[]> {
  const treeDay = tree?.day ?? null;
  // On a past day's tree the org's path is the one it had then (null: it did not exist yet).
  const path = treeDay === null ? org.path : (tree?.path ?? null);
  const orgId = org.id;
  const { rows: items } = await db.query<TargetItemRow>(
    `SELECT i.id, i.text, i.position, i.indicator_id AS "indicatorId", ind.code AS "indicatorCode", ind.name AS "indicatorName", ind.aggregation, ind.direction,
            i.comparator, i.value::float8 AS value, i.value_min::float8 AS "valueMin", i.value_max::float8 AS "valueMax", COALESCE(i.unit, ind.unit, '') AS unit, i.per_year AS "perYear",
            i.by_year AS "byYear", i.baseline_value::float8 AS "baselineValue", i.baseline_year AS "baselineYear", i.yearly_path AS "yearlyPath", i.each_year AS "eachYear"
       FROM document_items i LEFT JOIN indicators ind ON ind.id = i.indicator_id
      WHERE i.document_id = $1 AND i.kind = 'target' ORDER BY i.position, i.id`,
    [doc.id],
  );
  const ids = [...new Set(items.map((i) => i.indicatorId).filter((x): x is number => x !== null))];
  const { startYear, endYear } = termYears(doc.term);
  const hasStudyTarget = items.some((i) => i.indicatorCode?.toUpperCase() === STUDY_RATE_CODE);
  const aggregations = [...new Map(items.filter((i) => i.indicatorId !== null).map((i) => [i.indicatorId!, i.aggregation])).entries()];
  const [{ series, notCombinable }, studied, { rows: ex }] = await Promise.all([
    treeDay === null
      ? Promise.all([
          indicatorSeries(db, ids, orgId, asOf),
          partlessRates(
            db,
            aggregations.map(([id, aggregation]) => ({ id, aggregation })),
            org.path,
            asOf,
          ),
        ]).then(([live, notCombinable]) => {
          // A refused rate has no subtree figure for its latest period, as on a past tree.
          const series = new Map(live);
          for (const id of notCombinable.keys()) {
            const points = series.get(id);
            const last = points?.at(-1);
            if (points && last) series.set(id, [...points.slice(0, -1), { ...last, subtree: null, numerator: null, denominator: null }]);
          }
          return { series, notCombinable };
        })
      : datedIndicatorSeries(
          db,
          aggregations.map(([id, aggregation]) => ({ id, aggregation })),
          orgId,
          tree!,
          asOf,
        ),
    hasStudyTarget && path !== null ? studyRateSeries(db, doc.id, { path }, asOf, startYear, treeDay) : undefined,
    db.query<{ itemId: number; n: number }>(
      // Only requests addressed to the viewed org or below: a ward's view does not count the city's.
      `SELECT item_id AS "itemId", count(*)::int AS n FROM explanation_requests
        WHERE document_id = $1 AND item_id IS NOT NULL AND status <> 'closed' AND org_id IN (SELECT org_id FROM tree_orgs($2::ltree, $3::date))
        GROUP BY 1`,
      [doc.id, path, treeDay],
    ),
  ]);
  const explanations = new Map(ex.map((e) => [e.itemId, e.n]));
  const graded = path === null ? new Map<string, SeriesPoint[]>() : await gradingSeriesOf(db, items, path, asOf, treeDay);
  // Oversight coverage and the registry's counts read the same tree as every other figure, up to
  // that tree's day: a closed org (a province merged on 01/07/2025) counts its cells' events up to
  // its last day, not those recorded after, when they were its successor's.
  const until = treeDay !== null && treeDay < asOf ? treeDay : asOf;
  const overseen =
    path !== null && items.some((i) => i.indicatorCode?.toUpperCase() === OVERSIGHT_RATE_CODE)
      ? await oversightCoverageSeries(db, path, startYear, endYear, until, treeDay)
      : [];
  // A term's admissions are counted up to its end: a closed term's figure does not take in the next term's.
  const registryDay = until > `${endYear}-12-31` ? `${endYear}-12-31` : until;
  const registered =
    path === null ? new Map<string, SeriesPoint[]>() : await registrySeriesOf(db, items, path, startYear, registryDay, treeDay);
  // Targets are judged on whole years: until 31/12 a year's figure is still year-to-date, and
  // judging it would give a due-year target its final verdict on a partial year.
  const asOfYear = asOf.endsWith('-12-31') ? Number(asOf.slice(0, 4)) : Number(asOf.slice(0, 4)) - 1;
  return items.map((it) => {
    const fromStudy = studied !== undefined && it.indicatorCode?.toUpperCase() === STUDY_RATE_CODE;
    const fromGrading = it.indicatorCode ? graded.get(it.indicatorCode.toUpperCase()) : undefined;
    const fromOversight =
      it.indicatorCode?.toUpperCase() === OVERSIGHT_RATE_CODE && overseen.length > 0 ? oversightPointsOf(overseen, it.perYear) : undefined;
    const fromRegistry = it.indicatorCode ? registered.get(it.indicatorCode.toUpperCase()) : undefined;
    const points = fromRegistry
      ? fromRegistry
      : fromStudy
        ? studied
        : fromGrading
          ? fromGrading
          : fromOversight
            ? fromOversight
            : it.indicatorId !== null
              ? (series.get(it.indicatorId) ?? [])
              : [];
    const useOwn = it.aggregation === 'none' || it.aggregation === null;
    const yearly = yearlyOf(points, useOwn).filter((y) => y.year <= asOfYear);
    const spec: TargetSpec = {
      comparator: it.comparator ?? '>=',
      value: it.value,
      valueMin: it.valueMin,
      valueMax: it.valueMax,
      unit: it.unit ?? '',
      perYear: it.perYear,
      byYear: it.byYear,
      baselineValue: it.baselineValue,
      baselineYear: it.baselineYear,
      yearlyPath: it.yearlyPath,
      eachYear: it.eachYear,
    };
    const direction = it.direction ?? 'higher_better';
    const fromReports = !fromRegistry && !fromStudy && !fromGrading && !fromOversight;
    // The subtree's latest figure of a past tree that the combining rules refuse: no number, the reason instead.
    const refused = fromReports && it.indicatorId !== null && !useOwn ? (notCombinable.get(it.indicatorId) ?? null) : null;
    const ev: Evaluation = refused
      ? { status: 'not_assessable', reason: refused.vi, forecast: [] }
      : evaluate(spec, yearly, { asOfYear, termStartYear: startYear, termEndYear: endYear, direction });
    const statementInput = {
      comparator: it.comparator,
      value: it.value,
      valueMin: it.valueMin,
      valueMax: it.valueMax,
      unit: it.unit,
      perYear: it.perYear,
    };
    const last = [...points].reverse().find((p) => (useOwn ? p.own : (p.subtree ?? p.own)) !== null);
    return {
      itemId: it.id,
      text: it.text,
      statement: memo(statements, JSON.stringify(statementInput), () => statementOf(statementInput)),
      indicatorId: it.indicatorId,
      indicatorName: it.indicatorName,
      aggregation: it.aggregation,
      unit: spec.unit,
      status: ev.status,
      reason: ev.reason,
      requiredRate: ev.requiredRate ?? null,
      source: fromRegistry ? 'registry' : fromStudy ? 'study' : fromGrading ? 'grading' : fromOversight ? 'oversight' : 'reports',
      latest: refused || !last ? null : useOwn ? last.own : (last.subtree ?? last.own),
      latestPeriod: last?.periodKey ?? null,
      actuals: points.map((p) => ({
        periodKey: p.periodKey,
        periodEnd: p.periodEnd,
        value: useOwn ? p.own : (p.subtree ?? p.own),
        reporting: p.reporting,
      })),
      yearly,
      plan: planOf(spec, direction, startYear, endYear),
      forecast: ev.forecast,
      openExplanations: explanations.get(it.id) ?? 0,
      notCombinable: refused,
    };
  });
}

/**
 * ORG_GOOD_RATE and MEMBER_GOOD_RATE from decided ratings (the grading feature), one point a
 * year with its parts. A code with nothing decided yet is left out: its reported series stands.
 */
async function gradingSeriesOf(
  db: Queryable,
  items: TargetItemRow[],
  orgPath: string,
  asOf: string,
  treeDay: string | null,
): Promise<Map<string, SeriesPoint[]>> {
  const codes = [
    ...new Set(
      items.map((i) => i.indicatorCode?.toUpperCase()).filter((c): c is keyof typeof GOOD_RATE_CODES => !!c && c in GOOD_RATE_CODES),
    ),
  ];
  const out = new Map<string, SeriesPoint[]>();
  for (const code of codes) {
    const rows = await goodRateSeries(db, orgPath, GOOD_RATE_CODES[code], asOf, treeDay);
    if (rows.length === 0) continue;
    out.set(
      code,
      rows.map((r) => ({
        periodKey: r.year,
        periodEnd: `${r.year}-12-31`,
        own: r.percent,
        subtree: r.percent,
        numerator: r.numerator,
        denominator: r.denominator,
        reporting: 0,
      })),
    );
  }
  return out;
}

/**
 * NEW_MEMBERS, NEW_MEMBERS_NSE, PARTY_ORGS_NSE, MASS_ORGS from the member registry's events and
 * enterprise register, over the orgs of the tree of `treeDay` (null: today's). A code the
 * registry holds nothing for is left out: its reported series stands.
 */
async function registrySeriesOf(
  db: Queryable,
  items: TargetItemRow[],
  orgPath: string,
  startYear: number,
  asOf: string,
  treeDay: string | null,
): Promise<Map<string, SeriesPoint[]>> {
  const codes = REGISTRY_TARGET_CODES.filter((c) => items.some((i) => i.indicatorCode?.toUpperCase() === c));
  const out = new Map<string, SeriesPoint[]>();
  for (const code of codes) {
    const points = await registryTargetSeries(db, code, orgPath, startYear, asOf, treeDay);
    if (points.length > 0) out.set(code, points);
  }
  return out;
}

/**
 * ORG_OVERSIGHT_RATE from the conclusions issued (the oversight feature), one point a year with
 * its parts: the year's own coverage for a yearly target ("hằng năm"), else the coverage of the
 * term so far ("trong nhiệm kỳ, 100% tổ chức đảng được kiểm tra, giám sát").
 */
function oversightPointsOf(rows: Awaited<ReturnType<typeof oversightCoverageSeries>>, perYear: boolean): SeriesPoint[] {
  return rows.map((r) => {
    const numerator = perYear ? r.coveredYear : r.coveredTerm;
    const percent = perYear ? r.percentYear : r.percentTerm;
    return {
      periodKey: String(r.year),
      periodEnd: `${r.year}-12-31`,
      own: percent,
      subtree: percent,
      numerator,
      denominator: r.denominator,
      reporting: 0,
    };
  });
}

type ChildRow = { childId: number; childName: string; childPath: string };

/**
 * The org's own plans implementing the document (its latest adopted versions), with their
 * targets evaluated for the org, each naming the parent targets it concretizes: a drilled-down
 * ward is judged on its own promises (Dĩ An's GRDP 8,6–8,8%), shown beside the province's.
 */
async function concretizedTargets(db: Queryable, doc: DocumentRow, org: { id: number; path: string }, asOf: string, tree: DashboardTree) {
  const { rows: plans } = await db.query<DocumentRow>(
    `SELECT ${documentColumns} FROM documents d JOIN orgs o ON o.id = d.org_id JOIN document_implements di ON di.document_id = d.id
      WHERE di.implements_series_id = $1 AND d.org_id = $2 AND d.status IN ('adopted','expired') ORDER BY d.id`,
    [doc.seriesId, org.id],
  );
  return Promise.all(
    plans.map(async (plan) => {
      const [targets, { rows: links }] = await Promise.all([
        evaluateDocumentTargets(db, plan, org, asOf, tree),
        db.query<{ childId: number; parentId: number }>(
          `SELECT l.child_item_id AS "childId", l.parent_item_id AS "parentId" FROM item_links l
           JOIN document_items c ON c.id = l.child_item_id JOIN document_items p ON p.id = l.parent_item_id
          WHERE c.document_id = $1 AND p.document_id = $2`,
          [plan.id, doc.id],
        ),
      ]);
      return {
        document: { id: plan.id, symbol: plan.symbol, title: plan.title },
        targets: targets.map((t) => ({ ...t, parentItemIds: links.filter((l) => l.childId === t.itemId).map((l) => l.parentId) })),
      };
    }),
  );
}

/**
 * The dashboard of a document at an org as of a date: today in Vietnam unless the viewer picks
 * another date. Report completeness is of `periodKey` when the viewer picks a period, else of
 * the latest period due by that date. Below the issuer, the org's own plans implementing the
 * document are evaluated too (`concretized`), each target beside the parent target it concretizes.
 * Every count reads the tree `dashboardTreeOf` picks (tree_orgs: today's, or the tree of a past
 * day before the subtree changed), and the answer says which (`tree.label`).
 */
export async function getDashboard(
  db: Db,
  actor: Actor,
  documentId: number,
  q: { orgId?: number; asOf?: string; periodKey?: string; tree?: TreeBasis },
) {
  const { doc, org } = await resolveScope(db, actor, documentId, q.orgId);
  const asOf = q.asOf ?? vnToday();
  const tree = await dashboardTreeOf(db, org, asOf, q.tree ?? 'as_of');
  // The org's depth in the tree read: children are cut from the paths of that tree.
  const depth = (tree.path ?? org.path).split('.').length;
  const { rows: periods } = await db.query<{ key: string; dueDate: string }>(
    `SELECT period_key AS key, to_char(min(due_date), 'YYYY-MM-DD') AS "dueDate" FROM reports
      WHERE document_id = $1 AND org_id IN (SELECT org_id FROM tree_orgs($2::ltree, $3::date)) GROUP BY period_key ORDER BY min(due_date) DESC, period_key DESC`,
    [doc.id, tree.path, tree.day],
  );
  // The period whose reports are counted: the one picked, else the latest due by the date.
  const periodKey = q.periodKey ?? periods.find((p) => p.dueDate <= asOf)?.key ?? null;
  const [targets, taskRows, reportRows, children, explanations, concretized, members] = await Promise.all([
    evaluateDocumentTargets(db, doc, org, asOf, tree),
    // Tasks of the cascade led inside the org's subtree, counted per child org and status.
    db.query<{ childPath: string; bucket: TaskBucket; n: number }>(
      `WITH ${cascadeDocsCte('$1')}
       SELECT CASE WHEN nlevel(lo.path) > $3 THEN subpath(lo.path, 0, $3 + 1)::text ELSE lo.path::text END AS "childPath",
              ${bucketSql('$4')} AS bucket, count(*)::int AS n
         FROM tasks t JOIN document_items i ON i.id = t.item_id JOIN tree_orgs($2::ltree, $5::date) lo ON lo.org_id = ${tree.day === null ? 't.lead_org_id' : taskLeadOn('$5')}
        WHERE i.document_id IN (SELECT id FROM cascade_docs)
        GROUP BY 1, 2`,
      [doc.id, tree.path, depth, asOf, tree.day],
    ),
    // Reports of the latest period, counted per child, status, due date and submission day: a
    // province's 12,000 reports arrive as a few hundred groups, tallied below by the domain rule.
    db.query<{ childPath: string; status: 'draft'; dueDate: string; firstSubmittedOn: string | null; n: number }>(
      `SELECT CASE WHEN nlevel(ro.path) > $3 THEN subpath(ro.path, 0, $3 + 1)::text ELSE ro.path::text END AS "childPath",
              r.status, to_char(r.due_date, 'YYYY-MM-DD') AS "dueDate",
              to_char((r.first_submitted_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, 'YYYY-MM-DD') AS "firstSubmittedOn", count(*)::int AS n
         FROM reports r JOIN tree_orgs($2::ltree, $5::date) ro ON ro.org_id = r.org_id
        WHERE r.document_id = $1 AND r.period_key = $4
        GROUP BY 1, 2, 3, 4`,
      [doc.id, tree.path, depth, periodKey, tree.day],
    ),
    // The children of that tree, with the names they had then.
    db.query<ChildRow>(
      `SELECT org_id AS "childId", name AS "childName", path::text AS "childPath" FROM tree_orgs($1::ltree, $2::date)
        WHERE parent_id = $3 ORDER BY name COLLATE "vi-x-icu"`,
      [tree.path, tree.day, org.id],
    ),
    db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM explanation_requests
        WHERE document_id = $1 AND org_id IN (SELECT org_id FROM tree_orgs($2::ltree, $3::date)) AND status = 'open'`,
      [doc.id, tree.path, tree.day],
    ),
    org.id === doc.orgId ? Promise.resolve([]) : concretizedTargets(db, doc, org, asOf, tree),
    membersOf(db, tree, asOf),
  ]);

  const targetCounts = Object.fromEntries(TARGET_STATUSES.map((s) => [s, targets.filter((t) => t.status === s).length])) as Record<
    TargetStatus,
    number
  >;
  const taskCounts = Object.fromEntries(TASK_BUCKETS.map((b) => [b, 0])) as Record<TaskBucket, number>;
  const heat = new Map<string, { total: number; overdue: number; done: number }>();
  for (const r of taskRows.rows) {
    taskCounts[r.bucket] += r.n;
    const h = heat.get(r.childPath) ?? { total: 0, overdue: 0, done: 0 };
    h.total += r.n;
    if (r.bucket === 'overdue') h.overdue += r.n;
    if (r.bucket === 'done') h.done += r.n;
    heat.set(r.childPath, h);
  }
  const byChild = new Map<string, ReportTally>();
  let total: ReportTally = emptyTally();
  for (const r of reportRows.rows) {
    const one = tallyReports([r], asOf);
    const group: ReportTally = {
      expected: one.expected * r.n,
      submitted: one.submitted * r.n,
      onTime: one.onTime * r.n,
      approved: one.approved * r.n,
      late: one.late * r.n,
    };
    byChild.set(r.childPath, addTallies(byChild.get(r.childPath) ?? emptyTally(), group));
    total = addTallies(total, group);
  }
  const childEntry = (c: { childId: number; childName: string; childPath: string }) => {
    const t = byChild.get(c.childPath) ?? emptyTally();
    const h = heat.get(c.childPath) ?? { total: 0, overdue: 0, done: 0 };
    return {
      orgId: c.childId,
      orgName: c.childName,
      tasks: h,
      reports: { ...t, submittedPct: percentOf(t.submitted, t.expected), onTimePct: percentOf(t.onTime, t.expected) },
    };
  };
  const ownPath = tree.path ?? org.path;
  const own =
    heat.get(ownPath) || byChild.get(ownPath)
      ? [childEntry({ childId: org.id, childName: `${org.name} (cấp mình)`, childPath: ownPath })]
      : [];
  return {
    document: { id: doc.id, symbol: doc.symbol, title: doc.title, term: doc.term, orgId: doc.orgId, orgName: doc.orgName },
    org: { id: org.id, name: org.name, path: org.path, parentId: org.parentId },
    asOf,
    tree: { basis: tree.basis, isPastTree: tree.day !== null, label: tree.label },
    members,
    targets,
    targetCounts,
    tasks: { counts: taskCounts, overdue: taskCounts.overdue },
    periods,
    concretized,
    reports: {
      periodKey,
      ...total,
      submittedPct: percentOf(total.submitted, total.expected),
      onTimePct: percentOf(total.onTime, total.expected),
    },
    children: [...own, ...children.rows.map(childEntry)].filter((c) => c.tasks.total > 0 || c.reports.expected > 0),
    openExplanations: explanations.rows[0]?.n ?? 0,
  };
}

/**
 * The list behind a number of the dashboard: targets of a status, tasks, overdue tasks, reports.
 * It reads the tree the dashboard of the same query reads (`dashboardTreeOf`), so a closed
 * province's list names the cells its number counted, with the names they had on that tree.
 */
export async function getDashboardList(
  db: Db,
  actor: Actor,
  documentId: number,
  q: {
    orgId?: number;
    asOf?: string;
    periodKey?: string;
    tree?: TreeBasis;
    list: 'targets' | 'tasks' | 'overdue_tasks' | 'reports';
    status?: string;
  },
) {
  const { doc, org } = await resolveScope(db, actor, documentId, q.orgId);
  const asOf = q.asOf ?? vnToday();
  const tree = await dashboardTreeOf(db, org, asOf, q.tree ?? 'as_of');
  if (q.list === 'targets') {
    const targets = await evaluateDocumentTargets(db, doc, org, asOf, tree);
    return {
      rows: targets.filter((t) => !q.status || t.status === q.status).map(({ actuals: _a, plan: _p, forecast: _f, yearly: _y, ...t }) => t),
    };
  }
  if (q.list === 'reports') {
    const { rows } = await db.query(
      `SELECT r.id, r.org_id AS "orgId", ro.name AS "orgName", r.period_key AS "periodKey", r.status, to_char(r.due_date, 'YYYY-MM-DD') AS "dueDate",
              r.first_submitted_at AS "firstSubmittedAt", r.approved_at AS "approvedAt"
         FROM reports r JOIN tree_orgs($2::ltree, $6::date) ro ON ro.org_id = r.org_id
        WHERE r.document_id = $1 AND ($3::text IS NULL OR r.status = $3)
          AND r.period_key = COALESCE($5, (SELECT period_key FROM reports WHERE document_id = $1 AND due_date <= $4::date
                                             AND org_id IN (SELECT org_id FROM tree_orgs($2::ltree, $6::date)) ORDER BY due_date DESC, period_key DESC LIMIT 1))
        ORDER BY ro.name COLLATE "vi-x-icu" LIMIT 2000`,
      [doc.id, tree.path, q.status ?? null, asOf, q.periodKey ?? null, tree.day],
    );
    return { rows };
  }
  const { rows } = await db.query(
    `WITH ${cascadeDocsCte('$1')}
     SELECT t.id, t.title, lo.org_id AS "leadOrgId", lo.name AS "leadOrgName", to_char(t.due_date, 'YYYY-MM-DD') AS "dueDate", t.status, t.progress,
            ${overdueSql('$4')} AS "isOverdue", t.item_id AS "itemId"
       FROM tasks t JOIN document_items i ON i.id = t.item_id JOIN tree_orgs($2::ltree, $6::date) lo ON lo.org_id = ${tree.day === null ? 't.lead_org_id' : taskLeadOn('$6')}
      WHERE i.document_id IN (SELECT id FROM cascade_docs)
        AND ($3::text IS NULL OR ${bucketSql('$4')} = $3) AND ($5::boolean IS FALSE OR ${overdueSql('$4')})
      ORDER BY t.due_date NULLS LAST, lo.name COLLATE "vi-x-icu" LIMIT 2000`,
    [doc.id, tree.path, q.status ?? null, asOf, q.list === 'overdue_tasks', tree.day],
  );
  return { rows };
}
