import type { FastifyRequest } from 'fastify';
import { AppError, type Bilingual } from './errors';
import { findNul, stripInvisible, stripNameFields } from './text-guard';

export type UploadedFile = { name: string; mimeType: string; buffer: Buffer };
export type Multipart = { fields: Record<string, string>; file: UploadedFile | null };

/** Reads a multipart body: its text fields and the file sent as `file` (the last one wins). */
export async function readMultipart(req: FastifyRequest): Promise<Multipart> {
  const fields: Record<string, string> = {};
  let file: UploadedFile | null = null;
  for await (const part of req.parts()) {
    if (part.type === 'field') fields[part.fieldname] = String(part.value);
    else if (part.fieldname === 'file')
      file = { name: safeFileName(part.filename), mimeType: part.mimetype, buffer: await part.toBuffer() };
    else await part.toBuffer(); // drain files under other names so the request completes
  }
  const field = findNul(fields, 'body');
  if (field) {
    throw new AppError(
      'validation_failed',
      { vi: 'Dữ liệu gửi lên có ký tự không hợp lệ (NUL).', en: 'The request holds an invalid character (NUL).' },
      {
        fields: [{ field, message: 'Dữ liệu gửi lên có ký tự không hợp lệ (NUL).' }],
      },
    );
  }
  stripNameFields(fields);
  return { fields, file };
}

/**
 * A file name safe to store and to send back: no folders, no control, invisible or
 * direction-control characters (a "gpj.exe" shown reversed), at most 120 characters, NFC.
 */
export function safeFileName(name: string): string {
  const base = stripInvisible(name.normalize('NFC'))
    .split(/[\\/]/)
    .pop()!
    // Control characters (code points below 32, and 127) and the characters Windows forbids.
    .replace(/["<>:|?*]/g, '')
    .replace(/[\s\S]/gu, (ch) => (ch.charCodeAt(0) < 32 || ch.charCodeAt(0) === 127 ? '' : ch))
    .replace(/^\.+/, '')
    .trim();
  if (base === '') return 'tep';
  if (base.length <= 120) return base;
  const dot = base.lastIndexOf('.');
  const ext = dot > 0 && base.length - dot <= 10 ? base.slice(dot) : '';
  return base.slice(0, 120 - ext.length) + ext;
}

/** The uploaded file, or a 400 on `body.file` with the given message when none (or an empty one) came. */
export function requireFile(upload: Multipart, message: Bilingual = { vi: 'Hãy chọn tệp.', en: 'Choose a file.' }): UploadedFile {
  if (!upload.file || upload.file.buffer.length === 0) {
    throw new AppError('validation_failed', message, { fields: [{ field: 'body.file', message: message.vi }] });
  }
  return upload.file;
}
