/**
 * Evidence read when a form is opened rather than when the round is: the status of the org's
 * own targets, judged the way the dashboard judges them as of the period's end, and the
 * inspection conclusions the subject was sent in the period. Judging every target of a
 * province's 6,000 orgs while opening a round would cost minutes; one form's targets cost a
 * few queries.
 */
import type { z } from 'zod';
import type { Db } from '../../db/pool';
import type { evaluationEvidenceResponse } from '../../../contracts/grading';
import { vnToday } from '../../../domain/vn-time';
import type { Actor } from '../../lib/actor';
import { documentColumns, type DocumentRow } from '../documents';
import { evaluateDocumentTargets } from '../reports';
import { evaluationNotFound, findEvaluationVisible } from './evaluations.service';

type InspectionEvidence = z.infer<typeof evaluationEvidenceResponse>['inspections'][number];

export async function getEvaluationEvidence(db: Db, actor: Actor, id: number) {
  const row = await findEvaluationVisible(db, actor, id);
  if (!row) throw evaluationNotFound();
  const { rows: periods } = await db.query<{ start: string; end: string }>(
    `SELECT to_char(period_start, 'YYYY-MM-DD') AS start, to_char(period_end, 'YYYY-MM-DD') AS "end" FROM grading_rounds WHERE id = $1`,
    [row.roundId],
  );
  const period = periods[0]!;
  const today = vnToday();
  const asOf = period.end < today ? period.end : today;
  const { rows: inspections } = await db.query<InspectionEvidence>(
    `SELECT id, kind, theme, conclusion_symbol AS "conclusionSymbol", to_char(sent_on, 'YYYY-MM-DD') AS "sentOn", strengths, limitations, shortcomings, violations,
            recommendations, recommendations_done AS "recommendationsDone"
       FROM grading_inspection_evidence
      WHERE sent_on BETWEEN $1 AND $2 AND (CASE WHEN $3::bigint IS NULL THEN org_id = $4 AND member_id IS NULL ELSE member_id = $3 END)
      ORDER BY sent_on, id`,
    [period.start, period.end, row.memberId, row.orgId],
  );
  if (row.subjectKind === 'member') return { asOf, plans: [], inspections };
  // The org's own plans in force during the period: its latest adopted version of each series.
  const { rows: plans } = await db.query<DocumentRow>(
    `SELECT ${documentColumns} FROM documents d JOIN orgs o ON o.id = d.org_id
      WHERE d.org_id = $1 AND d.status = 'adopted' AND (d.issue_date IS NULL OR d.issue_date <= $2)
        -- Plans of a term that overlaps the period ('2025-2030' for a 2026 quarter).
        AND d.term ~ '^[0-9]{4}-[0-9]{4}$' AND split_part(d.term, '-', 1)::int <= extract(year FROM $2::date) AND split_part(d.term, '-', 2)::int >= extract(year FROM $3::date)
        AND EXISTS (SELECT 1 FROM document_items i WHERE i.document_id = d.id AND i.kind = 'target')
      ORDER BY d.issue_date, d.id`,
    [row.orgId, asOf, period.start],
  );
  const judged = await Promise.all(
    plans.map(async (doc) => {
      const targets = await evaluateDocumentTargets(db, doc, { id: row.orgId, path: row.orgPath }, asOf);
      return {
        document: { id: doc.id, symbol: doc.symbol, title: doc.title },
        targets: targets.map((t) => ({
          itemId: t.itemId,
          text: t.text,
          statement: t.statement,
          status: t.status,
          reason: t.reason,
          latest: t.latest,
          latestPeriod: t.latestPeriod,
          unit: t.unit,
        })),
      };
    }),
  );
  return { asOf, plans: judged, inspections };
}
