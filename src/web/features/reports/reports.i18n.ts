/**
 * The strings of the reports and dashboard pages, Vietnamese first, added to the app's
 * `translation` bundle under `rp.` so that these pages do not crowd the shared i18n file.
 */
import { useTranslation } from 'react-i18next';
import { i18n } from '../../lib/i18n';
import { formatVnNumber } from '../../../domain/vn-number';
import type { ReportAction } from '../../../contracts/reports';

const strings = {
  reports: ['Báo cáo', 'Reports'],
  myWork: ['Việc của tôi', 'My work'],
  outbox: ['Hộp thư đi', 'Mail outbox'],
  toWrite: ['Cần lập', 'To write'],
  toApprove: ['Chờ tôi duyệt', 'To approve'],
  returned: ['Bị trả lại', 'Returned'],
  submitted: ['Đã gửi', 'Submitted'],
  all: ['Tất cả', 'All'],
  org: ['Tổ chức', 'Organization'],
  document: ['Văn bản', 'Document'],
  period: ['Kỳ', 'Period'],
  dueDate: ['Hạn', 'Due'],
  status: ['Trạng thái', 'Status'],
  open: ['Mở', 'Open'],
  late: ['Quá hạn', 'Late'],
  none: ['Không có', 'None'],
  's.draft': ['Đang lập', 'Draft'],
  's.submitted': ['Chờ duyệt', 'Submitted'],
  's.returned': ['Bị trả lại', 'Returned'],
  's.approved': ['Đã duyệt', 'Approved'],
  'ts.not_started': ['Chưa thực hiện', 'Not started'],
  'ts.in_progress': ['Đang thực hiện', 'In progress'],
  'ts.done': ['Hoàn thành', 'Done'],
  'ts.overdue': ['Quá hạn', 'Overdue'],
  'ts.cancelled': ['Hủy', 'Cancelled'],
  'tg.achieved': ['Đạt', 'Achieved'],
  'tg.on_track': ['Đúng tiến độ', 'On track'],
  'tg.at_risk': ['Có nguy cơ', 'At risk'],
  'tg.off_track': ['Chậm tiến độ', 'Off track'],
  'tg.not_assessable': ['Chưa đánh giá được', 'Not assessable'],
  targets: ['Chỉ tiêu', 'Targets'],
  tasks: ['Nhiệm vụ', 'Tasks'],
  goal: ['Mục tiêu', 'Goal'],
  actual: ['Thực hiện', 'Actual'],
  assessment: ['Đánh giá', 'Assessment'],
  reason: ['Lý do', 'Reason'],
  value: ['Số liệu', 'Value'],
  numerator: ['Tử số', 'Numerator'],
  denominator: ['Mẫu số', 'Denominator'],
  source: ['Nguồn số liệu', 'Source'],
  note: ['Ghi chú', 'Note'],
  childrenTotal: ['Đơn vị cấp dưới (đã duyệt)', 'Children (approved)'],
  sumIn: ['Cộng từ đơn vị cấp dưới', 'Sum in from children'],
  includesChildren: ['Đã gồm cấp dưới', 'Includes children'],
  progress: ['Tiến độ', 'Progress'],
  doneText: ['Kết quả đã thực hiện', 'What was done'],
  narrative: ['Thuyết minh', 'Narrative'],
  evidence: ['Tệp minh chứng', 'Evidence files'],
  upload: ['Tải tệp lên', 'Upload a file'],
  save: ['Lưu', 'Save'],
  saved: ['Đã lưu báo cáo.', 'Report saved.'],
  submit: ['Gửi báo cáo', 'Submit'],
  submittedOk: ['Đã gửi báo cáo.', 'Report submitted.'],
  approve: ['Duyệt', 'Approve'],
  approvedOk: ['Đã duyệt báo cáo.', 'Report approved.'],
  return: ['Trả lại', 'Return'],
  returnedOk: ['Đã trả lại báo cáo.', 'Report returned.'],
  returnComment: ['Ý kiến khi trả lại', 'Comment'],
  conflict: [
    'Báo cáo vừa được người khác thay đổi. Đã tải lại bản mới nhất; hãy nhập lại phần vừa sửa.',
    'Someone else changed this report. The latest version is loaded; enter your changes again.',
  ],
  readOnly: [
    'Báo cáo chỉ xem: đã gửi hoặc đã duyệt, hoặc bạn không có quyền sửa.',
    'Read-only: submitted or approved, or you may not edit it.',
  ],
  history: ['Lịch sử xử lý', 'Workflow history'],
  'a.submit': ['Gửi', 'Submitted'],
  'a.approve': ['Duyệt', 'Approved'],
  'a.return': ['Trả lại', 'Returned'],
  'a.resubmit': ['Gửi lại', 'Resubmitted'],
  'a.reopen': ['Mở lại để sửa', 'Reopened'],
  noTargets: ['Tổ chức không có chỉ tiêu trong kỳ này.', 'No targets for this organization.'],
  noTasks: ['Tổ chức không chủ trì nhiệm vụ nào.', 'No tasks led by this organization.'],
  returnedBanner: ['Cấp trên đã trả lại báo cáo', 'The level above returned this report'],
  dashboard: ['Bảng điều khiển', 'Dashboard'],
  exportExcel: ['Xuất Excel', 'Export Excel'],
  backToTop: ['Về cấp ban hành', 'Back to the issuing level'],
  up: ['Lên cấp trên', 'Up one level'],
  asOf: ['Tính đến', 'As of'],
  reportsIn: ['Báo cáo đã gửi', 'Reports submitted'],
  onTime: ['Đúng hạn', 'On time'],
  tasksByStatus: ['Nhiệm vụ theo trạng thái', 'Tasks by status'],
  heatMap: ['Nhiệm vụ quá hạn theo đơn vị (bấm để xem chi tiết)', 'Overdue tasks by organization (click to drill down)'],
  completeness: ['Mức độ đầy đủ của báo cáo', 'Report completeness'],
  byOrg: ['Theo đơn vị', 'By organization'],
  listOf: ['Danh sách', 'List'],
  chart: ['Thực hiện so với lộ trình và dự báo', 'Actual vs path and forecast'],
  path: ['Lộ trình', 'Path'],
  forecast: ['Dự báo', 'Forecast'],
  self: ['cấp mình', 'own level'],
  overdue: ['Quá hạn', 'Overdue'],
  askExplanation: ['Yêu cầu giải trình', 'Ask for an explanation'],
  explanations: ['Yêu cầu giải trình', 'Explanation requests'],
  question: ['Nội dung cần giải trình', 'Question'],
  askedOrg: ['Tổ chức giải trình', 'Responsible organization'],
  deadline: ['Hạn trả lời', 'Deadline'],
  send: ['Gửi', 'Send'],
  asked: ['Đã gửi yêu cầu giải trình.', 'Request sent.'],
  answer: ['Giải trình', 'Answer'],
  answered: ['Đã gửi giải trình.', 'Answer sent.'],
  closeRequest: ['Đóng yêu cầu', 'Close the request'],
  closed: ['Đã đóng yêu cầu.', 'Request closed.'],
  'e.open': ['Chờ giải trình', 'Open'],
  'e.answered': ['Đã giải trình', 'Answered'],
  'e.closed': ['Đã đóng', 'Closed'],
  thread: ['Trao đổi', 'Thread'],
  askedBy: ['Người yêu cầu', 'Asked by'],
  publicLink: ['Liên kết công khai', 'Public link'],
  publicOn: ['Bật liên kết công khai', 'Public link on'],
  publicTargets: ['Chỉ tiêu công khai', 'Public targets'],
  showTasks: ['Hiện số liệu nhiệm vụ', 'Show task counts'],
  publicTitle: ['Kết quả thực hiện (công khai)', 'Progress (public)'],
  publicGone: ['Liên kết không tồn tại hoặc đã tắt.', 'This link does not exist or is off.'],
  copy: ['Sao chép', 'Copy'],
  to: ['Người nhận', 'To'],
  subject: ['Tiêu đề', 'Subject'],
  createdAt: ['Thời gian', 'Created'],
  'm.pending': ['Chờ gửi', 'Pending'],
  'm.held': ['Giữ lại (chưa cấu hình SMTP)', 'Held (no SMTP)'],
  'm.sent': ['Đã gửi', 'Sent'],
  'm.failed': ['Lỗi', 'Failed'],
  noteOutbox: [
    'Thư nhắc hạn báo cáo. Khi chưa cấu hình SMTP, thư được giữ ở đây để quản trị viên xem.',
    'Reminder mail. Without SMTP settings it waits here for an administrator.',
  ],
  lateTasks: ['Nhiệm vụ quá hạn', 'Late tasks'],
  notifications: ['Thông báo', 'Notifications'],
  wordReport: ['Báo cáo Word', 'Word report'],
  leadOrg: ['Đơn vị chủ trì', 'Lead organization'],
  empty: ['Chưa có dữ liệu', 'No data yet'],
  shareSaved: ['Đã lưu cài đặt liên kết công khai.', 'Public link settings saved.'],
  shareFirst: ['Lưu lần đầu để tạo liên kết.', 'Save once to create the link.'],
  cancel: ['Hủy', 'Cancel'],
  close: ['Đóng', 'Close'],
  unitsShort: ['đv', 'units'],
  questionRequired: ['Hãy ghi nội dung cần giải trình', 'Write what needs explaining'],
  lateAsOf: ['Trễ hạn tính đến ngày xem', 'Late as of the date'],
  sendReminders: ['Gửi nhắc hạn ngay', 'Send reminders now'],
  fromStudy: ['Điểm danh học tập', 'Study attendance'],
  useStudy: ['Dùng số liệu học tập', 'Use the study figures'],
  studyAuto: ['Tự động từ điểm danh học tập', 'Automatic from study attendance'],
  period_pick: ['Kỳ báo cáo', 'Reporting period'],
  period_latest: ['Kỳ gần nhất đã đến hạn', 'Latest period due'],
  overdueTasks: ['Nhiệm vụ quá hạn', 'Overdue tasks'],
  lateReports: ['Báo cáo nộp muộn', 'Late reports'],
  overdueAsOf: ['Quá hạn tính đến {{date}}', 'Overdue as of {{date}}'],
  ownTargets: ['Chỉ tiêu cụ thể hóa của {{org}}', 'Targets of {{org}}'],
  parentGoal: ['Chỉ tiêu cấp trên', 'Parent target'],
  remindersSent: ['Đã tạo {{notifications}} thông báo và {{mails}} thư.', 'Created {{notifications}} notifications and {{mails}} mails.'],
} as const;

export type ReportsKey = keyof typeof strings;

// Every step a report's history can show has a label: the contract's list of actions decides,
// so an action added on the server without a label here fails the type check (it once showed
// the raw key `a.resubmit`).
type UnlabelledAction = Exclude<`a.${ReportAction}`, ReportsKey>;
export const everyReportActionLabelled: [UnlabelledAction] extends [never] ? true : UnlabelledAction = true;

const bundle = (i: 0 | 1) => ({ rp: Object.fromEntries(Object.entries(strings).map(([k, v]) => [k.replace('.', '_'), v[i]])) });
i18n.addResourceBundle('vi', 'translation', bundle(0), true, false);
i18n.addResourceBundle('en', 'translation', bundle(1), true, false);

/** `t` for these pages: `r('save')`, `r('s.draft')`. */
export function useReportsT() {
  const { t, i18n: inst } = useTranslation();
  const r = (key: ReportsKey | `${string}.${string}`, values?: Record<string, unknown>) =>
    t(`rp.${key.replace('.', '_')}`, { defaultValue: key, ...values });
  return { r, t, locale: inst.language };
}

export const formatNumber = (n: number | null | undefined, digits = 2) => (n === null || n === undefined ? '—' : formatVnNumber(n, digits));
export { formatDate as formatDay, formatDateTime } from '../../lib/format';
