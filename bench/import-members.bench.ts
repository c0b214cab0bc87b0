/**
 * `npm run bench -- import-members [rows]`: builds an .xlsx of 100,000 members (by default)
 * spread over 100 cells, then times the preview (read, validate, stage) and the commit (write
 * all rows, counts and audit) against a fresh embedded database.
 */
import ExcelJS from 'exceljs';
import { PassThrough } from 'node:stream';
import { systemActor } from '../src/server/lib/actor';
import { commitImport, previewImport } from '../src/server/features/members/members.import';
import { memberSheetColumns } from '../src/server/features/members/members.sheet';
import { benchDatabase, round, timed } from './support';

const family = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Phan', 'Vũ', 'Đặng', 'Bùi', 'Đỗ'];
const middle = ['Văn', 'Thị', 'Minh', 'Ngọc', 'Thanh', 'Hữu', 'Quốc', 'Thu'];
const given = ['An', 'Anh', 'Bình', 'Dũng', 'Đức', 'Hà', 'Hạnh', 'Hùng', 'Lan', 'Mai', 'Nam', 'Sơn', 'Tâm', 'Trang', 'Uyên', 'Ước'];

async function buildFile(rows: number, cells: number): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false });
  const ws = wb.addWorksheet('Đảng viên');
  ws.columns = memberSheetColumns.map((c) => ({ header: c.header, key: c.key }));
  for (let i = 0; i < rows; i += 1) {
    ws.addRow({
      code: `74.${String(2_000_000 + i)}`,
      fullName: `${family[i % 10]} ${middle[i % 8]} ${given[i % 16]}`,
      gender: i % 2 ? 'Nữ' : 'Nam',
      birthDate: `${String((i % 28) + 1).padStart(2, '0')}/${String((i % 12) + 1).padStart(2, '0')}/${1955 + (i % 30)}`,
      joinedDate: `02/09/${2005 + (i % 15)}`,
      status: i % 10 === 0 ? 'Dự bị' : 'Chính thức',
      orgCode: `BENCH-CELL-${i % cells}`,
      nonState: i % 5 === 0 ? 'Có' : '',
      phone: `09${String(10_000_000 + i).slice(-8)}`,
      email: '',
    }).commit();
  }
  ws.commit();
  await wb.commit();
  return Buffer.concat(chunks);
}

export default async function importMembersBench(args: string[]) {
  const rows = Number(args[0] ?? 100_000);
  const cells = 100;
  const file = await buildFile(rows, cells);
  const { db, close } = await benchDatabase();
  try {
    await db.query(
      `INSERT INTO orgs (id, path, code, name, kind) OVERRIDING SYSTEM VALUE VALUES (1, '1', 'BENCH', 'Đảng bộ thử tải', 'province_committee')`,
    );
    await db.query(
      `INSERT INTO orgs (id, path, parent_id, code, name, kind) OVERRIDING SYSTEM VALUE
       SELECT 10 + g, ('1.' || (10 + g))::ltree, 1, 'BENCH-CELL-' || g, 'Chi bộ ' || g, 'cell' FROM generate_series(0, $1 - 1) g`,
      [cells],
    );
    await db.query(`SELECT setval(pg_get_serial_sequence('orgs', 'id'), 1000)`);
    const actor = systemActor('Đo hiệu năng');
    const preview = await timed(() => previewImport(db, actor, 1, 'bench.xlsx', file));
    if (preview.result.counts.error > 0) {
      const first = preview.result.rows.filter((r) => r.action === 'error').slice(0, 3);
      throw new Error(`bench file has ${preview.result.counts.error} bad rows: ${JSON.stringify(first)}`);
    }
    const commit = await timed(() => commitImport(db, actor, preview.result.importId));
    const { rows: stored } = await db.query<{ n: number; counted: number }>(
      `SELECT (SELECT count(*)::int FROM members) AS n, (SELECT sum(member_count)::int FROM orgs) AS counted`,
    );
    return {
      rows,
      file_mb: round(file.length / 1024 / 1024, 2),
      preview_s: round(preview.ms / 1000, 2),
      commit_s: round(commit.ms / 1000, 2),
      created: commit.result.created,
      stored: stored[0]?.n,
      member_counts_ok: stored[0]?.counted === stored[0]?.n,
    };
  } finally {
    await close();
  }
}
