/**
 * Folding Vietnamese text for matching: lower case, no diacritics, đ → d, so that "dang uy"
 * finds "Đảng ủy" — the same rule as the database's vn_fold().
 */
export function foldVn(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .normalize('NFC');
}

// Words every item has ("phấn đấu", "tiếp tục", "nâng cao"…): they make unrelated items look alike.
const STOP = new Set(
  'va cua cac cho trong tren duoi voi theo nham de la co duoc nhung mot tai tu den nam phan dau tiep tuc nang cao thuc hien day manh tang cuong xay dung phat trien dat toan tinh moi hang so ty le viec ve'.split(' '),
);

/** Folded content words of a text, without stop words and numbers. */
export function contentWords(text: string): string[] {
  return foldVn(text)
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 1 && !STOP.has(w) && !/^\d+$/.test(w));
}
