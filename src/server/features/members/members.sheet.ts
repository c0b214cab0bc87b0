/** The member spreadsheet's columns: the template, the export and the import use this one list. */
import { foldVietnamese } from '../../../domain/vn-text';
export const memberSheetColumns = [
  { key: 'code', header: 'Mã đảng viên', width: 16 },
  { key: 'fullName', header: 'Họ và tên', width: 28 },
  { key: 'gender', header: 'Giới tính', width: 10 },
  { key: 'birthDate', header: 'Ngày sinh', width: 12 },
  { key: 'joinedDate', header: 'Ngày vào Đảng', width: 14 },
  { key: 'status', header: 'Trạng thái', width: 14 },
  { key: 'orgCode', header: 'Mã chi bộ', width: 22 },
  { key: 'orgName', header: 'Chi bộ', width: 36 },
  { key: 'nonState', header: 'DN ngoài khu vực Nhà nước', width: 14 },
  { key: 'phone', header: 'Điện thoại', width: 14 },
  { key: 'email', header: 'Email', width: 26 },
] as const;
export type MemberSheetKey = (typeof memberSheetColumns)[number]['key'];

const foldHeader = (s: string) =>
  foldVietnamese(s)
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

/** Maps header cells to our keys, accepting headers typed without diacritics or in another case. */
export function matchHeaders(headers: string[]): Map<MemberSheetKey, number> {
  const found = new Map<MemberSheetKey, number>();
  headers.forEach((h, i) => {
    const f = foldHeader(h);
    const col = memberSheetColumns.find((c) => foldHeader(c.header) === f || c.key.toLowerCase() === f.replace(/ /g, ''));
    if (col && !found.has(col.key)) found.set(col.key, i);
  });
  return found;
}
