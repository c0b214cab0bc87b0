/**
 * The strings of an org's terms and congresses (nhiệm kỳ, đại hội) on the org page, Vietnamese
 * first, under `tm.` in the app's bundle.
 */
import { useTranslation } from 'react-i18next';
import { i18n } from '../../lib/i18n';

const strings = {
  terms: ['Nhiệm kỳ và đại hội', 'Terms and congresses'],
  noTerms: ['Chưa có nhiệm kỳ nào được ghi.', 'No term recorded yet.'],
  open: ['Mở nhiệm kỳ mới', 'Open a new term'],
  openTitle: ['Mở nhiệm kỳ mới của {{name}}', 'Open a new term of {{name}}'],
  current: ['Đang diễn ra', 'Current'],
  closed: ['Đã kết thúc', 'Ended'],
  term: ['Nhiệm kỳ {{label}}', 'Term {{label}}'],
  range: ['Từ {{from}} đến {{to}}', 'From {{from}} to {{to}}'],
  since: ['Từ {{from}}', 'Since {{from}}'],
  startYear: ['Năm bắt đầu', 'First year'],
  endYear: ['Năm kết thúc', 'Last year'],
  startDate: ['Ngày bắt đầu nhiệm kỳ', 'Start date'],
  previousEndDate: ['Ngày kết thúc nhiệm kỳ trước', 'End of the previous term'],
  previousEndHint: ['Để trống: ngày trước ngày bắt đầu nhiệm kỳ mới.', 'Empty: the day before the new term starts.'],
  withCongress: ['Ghi đại hội mở đầu nhiệm kỳ', 'Record the congress that opened it'],
  ordinal: ['Đại hội lần thứ', 'Congress number'],
  congressDays: ['Ngày khai mạc – bế mạc', 'Opening – closing days'],
  delegates: ['Số đại biểu', 'Delegates'],
  mode: ['Hình thức', 'Mode'],
  'mode.in_person': ['Trực tiếp', 'In person'],
  'mode.online': ['Trực tuyến', 'Online'],
  'mode.hybrid': ['Trực tiếp kết hợp trực tuyến', 'Hybrid'],
  bridgePoints: ['Điểm cầu', 'Bridge points'],
  bridgePointsHint: ['Gõ tên điểm cầu rồi Enter.', 'Type a bridge point and press Enter.'],
  resolution: ['Nghị quyết đại hội', 'Resolution adopted'],
  resolutionHint: ['Nghị quyết của tổ chức trong nhiệm kỳ này (có thể ghi sau khi soạn).', 'A resolution of this org for this term.'],
  congress: ['Đại hội lần thứ {{n}}, {{days}}', 'Congress no. {{n}}, {{days}}'],
  delegatesN: ['{{n}} đại biểu', '{{n}} delegates'],
  pointsN: ['{{n}} điểm cầu', '{{n}} bridge points'],
  adopted: ['Nghị quyết: {{symbol}}', 'Resolution: {{symbol}}'],
  committees: ['Cấp ủy: {{list}}', 'Committees: {{list}}'],
  opened: ['Đã mở nhiệm kỳ {{label}}', 'Opened the {{label}} term'],
  save: ['Mở nhiệm kỳ', 'Open the term'],
  cancel: ['Hủy', 'Cancel'],
  required: ['Vui lòng nhập {{field}}', 'Please enter {{field}}'],
} as const;

export type TermsKey = keyof typeof strings;

const bundle = (i: 0 | 1) => ({ tm: Object.fromEntries(Object.entries(strings).map(([k, v]) => [k.replace('.', '_'), v[i]])) });
i18n.addResourceBundle('vi', 'translation', bundle(0), true, false);
i18n.addResourceBundle('en', 'translation', bundle(1), true, false);

/** `m('openTitle', { name })` in the user's language. */
export function useTermsT() {
  const { t } = useTranslation();
  return (key: TermsKey, vars?: Record<string, string | number>) => t(`tm.${key.replace('.', '_')}`, { defaultValue: key, ...vars });
}
