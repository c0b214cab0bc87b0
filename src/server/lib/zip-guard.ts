import { inflateRawSync, constants } from 'node:zlib';
import { AppError } from './errors';

/**
 * Reads a zip's central directory (our own small reader, nothing inflated) so that an upload is
 * judged by what it declares before anything unzips it: a 1 MB Word file may hold 300 MB of
 * paragraphs, and a workbook may hold thousands of entries.
 */
export type ZipEntry = {
  name: string;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
};

export type ZipLimits = { maxEntries: number; maxTotalBytes: number };

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const ZIP64_MARK = 0xffffffff;

const unreadable = () =>
  new AppError(
    'validation_failed',
    { vi: 'Không đọc được tệp: tệp không đúng định dạng.', en: 'The file is not a readable Office file.' },
    {
      fields: [{ field: 'body.file', message: 'Không đọc được tệp: tệp không đúng định dạng.' }],
    },
  );

export const tooLarge = (vi: string, en: string) =>
  new AppError('payload_too_large', { vi, en }, { fields: [{ field: 'body.file', message: vi }] });

const mb = (bytes: number) => Math.round(bytes / (1024 * 1024)).toLocaleString('vi-VN');

/** The entries of a zip from its central directory; throws a 400 when it is not a zip. */
export function listZipEntries(buf: Buffer): ZipEntry[] {
  if (buf.length < 22 || buf.readUInt32LE(0) !== LOCAL_SIGNATURE) throw unreadable();
  // The end record sits in the last 22 bytes plus a comment of at most 65,535.
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i -= 1) {
    if (buf.readUInt32LE(i) === EOCD_SIGNATURE) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw unreadable();
  const count = buf.readUInt16LE(eocd + 10);
  const cdOffset = buf.readUInt32LE(eocd + 16);
  if (cdOffset === ZIP64_MARK || count === 0xffff) {
    // Office never needs ZIP64 for a file we accept; such a file declares over 4 GB or 65,535 entries.
    throw tooLarge('Tệp quá lớn hoặc có quá nhiều thành phần.', 'The file declares too much content.');
  }
  const entries: ZipEntry[] = [];
  let at = cdOffset;
  for (let n = 0; n < count; n += 1) {
    if (at + 46 > buf.length || buf.readUInt32LE(at) !== CENTRAL_SIGNATURE) throw unreadable();
    const nameLength = buf.readUInt16LE(at + 28);
    const extraLength = buf.readUInt16LE(at + 30);
    const commentLength = buf.readUInt16LE(at + 32);
    const entry = {
      method: buf.readUInt16LE(at + 10),
      compressedSize: buf.readUInt32LE(at + 20),
      uncompressedSize: buf.readUInt32LE(at + 24),
      localHeaderOffset: buf.readUInt32LE(at + 42),
      name: buf.toString('utf8', at + 46, at + 46 + nameLength),
    };
    if (entry.compressedSize === ZIP64_MARK || entry.uncompressedSize === ZIP64_MARK || entry.localHeaderOffset === ZIP64_MARK) {
      throw tooLarge('Tệp quá lớn hoặc có quá nhiều thành phần.', 'The file declares too much content.');
    }
    entries.push(entry);
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/**
 * Refuses a zip with more entries or more declared uncompressed bytes than the limits, with a
 * Vietnamese message (413); returns its entries. A file may lie about sizes: whoever inflates
 * an entry still caps its output (`inflateEntry`, or the parse worker's memory limit).
 */
export function checkZip(buf: Buffer, limits: ZipLimits): ZipEntry[] {
  const entries = listZipEntries(buf);
  if (entries.length > limits.maxEntries) {
    throw tooLarge(
      `Tệp có ${entries.length.toLocaleString('vi-VN')} thành phần, vượt giới hạn ${limits.maxEntries.toLocaleString('vi-VN')}.`,
      `The file holds ${entries.length} entries; the limit is ${limits.maxEntries}.`,
    );
  }
  const total = entries.reduce((sum, e) => sum + e.uncompressedSize, 0);
  if (total > limits.maxTotalBytes) {
    throw tooLarge(
      `Nội dung tệp khi giải nén là ${mb(total)} MB, vượt giới hạn ${mb(limits.maxTotalBytes)} MB. Hãy chia nhỏ tệp.`,
      `The file unpacks to ${mb(total)} MB; the limit is ${mb(limits.maxTotalBytes)} MB.`,
    );
  }
  return entries;
}

function dataStart(buf: Buffer, entry: ZipEntry): number {
  const at = entry.localHeaderOffset;
  if (at + 30 > buf.length || buf.readUInt32LE(at) !== LOCAL_SIGNATURE) throw unreadable();
  return at + 30 + buf.readUInt16LE(at + 26) + buf.readUInt16LE(at + 28);
}

/**
 * Inflates one entry, never past `maxBytes` whatever the entry declares: a deflate bomb that
 * lies about its size stops at the cap (413) instead of filling memory.
 */
export function inflateEntry(buf: Buffer, entry: ZipEntry, maxBytes: number): Buffer {
  const start = dataStart(buf, entry);
  const data = buf.subarray(start, start + entry.compressedSize);
  if (entry.method === 0) {
    if (data.length > maxBytes) throw tooLarge('Nội dung tệp quá lớn.', 'The file content is too large.');
    return data;
  }
  if (entry.method !== 8) throw unreadable();
  try {
    return inflateRawSync(data, { maxOutputLength: maxBytes });
  } catch (err) {
    if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE')
      throw tooLarge('Nội dung tệp quá lớn.', 'The file content is too large.');
    throw unreadable();
  }
}

/** The start of an entry inflated from its first `bytes` compressed bytes (deflate expands at most ~1,032×), for headers such as a sheet's declared dimension. */
export function entryHead(buf: Buffer, entry: ZipEntry, bytes: number): string {
  const start = dataStart(buf, entry);
  const data = buf.subarray(start, start + Math.min(entry.compressedSize, bytes));
  if (entry.method === 0) return data.toString('utf8');
  try {
    // A truncated stream: flush what the first compressed bytes give, without asking for the end.
    return inflateRawSync(data, { finishFlush: constants.Z_SYNC_FLUSH, maxOutputLength: bytes * 2048 }).toString('utf8');
  } catch {
    return '';
  }
}

/** Rows a worksheet declares in `<dimension ref="A1:J1048576"/>`, or null when it declares none. */
export function declaredSheetRows(buf: Buffer, entry: ZipEntry): number | null {
  const head = entryHead(buf, entry, 2048);
  const m = /<(?:\w+:)?dimension\s+ref="[A-Z]*\d*(?::[A-Z]*(\d+))?"/.exec(head);
  if (!m) return null;
  return m[1] ? Number(m[1]) : 1;
}
