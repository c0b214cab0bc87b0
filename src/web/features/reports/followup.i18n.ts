/**
 * Strings of the follow-up parts (escalations, explanation threads), Vietnamese first, under
 * `fu.` in the app's `translation` bundle.
 */
import { useTranslation } from 'react-i18next';
import { i18n } from '../../lib/i18n';

const strings = {
  escalations: ['Việc quá hạn đã chuyển cấp trên', 'Escalated to the level above'],
  escalationsEmpty: ['Chưa có việc nào phải chuyển cấp trên.', 'Nothing has been escalated.'],
  'k.report_submission': ['Chưa gửi báo cáo', 'Report not submitted'],
  'k.report_approval': ['Chưa duyệt báo cáo', 'Report not approved'],
  'k.explanation_answer': ['Chưa trả lời giải trình', 'Explanation not answered'],
  lateOrg: ['Đơn vị chậm', 'Late organization'],
  headOrg: ['Báo cáo lên', 'Raised to'],
  what: ['Việc', 'Item'],
  dueDate: ['Hạn', 'Due'],
  escalatedOn: ['Ngày chuyển', 'Escalated on'],
  afterDays: ['sau {{days}} ngày', 'after {{days}} days'],
  resolved: ['Đã xử lý', 'Resolved'],
  stillOpen: ['Chưa xử lý', 'Still open'],
  overdue: ['Quá hạn', 'Overdue'],
  overdueDays: ['Quá hạn {{days}} ngày', '{{days}} days overdue'],
  reply: ['Trao đổi thêm', 'Reply'],
  answer: ['Giải trình', 'Answer'],
  attach: ['Đính kèm tệp', 'Attach a file'],
  attachments: ['Tệp đính kèm', 'Attachments'],
  closeNote: ['Ý kiến kết luận khi đóng', 'Closing note'],
  closeNoteRequired: ['Hãy ghi ý kiến kết luận', 'Write a closing note'],
  closeThread: ['Đóng yêu cầu', 'Close the request'],
  closedNote: ['Kết luận', 'Closing note'],
  messageRequired: ['Hãy ghi nội dung', 'Write a message'],
  send: ['Gửi', 'Send'],
  cancel: ['Hủy', 'Cancel'],
  'mk.question': ['Yêu cầu', 'Question'],
  'mk.answer': ['Giải trình', 'Answer'],
  'mk.comment': ['Trao đổi', 'Reply'],
  'mk.close': ['Kết luận, đóng', 'Closed with note'],
  sent: ['Đã gửi.', 'Sent.'],
  closed: ['Đã đóng yêu cầu.', 'Request closed.'],
  fileTooBig: ['Tệp quá lớn.', 'File too large.'],
} as const;

export type FollowupKey = keyof typeof strings;

const bundle = (i: 0 | 1) => ({ fu: Object.fromEntries(Object.entries(strings).map(([k, v]) => [k.replace('.', '_'), v[i]])) });
i18n.addResourceBundle('vi', 'translation', bundle(0), true, false);
i18n.addResourceBundle('en', 'translation', bundle(1), true, false);

/** `t` for the follow-up parts: `f('escalations')`, `f('k.report_approval')`. */
export function useFollowupT() {
  const { t, i18n: inst } = useTranslation();
  const f = (key: FollowupKey, values?: Record<string, unknown>) => t(`fu.${key.replace('.', '_')}`, { defaultValue: key, ...values });
  return { f, locale: inst.language };
}
