/**
 * The strings of the member registry's pages (party building, a member's timeline and their
 * dialogs), Vietnamese first, under `reg.` in the app's bundle. Event kinds, admission steps
 * and figures come with their own labels (src/domain/registry, registry.api.ts); the words
 * every page shares (save, cancel, edit…) stay under `common.`.
 */
import { useTranslation } from 'react-i18next';
import { i18n } from '../../lib/i18n';

const strings = {
  // Party building page
  title: ['Công tác phát triển đảng viên', 'Party building'],
  org: ['Tổ chức', 'Organization'],
  importEvents: ['Nhập sự kiện từ Excel', 'Import events from Excel'],
  receive: ['Tiếp nhận sinh hoạt đảng', 'Receive a transferred member'],
  tabFigures: ['Chỉ tiêu', 'Figures'],
  tabCandidates: ['Quần chúng ưu tú', 'Candidates'],
  tabOverdue: ['Quá hạn chuyển chính thức', 'Overdue reviews'],
  tabEnterprises: ['Doanh nghiệp', 'Enterprises'],
  // Figures
  period: ['Kỳ', 'Period'],
  figuresHint: [
    'Từ {{from}} đến {{to}}. Số liệu tính từ sổ đảng viên, không nhập tay; bấm vào một số để xem danh sách.',
    'From {{from}} to {{to}}. Figures are counted from the member registry, never typed in; click a number to see the list.',
  ],
  statistics: ['Biểu thống kê đảng viên của kỳ:', 'Member statistics of the period:'],
  downloadXlsx: ['Tải Excel (.xlsx)', 'Download Excel (.xlsx)'],
  downloadDocx: ['Tải Word (HD 36)', 'Download Word (HD 36)'],
  drillLabel: ['Danh sách: {{figure}}: {{n}}', 'List: {{figure}}: {{n}}'],
  total: ['Tổng số: {{n}}', 'Total: {{n}}'],
  colPlace: ['Nơi', 'Unit'],
  // Candidates and their admission steps
  candidateAdded: ['Đã thêm quần chúng ưu tú.', 'Candidate added.'],
  addCandidate: ['Thêm quần chúng ưu tú', 'Add a candidate'],
  fullName: ['Họ và tên', 'Full name'],
  enterFullName: ['Hãy nhập họ và tên', 'Enter the full name'],
  cell: ['Chi bộ', 'Party cell'],
  pickCell: ['Hãy chọn chi bộ', 'Choose the party cell'],
  progress: ['Tiến độ', 'Progress'],
  admittedOn: ['Đã kết nạp {{d}}', 'Admitted on {{d}}'],
  awaitingCeremony: ['Chờ lễ kết nạp', 'Awaiting the ceremony'],
  nextStep: ['Bước tiếp: {{step}}', 'Next step: {{step}}'],
  admit: ['Kết nạp', 'Admit'],
  recordStep: ['Ghi bước', 'Record a step'],
  gender: ['Giới tính', 'Gender'],
  pickGender: ['Hãy chọn giới tính', 'Choose the gender'],
  'gender.male': ['Nam', 'Male'],
  'gender.female': ['Nữ', 'Female'],
  birthDate: ['Ngày sinh', 'Date of birth'],
  pickBirthDate: ['Hãy chọn ngày sinh', 'Choose the date of birth'],
  nse: ['Làm việc trong doanh nghiệp ngoài nhà nước', 'Works in a non-state enterprise'],
  steps: ['Các bước: {{steps}} → {{last}}.', 'Steps: {{steps}} → {{last}}.'],
  introducers: ['Hai đảng viên chính thức của chi bộ giới thiệu', 'Two official members of the cell who introduce'],
  introducersRequired: ['Cần hai người giới thiệu', 'Two introducers are needed'],
  introducersExactly: ['Cần đúng hai người giới thiệu', 'Exactly two introducers are needed'],
  introducer: ['Người giới thiệu', 'Introducers'],
  noIntroducers: ['Chi bộ chưa có đảng viên chính thức', 'The cell has no official member yet'],
  resolution: ['Số, ngày nghị quyết / quyết định', 'Number and date of the resolution / decision'],
  memberCode: ['Mã đảng viên', 'Member code'],
  enterMemberCode: ['Hãy nhập mã đảng viên', 'Enter the member code'],
  recordCeremony: ['Ghi lễ kết nạp', 'Record the ceremony'],
  saveStep: ['Lưu bước', 'Save the step'],
  // Overdue reviews
  overdueTitle: [
    'Đảng viên dự bị quá hạn xét chuyển chính thức (tính đến {{d}}): {{n}}',
    'Probationary members past their review date (as of {{d}}): {{n}}',
  ],
  colMember: ['Đảng viên', 'Member'],
  colAdmitted: ['Kết nạp', 'Admitted'],
  colDue: ['Đến hạn', 'Due'],
  colDaysOverdue: ['Quá hạn (ngày)', 'Overdue (days)'],
  // Enterprise register
  colEnterprise: ['Doanh nghiệp', 'Enterprise'],
  taxCode: ['Mã số thuế', 'Tax code'],
  enterTaxCode: ['Hãy nhập mã số thuế', 'Enter the tax code'],
  ownership: ['Loại hình', 'Ownership'],
  pickOwnership: ['Hãy chọn loại hình', 'Choose the ownership'],
  'own.state': ['Nhà nước', 'State-owned'],
  'own.non_state': ['Ngoài nhà nước', 'Non-state'],
  'own.foreign': ['Có vốn đầu tư nước ngoài', 'Foreign-invested'],
  colPartyOrg: ['Tổ chức đảng', 'Party organization'],
  colTradeUnion: ['Công đoàn', 'Trade union'],
  colYouthUnion: ['Đoàn thanh niên', 'Youth union'],
  editNamed: ['Sửa {{name}}', 'Edit {{name}}'],
  editEnterprise: ['Sửa doanh nghiệp: {{name}}', 'Edit enterprise: {{name}}'],
  enterpriseName: ['Tên doanh nghiệp', 'Enterprise name'],
  enterEnterpriseName: ['Hãy nhập tên doanh nghiệp', 'Enter the enterprise name'],
  partyOrgIn: ['Tổ chức đảng trong doanh nghiệp', 'Party organization in the enterprise'],
  partyOrgFounded: ['Ngày thành lập tổ chức đảng', 'Party organization founded on'],
  tradeUnionFounded: ['Ngày thành lập Công đoàn', 'Trade union founded on'],
  youthUnionFounded: ['Ngày thành lập Đoàn thanh niên', 'Youth union founded on'],
  enterpriseSaved: ['Đã lưu doanh nghiệp.', 'Enterprise saved.'],
  // Approved reports a correction moves
  reapprovalTitle: ['{{n}} báo cáo đã duyệt cần duyệt lại', '{{n}} approved reports must be approved again'],
  reportRef: ['{{doc}} · {{org}} · {{period}}', '{{doc}} · {{org}} · {{period}}'],
  reapprovalLine: ['{{report}}: {{changes}} (người duyệt: {{approvers}})', '{{report}}: {{changes}} (approvers: {{approvers}})'],
  // A member's timeline
  standing: ['Tình trạng', 'Standing'],
  'standing.none': ['Chưa kết nạp', 'Not admitted'],
  'standing.probationary': ['Đảng viên dự bị', 'Probationary member'],
  'standing.official': ['Đảng viên chính thức', 'Official member'],
  'standing.left': ['Đã ra khỏi Đảng', 'Left the Party'],
  'standing.deceased': ['Từ trần', 'Deceased'],
  reviewDue: ['Hạn xét chuyển chính thức', 'Review due'],
  phone: ['Điện thoại', 'Phone'],
  idNumber: ['Số CCCD', 'ID card number'],
  history: ['Quá trình sinh hoạt đảng', 'Party membership history'],
  noEvents: [
    'Chưa có sự kiện nào được ghi trong sổ (đảng viên có trong danh sách từ trước).',
    'No event recorded in the registry yet (the member was on the roll before it).',
  ],
  'mode.official': ['chính thức', 'official'],
  'mode.temporary': ['tạm thời', 'temporary'],
  editEventNamed: ['Sửa sự kiện {{kind}} ngày {{d}}', 'Edit the event {{kind}} of {{d}}'],
  destination: ['Nơi đến', 'Destination'],
  transferCode: ['Mã chuyển sinh hoạt', 'Transfer code'],
  // Recording, correcting and receiving events
  recordEvent: ['Ghi sự kiện', 'Record an event'],
  recordTitle: ['Ghi sự kiện sinh hoạt đảng', 'Record a membership event'],
  eventRecorded: ['Đã ghi sự kiện.', 'Event recorded.'],
  event: ['Sự kiện', 'Event'],
  pickEvent: ['Hãy chọn sự kiện', 'Choose the event'],
  transferMode: ['Hình thức chuyển', 'Kind of transfer'],
  pickTransferMode: ['Hãy chọn hình thức chuyển', 'Choose the kind of transfer'],
  'transfer.official': ['Chuyển sinh hoạt đảng chính thức', 'Official transfer'],
  'transfer.temporary': ['Chuyển sinh hoạt đảng tạm thời', 'Temporary transfer'],
  destinationTooLong: ['Nơi đến dài quá 200 ký tự', 'The destination is longer than 200 characters'],
  date: ['Ngày', 'Date'],
  pickDate: ['Hãy chọn ngày', 'Choose the date'],
  decision: ['Số, ngày quyết định', 'Number and date of the decision'],
  enterDecision: ['Hãy ghi số quyết định', 'Enter the decision number'],
  editEvent: ['Sửa sự kiện: {{kind}}', 'Edit event: {{kind}}'],
  eventEdited: ['Đã sửa sự kiện.', 'Event corrected.'],
  eventEditedReapprove: [
    'Đã sửa sự kiện; {{n}} báo cáo đã duyệt được đánh dấu cần duyệt lại.',
    'Event corrected; {{n}} approved reports are marked to be approved again.',
  ],
  movesApproved: ['Sửa sự kiện này làm thay đổi số liệu của báo cáo đã duyệt', 'Correcting this event changes figures of approved reports'],
  movesApprovedHint: [
    'Số liệu đã duyệt không tự thay đổi: các báo cáo dưới đây sẽ được đánh dấu cần duyệt lại, và người phê duyệt cấp trên phải duyệt lại.',
    'Approved figures do not change by themselves: the reports below will be marked to be approved again, and the approver above must approve them again.',
  ],
  colReport: ['Báo cáo', 'Report'],
  colFigure: ['Chỉ tiêu', 'Figure'],
  colBefore: ['Trước', 'Before'],
  colAfter: ['Sau', 'After'],
  colApprovers: ['Người phải duyệt lại', 'To approve again'],
  approver: ['Người phê duyệt', 'Approver'],
  oldDate: ['Ngày cũ: {{d}}.', 'Previous date: {{d}}.'],
  confirmEdit: ['Xác nhận sửa và đánh dấu duyệt lại', 'Confirm and mark for re-approval'],
  received: ['Đã tiếp nhận sinh hoạt đảng.', 'Member received.'],
  enterTransferCode: ['Hãy nhập mã chuyển sinh hoạt', 'Enter the transfer code'],
  transferCodeShape: ['Mã chuyển sinh hoạt gồm 10 chữ và số.', 'A transfer code has 10 letters and digits.'],
  receivingCell: ['Chi bộ tiếp nhận', 'Receiving cell'],
  pickReceivingCell: ['Hãy chọn chi bộ tiếp nhận', 'Choose the receiving cell'],
  receiveAction: ['Tiếp nhận', 'Receive'],
  // Importing events from a workbook
  importTitle: ['Nhập sự kiện đảng viên từ tệp Excel', 'Import member events from an Excel file'],
  importHint: [
    'Mỗi dòng là một sự kiện: loại (kết nạp, công nhận chính thức, chuyển sinh hoạt đi/đến, xóa tên, khai trừ, ra khỏi Đảng, từ trần, miễn sinh hoạt), ngày, mã đảng viên, số và ngày quyết định; chuyển sinh hoạt ghi thêm mã đơn vị đến. Xem trước không ghi gì.',
    'Each row is one event: its kind (admission, made official, transfer out/in, removal, expulsion, resignation, death, exemption), the date, the member code, the number and date of the decision; a transfer also gives the code of the receiving unit. The preview writes nothing.',
  ],
  downloadTemplate: ['Tải tệp mẫu', 'Download the template'],
  chooseFile: ['Chọn tệp .xlsx để xem trước', 'Choose an .xlsx file to preview'],
  chooseOtherFile: ['Chọn tệp khác', 'Choose another file'],
  writeEvents: ['Ghi sự kiện', 'Write the events'],
  writeEventsN: ['Ghi {{n}} sự kiện', 'Write {{n}} events'],
  eventsWritten: ['Đã ghi {{n}} sự kiện vào sổ đảng viên.', 'Wrote {{n}} events into the member registry.'],
  rowsWrong: ['{{bad}} trong {{total}} dòng có lỗi: chưa ghi dòng nào.', '{{bad}} of {{total}} rows have errors: nothing was written.'],
  rowsWrongHint: [
    'Sửa các ô được chỉ ra trong tệp rồi chọn lại tệp để xem trước.',
    'Fix the cells shown in the file, then choose the file again to preview.',
  ],
  rowsOk: [
    '{{n}} dòng hợp lệ. Bấm “Ghi {{n}} sự kiện” để ghi tất cả.',
    '{{n}} rows are valid. Click “Write {{n}} events” to write them all.',
  ],
  colRow: ['Dòng', 'Row'],
  colOutcome: ['Kết quả', 'Outcome'],
  valid: ['Hợp lệ', 'Valid'],
} as const;

export type RegistryKey = keyof typeof strings;

const bundle = (i: 0 | 1) => ({ reg: Object.fromEntries(Object.entries(strings).map(([k, v]) => [k.replace('.', '_'), v[i]])) });
i18n.addResourceBundle('vi', 'translation', bundle(0), true, false);
i18n.addResourceBundle('en', 'translation', bundle(1), true, false);

/** `r('drillLabel', { figure, n })` in the user's language. */
export function useRegistryT() {
  const { t, i18n: inst } = useTranslation();
  const locale: 'vi' | 'en' = inst.language === 'en' ? 'en' : 'vi';
  return {
    locale,
    r: (key: RegistryKey, vars?: Record<string, string | number>) => t(`reg.${key.replace('.', '_')}`, { defaultValue: key, ...vars }),
  };
}
