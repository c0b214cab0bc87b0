/**
 * Membership events from a spreadsheet, as an organization department keeps them: one row per
 * event with its kind in the office's words, its date, the member's code, the decision's number
 * and date, and for a transfer the other unit's code. The preview checks every row (cells, scope,
 * duplicates, and the member's history with the earlier rows of the file) and writes nothing;
 * the confirm checks again on locked members and writes every row in one transaction through
 * the same service as the single-event form, or nothing at all.
 */
import { createHash } from 'node:crypto';
import ExcelJS from 'exceljs';
import type { Db, Queryable } from '../../db/pool';
import { inTransaction } from '../../db/pool';
import { inScopeSql, scopeOf, type Actor } from '../../lib/actor';
import { recordAudit } from '../../lib/audit';
import { AppError } from '../../lib/errors';
import { readSheetRows, SMALL_SHEET } from '../../lib/parse-file';
import { safeCell } from '../../lib/xlsx';
import { foldVietnamese } from '../../../domain/vn-text';
import { formatVnDate, vnToday } from '../../../domain/vn-time';
import { parseVnDate } from '../../../domain/members/member-fields';
import {
  checkNewEvent,
  eventKindLabels,
  eventSheetWords,
  parseEventKind,
  parseTransferMode,
  type EventFact,
  type EventKind,
  type TransferMode,
} from '../../../domain/registry';
import type { EventImportPreview, EventImportResult } from '../../../contracts/registry';
import {
  admissionBeforeDecision,
  findOpenTransferInTx,
  loadMemberFacts,
  loadMembersByCode,
  receiveTransferInTx,
  recordEventInTx,
  type MemberFacts,
} from './events.service';

const SHEET = 'Sự kiện';
const GUIDE = 'Hướng dẫn';
const HEADERS = ['Loại sự kiện', 'Ngày', 'Mã đảng viên', 'Số quyết định', 'Ngày quyết định', 'Mã đơn vị đến', 'Hình thức chuyển'] as const;
type Header = (typeof HEADERS)[number];
const columnOf = (h: Header) => `${String.fromCharCode(65 + HEADERS.indexOf(h))} (${h})`;
const TRANSFERS: readonly EventKind[] = ['transfer_out', 'transfer_in'];

/** The template: the columns, a guide sheet with the words each kind may be written in, and a pick list on the kind. */
export async function buildEventsTemplate(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Resolute';
  const ws = wb.addWorksheet(SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = HEADERS.map((header, i) => ({ header, width: [26, 14, 18, 24, 16, 18, 18][i] }));
  ws.getRow(1).font = { bold: true };
  const guide = wb.addWorksheet(GUIDE);
  guide.columns = [
    { header: 'Loại sự kiện', width: 26 },
    { header: 'Cũng viết được', width: 50 },
  ];
  guide.getRow(1).font = { bold: true };
  for (const words of Object.values(eventSheetWords)) guide.addRow([safeCell(words[0]), safeCell(words.slice(1).join('; '))]);
  const kinds = guide.rowCount;
  guide.addRow([]);
  for (const line of [
    'Ngày và Ngày quyết định ghi dd/mm/yyyy; mỗi dòng cần Số quyết định và Ngày quyết định.',
    'Ngày kết nạp không trước ngày quyết định kết nạp.',
    'Chuyển sinh hoạt đi: Mã đơn vị đến là tổ chức nhận; Chuyển sinh hoạt đến: Mã đơn vị đến là chi bộ tiếp nhận.',
    'Hình thức chuyển: Chính thức (để trống cũng là chính thức) hoặc Tạm thời.',
    'Mã đảng viên và mã đơn vị phải thuộc phạm vi của bạn. Có dòng lỗi thì không dòng nào được ghi.',
  ])
    guide.addRow([line]);
  for (let row = 2; row <= 500; row++) {
    ws.getCell(row, 1).dataValidation = {
      type: 'list',
      allowBlank: true,
      formulae: [`'${GUIDE}'!$A$2:$A$${kinds}`],
      // Other spellings an office uses are read too.
      showErrorMessage: false,
    };
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** One row as read, with the problems its own cells have. */
type ParsedRow = {
  row: number;
  kind: EventKind | null;
  date: string | null;
  memberCode: string;
  decision: string;
  decisionDate: string | null;
  orgCode: string;
  transferMode: TransferMode | null;
  problems: string[];
};

async function readEventRows(file: Buffer): Promise<ParsedRow[]> {
  const rows = await readSheetRows(file, SMALL_SHEET, {
    vi: 'Không đọc được tệp. Hãy dùng tệp .xlsx tải từ nút “Tải tệp mẫu”.',
    en: 'Not an .xlsx file; use the downloaded template.',
  });
  const header = rows.find((r) => r.rowNo === 1)?.cells.map((c) => foldVietnamese(c).trim()) ?? [];
  const index = (h: Header) => header.indexOf(foldVietnamese(h));
  const missing = HEADERS.filter((h) => h !== 'Hình thức chuyển' && index(h) < 0);
  if (missing.length > 0) throw sheetError([`Dòng 1: thiếu cột ${missing.join(', ')}. Hãy dùng tệp mẫu.`]);
  const today = vnToday();
  const parsed = rows
    .filter((r) => r.rowNo > 1 && r.cells.some((c) => c.trim() !== ''))
    .map(({ rowNo, cells }): ParsedRow => {
      const get = (h: Header) => (index(h) < 0 ? '' : (cells[index(h)] ?? '').trim());
      const problems: string[] = [];
      const problem = (h: Header, text: string) => problems.push(`Dòng ${rowNo}, cột ${columnOf(h)}: ${text}`);
      const kindText = get('Loại sự kiện');
      const kind = parseEventKind(kindText);
      if (!kind)
        problem(
          'Loại sự kiện',
          kindText
            ? `không có loại sự kiện “${kindText}”; ghi một trong: ${Object.values(eventSheetWords)
                .map((w) => w[0])
                .join(', ')}`
            : 'chưa ghi loại sự kiện',
        );
      const dateOf = (h: Header) => {
        const text = get(h);
        const d = parseVnDate(text);
        if (d === null) problem(h, 'chưa ghi ngày (dd/mm/yyyy)');
        else if (d === 'invalid') problem(h, `ngày “${text}” không đúng dạng dd/mm/yyyy`);
        else if (d > today) problem(h, `ngày ${formatVnDate(d)} ở tương lai`);
        else return d;
        return null;
      };
      const date = dateOf('Ngày');
      const memberCode = get('Mã đảng viên').toUpperCase();
      if (!memberCode) problem('Mã đảng viên', 'chưa ghi mã đảng viên');
      const number = get('Số quyết định');
      if (number.length < 2) problem('Số quyết định', 'chưa ghi số quyết định');
      const decisionDate = dateOf('Ngày quyết định');
      // Rule 2 of the issue: the ceremony follows the committee's decision (HD 01-HD/TW §3.4).
      if (kind === 'admission' && date && decisionDate && date < decisionDate) problem('Ngày', admissionBeforeDecision(date, decisionDate));
      const orgCode = get('Mã đơn vị đến').toUpperCase();
      if (kind && TRANSFERS.includes(kind) && !orgCode)
        problem('Mã đơn vị đến', kind === 'transfer_in' ? 'hãy ghi mã chi bộ tiếp nhận' : 'hãy ghi mã tổ chức nhận đảng viên');
      const modeText = get('Hình thức chuyển');
      const transferMode = parseTransferMode(modeText);
      if (kind === 'transfer_out' && !transferMode) problem('Hình thức chuyển', `“${modeText}” không phải Chính thức hoặc Tạm thời`);
      return {
        row: rowNo,
        kind,
        date,
        memberCode,
        decision: decisionDate ? `${number} ngày ${formatVnDate(decisionDate)}` : number,
        decisionDate,
        orgCode,
        transferMode: kind === 'transfer_out' ? transferMode : null,
        problems,
      };
    });
  if (parsed.length === 0) throw sheetError(['Dòng 2: tệp chưa có dòng sự kiện nào.']);
  return parsed;
}

type UnitRow = { id: number; code: string; path: string; name: string; kind: string };
type PlannedRow = ParsedRow & { member: MemberFacts | undefined; org: UnitRow | undefined };

const byDateThenRow = (a: ParsedRow, b: ParsedRow) =>
  (a.date ?? '') < (b.date ?? '') ? -1 : (a.date ?? '') > (b.date ?? '') ? 1 : a.row - b.row;

/**
 * Every row with the member and unit it names (within the caller's registry.write scope: a code
 * outside it reads as one that does not exist) and every problem, the member's history checked
 * by the registry's rules with the file's earlier rows (by date) added. `lock` locks the members.
 */
async function planImport(q: Queryable, actor: Actor, parsed: ParsedRow[], lock: boolean): Promise<PlannedRow[]> {
  const scope = scopeOf(actor, 'registry.write');
  const codes = [...new Set(parsed.map((r) => r.memberCode).filter(Boolean))];
  const members = new Map((await loadMembersByCode(q, codes, scope, lock)).map((m) => [m.code.toUpperCase(), m]));
  const { rows: units } = await q.query<UnitRow>(
    `SELECT o.id, upper(o.code) AS code, o.path::text AS path, o.name, o.kind FROM orgs o
      WHERE upper(o.code) = ANY($1::text[]) AND ${inScopeSql('o.path', '$2')}`,
    [[...new Set(parsed.map((r) => r.orgCode).filter(Boolean))], scope],
  );
  const unitByCode = new Map(units.map((u) => [u.code, u]));
  const { rows: history } = await q.query<EventFact & { memberId: number }>(
    `SELECT member_id AS "memberId", kind, to_char(event_date, 'YYYY-MM-DD') AS date, transfer_mode AS "transferMode"
       FROM membership_events WHERE member_id = ANY($1::bigint[]) ORDER BY event_date, id`,
    [[...members.values()].map((m) => m.id)],
  );
  const facts = new Map<number, EventFact[]>();
  for (const { memberId, ...e } of history) facts.set(memberId, [...(facts.get(memberId) ?? []), e]);
  const unitOf = new Map<number, number>([...members.values()].map((m) => [m.id, m.orgId]));

  const seen = new Map<string, number>();
  const planned = parsed.map((r): PlannedRow => {
    const problem = (h: Header, text: string) => r.problems.push(`Dòng ${r.row}, cột ${columnOf(h)}: ${text}`);
    const member = r.memberCode ? members.get(r.memberCode) : undefined;
    if (r.memberCode && !member) problem('Mã đảng viên', `không có đảng viên mã “${r.memberCode}” trong phạm vi của bạn`);
    const org = r.orgCode ? unitByCode.get(r.orgCode) : undefined;
    if (r.orgCode && !org) problem('Mã đơn vị đến', `không có tổ chức mã “${r.orgCode}” trong phạm vi của bạn`);
    // Only rows that read well are compared: a row already wrong says so, not "twice".
    const key = `${r.memberCode}|${r.kind}|${r.date}`;
    const earlier = r.problems.length === 0 ? seen.get(key) : undefined;
    if (earlier !== undefined) problem('Loại sự kiện', `trùng với dòng ${earlier} (cùng đảng viên, loại sự kiện và ngày)`);
    else if (r.problems.length === 0) seen.set(key, r.row);
    return { ...r, member, org };
  });
  // The rows that read well, in date order, on top of each member's recorded events.
  for (const r of planned.filter((p) => p.problems.length === 0).sort(byDateThenRow)) {
    const m = r.member!;
    const next: EventFact = { kind: r.kind!, date: r.date!, transferMode: r.transferMode };
    const before = facts.get(m.id) ?? [];
    const refusal = checkNewEvent(before, next);
    if (refusal) {
      r.problems.push(`Dòng ${r.row}, cột ${columnOf('Ngày')}: ${refusal}`);
      continue;
    }
    if (r.kind === 'transfer_in') {
      if (!['cell', 'grassroots'].includes(r.org!.kind)) {
        r.problems.push(`Dòng ${r.row}, cột ${columnOf('Mã đơn vị đến')}: chỉ chi bộ hoặc đảng bộ, chi bộ cơ sở tiếp nhận đảng viên`);
        continue;
      }
      if (unitOf.get(m.id) === r.org!.id) {
        r.problems.push(`Dòng ${r.row}, cột ${columnOf('Mã đơn vị đến')}: đảng viên đang sinh hoạt ở chi bộ này`);
        continue;
      }
      const out = [...before].reverse().find((e) => e.kind === 'transfer_out');
      if (out?.transferMode === 'official') unitOf.set(m.id, r.org!.id);
    }
    facts.set(m.id, [...before, next]);
  }
  return planned;
}

const hashOf = (file: Buffer) => createHash('sha256').update(file).digest('hex');

/** The file's rows with their outcomes; writes nothing. The key is what the confirm sends back. */
export async function previewEventsImport(db: Db, actor: Actor, file: Buffer): Promise<EventImportPreview> {
  const planned = await planImport(db, actor, await readEventRows(file), false);
  const rows = planned.map((r) => ({
    row: r.row,
    kind: r.kind,
    kindLabel: r.kind ? eventKindLabels[r.kind].vi : null,
    date: r.date,
    memberCode: r.memberCode,
    memberName: r.member?.fullName ?? null,
    orgCode: r.orgCode || null,
    decision: r.decision,
    problems: r.problems,
  }));
  const bad = rows.filter((r) => r.problems.length > 0).length;
  return { key: hashOf(file), counts: { total: rows.length, ok: rows.length - bad, error: bad }, rows };
}

/**
 * Writes every row of a previewed file in one transaction, or nothing: refused when the file is
 * not the one previewed, when any row is wrong now (members are locked, then checked again), or
 * when the same file was written before (its hash is the idempotency key).
 */
export async function commitEventsImport(db: Db, actor: Actor, key: string, file: Buffer): Promise<EventImportResult> {
  const hash = hashOf(file);
  if (hash !== key)
    throw new AppError('conflict', {
      vi: 'Tệp gửi lên khác tệp đã xem trước. Hãy xem trước lại.',
      en: 'The file differs from the previewed one; preview it again.',
    });
  const parsed = await readEventRows(file);
  return inTransaction(db, async (tx) => {
    try {
      // First: a second confirm of this file waits here for the first, then is refused.
      await tx.query('INSERT INTO registry_event_imports (file_hash, user_id, events) VALUES ($1, $2, $3)', [
        hash,
        actor.userId,
        parsed.length,
      ]);
    } catch (err) {
      if ((err as { code?: string }).code === '23505')
        throw new AppError('conflict', {
          vi: 'Tệp này đã được nhập; các sự kiện không được ghi lần nữa.',
          en: 'This file was already imported; nothing was written again.',
        });
      throw err;
    }
    const planned = await planImport(tx, actor, parsed, true);
    const problems = planned.flatMap((r) => r.problems);
    if (problems.length > 0) throw sheetError(problems);
    const orgs = new Map<number, string>();
    for (const r of [...planned].sort(byDateThenRow)) {
      // Read again before each row: the rows before it moved the member's status or cell.
      const m = (await loadMemberFacts(tx, r.member!.id, null, true))!;
      orgs.set(m.orgId, m.orgPath);
      if (r.kind === 'transfer_in') {
        const out = await findOpenTransferInTx(tx, m.id);
        if (!out) throw sheetError([`Dòng ${r.row}, cột ${columnOf('Ngày')}: không có giấy chuyển sinh hoạt nào đang chờ tiếp nhận`]);
        await receiveTransferInTx(tx, actor, m, r.org!, out, { date: r.date!, decision: r.decision });
      } else {
        await recordEventInTx(tx, actor, m, {
          kind: r.kind as Exclude<EventKind, 'transfer_in'>,
          date: r.date!,
          decision: r.decision,
          transferMode: r.transferMode,
          destination: r.kind === 'transfer_out' ? `${r.org!.name} (${r.org!.code})` : null,
        });
      }
    }
    for (const [orgId, orgPath] of orgs)
      await recordAudit(tx, actor, {
        action: 'registry.import',
        entity: 'registry_event_import',
        entityId: hash,
        orgId,
        orgPath,
        summary: `Nhập ${planned.length} sự kiện đảng viên từ tệp`,
        after: { events: planned.length },
      });
    return { written: planned.length };
  });
}

function sheetError(problems: string[]): AppError {
  const shown = problems.slice(0, 5).join('; ');
  const more = problems.length > 5 ? ` và ${problems.length - 5} lỗi khác` : '';
  return new AppError(
    'validation_failed',
    { vi: `Tệp sự kiện chưa đúng, chưa ghi dòng nào: ${shown}${more}.`, en: `The events file has ${problems.length} problem(s).` },
    { fields: problems.map((message) => ({ field: 'body.file', message })) },
  );
}
