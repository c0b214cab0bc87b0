/** The results table of a round as .xlsx: one row per rated org and member, decided or not. */
import type { Db } from '../../db/pool';
import { GRADE_LABELS, type GradeLevel } from '../../../domain/grading';
import type { Actor } from '../../lib/actor';
import { buildSheet } from '../../lib/xlsx';
import { findRoundVisible, roundNotFound } from './rounds.service';
import { gradingReadScope } from './grading.policy';

export async function exportResultsSheet(db: Db, actor: Actor, roundId: number, orgId?: number) {
  const round = await findRoundVisible(db, actor, roundId);
  if (!round) throw roundNotFound();
  const { rows } = await db.query<{
    kind: string;
    name: string;
    orgName: string;
    score: number | null;
    proposed: GradeLevel | null;
    decided: GradeLevel | null;
    versionNo: number;
    reason: string | null;
  }>(
    `SELECT e.subject_kind AS kind, COALESCE(m.full_name, o.name) AS name, o.name AS "orgName", e.score, e.proposed_level AS proposed, e.decided_level AS decided,
            e.version_no AS "versionNo", e.correction_reason AS reason
       FROM grading_evaluations e JOIN orgs o ON o.id = e.org_id LEFT JOIN members m ON m.id = e.member_id
      WHERE e.round_id = $1 AND e.is_current AND ($2::ltree[] IS NULL OR o.path <@ $2::ltree[])
        AND ($3::bigint IS NULL OR o.path <@ (SELECT path FROM orgs WHERE id = $3 AND ($2::ltree[] IS NULL OR path <@ $2::ltree[])))
      ORDER BY e.subject_kind DESC, o.path, m.given_name COLLATE "vi-x-icu", name COLLATE "vi-x-icu", e.id`,
    [roundId, gradingReadScope(actor), orgId ?? null],
  );
  const label = (l: GradeLevel | null) => (l ? GRADE_LABELS.vi[l] : '');
  const buffer = await buildSheet(
    'Kết quả xếp loại',
    [
      { header: 'Đối tượng', key: 'kind', width: 14 },
      { header: 'Họ tên / Tổ chức', key: 'name', width: 34 },
      { header: 'Chi bộ / Đơn vị', key: 'orgName', width: 34 },
      { header: 'Điểm', key: 'score', width: 8 },
      { header: 'Đề xuất', key: 'proposed', width: 28 },
      { header: 'Xếp loại', key: 'decided', width: 28 },
      { header: 'Lần điều chỉnh', key: 'version', width: 12 },
      { header: 'Lý do điều chỉnh', key: 'reason', width: 30 },
    ],
    rows.map((r) => ({
      kind: r.kind === 'member' ? 'Đảng viên' : 'Tổ chức đảng',
      name: r.name,
      orgName: r.orgName,
      score: r.score,
      proposed: label(r.proposed),
      decided: label(r.decided),
      version: r.versionNo - 1,
      reason: r.reason ?? '',
    })),
  );
  return { buffer, fileName: `Ket-qua-xep-loai-${round.periodKey}.xlsx` };
}
