/**
 * Reading the fields of a member as offices write them in spreadsheets: dates dd/mm/yyyy,
 * "Nam"/"Nữ", statuses in Vietnamese. Pure; used by the importer and the forms.
 */
import { foldVietnamese } from '../vn-text';
export type MemberStatus = 'official' | 'probationary' | 'transferred' | 'deceased' | 'removed';
export type Gender = 'male' | 'female';

export const memberStatusLabels: Record<MemberStatus, { vi: string; en: string }> = {
  official: { vi: 'Chính thức', en: 'Full member' },
  probationary: { vi: 'Dự bị', en: 'Probationary' },
  transferred: { vi: 'Đã chuyển đi', en: 'Transferred out' },
  deceased: { vi: 'Từ trần', en: 'Deceased' },
  removed: { vi: 'Đã ra khỏi Đảng', en: 'Off the rolls' },
};
export const genderLabels: Record<Gender, { vi: string; en: string }> = {
  male: { vi: 'Nam', en: 'Male' },
  female: { vi: 'Nữ', en: 'Female' },
};

// Imports read the same few words ("Nam", "Nữ", "Chính thức") 100,000 times: remember them.
const folded = new Map<string, string>();
const fold = (s: string) => {
  let f = folded.get(s);
  if (f === undefined) {
    f = foldVietnamese(s).trim();
    if (folded.size < 10_000) folded.set(s, f);
  }
  return f;
};

/** "Nam" / "Nữ" / "male" / "female" (any case or accents) → gender; null when unreadable. */
export function parseGender(text: string): Gender | null {
  const f = fold(text);
  if (f === 'nam' || f === 'male' || f === 'm') return 'male';
  if (f === 'nu' || f === 'female' || f === 'f') return 'female';
  return null;
}

/** Vietnamese or English status label, or the code → status; '' → official; null when unreadable. */
export function parseMemberStatus(text: string): MemberStatus | null {
  const f = fold(text);
  if (f === '') return 'official';
  for (const [code, label] of Object.entries(memberStatusLabels) as [MemberStatus, { vi: string; en: string }][]) {
    if (f === code || f === fold(label.vi) || f === fold(label.en)) return code;
  }
  if (f === 'chinh thuc') return 'official';
  return null;
}

/** "có", "x", "1", "true", "yes" → true; "", "không", "0", "false", "no" → false; else null. */
export function parseYesNo(text: string): boolean | null {
  const f = fold(text);
  if (['co', 'x', '1', 'true', 'yes', 'c'].includes(f)) return true;
  if (['', 'khong', '0', 'false', 'no', 'k'].includes(f)) return false;
  return null;
}

/**
 * Reads a date written dd/mm/yyyy, dd-mm-yyyy, dd.mm.yyyy or yyyy-mm-dd into 'yyyy-mm-dd'.
 * Returns null for '' and throws nothing: an impossible date (31/02/2000) gives 'invalid'.
 */
export function parseVnDate(text: string): string | null | 'invalid' {
  const s = text.trim();
  if (s === '') return null;
  let d: number, m: number, y: number;
  let match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
  if (match) {
    [d, m, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
  } else if ((match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s))) {
    [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  } else {
    return 'invalid';
  }
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return 'invalid';
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** The given name, the last word of a Vietnamese full name, by which offices sort members. */
export function givenNameOf(fullName: string): string {
  const words = fullName.normalize('NFC').trim().split(/\s+/);
  return words[words.length - 1] ?? '';
}

/**
 * Collapses spaces and fixes the case of each word: "nguyễn  văn an" → "Nguyễn Văn An".
 * Plain toUpperCase suffices: Vietnamese has no locale-specific case rules (unlike Turkish),
 * and the locale-aware versions cost ten times as much over a 100,000-row import.
 */
export function normalizeFullName(text: string): string {
  return text
    .normalize('NFC')
    .trim()
    .split(/\s+/)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1).toLowerCase())
    .join(' ');
}
