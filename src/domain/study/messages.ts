/**
 * What a member scanning a QR code is told, in Vietnamese first. The server answers with the
 * reason in `details.reason`; the mobile page shows the same text.
 */
export const checkinReasons = [
  'checked_in',
  'already_checked_in',
  'token_invalid',
  'token_expired',
  'too_early',
  'closed',
  'cancelled',
  'member_unknown',
  'not_expected',
  'identify_required',
  'rate_limited',
] as const;
export type CheckinReason = (typeof checkinReasons)[number];

export const checkinMessages: Record<CheckinReason, { vi: string; en: string }> = {
  checked_in: { vi: 'Điểm danh thành công. Chúc đồng chí học tập tốt!', en: 'You are checked in.' },
  already_checked_in: { vi: 'Đồng chí đã điểm danh tại hội nghị này rồi.', en: 'You were already checked in.' },
  token_invalid: {
    vi: 'Mã QR không hợp lệ. Đồng chí hãy quét lại mã QR đang chiếu tại điểm cầu.',
    en: 'This QR code is not valid. Scan the code shown at the bridge point again.',
  },
  token_expired: {
    vi: 'Mã QR đã hết hạn. Đồng chí hãy quét mã QR mới tại điểm cầu.',
    en: 'This QR code has expired. Scan the current code at the bridge point.',
  },
  too_early: { vi: 'Hội nghị chưa mở điểm danh. Đồng chí vui lòng quay lại sau.', en: 'Check-in has not opened yet.' },
  closed: { vi: 'Hội nghị đã kết thúc điểm danh.', en: 'Check-in for this session has closed.' },
  cancelled: { vi: 'Hội nghị này đã bị hủy.', en: 'This session was cancelled.' },
  member_unknown: {
    vi: 'Mã đảng viên hoặc mã điểm danh cá nhân không đúng. Đồng chí hãy kiểm tra lại hai mã trên giấy mời.',
    en: 'The member code or the personal check-in code is wrong. Check both codes on your invitation.',
  },
  not_expected: {
    vi: 'Đồng chí không có trong danh sách dự tại điểm cầu này. Hãy liên hệ người phụ trách điểm cầu.',
    en: 'You are not expected at this bridge point. Ask the host.',
  },
  identify_required: {
    vi: 'Hãy đăng nhập, hoặc nhập mã đảng viên và mã điểm danh cá nhân để điểm danh.',
    en: 'Log in, or enter your member code and personal check-in code.',
  },
  rate_limited: {
    vi: 'Đã có quá nhiều lần điểm danh sai từ mạng này tại điểm cầu. Vui lòng đợi một phút rồi thử lại.',
    en: 'Too many failed check-ins from this network at this point; wait a minute.',
  },
};
