/**
 * Membership events are the record of a party member's life on the rolls (Điều lệ Đảng, HD
 * 01-HD/TW on admission, transfer and removal): every change is an event with its date and
 * decision, and a member's state on any day is what the events up to that day say. Pure: the
 * service loads a member's events, asks `checkNewEvent`, and writes only when it answers null.
 */
import { formatVnDate } from '../vn-time';

export const eventKinds = [
  'admission',
  'official',
  'transfer_out',
  'transfer_in',
  'removal',
  'expulsion',
  'resignation',
  'death',
  'exemption',
] as const;
export type EventKind = (typeof eventKinds)[number];
export type TransferMode = 'official' | 'temporary';

export const eventKindLabels: Record<EventKind, { vi: string; en: string }> = {
  admission: { vi: 'Kết nạp', en: 'Admission' },
  official: { vi: 'Chuyển đảng chính thức', en: 'Made official' },
  transfer_out: { vi: 'Chuyển sinh hoạt đi', en: 'Transfer out' },
  transfer_in: { vi: 'Tiếp nhận sinh hoạt', en: 'Transfer in' },
  removal: { vi: 'Xóa tên', en: 'Removed from the rolls' },
  expulsion: { vi: 'Khai trừ', en: 'Expelled' },
  resignation: { vi: 'Xin ra khỏi Đảng', en: 'Resigned' },
  death: { vi: 'Từ trần', en: 'Died' },
  exemption: { vi: 'Miễn sinh hoạt', en: 'Exempted from activity' },
};

/** The events that end a membership: nothing may follow them. */
export const LEAVING_KINDS: readonly EventKind[] = ['removal', 'expulsion', 'resignation', 'death'];

export type EventFact = { kind: EventKind; date: string; transferMode?: TransferMode | null; transferCode?: string | null };

export type MembershipState = {
  /** 'none' before the admission (or for a member on the roll before the registry, see `hasHistory`). */
  standing: 'none' | 'probationary' | 'official' | 'left' | 'deceased';
  admittedOn: string | null;
  officialOn: string | null;
  /** The transfer out not yet received, if any. */
  openTransfer: EventFact | null;
  exempt: boolean;
};

const byDate = (a: EventFact, b: EventFact) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0);

/**
 * The state the events give on `asOf` (all of them when omitted). Events must be valid (see
 * checkNewEvent). A member whose events hold no admission was on the roll before the registry
 * recorded events: they are taken as an official member (their file holds the admission).
 */
export function stateOf(events: readonly EventFact[], asOf?: string): MembershipState {
  const legacy = !events.some((e) => e.kind === 'admission');
  const state: MembershipState = {
    standing: legacy ? 'official' : 'none',
    admittedOn: null,
    officialOn: null,
    openTransfer: null,
    exempt: false,
  };
  for (const e of [...events].sort(byDate)) {
    if (asOf && e.date > asOf) break;
    switch (e.kind) {
      case 'admission':
        state.standing = 'probationary';
        state.admittedOn = e.date;
        break;
      case 'official':
        state.standing = 'official';
        state.officialOn = e.date;
        break;
      case 'transfer_out':
        state.openTransfer = e;
        break;
      case 'transfer_in':
        state.openTransfer = null;
        break;
      case 'exemption':
        state.exempt = true;
        break;
      case 'death':
        state.standing = 'deceased';
        state.openTransfer = null;
        break;
      case 'removal':
      case 'expulsion':
      case 'resignation':
        state.standing = 'left';
        state.openTransfer = null;
        break;
    }
  }
  return state;
}

/** The day the probation ends: twelve months after the admission (Điều lệ Đảng, Điều 5). */
export function reviewDueDate(admittedOn: string): string {
  const y = Number(admittedOn.slice(0, 4)) + 1;
  const md = admittedOn.slice(5);
  // 29/02 of a leap year falls due on 28/02 of the next.
  return md === '02-29' ? `${y}-02-28` : `${y}-${md}`;
}

/** True when a probationary member's review is past due on `asOf` and not yet recorded. */
export function isReviewOverdue(admittedOn: string, asOf: string): boolean {
  return reviewDueDate(admittedOn) < asOf;
}

/**
 * Why `next` may not be added after `existing` (a Vietnamese sentence), or null when it may.
 * A member on the roll before the registry (no admission event) counts as official, so a
 * transfer or a removal needs no admission first.
 */
export function checkNewEvent(existing: readonly EventFact[], next: EventFact): string | null {
  const sorted = [...existing].sort(byDate);
  const last = sorted[sorted.length - 1];
  const state = stateOf(sorted);
  const d = formatVnDate(next.date);
  if (state.standing === 'deceased' || state.standing === 'left') {
    return `Đảng viên đã ${state.standing === 'deceased' ? 'từ trần' : 'ra khỏi danh sách đảng viên'}; không thể ghi thêm sự kiện.`;
  }
  if (next.kind === 'official') {
    if (!state.admittedOn) return 'Chưa có quyết định kết nạp: không thể chuyển đảng chính thức.';
    if (next.date < state.admittedOn) return `Ngày chuyển đảng chính thức (${d}) trước ngày kết nạp (${formatVnDate(state.admittedOn)}).`;
    if (state.standing === 'official') return `Đảng viên đã là đảng viên chính thức từ ${formatVnDate(state.officialOn)}.`;
    if (next.date < reviewDueDate(state.admittedOn))
      return `Chưa hết 12 tháng dự bị: sớm nhất ngày ${formatVnDate(reviewDueDate(state.admittedOn))} mới xét chuyển chính thức.`;
  }
  if (last && next.date < last.date) {
    return `Sự kiện không theo thứ tự thời gian: ngày ${d} trước sự kiện "${eventKindLabels[last.kind].vi}" ngày ${formatVnDate(last.date)}.`;
  }
  switch (next.kind) {
    case 'admission':
      if (state.admittedOn) return `Đảng viên đã được kết nạp ngày ${formatVnDate(state.admittedOn)}.`;
      if (existing.length > 0) return 'Đảng viên đã có trong danh sách; không thể kết nạp lại.';
      return null;
    case 'official':
      return null;
    case 'transfer_out':
      if (state.openTransfer)
        return `Đảng viên đang có giấy chuyển sinh hoạt chưa được tiếp nhận (ngày ${formatVnDate(state.openTransfer.date)}); không thể chuyển lần nữa.`;
      if (!next.transferMode) return 'Hãy chọn chuyển sinh hoạt chính thức hay tạm thời.';
      return null;
    case 'transfer_in':
      if (!state.openTransfer) return 'Không có giấy chuyển sinh hoạt nào đang chờ tiếp nhận.';
      return null;
    case 'exemption':
      if (state.exempt) return 'Đảng viên đã được miễn sinh hoạt.';
      return null;
    default:
      if (state.standing === 'none') return 'Chưa có quyết định kết nạp.';
      return null;
  }
}

/** Age in whole years on `onDate`. */
export function ageOn(birthDate: string, onDate: string): number {
  const years = Number(onDate.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return onDate.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

/** "Đảng viên trẻ": not over 30 on the admission day (the Youth Union's upper age). */
export function isYoungOn(birthDate: string | null, onDate: string): boolean {
  return birthDate !== null && ageOn(birthDate, onDate) <= 30;
}
