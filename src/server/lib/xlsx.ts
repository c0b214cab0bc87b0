import ExcelJS from 'exceljs';
import { formatVnDate } from '../../domain/vn-time';

/**
 * Text that a spreadsheet might take for a formula (=, +, -, @, tab, CR) is prefixed with an
 * apostrophe: an exported name like "=HYPERLINK(...)" must stay text when someone opens it.
 */
export function safeCell(value: unknown): ExcelJS.CellValue {
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(value)) return `'${value}`;
  return value as ExcelJS.CellValue;
}

/**
 * Builds a one-sheet workbook with a bold, frozen header row and sensible column widths.
 * `notes` are lines written below the table after a blank row (what the figures rest on).
 */
export async function buildSheet(
  sheetName: string,
  columns: { header: string; key: string; width?: number }[],
  rows: Record<string, unknown>[],
  notes: string[] = [],
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Resolute';
  const ws = wb.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c) => ({ header: c.header, key: c.key, width: c.width ?? 18 }));
  ws.getRow(1).font = { bold: true };
  for (const row of rows) {
    ws.addRow(Object.fromEntries(columns.map((c) => [c.key, safeCell(row[c.key])])));
  }
  if (notes.length > 0) ws.addRow([]);
  for (const note of notes) ws.addRow([safeCell(note)]).font = { italic: true };
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Reads a cell as trimmed text ('' when empty), whatever type Excel stored. */
export function cellText(value: ExcelJS.CellValue | undefined): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) {
    // Excel stores a day as midnight UTC: its UTC date is the day written in the cell.
    return formatVnDate(value.toISOString());
  }
  if (typeof value === 'object') {
    if ('richText' in value)
      return value.richText
        .map((r) => r.text)
        .join('')
        .trim();
    if ('text' in value) return String(value.text).trim();
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    return '';
  }
  return String(value).trim();
}
