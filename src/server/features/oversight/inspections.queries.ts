import type { Queryable } from '../../db/pool';
import type { OversightBasis, OversightKind, OversightStatus, TeamRole } from '../../../domain/oversight';
import type { SelfReportFigures } from './self-report.service';

export const inspectionColumns = `
  x.id, x.org_id AS "orgId", ro.name AS "orgName", ro.path::text AS "runPath", x.entry_id AS "entryId", x.kind, x.basis, x.responsible_body AS "responsibleBody",
  x.subject_org_id AS "subjectOrgId", so.name AS "subjectOrgName", so.path::text AS "subjectPath", x.subject_member_id AS "subjectMemberId",
  (SELECT m.full_name FROM members m WHERE m.id = x.subject_member_id) AS "subjectMemberName",
  x.content, x.theme, x.document_id AS "documentId", (SELECT d.symbol FROM documents d WHERE d.id = x.document_id) AS "documentSymbol",
  to_char(x.period_start, 'YYYY-MM-DD') AS "periodStart", to_char(x.period_end, 'YYYY-MM-DD') AS "periodEnd", x.year, x.status,
  x.decision_symbol AS "decisionSymbol", to_char(x.decision_date, 'YYYY-MM-DD') AS "decisionDate", x.plan_symbol AS "planSymbol",
  x.plan_text AS "planText", x.notice_text AS "noticeText", x.notified_at AS "notifiedAt",
  x.self_report_text AS "selfReportText", x.self_report_figures AS "selfReportFigures", x.self_reported_at AS "selfReportedAt",
  x.team_report_text AS "teamReportText", x.conclusion_symbol AS "conclusionSymbol", x.conclusion_text AS "conclusionText",
  x.concluded_at AS "concludedAt", x.conclusion_sent_at AS "conclusionSentAt", x.closed_at AS "closedAt", x.is_sample AS "isSample", x.version,
  ARRAY(SELECT DISTINCT oo.path::text FROM inspection_recommendations r JOIN orgs oo ON oo.id = r.owner_org_id WHERE r.inspection_id = x.id) AS "ownerPaths"`;
export const inspectionFrom = `inspections x JOIN orgs ro ON ro.id = x.org_id JOIN orgs so ON so.id = x.subject_org_id`;

export type InspectionRow = {
  id: number;
  orgId: number;
  orgName: string;
  runPath: string;
  entryId: number | null;
  kind: OversightKind;
  basis: OversightBasis;
  responsibleBody: string;
  subjectOrgId: number;
  subjectOrgName: string;
  subjectPath: string;
  subjectMemberId: number | null;
  subjectMemberName: string | null;
  content: string;
  theme: string;
  documentId: number | null;
  documentSymbol: string | null;
  periodStart: string;
  periodEnd: string;
  year: number;
  status: OversightStatus;
  decisionSymbol: string | null;
  decisionDate: string | null;
  planSymbol: string | null;
  planText: string | null;
  noticeText: string | null;
  notifiedAt: string | null;
  selfReportText: string | null;
  selfReportFigures: SelfReportFigures | null;
  selfReportedAt: string | null;
  teamReportText: string | null;
  conclusionSymbol: string | null;
  conclusionText: string | null;
  concludedAt: string | null;
  conclusionSentAt: string | null;
  closedAt: string | null;
  isSample: boolean;
  version: number;
  isTeamMember: boolean;
  ownerPaths: string[];
};

/** One file with whether `userId` is on its team; `lock` takes the row for the transaction. */
export async function loadInspection(db: Queryable, id: number, userId: number | null, lock = false): Promise<InspectionRow | undefined> {
  const { rows } = await db.query<InspectionRow>(
    `SELECT ${inspectionColumns}, EXISTS (SELECT 1 FROM inspection_team it WHERE it.inspection_id = x.id AND it.user_id = $2) AS "isTeamMember"
       FROM ${inspectionFrom} WHERE x.id = $1 ${lock ? 'FOR UPDATE OF x' : ''}`,
    [id, userId ?? -1],
  );
  return rows[0];
}

export async function findTeam(db: Queryable, id: number) {
  const { rows } = await db.query<{ userId: number; fullName: string; role: TeamRole }>(
    `SELECT it.user_id AS "userId", u.full_name AS "fullName", it.role FROM inspection_team it JOIN users u ON u.id = it.user_id
      WHERE it.inspection_id = $1 ORDER BY array_position(ARRAY['head','member','secretary'], it.role), u.full_name COLLATE "vi-x-icu"`,
    [id],
  );
  return rows;
}

/** The findings of a file; the linked records' labels come in the order of their ids (the edit form pairs them). */
export async function findFindings(db: Queryable, id: number) {
  const { rows } = await db.query(
    `SELECT f.id, f.version, f.kind, f.theme, f.text, f.item_ids AS "itemIds", f.task_ids AS "taskIds", f.report_ids AS "reportIds", f.member_ids AS "memberIds",
            (SELECT array_agg(i.text ORDER BY u.n) FROM unnest(f.item_ids) WITH ORDINALITY u(id, n) JOIN document_items i ON i.id = u.id) AS "itemTexts",
            (SELECT array_agg(t.title ORDER BY u.n) FROM unnest(f.task_ids) WITH ORDINALITY u(id, n) JOIN tasks t ON t.id = u.id) AS "taskTitles",
            (SELECT array_agg(o.name || ' — ' || r.period_key ORDER BY u.n) FROM unnest(f.report_ids) WITH ORDINALITY u(id, n) JOIN reports r ON r.id = u.id
               JOIN orgs o ON o.id = r.org_id) AS "reportLabels",
            (SELECT array_agg(m.full_name ORDER BY u.n) FROM unnest(f.member_ids) WITH ORDINALITY u(id, n) JOIN members m ON m.id = u.id) AS "memberNames"
       FROM inspection_findings f WHERE f.inspection_id = $1 ORDER BY array_position(ARRAY['strength','limitation','shortcoming','violation'], f.kind), f.id`,
    [id],
  );
  return rows;
}

export type RecommendationRow = {
  id: number;
  inspectionId: number;
  position: number;
  /** A recommendation (kiến nghị) or a requirement (yêu cầu): listed apart, followed up alike. */
  kind: 'recommendation' | 'requirement';
  text: string;
  ownerOrgId: number;
  ownerOrgName: string;
  ownerPath: string;
  deadline: string;
  status: 'open' | 'reported' | 'accepted' | 'reopened';
  evidence: string | null;
  reportedAt: string | null;
  decidedNote: string | null;
  decidedAt: string | null;
  version: number;
  /** The row of `tasks` it became once the conclusion was sent (null before): its status is the follow-up's progress. */
  taskId: number | null;
  taskStatus: string | null;
};
/** Recommendations as read: the view joins each to its task (migration of the follow-up tasks). */
export const recommendationFrom = `recommendation_follow_up r JOIN orgs o ON o.id = r.owner_org_id`;
export const recommendationColumns = `r.id, r.inspection_id AS "inspectionId", r.position, r.kind, r.text, r.owner_org_id AS "ownerOrgId", o.name AS "ownerOrgName", o.path::text AS "ownerPath",
  to_char(r.deadline, 'YYYY-MM-DD') AS deadline, r.status, r.evidence, r.reported_at AS "reportedAt", r.decided_note AS "decidedNote", r.decided_at AS "decidedAt", r.version,
  r.task_id AS "taskId", r.task_status AS "taskStatus"`;

export async function findRecommendations(db: Queryable, inspectionId: number): Promise<RecommendationRow[]> {
  const { rows } = await db.query<RecommendationRow>(
    `SELECT ${recommendationColumns} FROM ${recommendationFrom} WHERE r.inspection_id = $1 ORDER BY r.position`,
    [inspectionId],
  );
  return rows;
}

export async function workflowFacts(db: Queryable, id: number) {
  const { rows } = await db.query<{ findings: number; recommendations: number; openRecommendations: number }>(
    `SELECT (SELECT count(*)::int FROM inspection_findings WHERE inspection_id = $1) AS findings,
            (SELECT count(*)::int FROM inspection_recommendations WHERE inspection_id = $1) AS recommendations,
            (SELECT count(*)::int FROM recommendation_follow_up WHERE inspection_id = $1 AND status <> 'accepted') AS "openRecommendations"`,
    [id],
  );
  return rows[0]!;
}
