/**
 * Rules of a consultation (xin ý kiến dự thảo): the editorial group's roles, dispositions of
 * comments, comparing two issued versions item by item, and the checks on an adoption vote.
 */

export const teamRoles = ['head', 'member', 'secretary'] as const;
export type TeamRole = (typeof teamRoles)[number];

export const teamRoleLabels: Record<TeamRole, string> = {
  head: 'Tổ trưởng',
  member: 'Thành viên',
  secretary: 'Thư ký',
};

/** Tiếp thu, giải trình, không tiếp thu (Glossary: disposition `accepted` / `explained`). */
export const dispositions = ['accepted', 'explained', 'rejected'] as const;
export type Disposition = (typeof dispositions)[number];

export const dispositionLabels: Record<Disposition, string> = {
  accepted: 'Tiếp thu',
  explained: 'Giải trình',
  rejected: 'Không tiếp thu',
};

export const meetingModes = ['in_person', 'online', 'hybrid'] as const;
export type MeetingMode = (typeof meetingModes)[number];
export const meetingModeLabels: Record<MeetingMode, string> = {
  in_person: 'Trực tiếp',
  online: 'Trực tuyến',
  hybrid: 'Trực tiếp kết hợp trực tuyến',
};

/** What the group must write with a disposition: a reason for an explanation or a refusal. */
export function dispositionNeedsReason(d: Disposition): boolean {
  return d !== 'accepted';
}

export type VersionItem = {
  stableKey: string;
  parentKey: string | null;
  kind: string;
  ord: number;
  depth: number;
  text: string;
  value: number | null;
  valueMin: number | null;
  valueMax: number | null;
  unit: string | null;
};

export type ItemChange = 'added' | 'removed' | 'changed' | 'same';

export type ComparedItem = {
  stableKey: string;
  change: ItemChange;
  kind: string;
  from: VersionItem | null;
  to: VersionItem | null;
  /** What differs: wording, value (value, range or unit), position. */
  differences: ('text' | 'value' | 'position')[];
};

const sameNumber = (a: number | null, b: number | null) => (a === null || b === null ? a === b : Number(a) === Number(b));

/**
 * Compares two versions item by item on their stable keys, in the order of the newer version
 * with removed items placed after their old predecessor. Wording is compared after trimming.
 */
export function compareVersions(from: readonly VersionItem[], to: readonly VersionItem[]): ComparedItem[] {
  const before = new Map(from.map((i) => [i.stableKey, i]));
  const after = new Map(to.map((i) => [i.stableKey, i]));
  const out: ComparedItem[] = [];
  const fromOrder = [...from].sort((a, b) => a.ord - b.ord);
  const fromIndex = new Map(fromOrder.map((i, n) => [i.stableKey, n]));
  const toIndexOfKept = new Map<string, number>();
  const keptFrom = fromOrder.filter((i) => after.has(i.stableKey));
  keptFrom.forEach((i, n) => toIndexOfKept.set(i.stableKey, n));
  const keptTo = [...to].sort((a, b) => a.ord - b.ord).filter((i) => before.has(i.stableKey));
  const newIndexOfKept = new Map(keptTo.map((i, n) => [i.stableKey, n]));
  for (const item of [...to].sort((a, b) => a.ord - b.ord)) {
    const old = before.get(item.stableKey) ?? null;
    if (!old) {
      out.push({ stableKey: item.stableKey, change: 'added', kind: item.kind, from: null, to: item, differences: [] });
      continue;
    }
    const differences: ComparedItem['differences'] = [];
    if (old.text.trim() !== item.text.trim()) differences.push('text');
    if (
      !sameNumber(old.value, item.value) ||
      !sameNumber(old.valueMin, item.valueMin) ||
      !sameNumber(old.valueMax, item.valueMax) ||
      (old.unit ?? '') !== (item.unit ?? '')
    )
      differences.push('value');
    // Moved relative to the other kept items, or under another parent.
    if (toIndexOfKept.get(item.stableKey) !== newIndexOfKept.get(item.stableKey) || old.parentKey !== item.parentKey)
      differences.push('position');
    out.push({
      stableKey: item.stableKey,
      change: differences.length > 0 ? 'changed' : 'same',
      kind: item.kind,
      from: old,
      to: item,
      differences,
    });
  }
  // Removed items go after the nearest earlier item of the old version that is still there.
  for (const old of fromOrder) {
    if (after.has(old.stableKey)) continue;
    const removed: ComparedItem = { stableKey: old.stableKey, change: 'removed', kind: old.kind, from: old, to: null, differences: [] };
    const at = fromIndex.get(old.stableKey)!;
    const anchor = [...fromOrder.slice(0, at)]
      .reverse()
      .find((i) => after.has(i.stableKey) || out.some((o) => o.stableKey === i.stableKey));
    const pos = anchor ? out.findIndex((o) => o.stableKey === anchor.stableKey) + 1 : 0;
    out.splice(pos, 0, removed);
  }
  return out;
}

export type VoteInput = { attendance: number; votesFor: number; votesAgainst: number; votesAbstain: number };

/**
 * Checks a conference vote; returns the field at fault and a Vietnamese message, or null.
 * Adopted means more than half of those attending voted for (Điều lệ Đảng, Điều 10: a
 * decision of a party body needs more than half of its members' votes).
 */
export function checkVote(v: VoteInput): { field: keyof VoteInput; message: string } | null {
  if (v.votesFor + v.votesAgainst + v.votesAbstain > v.attendance)
    return { field: 'votesFor', message: 'Tổng số phiếu tán thành, không tán thành và không biểu quyết vượt quá số đại biểu có mặt.' };
  if (v.votesFor * 2 <= v.attendance)
    return { field: 'votesFor', message: 'Số tán thành chưa quá một nửa số đại biểu có mặt: văn bản chưa được thông qua.' };
  return null;
}

/** Whether a recipient answered late: after the deadline (a Vietnamese day), or not yet and the deadline passed. */
export function answerState(deadline: string, answeredOn: string | null, today: string): 'answered' | 'late' | 'waiting' | 'overdue' {
  if (answeredOn) return answeredOn > deadline ? 'late' : 'answered';
  return today > deadline ? 'overdue' : 'waiting';
}
