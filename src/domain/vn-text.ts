/**
 * Vietnamese text without its marks: the one fold used for search, matching spreadsheet
 * headers and words, e-mail addresses and file names. đ is a letter of its own, not a d with a
 * mark, so Unicode decomposition keeps it: it is mapped to d by hand. The database's vn_fold()
 * follows the same rule.
 */

/** "Đặng Thị Ánh" → "Dang Thi Anh": marks removed, đ → d, case kept. */
export function stripVietnameseMarks(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');
}

/** "Đặng Thị Ánh" → "dang thi anh": marks removed, đ → d, lower case; for matching. */
export function foldVietnamese(text: string): string {
  return stripVietnameseMarks(text).toLowerCase();
}
