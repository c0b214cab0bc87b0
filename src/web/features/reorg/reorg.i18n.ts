/**
 * The strings of the tree's history and the reorganization page, Vietnamese first, under `rg.`
 * in the app's bundle. Operation kinds come from src/domain/reorg.
 */
import { useTranslation } from 'react-i18next';
import { i18n } from '../../lib/i18n';

const strings = {
  // Org page: lineage
  lineage: ['Lịch sử hình thành', 'History'],
  cameFrom: ['Hình thành từ', 'Came from'],
  wentInto: ['Đã chuyển thành', 'Went into'],
  names: ['Tên gọi qua các thời kỳ', 'Names over time'],
  nameSince: ['từ {{from}}', 'since {{from}}'],
  nameRange: ['từ {{from}} đến {{to}}', 'from {{from}} to {{to}}'],
  noLineage: ['Tổ chức chưa qua lần sắp xếp nào.', 'No reorganization yet.'],
  effective: ['hiệu lực từ {{d}}', 'effective {{d}}'],
  'from.merged_into': ['Hợp nhất từ', 'Merged from'],
  'from.split_from': ['Chia tách từ', 'Split from'],
  'from.dissolved': ['Tiếp nhận từ tổ chức giải thể', 'Took over from the dissolved'],
  'from.moved': ['Tiếp nhận về trực thuộc', 'Took under it'],
  'into.merged_into': ['Hợp nhất vào', 'Merged into'],
  'into.split_from': ['Chia tách thành', 'Split into'],
  'into.dissolved': ['Giải thể, tổ chức trực thuộc chuyển về', 'Dissolved, its children went to'],
  'into.moved': ['Chuyển về trực thuộc', 'Moved under'],
  // Org tree: as of a date
  asOfLabel: ['Cơ cấu tổ chức tại ngày', 'Tree as of'],
  asOfPlaceholder: ['Hôm nay', 'Today'],
  asOfBanner: ['Đang xem cơ cấu tổ chức tại ngày {{d}}', 'Showing the tree as of {{d}}'],
  asOfDetail: [
    '{{orgs}} tổ chức, {{members}} đảng viên; số đảng viên là số của ngày đó.',
    '{{orgs}} organizations, {{members}} members; member counts are those of that day.',
  ],
  backToToday: ['Về cơ cấu hiện tại', 'Back to today'],
  asOfEmpty: ['Không có tổ chức nào trong phạm vi của đồng chí vào ngày này.', 'No organization in your scope on that day.'],
  formerName: ['Tên cũ', 'Former name'],
  // Reorganization page: the mapping as a spreadsheet
  sheetDownload: ['Tải bảng phân bổ (.xlsx)', 'Download the mapping (.xlsx)'],
  sheetUpload: ['Tải lên bảng phân bổ đã điền', 'Upload the filled mapping'],
  sheetHint: [
    'Có thể điền nơi chuyển về của từng đơn vị và vai trò trong Excel rồi tải lên; trang sẽ xem trước lại, chưa ghi gì.',
    'Fill where each unit and role goes in Excel and upload it; the page previews again and writes nothing.',
  ],
  sheetRead: ['Đã đọc {{n}} dòng của bảng phân bổ; đang xem trước lại.', 'Read {{n}} rows of the mapping; previewing again.'],
  // Reorganization page
  title: ['Sắp xếp tổ chức', 'Reorganize'],
  intro: [
    'Hợp nhất, chia tách, giải thể, đổi tên, chuyển trực thuộc hoặc đổi loại hình một tổ chức đảng. Mỗi thao tác có ngày hiệu lực và quyết định; trước khi ghi, trang cho xem mọi thứ sẽ thay đổi.',
    'Merge, split, dissolve, rename, move or change the kind of a party organization. Each operation has an effective date and a decision; before anything is written the page shows all it touches.',
  ],
  kind: ['Thao tác', 'Operation'],
  effectiveDate: ['Ngày hiệu lực', 'Effective date'],
  decision: ['Quyết định', 'Decision'],
  decisionPlaceholder: ['Quyết định số 321-QĐ/TW ngày 12/6/2025 của Bộ Chính trị', 'Decision no. 321-QĐ/TW of 12/6/2025'],
  sources: ['Tổ chức được sắp xếp', 'Organizations reorganized'],
  'sources.merge': ['Các tổ chức hợp nhất', 'Organizations merged'],
  'sources.dissolve': ['Tổ chức giải thể', 'Organization dissolved'],
  addSource: ['Thêm tổ chức', 'Add an organization'],
  into: ['Hợp nhất vào', 'Merge into'],
  intoNew: ['Tổ chức mới', 'A new organization'],
  intoExisting: ['Tổ chức có sẵn', 'An existing organization'],
  successor: ['Tổ chức tiếp nhận', 'Successor'],
  newParent: ['Trực thuộc', 'Under'],
  newCode: ['Mã tổ chức mới', 'Code of the new organization'],
  newName: ['Tên tổ chức mới', 'Name of the new organization'],
  newKind: ['Loại hình', 'Kind'],
  renameTo: ['Tên mới', 'New name'],
  moveTo: ['Tổ chức cấp trên mới', 'New parent'],
  dissolveTo: ['Tổ chức nhận các tổ chức trực thuộc', 'Organization taking its children'],
  splitInto: ['Chia tách thành (các tổ chức có sẵn)', 'Split into (existing organizations)'],
  newParts: [
    'Chia tách thành các tổ chức mới (lập dưới cấp trên của tổ chức bị chia tách)',
    'Split into new organizations (under the split one’s parent)',
  ],
  newPartN: ['Tổ chức mới {{n}}', 'New organization {{n}}'],
  addNewPart: ['Thêm tổ chức mới', 'Add a new organization'],
  removePart: ['Bỏ tổ chức mới này', 'Remove this new organization'],
  addPart: ['Thêm tổ chức', 'Add an organization'],
  remove: ['Bỏ', 'Remove'],
  preview: ['Xem trước', 'Preview'],
  previewAgain: ['Xem trước lại', 'Preview again'],
  confirm: ['Xác nhận sắp xếp', 'Confirm'],
  confirmTitle: ['Ghi thao tác sắp xếp này?', 'Write this reorganization?'],
  confirmText: [
    'Mọi thay đổi trên được ghi trong một lần, có nhật ký, hiệu lực từ {{d}}.',
    'All of the above is written at once, audited, effective {{d}}.',
  ],
  problems: ['Chưa thể ghi: hãy sửa các điểm sau', 'Cannot be written yet: fix the following'],
  stale: ['Đã đổi thông tin sau lần xem trước: hãy xem trước lại.', 'Changed since the preview: preview again.'],
  done: ['Đã sắp xếp tổ chức', 'Reorganized'],
  openSuccessor: ['Xem tổ chức', 'Open the organization'],
  another: ['Sắp xếp tiếp', 'Another operation'],
  // Preview sections
  pvTitle: ['Xem trước: những gì sẽ thay đổi', 'Preview: what changes'],
  pvCells: ['Tổ chức trực thuộc và đảng viên', 'Organizations and members'],
  pvCellsHint: [
    'Mỗi dòng là một tổ chức trực thuộc (hoặc đảng viên sinh hoạt trực tiếp): chọn nơi chuyển đến, rồi xem trước lại.',
    'Each row is a child organization (or members held directly): choose where it goes, then preview again.',
  ],
  pvMembers: ['{{n}} đảng viên chuyển sinh hoạt', '{{n}} members move'],
  colOrg: ['Tổ chức', 'Organization'],
  colFrom: ['Hiện trực thuộc', 'Now under'],
  colMembers: ['Đảng viên', 'Members'],
  colTo: ['Chuyển đến', 'Goes to'],
  direct: ['Đảng viên sinh hoạt trực tiếp', 'Members held directly'],
  newOrgOption: ['{{name}} (tổ chức mới)', '{{name}} (new)'],
  otherOrg: ['Tổ chức khác…', 'Another organization…'],
  notPlaced: ['Chưa chọn', 'Not chosen'],
  pvRoles: ['Vai trò người dùng', 'Users’ roles'],
  roleKeep: ['Giữ vai trò tại', 'Keep the role at'],
  roleEnd: ['Kết thúc vai trò', 'End the role'],
  pvTasks: ['Nhiệm vụ đang thực hiện đổi đơn vị', 'Open tasks changing unit'],
  taskLead: ['chủ trì', 'lead'],
  taskPartner: ['phối hợp', 'partner'],
  pvReports: ['Báo cáo định kỳ', 'Report obligations'],
  pvReportsValue: ['{{n}} báo cáo chưa gửi chuyển cho tổ chức tiếp nhận', '{{n}} unsent reports go to the successor'],
  pvPoints: ['Điểm cầu hội nghị học tập', 'Study bridge points'],
  pvExplanations: ['Yêu cầu giải trình đang mở', 'Open explanation requests'],
  pvDocuments: ['Văn bản của tổ chức', 'Documents owned'],
  pvDocumentsHint: [
    'Văn bản vẫn thuộc tổ chức cũ (giữ lịch sử); tổ chức tiếp nhận đọc được.',
    'Documents stay with the old organization (history kept); the successor reads them.',
  ],
  none: ['Không có', 'None'],
  // History of operations and undo
  history: ['Lịch sử sắp xếp tổ chức', 'Reorganization history'],
  historyEmpty: ['Chưa có thao tác sắp xếp nào.', 'No reorganization yet.'],
  historyBy: ['{{who}} thực hiện lúc {{at}}', 'by {{who}} at {{at}}'],
  undoneOn: ['Đã hoàn tác lúc {{at}}', 'Undone at {{at}}'],
  statusCommitted: ['Đang hiệu lực', 'In effect'],
  statusUndone: ['Đã hoàn tác', 'Undone'],
  undo: ['Hoàn tác', 'Undo'],
  undoTitle: ['Hoàn tác thao tác sắp xếp này?', 'Undo this reorganization?'],
  undoText: [
    'Cơ cấu tổ chức, đảng viên, phân quyền, nhiệm vụ, báo cáo, điểm cầu và yêu cầu giải trình trở lại như trước ngày {{d}}. Chỉ hoàn tác được khi chưa có gì được ghi nhận cho tổ chức mới.',
    'The tree, members, roles, tasks, reports, bridge points and explanation requests go back to how they were before {{d}}. Possible only while nothing was recorded against the new orgs.',
  ],
  undone: ['Đã hoàn tác thao tác sắp xếp.', 'The reorganization was undone.'],
} as const;

export type ReorgKey = keyof typeof strings;

const bundle = (i: 0 | 1) => ({ rg: Object.fromEntries(Object.entries(strings).map(([k, v]) => [k.replace('.', '_'), v[i]])) });
i18n.addResourceBundle('vi', 'translation', bundle(0), true, false);
i18n.addResourceBundle('en', 'translation', bundle(1), true, false);

/** `r('asOfBanner', { d })` in the user's language. */
export function useReorgT() {
  const { t, i18n: inst } = useTranslation();
  const locale: 'vi' | 'en' = inst.language === 'en' ? 'en' : 'vi';
  return {
    locale,
    r: (key: ReorgKey, vars?: Record<string, string | number>) => t(`rg.${key.replace('.', '_')}`, { defaultValue: key, ...vars }),
  };
}
