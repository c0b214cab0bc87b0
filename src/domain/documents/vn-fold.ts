import { foldVietnamese } from '../vn-text';

// Words every item has ("phấn đấu", "tiếp tục", "nâng cao"…): they make unrelated items look alike.
const STOP = new Set(
  'va cua cac cho trong tren duoi voi theo nham de la co duoc nhung mot tai tu den nam phan dau tiep tuc nang cao thuc hien day manh tang cuong xay dung phat trien dat toan tinh moi hang so ty le viec ve'.split(
    ' ',
  ),
);

/** Folded content words of a text, without stop words and numbers. */
export function contentWords(text: string): string[] {
  return foldVietnamese(text)
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 1 && !STOP.has(w) && !/^\d+$/.test(w));
}
