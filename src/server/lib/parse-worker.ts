/**
 * Runs inside a worker thread (see parse-file.ts): parses uploaded files one at a time and posts
 * each result back. Whatever a hostile file does here (spin, allocate), the request thread goes
 * on serving, and the parent ends this thread at its time or memory limit.
 */
import ExcelJS from 'exceljs';
import { parentPort } from 'node:worker_threads';
import { AppError } from './errors';
import { docxToText } from './docx-text';
import type { ParseJob, ParseOutcome, SheetRow } from './parse-file';
import { cellText } from './xlsx';
import { stripInvisible } from './text-guard';

async function readFirstSheet(buffer: Buffer, maxRows: number): Promise<SheetRow[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  const ws = wb.worksheets[0];
  if (!ws) return [];
  if (ws.rowCount > maxRows)
    throw new AppError('payload_too_large', {
      vi: `Bảng tính có hơn ${maxRows.toLocaleString('vi-VN')} dòng; hãy chia nhỏ tệp.`,
      en: `The sheet has more than ${maxRows} rows; split the file.`,
    });
  const rows: SheetRow[] = [];
  ws.eachRow({ includeEmpty: false }, (row, rowNo) => {
    const values = (row.values as ExcelJS.CellValue[]).slice(1);
    rows.push({ rowNo, cells: Array.from(values, (v) => stripInvisible(cellText(v))) });
  });
  return rows;
}

async function run(job: ParseJob): Promise<ParseOutcome> {
  const buffer = Buffer.from(job.buffer);
  try {
    if (job.kind === 'docx-text') return { ok: true, text: await docxToText(buffer) };
    return { ok: true, rows: await readFirstSheet(buffer, job.maxRows) };
  } catch (err) {
    if (err instanceof AppError) return { ok: false, code: err.code, text: err.text, details: err.details };
    return { ok: false, code: 'unreadable' };
  }
}

// Kept alive between jobs: starting a thread and loading ExcelJS costs far more than a parse.
parentPort!.on('message', (job: ParseJob) => {
  void run(job).then((outcome) => parentPort!.postMessage(outcome));
});
// Loaded: the parent starts a job's clock from here, not from a slow start on a busy machine.
parentPort!.postMessage('ready');
