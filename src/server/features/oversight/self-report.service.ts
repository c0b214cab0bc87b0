/**
 * The figures that pre-fill a subject's self-report (báo cáo tự kiểm tra), read from what the
 * app already holds: the targets' status of the resolution examined at the subject, overdue
 * tasks the subject leads, report completeness, study coverage of the resolution, and open
 * explanation requests. Other features' data is read through their services or read-only SQL.
 */
import type { Queryable, Db } from '../../db/pool';
import { coveragePercent } from '../../../domain/study/coverage';
import { vnToday } from '../../../domain/vn-time';
import { systemActor } from '../../lib/actor';
import { getDashboard } from '../reports';
import { getStudyCoverage } from '../study';

export type SelfReportFigures = {
  asOf: string;
  documentSymbol: string | null;
  targets: { total: number; achieved: number; onTrack: number; atRisk: number; offTrack: number; notAssessable: number } | null;
  offTrackTargets: { itemId: number; text: string; status: string }[];
  tasks: { led: number; overdue: number };
  reports: { periodKey: string | null; expected: number; submitted: number; approved: number } | null;
  study: { studied: number; members: number; percent: number } | null;
  openExplanations: number;
};

export async function selfReportFigures(
  db: Queryable,
  subject: { orgId: number; path: string; documentId: number | null },
  asOf = vnToday(),
): Promise<SelfReportFigures> {
  // One query at a time: `db` may be a transaction's client (the demo), which runs one at once.
  const t = await taskFigures(db, subject.path, asOf);
  if (subject.documentId === null) {
    return {
      asOf,
      documentSymbol: null,
      targets: null,
      offTrackTargets: [],
      tasks: t.tasks,
      reports: null,
      study: null,
      openExplanations: t.openExplanations,
    };
  }
  // The subject's view of the resolution's dashboard, read as the system: the caller's right
  // to the inspection file was checked before. getDashboard only runs queries.
  const dash = await getDashboard(db as Db, systemActor(), subject.documentId, { orgId: subject.orgId, asOf });
  const study = await getStudyCoverage(db, subject.documentId, subject.path, asOf);
  const c = dash.targetCounts;
  return {
    asOf,
    documentSymbol: dash.document.symbol,
    targets: {
      total: dash.targets.length,
      achieved: c.achieved,
      onTrack: c.on_track,
      atRisk: c.at_risk,
      offTrack: c.off_track,
      notAssessable: c.not_assessable,
    },
    offTrackTargets: dash.targets
      .filter((x) => x.status === 'off_track' || x.status === 'at_risk')
      .map((x) => ({ itemId: x.itemId, text: x.text, status: x.status })),
    tasks: t.tasks,
    reports: {
      periodKey: dash.reports.periodKey,
      expected: dash.reports.expected,
      submitted: dash.reports.submitted,
      approved: dash.reports.approved,
    },
    study: { ...study, percent: coveragePercent(study) },
    openExplanations: t.openExplanations,
  };
}

async function taskFigures(db: Queryable, path: string, asOf: string) {
  const { rows } = await db.query<{ led: number; overdue: number; explanations: number }>(
    `SELECT (SELECT count(*)::int FROM tasks t WHERE path_of(t.lead_org_id) <@ $1::ltree AND t.status <> 'cancelled') AS led,
            (SELECT count(*)::int FROM tasks t WHERE path_of(t.lead_org_id) <@ $1::ltree AND t.status NOT IN ('done','cancelled') AND t.due_date < $2::date) AS overdue,
            (SELECT count(*)::int FROM explanation_requests e WHERE path_of(e.org_id) <@ $1::ltree AND e.status = 'open') AS explanations`,
    [path, asOf],
  );
  const r = rows[0]!;
  return { tasks: { led: r.led, overdue: r.overdue }, openExplanations: r.explanations };
}
