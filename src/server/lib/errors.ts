/**
 * One error shape for the whole API: `{ error: { code, message, details } }`, the message in
 * the caller's language. Codes are a closed union; `httpStatus` maps each to its status.
 */
export type ErrorCode =
  | 'bad_request'
  | 'validation_failed'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'version_conflict'
  | 'csrf_failed'
  | 'rate_limited'
  | 'payload_too_large'
  | 'unavailable'
  | 'out_of_space'
  | 'internal';

export function httpStatus(code: ErrorCode): number {
  switch (code) {
    case 'bad_request':
    case 'validation_failed':
      return 400;
    case 'unauthenticated':
      return 401;
    case 'forbidden':
    case 'csrf_failed':
      return 403;
    case 'not_found':
      return 404;
    case 'conflict':
    case 'version_conflict':
      return 409;
    case 'payload_too_large':
      return 413;
    case 'rate_limited':
      return 429;
    case 'unavailable':
      return 503;
    case 'out_of_space':
      return 507;
    case 'internal':
      return 500;
    default: {
      const unreachable: never = code;
      return unreachable;
    }
  }
}

export type Bilingual = { vi: string; en: string };

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly text: Bilingual,
    readonly details?: unknown,
  ) {
    super(text.en);
  }
}

/** Default messages per code, used when a throw site has nothing more specific to say. */
export const defaultMessages: Record<ErrorCode, Bilingual> = {
  bad_request: { vi: 'Yêu cầu không hợp lệ.', en: 'Bad request.' },
  validation_failed: { vi: 'Dữ liệu nhập chưa hợp lệ.', en: 'Some fields are invalid.' },
  unauthenticated: { vi: 'Vui lòng đăng nhập.', en: 'Please log in.' },
  forbidden: { vi: 'Bạn không có quyền thực hiện thao tác này.', en: 'You are not allowed to do this.' },
  not_found: { vi: 'Không tìm thấy.', en: 'Not found.' },
  conflict: { vi: 'Dữ liệu bị trùng hoặc xung đột.', en: 'This conflicts with existing data.' },
  version_conflict: {
    vi: 'Bản ghi đã được người khác sửa. Hãy tải lại và thử lại.',
    en: 'Someone else changed this record. Reload and try again.',
  },
  csrf_failed: { vi: 'Phiên làm việc không hợp lệ, hãy tải lại trang.', en: 'Invalid CSRF token; reload the page.' },
  rate_limited: { vi: 'Quá nhiều lần thử, hãy thử lại sau.', en: 'Too many attempts; try again later.' },
  payload_too_large: { vi: 'Tệp quá lớn.', en: 'The upload is too large.' },
  unavailable: { vi: 'Dịch vụ tạm thời không sẵn sàng.', en: 'Service unavailable.' },
  internal: { vi: 'Đã có lỗi xảy ra. Vui lòng thử lại.', en: 'Something went wrong. Please try again.' },
  out_of_space: {
    vi: 'Máy chủ đã hết dung lượng lưu trữ nên chưa lưu được thay đổi. Vui lòng báo quản trị viên giải phóng dung lượng rồi thử lại.',
    en: 'The server is out of storage space, so the change was not saved. Ask the administrator to free some space, then try again.',
  },
};

/** Whether `err` says the disk is full: PostgreSQL's disk_full (53100) or the OS's ENOSPC. */
export function isOutOfSpace(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === '53100' || code === 'ENOSPC';
}

export const notFound = (what: Bilingual = defaultMessages.not_found) => new AppError('not_found', what);
export const versionConflict = () => new AppError('version_conflict', defaultMessages.version_conflict);
export const forbidden = (text: Bilingual = defaultMessages.forbidden) => new AppError('forbidden', text);
export const badRequest = (text: Bilingual, details?: unknown) => new AppError('bad_request', text, details);
