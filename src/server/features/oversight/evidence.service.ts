/**
 * Evidence files (minh chứng) of an inspection: the team's on a finding, the subject's on its
 * self-report, the owner's on the follow-up of a recommendation. Each file is judged by its
 * content (PDF, Word, Excel, PNG or JPEG photos and scans) and counted against the quota of the
 * org that sends it. A file is read by whoever sees the part it belongs to; a read outside the
 * team is audited like the file itself.
 */
import type { Db } from '../../db/pool';
import { inTransaction } from '../../db/pool';
import { can } from '../../../domain/access/permissions';
import { isReadAudited, type OversightPart } from '../../../domain/oversight';
import type { Actor } from '../../lib/actor';
import { acceptAttachment, checkOrgQuota, type FileKind } from '../../lib/attachments';
import { recordAudit } from '../../lib/audit';
import { forbidden, notFound } from '../../lib/errors';
import type { UploadedFile } from '../../lib/upload';
import { abilitiesOf, canWriteAsSubject, inspectionNotFound, partsFor, refused } from './oversight.policy';
import { loadInspection } from './inspections.queries';
import type { EvidenceFields } from '../../../contracts/oversight';

/** The kinds an inspection takes as evidence. */
export const EVIDENCE_KINDS: readonly FileKind[] = ['pdf', 'docx', 'xlsx', 'png', 'jpeg'];

export type EvidencePart = EvidenceFields['part'];
/** Which part of the file a piece of evidence belongs to, for who may read it. */
const partOf: Record<EvidencePart, OversightPart> = { finding: 'findings', self_report: 'self_report', follow_up: 'recommendations' };

const fileNotFound = () => notFound({ vi: 'Không tìm thấy tệp minh chứng.', en: 'Evidence file not found.' });

export type EvidenceFile = {
  id: number;
  part: EvidencePart;
  findingId: number | null;
  recommendationId: number | null;
  fileName: string;
  mimeType: string;
  sizeBytes: number;
  createdAt: string;
};
const fileColumns = `f.id, f.part, f.finding_id AS "findingId", f.recommendation_id AS "recommendationId", f.file_name AS "fileName", f.mime_type AS "mimeType",
  f.size_bytes AS "sizeBytes", f.created_at AS "createdAt"`;

/** Attaches `upload` to a finding, the self-report or a recommendation's follow-up, by the rules of who writes that part. */
export async function addEvidence(db: Db, actor: Actor, id: number, fields: EvidenceFields, upload: UploadedFile): Promise<EvidenceFile> {
  return inTransaction(db, async (tx) => {
    const row = await loadInspection(tx, id, actor.userId, true);
    if (!row) throw inspectionNotFound();
    const { audience, parts } = partsFor(actor, row);
    if (!parts.has(partOf[fields.part])) throw inspectionNotFound();
    const a = abilitiesOf(actor, row, audience);
    let chargedOrgId: number;
    let findingId: number | null = null;
    let recommendationId: number | null = null;
    if (fields.part === 'finding') {
      if (!a.team)
        throw forbidden({
          vi: 'Chỉ đoàn kiểm tra, giám sát mới đính kèm minh chứng cho nhận xét.',
          en: 'Only the team attaches evidence to findings.',
        });
      if (['follow_up', 'closed'].includes(row.status)) throw refused('Thông báo kết luận đã gửi: không bổ sung minh chứng cho nhận xét.');
      const { rows } = await tx.query(`SELECT 1 FROM inspection_findings WHERE id = $1 AND inspection_id = $2`, [fields.findingId, id]);
      if (!rows[0]) throw notFound({ vi: 'Không tìm thấy nhận xét.', en: 'Finding not found.' });
      findingId = fields.findingId!;
      chargedOrgId = row.orgId;
    } else if (fields.part === 'self_report') {
      if (!(actor.userId === null || a.subject)) {
        throw forbidden({
          vi: 'Chỉ tổ chức, đảng viên được kiểm tra, giám sát mới đính kèm minh chứng cho báo cáo tự kiểm tra.',
          en: 'Only the subject attaches evidence to its self-report.',
        });
      }
      if (!['notified', 'self_reported'].includes(row.status))
        throw refused('Chỉ đính kèm minh chứng khi đang chuẩn bị hoặc vừa gửi báo cáo tự kiểm tra.');
      chargedOrgId = row.subjectOrgId;
    } else {
      const { rows } = await tx.query<{ ownerOrgId: number; ownerPath: string; status: string }>(
        `SELECT r.owner_org_id AS "ownerOrgId", o.path::text AS "ownerPath", r.status FROM recommendation_follow_up r JOIN orgs o ON o.id = r.owner_org_id
          WHERE r.id = $1 AND r.inspection_id = $2`,
        [fields.recommendationId, id],
      );
      const rec = rows[0];
      if (!rec) throw notFound({ vi: 'Không tìm thấy kiến nghị.', en: 'Recommendation not found.' });
      const isOwner = actor.userId === null || can(actor.grants, 'reports.write', rec.ownerPath) || canWriteAsSubject(actor, row);
      if (!isOwner)
        throw forbidden({
          vi: 'Chỉ tổ chức chịu trách nhiệm mới đính kèm minh chứng thực hiện kiến nghị.',
          en: 'Only the owner attaches evidence to a recommendation.',
        });
      if (row.status !== 'follow_up' || rec.status === 'accepted')
        throw refused('Chỉ đính kèm minh chứng cho kiến nghị đang theo dõi, chưa nghiệm thu.');
      recommendationId = fields.recommendationId!;
      chargedOrgId = rec.ownerOrgId;
    }
    const file = acceptAttachment(upload, EVIDENCE_KINDS);
    await checkOrgQuota(tx, chargedOrgId, file.buffer.length);
    const { rows } = await tx.query<EvidenceFile>(
      `INSERT INTO oversight_files (inspection_id, part, finding_id, recommendation_id, org_id, file_name, mime_type, size_bytes, content, uploaded_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING ${fileColumns.replaceAll('f.', '')}`,
      [
        id,
        fields.part,
        findingId,
        recommendationId,
        chargedOrgId,
        file.name.normalize('NFC'),
        file.mimeType,
        file.buffer.length,
        file.buffer,
        actor.userId,
      ],
    );
    await recordAudit(tx, actor, {
      action: 'attach',
      entity: 'inspection',
      entityId: id,
      orgId: row.orgId,
      orgPath: row.runPath,
      summary: `Đính kèm minh chứng (${fields.part}): ${file.name}`,
      after: { fileId: rows[0]!.id, ...fields },
    });
    return rows[0]!;
  });
}

/** The evidence of a file the caller may see, part by part (metadata only). */
export async function findEvidence(db: Db, inspectionId: number, parts: Set<OversightPart>): Promise<EvidenceFile[]> {
  const visible = (Object.keys(partOf) as EvidencePart[]).filter((p) => parts.has(partOf[p]));
  if (visible.length === 0) return [];
  const { rows } = await db.query<EvidenceFile>(
    `SELECT ${fileColumns} FROM oversight_files f WHERE f.inspection_id = $1 AND f.part = ANY($2::text[]) ORDER BY f.id`,
    [inspectionId, visible],
  );
  return rows;
}

/** One evidence file's content, for a reader who sees its part; 404 otherwise. */
export async function getEvidence(db: Db, actor: Actor, inspectionId: number, fileId: number) {
  const row = await loadInspection(db, inspectionId, actor.userId);
  if (!row) throw inspectionNotFound();
  const { audience, parts } = partsFor(actor, row);
  const { rows } = await db.query<{ part: EvidencePart; fileName: string; content: Buffer }>(
    `SELECT part, file_name AS "fileName", content FROM oversight_files WHERE id = $1 AND inspection_id = $2`,
    [fileId, inspectionId],
  );
  const file = rows[0];
  if (!file || !parts.has(partOf[file.part])) throw fileNotFound();
  if (isReadAudited(audience) && actor.userId !== null) {
    await inTransaction(db, (tx) =>
      recordAudit(tx, actor, {
        action: 'read_file',
        entity: 'inspection',
        entityId: inspectionId,
        orgId: row.orgId,
        orgPath: row.runPath,
        summary: `Xem minh chứng ${file.fileName} (${audience})`,
      }),
    );
  }
  return file;
}
