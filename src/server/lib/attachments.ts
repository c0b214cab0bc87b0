/**
 * Attached files are judged by their content, never by the name or Content-Type the client
 * sent: the first bytes say what a file is (our own small sniffer), each feature names the
 * kinds it takes, downloads carry the type we found, and each org has a storage quota.
 */
import type { FastifyReply } from 'fastify';
import type { Queryable } from '../db/pool';
import { AppError } from './errors';
import { sendFile } from './http';
import type { UploadedFile } from './upload';
import { listZipEntries } from './zip-guard';

export type FileKind = 'pdf' | 'docx' | 'xlsx' | 'pptx' | 'ole' | 'png' | 'jpeg' | 'odt' | 'ods';

const kinds: Record<FileKind, { mime: string; ext: string; label: string }> = {
  pdf: { mime: 'application/pdf', ext: '.pdf', label: 'PDF' },
  docx: { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', ext: '.docx', label: 'Word (.docx)' },
  xlsx: { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', ext: '.xlsx', label: 'Excel (.xlsx)' },
  pptx: { mime: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', ext: '.pptx', label: 'PowerPoint (.pptx)' },
  // Word 97-2003 and Excel 97-2003 share one container; its name tells which.
  ole: { mime: 'application/octet-stream', ext: '.doc', label: 'Word/Excel 97-2003 (.doc, .xls)' },
  png: { mime: 'image/png', ext: '.png', label: 'ảnh PNG' },
  jpeg: { mime: 'image/jpeg', ext: '.jpg', label: 'ảnh JPEG' },
  odt: { mime: 'application/vnd.oasis.opendocument.text', ext: '.odt', label: 'OpenDocument (.odt)' },
  ods: { mime: 'application/vnd.oasis.opendocument.spreadsheet', ext: '.ods', label: 'OpenDocument (.ods)' },
};

const startsWith = (buf: Buffer, bytes: number[]) => bytes.every((b, i) => buf[i] === b);

/** What a file is, from its first bytes (and, for a zip, the names of its parts); null when unknown. */
export function sniffKind(buf: Buffer): FileKind | null {
  if (buf.subarray(0, 1024).includes('%PDF-')) return 'pdf';
  if (startsWith(buf, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(buf, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(buf, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return 'ole';
  if (startsWith(buf, [0x50, 0x4b, 0x03, 0x04])) {
    let names: string[];
    try {
      names = listZipEntries(buf).map((e) => e.name);
    } catch {
      return null;
    }
    if (names.includes('word/document.xml')) return 'docx';
    if (names.includes('xl/workbook.xml')) return 'xlsx';
    if (names.includes('ppt/presentation.xml')) return 'pptx';
    const mimetype = buf.subarray(30, 120).toString('latin1');
    if (mimetype.includes('application/vnd.oasis.opendocument.text')) return 'odt';
    if (mimetype.includes('application/vnd.oasis.opendocument.spreadsheet')) return 'ods';
  }
  return null;
}

export type Attachment = { name: string; mimeType: string; buffer: Buffer; kind: FileKind };

/**
 * The upload as we will store it: its kind sniffed and checked against `allowed` (400 naming
 * `body.file` otherwise), our type for it, and its (already safe) name ending in the kind's
 * extension, so that "hoa-don.pdf.exe" or a page sent as a PDF never comes back as what it claimed.
 */
export function acceptAttachment(file: UploadedFile, allowed: readonly FileKind[]): Attachment {
  const kind = sniffKind(file.buffer);
  if (!kind || !allowed.includes(kind)) {
    const names = allowed.map((k) => kinds[k].label).join(', ');
    const vi = `Chỉ nhận tệp ${names}. Tệp "${file.name}" không phải loại này (hệ thống đọc nội dung tệp, không dựa vào tên tệp).`;
    throw new AppError(
      'validation_failed',
      { vi, en: `Only ${names} files are accepted; "${file.name}" is not one of them.` },
      { fields: [{ field: 'body.file', message: vi }] },
    );
  }
  const ext = kind === 'ole' && /\.xls$/i.test(file.name) ? '.xls' : kinds[kind].ext;
  const stem = file.name.replace(/\.[^.]{1,10}$/, '');
  const name = kind === 'ole' && /\.(doc|xls)$/i.test(file.name) ? file.name : `${stem || 'tep'}${ext}`;
  return { name, mimeType: kinds[kind].mime, buffer: file.buffer, kind };
}

/** Sends a stored attachment with the type its content shows (never a type a client once sent). */
export function sendAttachment(reply: FastifyReply, content: Buffer, fileName: string) {
  const kind = sniffKind(content);
  return sendFile(reply, content, fileName, kind ? kinds[kind].mime : 'application/octet-stream');
}

/** Storage each org may use for attachments (documents', reports', inspections' and explanations'), in bytes; `RESOLUTE_ORG_QUOTA_MB` overrides. */
export function orgQuotaBytes(): number {
  const mb = Number(process.env.RESOLUTE_ORG_QUOTA_MB ?? 500);
  return (Number.isFinite(mb) && mb > 0 ? mb : 500) * 1024 * 1024;
}

const size = (bytes: number) =>
  bytes < 1024 * 1024
    ? `${Math.ceil(bytes / 1024).toLocaleString('vi-VN')} KB`
    : `${(bytes / (1024 * 1024)).toLocaleString('vi-VN', { maximumFractionDigits: 1 })} MB`;

/**
 * Refuses (413) an attachment that would take the org past its quota. Call inside the
 * transaction that inserts: the advisory lock makes two uploads to one org count one after
 * the other. The one place that knows where attachments are stored.
 */
export async function checkOrgQuota(tx: Queryable, orgId: number, adding: number): Promise<void> {
  await tx.query(`SELECT pg_advisory_xact_lock(hashtext('attachments.quota'), $1::int)`, [orgId]);
  const { rows } = await tx.query<{ used: string }>(
    `SELECT (SELECT COALESCE(sum(f.size_bytes), 0) FROM document_files f JOIN documents d ON d.id = f.document_id WHERE d.org_id = $1)
          + (SELECT COALESCE(sum(f.size_bytes), 0) FROM report_files f JOIN reports r ON r.id = f.report_id WHERE r.org_id = $1)
          + (SELECT COALESCE(sum(f.size_bytes), 0) FROM oversight_files f WHERE f.org_id = $1)
          + (SELECT COALESCE(sum(f.size_bytes), 0) FROM explanation_files f WHERE f.org_id = $1) AS used`,
    [orgId],
  );
  const used = Number(rows[0]?.used ?? 0);
  const quota = orgQuotaBytes();
  if (used + adding > quota) {
    const vi = `Tổ chức đã dùng ${size(used)} trong hạn mức ${size(quota)} cho tệp đính kèm; thêm tệp này (${size(adding)}) sẽ vượt hạn mức. Hãy xóa tệp cũ không cần thiết hoặc liên hệ quản trị hệ thống.`;
    throw new AppError(
      'payload_too_large',
      { vi, en: `The organization uses ${size(used)} of its ${size(quota)} for attachments; this file (${size(adding)}) would exceed it.` },
      { fields: [{ field: 'body.file', message: vi }] },
    );
  }
}
