/**
 * The interface text of the paste-and-review import, in Vietnamese and English, beside the
 * feature as the documents feature keeps its own.
 */
import type { Label } from '../../../domain/orgs/org-kinds';
import type { TargetComparator } from '../../../domain/targets';

export const X = {
  open: { vi: 'Nhập từ văn bản', en: 'Import from text' },
  title: { vi: 'Nhập chỉ tiêu, nhiệm vụ từ văn bản', en: 'Import targets and tasks from text' },
  pasteTab: { vi: 'Dán văn bản', en: 'Paste text' },
  docxTab: { vi: 'Tải tệp Word (.docx)', en: 'Upload Word (.docx)' },
  pasteLabel: { vi: 'Đoạn văn bản của nghị quyết, chương trình, kế hoạch', en: 'Text of the resolution, program or plan' },
  pastePlaceholder: { vi: 'Dán đoạn mục tiêu, chỉ tiêu, nhiệm vụ vào đây…', en: 'Paste the objectives, targets and tasks here…' },
  pasteHint: { vi: 'Ctrl + Enter để đọc', en: 'Ctrl + Enter to read' },
  docxHint: { vi: 'Kéo thả hoặc bấm để chọn tệp .docx', en: 'Drop or click to choose a .docx file' },
  read: { vi: 'Đọc văn bản', en: 'Read text' },
  reading: { vi: 'Đang đọc văn bản…', en: 'Reading…' },
  back: { vi: 'Quay lại sửa văn bản', en: 'Back to the text' },
  source: { vi: 'Văn bản gốc', en: 'Source text' },
  proposals: { vi: 'Các mục đọc được', en: 'Proposed items' },
  empty: {
    vi: 'Không tìm thấy chỉ tiêu, nhiệm vụ, đột phá nào trong đoạn này. Hãy kiểm tra lại đoạn văn bản, hoặc thêm mục bằng tay.',
    en: 'Nothing to propose in this text. Check the text, or add items by hand.',
  },
  accept: { vi: 'Nhận', en: 'Accept' },
  acceptAll: { vi: 'Nhận tất cả', en: 'Accept all' },
  acceptRow: { vi: 'Nhận mục', en: 'Accept item' },
  drop: { vi: 'Bỏ', en: 'Drop' },
  restore: { vi: 'Lấy lại', en: 'Restore' },
  locate: { vi: 'Xem trong văn bản', en: 'Show in text' },
  kind: { vi: 'Loại', en: 'Kind' },
  content: { vi: 'Nội dung', en: 'Content' },
  readFrom: { vi: 'Đọc từ', en: 'Read from' },
  readWhy: { vi: 'Vì sao đọc vậy', en: 'Why read so' },
  value: { vi: 'Giá trị', en: 'Value' },
  indicator: { vi: 'Chỉ số', en: 'Indicator' },
  newIndicator: { vi: 'Chỉ số mới', en: 'New indicator' },
  newIndicatorName: { vi: 'Tên chỉ số mới', en: 'New indicator name' },
  comparator: { vi: 'So sánh', en: 'Comparator' },
  from: { vi: 'Từ', en: 'From' },
  to: { vi: 'đến', en: 'to' },
  unit: { vi: 'Đơn vị', en: 'Unit' },
  perYear: { vi: '/năm', en: '/year' },
  byYear: { vi: 'Năm', en: 'Year' },
  readAs: { vi: 'Hiểu là', en: 'Read as' },
  add: { vi: 'Thêm vào văn bản', en: 'Add to document' },
  added: { vi: 'Đã thêm {n} mục vào văn bản', en: 'Added {n} items to the document' },
  addedIndicators: {
    vi: '; {n} chỉ số mới chờ quản trị viên duyệt trước khi vào danh mục',
    en: '; {n} new indicators wait for an administrator before entering the catalog',
  },
  matchScore: { vi: 'độ khớp', en: 'match' },
  proposedNew: {
    vi: 'Chưa có trong danh mục: sẽ đề xuất chỉ số mới, chờ quản trị viên duyệt',
    en: 'Not in the catalog: a new indicator will be proposed for an administrator',
  },
  counts: { vi: '{accepted}/{total} mục được nhận', en: '{accepted}/{total} accepted' },
  invalidRows: {
    vi: 'Còn mục được nhận chưa hợp lệ: hãy sửa các ô báo đỏ.',
    en: 'Some accepted items are invalid: fix the cells marked red.',
  },
  readFailed: { vi: 'Không đọc được văn bản', en: 'Could not read the text' },
  retry: { vi: 'Thử lại', en: 'Retry' },
  cancel: { vi: 'Đóng', en: 'Close' },
} satisfies Record<string, Label>;

export const kindLabels: Record<'target' | 'task' | 'breakthrough' | 'milestone', Label> = {
  target: { vi: 'Chỉ tiêu', en: 'Target' },
  task: { vi: 'Nhiệm vụ', en: 'Task' },
  breakthrough: { vi: 'Đột phá', en: 'Breakthrough' },
  milestone: { vi: 'Tầm nhìn', en: 'Milestone' },
};

/** Comparators as a resolution words them. */
export const comparatorLabels: Record<TargetComparator, Label> = {
  '=': { vi: 'bằng', en: 'equal to' },
  '>': { vi: 'trên (>)', en: 'more than' },
  '>=': { vi: 'ít nhất (≥)', en: 'at least' },
  '<': { vi: 'dưới (<)', en: 'less than' },
  '<=': { vi: 'tối đa (≤)', en: 'at most' },
  range: { vi: 'từ … đến …', en: 'between' },
  approx: { vi: 'khoảng', en: 'about' },
  increase_by: { vi: 'tăng', en: 'increase by' },
  decrease_by: { vi: 'giảm', en: 'decrease by' },
  reduce_to: { vi: 'giảm còn', en: 'reduce to' },
  increase_to: { vi: 'tăng lên', en: 'increase to' },
};

/** "Đã thêm {n} mục" with its placeholders filled. */
export function fill(text: string, values: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));
}
