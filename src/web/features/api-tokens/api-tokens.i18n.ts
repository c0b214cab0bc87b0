/**
 * The strings of the API tokens page, Vietnamese first, added to the app's `translation` bundle
 * under `tok.` (as the study pages do) so that the shared i18n file stays small.
 */
import { useTranslation } from 'react-i18next';
import { i18n } from '../../lib/i18n';

const strings = {
  title: ['Mã truy cập API cho hệ thống khác', 'API tokens for other systems'],
  hint: [
    'Một hệ thống khác (kho dữ liệu của tỉnh, hệ thống báo cáo cấp trên) gọi API bằng mã này, trong phạm vi một tổ chức và các cấp dưới, với quyền chỉ đọc hoặc đọc và ghi, đến hết ngày hết hạn. Mọi việc hệ thống đó làm được ghi vào nhật ký.',
    'Another system (a provincial data warehouse, a reporting system above) calls the API with this token, within one org and its subtree, read-only or read-write, until the end of its expiry day. Everything it does is in the audit log.',
  ],
  issueTitle: ['Cấp mã mới', 'Issue a token'],
  systemName: ['Tên hệ thống', 'System name'],
  systemNameRequired: ['Hãy nhập tên hệ thống', 'Enter the system name'],
  org: ['Phạm vi (tổ chức và cấp dưới)', 'Scope (org and its subtree)'],
  orgRequired: ['Hãy chọn tổ chức', 'Choose an organization'],
  access: ['Quyền', 'Access'],
  read: ['Chỉ đọc', 'Read only'],
  write: ['Đọc và ghi', 'Read and write'],
  expiresOn: ['Hết hạn sau ngày', 'Valid until'],
  expiresRequired: ['Hãy chọn ngày hết hạn', 'Choose the expiry day'],
  issue: ['Cấp mã', 'Issue'],
  shownOnceTitle: ['Mã truy cập vừa cấp', 'The new token'],
  shownOnce: [
    'Hãy sao chép và chuyển mã này cho hệ thống {{name}} ngay bây giờ: mã chỉ hiện một lần, máy chủ chỉ lưu bản băm nên không thể xem lại.',
    'Copy this token and hand it to {{name}} now: it is shown once only; the server keeps only its hash and cannot show it again.',
  ],
  copy: ['Sao chép', 'Copy'],
  copied: ['Đã sao chép', 'Copied'],
  close: ['Đã lưu mã, đóng', 'I saved it, close'],
  listTitle: ['Các mã đã cấp', 'Issued tokens'],
  token: ['Mã', 'Token'],
  createdAt: ['Cấp ngày', 'Issued'],
  lastUsed: ['Dùng lần cuối', 'Last used'],
  never: ['Chưa dùng', 'Never'],
  status: ['Trạng thái', 'Status'],
  'status.active': ['Đang hiệu lực', 'Active'],
  'status.expired': ['Hết hạn', 'Expired'],
  'status.revoked': ['Đã thu hồi', 'Revoked'],
  revoke: ['Thu hồi', 'Revoke'],
  revokeConfirm: [
    'Thu hồi mã của {{name}}? Hệ thống đó sẽ không gọi API được nữa.',
    'Revoke the token of {{name}}? That system will no longer reach the API.',
  ],
  revoked: ['Đã thu hồi mã.', 'Token revoked.'],
  cancel: ['Hủy', 'Cancel'],
  empty: ['Chưa cấp mã nào.', 'No tokens yet.'],
  manage: ['Quản lý mã truy cập API cho hệ thống khác', 'Manage API tokens for other systems'],
} as const;

export type TokenKey = keyof typeof strings;

const bundle = (i: 0 | 1) => ({ tok: Object.fromEntries(Object.entries(strings).map(([k, v]) => [k.replace('.', '_'), v[i]])) });
i18n.addResourceBundle('vi', 'translation', bundle(0), true, false);
i18n.addResourceBundle('en', 'translation', bundle(1), true, false);

/** `t` for the API tokens page: `s('issue')`, `s('status.active')`. */
export function useTokenT() {
  const { t } = useTranslation();
  return (key: TokenKey, values?: Record<string, unknown>) =>
    t(`tok.${key.replace('.', '_')}`, { defaultValue: strings[key][0], ...values });
}
