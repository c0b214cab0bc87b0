import type { FastifyRequest } from 'fastify';
import { AppError, type Bilingual } from './errors';

export type UploadedFile = { name: string; mimeType: string; buffer: Buffer };
export type Multipart = { fields: Record<string, string>; file: UploadedFile | null };

/** Reads a multipart body: its text fields and the file sent as `file` (the last one wins). */
export async function readMultipart(req: FastifyRequest): Promise<Multipart> {
  const fields: Record<string, string> = {};
  let file: UploadedFile | null = null;
  for await (const part of req.parts()) {
    if (part.type === 'field') fields[part.fieldname] = String(part.value);
    else if (part.fieldname === 'file') file = { name: part.filename, mimeType: part.mimetype, buffer: await part.toBuffer() };
    else await part.toBuffer(); // drain files under other names so the request completes
  }
  return { fields, file };
}

/** The uploaded file, or a 400 on `body.file` with the given message when none (or an empty one) came. */
export function requireFile(upload: Multipart, message: Bilingual = { vi: 'Hãy chọn tệp.', en: 'Choose a file.' }): UploadedFile {
  if (!upload.file || upload.file.buffer.length === 0) {
    throw new AppError('validation_failed', message, { fields: [{ field: 'body.file', message: message.vi }] });
  }
  return upload.file;
}
