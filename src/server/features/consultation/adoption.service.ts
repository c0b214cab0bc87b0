/**
 * Adoption at a conference: the meeting record (date, mode, bridge points, attendance, the
 * vote) and the draft adopted as its latest version, once every comment has a disposition.
 */
import type { Db } from '../../db/pool';
import { inTransaction } from '../../db/pool';
import { checkVote, compareVersions } from '../../../domain/consultation';
import type { AdoptInput } from '../../../contracts/consultation';
import type { Actor } from '../../lib/actor';
import { recordAudit } from '../../lib/audit';
import { AppError } from '../../lib/errors';
import { adoptDraftAtConference, findItems } from '../documents';
import { openConsultation } from './consultation-access';
import { requireTeam, requireTeamLead } from './consultation.policy';
import { findVersionItems } from './consultation.queries';
import { countUndisposed, fieldError, getWorkspace, issueVersionTx, lockConsultation, requireDraftOpen } from './consultation.service';

export async function adoptAtConference(db: Db, actor: Actor, documentId: number, input: AdoptInput) {
  await inTransaction(db, async (tx) => {
    const access = await openConsultation(tx, actor, documentId);
    requireTeam(access.role);
    requireTeamLead(access.role);
    requireDraftOpen(access.doc);
    const vote = checkVote(input);
    if (vote) throw fieldError(`body.${vote.field}`, vote.message);
    if (input.mode === 'in_person' && input.bridgePoints.length > 0)
      throw fieldError('body.bridgePoints', 'Hội nghị trực tiếp không có điểm cầu; chọn hình thức trực tuyến hoặc kết hợp.');
    await lockConsultation(tx, documentId);
    const open = await countUndisposed(tx, documentId);
    if (open > 0)
      throw new AppError(
        'conflict',
        { vi: `Còn ${open} ý kiến góp ý chưa được xử lý; chưa thể thông qua.`, en: `${open} comments have no disposition yet.` },
        { reason: 'comments_without_disposition', count: open },
      );
    const { rows: latest } = await tx.query<{ id: number }>(
      'SELECT id FROM consultation_versions WHERE document_id = $1 ORDER BY version_no DESC LIMIT 1',
      [documentId],
    );
    if (!latest[0]) throw fieldError('params.id', 'Dự thảo chưa được phát hành lần nào; chưa thể đưa ra hội nghị thông qua.');
    // What the conference adopts is the draft as it stands: if the group revised it after the
    // last issued version, that text becomes a version of its own first.
    const current = await findItems(tx, documentId);
    const snapshot = await findVersionItems(tx, latest[0].id);
    const asItems = current.map((i, n) => ({
      stableKey: i.stableKey,
      parentKey: snapshot.find((s) => s.stableKey === i.stableKey)?.parentKey ?? null,
      kind: i.kind,
      ord: n,
      depth: 0,
      text: i.text,
      value: i.value === null ? null : Number(i.value),
      valueMin: i.valueMin === null ? null : Number(i.valueMin),
      valueMax: i.valueMax === null ? null : Number(i.valueMax),
      unit: i.unit,
    }));
    const differs =
      current.length !== snapshot.length ||
      compareVersions(snapshot, asItems).some(
        (c) => c.change !== 'same' && !(c.differences.length === 1 && c.differences[0] === 'position'),
      );
    const adoptedVersionId = differs ? await issueVersionTx(tx, actor, documentId, 'Bản trình hội nghị thông qua') : latest[0].id;
    await tx.query(
      `UPDATE consultation_documents SET meeting_name = $2, meeting_date = $3, meeting_mode = $4, bridge_points = $5, attendance = $6,
              votes_for = $7, votes_against = $8, votes_abstain = $9, adopted_version_id = $10, version = version + 1
        WHERE document_id = $1`,
      [
        documentId,
        input.meetingName.normalize('NFC'),
        input.meetingDate,
        input.mode,
        input.bridgePoints.map((p) => p.normalize('NFC')),
        input.attendance,
        input.votesFor,
        input.votesAgainst,
        input.votesAbstain,
        adoptedVersionId,
      ],
    );
    await adoptDraftAtConference(tx, actor, access.doc, input.meetingDate);
    await recordAudit(tx, actor, {
      action: 'adopt_at_conference',
      entity: 'consultation',
      entityId: documentId,
      orgId: access.doc.orgId,
      orgPath: access.doc.orgPath,
      summary: `${input.meetingName} thông qua ${access.doc.symbol}: ${input.votesFor}/${input.attendance} tán thành`,
      after: input,
    });
  });
  return getWorkspace(db, actor, documentId);
}
