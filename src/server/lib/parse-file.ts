/**
 * Uploaded Office files are parsed in worker threads with a time and a memory limit, after the
 * zip's declared entry count and uncompressed size are checked here: one hostile file must not
 * stop the server for everyone (a 0.9 MB Word file once held 300 MB of paragraphs).
 */
import { Worker } from 'node:worker_threads';
import { AppError, type Bilingual, type ErrorCode } from './errors';
import { DOCX_LIMITS } from './docx-text';
import { checkZip, declaredSheetRows, tooLarge } from './zip-guard';

export type SheetRow = { rowNo: number; cells: string[] };
export type ParseJob = { kind: 'docx-text'; buffer: Uint8Array } | { kind: 'xlsx-rows'; buffer: Uint8Array; maxRows: number };
export type ParseOutcome =
  | { ok: true; text: string }
  | { ok: true; rows: SheetRow[] }
  | { ok: false; code: ErrorCode; text: Bilingual; details?: unknown }
  | { ok: false; code: 'unreadable' };

export type ParseLimits = { timeMs: number; memoryMb: number };
export type SheetLimits = ParseLimits & { maxRows: number; maxEntries: number; maxTotalBytes: number };

const DOCX_WORKER: ParseLimits = { timeMs: 20_000, memoryMb: 256 };
/** Small sheets (document items, roll calls): a few thousand rows at most. */
export const SMALL_SHEET: SheetLimits = {
  maxRows: 20_000,
  maxEntries: 500,
  maxTotalBytes: 40 * 1024 * 1024,
  timeMs: 20_000,
  memoryMb: 384,
};

// Two cores here: two parses at a time, a short queue, and a clear "busy" beyond it.
const MAX_RUNNING = 2;
const MAX_WAITING = 16;
let running = 0;
const waiting: (() => void)[] = [];

async function slot(): Promise<() => void> {
  if (running >= MAX_RUNNING) {
    if (waiting.length >= MAX_WAITING) {
      throw new AppError('unavailable', {
        vi: 'Máy chủ đang đọc nhiều tệp khác; hãy thử lại sau ít phút.',
        en: 'The server is busy reading other files; try again in a few minutes.',
      });
    }
    await new Promise<void>((resolve) => waiting.push(resolve));
  }
  running += 1;
  return () => {
    running -= 1;
    waiting.shift()?.();
  };
}

const unreadable = (message: Bilingual) =>
  new AppError('validation_failed', message, { fields: [{ field: 'body.file', message: message.vi }] });

// Idle workers by memory limit (a limit is fixed when a thread starts). A worker that hit a
// limit is ended, never reused; one that finished is kept for the next upload.
const idle = new Map<number, Worker[]>();
const MAX_IDLE_PER_LIMIT = 2;

const STARTUP_MS = 120_000;

/** An idle worker, or a new one once it has loaded its code (its start does not count against a job's time). */
async function takeWorker(memoryMb: number): Promise<Worker> {
  const ready = idle.get(memoryMb)?.pop();
  if (ready) return ready;
  const worker = new Worker(new URL('./parse-worker.mjs', import.meta.url), {
    resourceLimits: { maxOldGenerationSizeMb: memoryMb, maxYoungGenerationSizeMb: 32, stackSizeMb: 4 },
  });
  // An idle worker must not keep the process alive at shutdown.
  worker.unref();
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      void worker.terminate();
      reject(
        new AppError('unavailable', {
          vi: 'Máy chủ đang bận; hãy thử tải tệp lên lại sau ít phút.',
          en: 'The server is busy; upload the file again in a few minutes.',
        }),
      );
    }, STARTUP_MS);
    worker.once('message', () => {
      clearTimeout(timer);
      resolve();
    });
    worker.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });
  return worker;
}

function giveBack(memoryMb: number, worker: Worker) {
  const list = idle.get(memoryMb) ?? [];
  if (list.length >= MAX_IDLE_PER_LIMIT) {
    void worker.terminate();
    return;
  }
  list.push(worker);
  idle.set(memoryMb, list);
}

/** Runs one job in a worker thread with the limits; ends the thread when it overruns either. */
async function runInWorker(job: ParseJob, limits: ParseLimits, unreadableMessage: Bilingual): Promise<ParseOutcome & { ok: true }> {
  const release = await slot();
  try {
    const worker = await takeWorker(limits.memoryMb);
    const outcome = await new Promise<ParseOutcome>((resolve, reject) => {
      const cleanup = () => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
      };
      const onMessage = (m: ParseOutcome) => {
        cleanup();
        giveBack(limits.memoryMb, worker);
        resolve(m);
      };
      const onError = (err: Error & { code?: string }) => {
        cleanup();
        void worker.terminate();
        if (err.code === 'ERR_WORKER_OUT_OF_MEMORY')
          reject(
            tooLarge('Tệp quá lớn để đọc: vượt giới hạn bộ nhớ. Hãy chia nhỏ tệp.', 'The file needs too much memory to read; split it.'),
          );
        else reject(err);
      };
      const onExit = () => {
        cleanup();
        reject(tooLarge('Tệp quá lớn để đọc. Hãy chia nhỏ tệp.', 'The file is too large to read; split it.'));
      };
      const timer = setTimeout(() => {
        cleanup();
        void worker.terminate();
        reject(
          tooLarge(
            'Tệp quá phức tạp: đọc quá thời gian cho phép. Hãy chia nhỏ hoặc lưu lại tệp.',
            'The file took too long to read; split or re-save it.',
          ),
        );
      }, limits.timeMs);
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      worker.postMessage(job);
    });
    if (outcome.ok) return outcome;
    if (outcome.code === 'unreadable') throw unreadable(unreadableMessage);
    throw new AppError(outcome.code, outcome.text, outcome.details);
  } finally {
    release();
  }
}

/** The text of an uploaded .docx (see docxToText), read off the request thread. */
export async function readDocxText(buffer: Buffer, unreadableMessage: Bilingual): Promise<string> {
  if (buffer.length < 4 || buffer.readUInt32LE(0) !== 0x04034b50) throw unreadable(unreadableMessage);
  // Declared sizes and entry count first, here: a declared bomb never reaches a worker.
  checkZip(buffer, DOCX_LIMITS);
  const outcome = await runInWorker({ kind: 'docx-text', buffer }, DOCX_WORKER, unreadableMessage);
  return 'text' in outcome ? outcome.text : '';
}

/**
 * The first sheet of an uploaded .xlsx as rows of cell text (invisible characters stripped),
 * `cells[0]` being column A. Refuses by the zip's declared size and by every sheet's declared
 * dimension before reading anything, then reads in the worker.
 */
export async function readSheetRows(buffer: Buffer, limits: SheetLimits, unreadableMessage: Bilingual): Promise<SheetRow[]> {
  let entries;
  try {
    entries = checkZip(buffer, limits);
  } catch (err) {
    // Not a zip at all: the feature's own words for "not a workbook".
    if (err instanceof AppError && err.code === 'validation_failed') throw unreadable(unreadableMessage);
    throw err;
  }
  for (const e of entries.filter((x) => /^xl\/worksheets\/[^/]+\.xml$/.test(x.name))) {
    const rows = declaredSheetRows(buffer, e);
    if (rows !== null && rows > limits.maxRows + 1) {
      throw tooLarge(
        `Bảng tính khai báo ${rows.toLocaleString('vi-VN')} dòng, vượt giới hạn ${limits.maxRows.toLocaleString('vi-VN')} dòng; hãy chia nhỏ tệp.`,
        `The sheet declares ${rows} rows; the limit is ${limits.maxRows}. Split the file.`,
      );
    }
  }
  const outcome = await runInWorker({ kind: 'xlsx-rows', buffer, maxRows: limits.maxRows + 1 }, limits, unreadableMessage);
  return 'rows' in outcome ? outcome.rows : [];
}
