/**
 * The strings of the inspection and supervision pages, Vietnamese first, under `ov.` in the
 * app's bundle. Kind, status and finding labels come from src/domain/oversight.
 */
import { useTranslation } from 'react-i18next';
import { i18n } from '../../lib/i18n';
import {
  OVERSIGHT_LABELS,
  OVERSIGHT_STATUS_LABELS,
  RECOMMENDATION_LABELS,
  type OversightStatus,
  type RecommendationView,
} from '../../../domain/oversight';

const strings = {
  menu: ['Kiểm tra, giám sát', 'Inspection & supervision'],
  dashboard: ['Tổng quan kiểm tra, giám sát', 'Oversight dashboard'],
  programs: ['Chương trình kiểm tra, giám sát', 'Oversight programs'],
  files: ['Hồ sơ kiểm tra, giám sát', 'Inspection files'],
  newProgram: ['Lập chương trình', 'New program'],
  year: ['Năm', 'Year'],
  issuer: ['Cơ quan ban hành', 'Issued by'],
  committee: ['Cấp ủy', 'Committee'],
  commission: ['Ủy ban Kiểm tra', 'Inspection commission'],
  title: ['Tên chương trình', 'Title'],
  number: ['Số', 'Number'],
  entries: ['Nội dung trong chương trình', 'Entries'],
  addEntry: ['Thêm nội dung', 'Add an entry'],
  kind: ['Hình thức', 'Kind'],
  basis: ['Loại', 'Basis'],
  content: ['Nội dung', 'Content'],
  theme: ['Chủ đề', 'Theme'],
  subject: ['Đối tượng', 'Subject'],
  period: ['Thời gian', 'Period'],
  responsible: ['Cơ quan chủ trì', 'Responsible body'],
  document: ['Văn bản liên quan', 'Linked document'],
  start: ['Triển khai', 'Start'],
  started: ['Đã tạo hồ sơ kiểm tra, giám sát.', 'Inspection file created.'],
  status: ['Trạng thái', 'Status'],
  open: ['Mở', 'Open'],
  save: ['Lưu', 'Save'],
  send: ['Gửi', 'Send'],
  cancel: ['Hủy', 'Cancel'],
  sample: ['Dữ liệu mẫu', 'Sample'],
  team: ['Đoàn kiểm tra, giám sát', 'Team'],
  decision: ['Quyết định thành lập đoàn', 'Decision forming the team'],
  decisionDate: ['Ngày quyết định', 'Decision date'],
  head: ['Trưởng đoàn', 'Head'],
  secretary: ['Thư ký', 'Secretary'],
  members: ['Thành viên', 'Members'],
  formTeam: ['Thành lập đoàn', 'Form the team'],
  plan: ['Kế hoạch', 'Plan'],
  notice: ['Thông báo', 'Notice'],
  sendNotice: ['Gửi kế hoạch và thông báo', 'Send plan and notice'],
  selfReport: ['Báo cáo tự kiểm tra', 'Self-report'],
  sendSelfReport: ['Gửi báo cáo tự kiểm tra', 'Send the self-report'],
  figures: ['Số liệu từ hệ thống', 'Figures from the app'],
  targets: ['Chỉ tiêu', 'Targets'],
  offTrack: ['Không đạt lộ trình', 'Off track'],
  atRisk: ['Có nguy cơ', 'At risk'],
  achieved: ['Đạt', 'Achieved'],
  tasksOverdue: ['Nhiệm vụ quá hạn', 'Overdue tasks'],
  reports: ['Báo cáo định kỳ đã gửi', 'Periodic reports sent'],
  study: ['Đảng viên đã học tập', 'Members who studied'],
  explanations: ['Yêu cầu giải trình đang mở', 'Open explanation requests'],
  sessions: ['Các buổi làm việc', 'Working sessions'],
  addSession: ['Ghi biên bản làm việc', 'Record a session'],
  heldOn: ['Ngày làm việc', 'Date'],
  place: ['Địa điểm', 'Place'],
  minutes: ['Biên bản', 'Minutes'],
  teamReport: ['Báo cáo của đoàn', 'Team report'],
  sendTeamReport: ['Gửi báo cáo của đoàn', 'Send the team report'],
  findings: ['Nhận xét, đánh giá', 'Findings'],
  addFinding: ['Ghi nhận xét', 'Record a finding'],
  linkedTargets: ['Chỉ tiêu liên quan', 'Linked targets'],
  conclusion: ['Thông báo kết luận', 'Conclusion notice'],
  conclude: ['Kết luận', 'Conclude'],
  sendConclusion: ['Gửi thông báo kết luận', 'Send the conclusion'],
  recommendations: ['Kiến nghị, yêu cầu', 'Recommendations'],
  addRecommendation: ['Thêm kiến nghị', 'Add a recommendation'],
  owner: ['Tổ chức thực hiện', 'Owner'],
  deadline: ['Hạn', 'Deadline'],
  reportDone: ['Báo cáo đã thực hiện', 'Report done'],
  evidence: ['Kết quả thực hiện, minh chứng', 'What was done, evidence'],
  accept: ['Nghiệm thu', 'Accept'],
  reopen: ['Yêu cầu thực hiện lại', 'Reopen'],
  close: ['Kết thúc cuộc kiểm tra, giám sát', 'Close'],
  earlier: ['Các kết luận trước đây', 'Earlier conclusions'],
  carriedOut: ['kiến nghị đã nghiệm thu', 'recommendations accepted'],
  notShared: ['Phần này chưa được gửi tới đối tượng.', 'Not sent to the subject yet.'],
  coverageYear: ['Tổ chức đảng được kiểm tra, giám sát trong năm', 'Party organizations covered this year'],
  coverageTerm: ['Trong nhiệm kỳ', 'This term'],
  overdue: ['Kiến nghị quá hạn', 'Overdue recommendations'],
  byChild: ['Theo đơn vị (bấm để xem chi tiết)', 'By organization (click to drill down)'],
  unit: ['Đơn vị', 'Organization'],
  partyOrgs: ['Tổ chức đảng', 'Party orgs'],
  covered: ['Đã kiểm tra, giám sát', 'Covered'],
  timeline: ['Quá trình kiểm tra, giám sát', 'Oversight timeline'],
  concluded: ['đã kết luận', 'concluded'],
  ongoing: ['đang tiến hành', 'ongoing'],
  empty: ['Chưa có dữ liệu', 'No data yet'],
  done: ['Đã lưu.', 'Saved.'],
  word: ['Tải Word', 'Word'],
  you: ['Bạn xem với tư cách', 'You see this as'],
  'aud.commission': ['cơ quan kiểm tra chủ trì', 'the commission'],
  'aud.team': ['thành viên đoàn', 'a team member'],
  'aud.supervisor': ['cấp ủy cấp trên', 'the committee above'],
  'aud.subject': ['đối tượng kiểm tra, giám sát', 'the subject'],
  'aud.none': ['người không thuộc hồ sơ', 'someone outside the file'],
  edit: ['Sửa', 'Edit'],
  editEntry: ['Sửa nội dung trong chương trình', 'Edit the entry'],
  editFinding: ['Sửa nhận xét', 'Edit the finding'],
  evidenceFiles: ['Tệp minh chứng', 'Evidence files'],
  attach: ['Đính kèm minh chứng', 'Attach evidence'],
  noFiles: ['Chưa có tệp minh chứng.', 'No evidence files yet.'],
  uploaded: ['Đã đính kèm {{name}}.', 'Attached {{name}}.'],
  fileWrongType: [
    'Tệp {{name}} không đúng loại: chỉ nhận PDF, Word (.docx), Excel (.xlsx) hoặc ảnh PNG, JPEG.',
    '{{name}} is not a PDF, Word (.docx), Excel (.xlsx), PNG or JPEG file.',
  ],
  fileEmpty: ['Tệp {{name}} rỗng.', '{{name}} is empty.'],
  fileTooLarge: ['Tệp {{name}} quá {{max}} MB.', '{{name}} is larger than {{max}} MB.'],
} as const;

export type OversightKey = keyof typeof strings;

const bundle = (i: 0 | 1) => ({ ov: Object.fromEntries(Object.entries(strings).map(([k, v]) => [k.replace('.', '_'), v[i]])) });
i18n.addResourceBundle('vi', 'translation', bundle(0), true, false);
i18n.addResourceBundle('en', 'translation', bundle(1), true, false);

export function useOversightT() {
  const { t, i18n: inst } = useTranslation();
  const locale = inst.language === 'en' ? 'en' : 'vi';
  const o = (key: OversightKey, values?: Record<string, string | number>) =>
    t(`ov.${key.replace('.', '_')}`, { defaultValue: key, ...values });
  const L = OVERSIGHT_LABELS[locale];
  return {
    o,
    locale,
    kind: (k: string) => L.kind[k as keyof typeof L.kind] ?? k,
    basis: (k: string) => L.basis[k as keyof typeof L.basis] ?? k,
    finding: (k: string) => L.finding[k as keyof typeof L.finding] ?? k,
    teamRole: (k: string) => L.team[k as keyof typeof L.team] ?? k,
    body: (k: string) => L.body[k as keyof typeof L.body] ?? k,
    status: (k: string) => OVERSIGHT_STATUS_LABELS[locale][k as OversightStatus] ?? k,
    rec: (k: string) => RECOMMENDATION_LABELS[locale][k as RecommendationView] ?? k,
  };
}

export const formatCount = (n: number) => new Intl.NumberFormat('vi-VN').format(n);
export const formatPercent = (n: number) => `${new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 }).format(n)}%`;
