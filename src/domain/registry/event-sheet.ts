/**
 * The words an organization department writes in an events spreadsheet, read as the registry's
 * event kinds and transfer modes. Offices write "công nhận chính thức" as often as "chuyển đảng
 * chính thức", with or without marks: every spelling below is compared folded (no marks, lower case).
 */
import { foldVietnamese } from '../vn-text';
import { eventKindLabels, type EventKind, type TransferMode } from './membership-events';

/** The wording the template offers for each kind (the first) and the others an office uses. */
export const eventSheetWords: Record<EventKind, readonly string[]> = {
  admission: ['Kết nạp', 'Kết nạp đảng viên'],
  official: ['Công nhận chính thức', 'Chuyển đảng chính thức', 'Chuyển chính thức'],
  transfer_out: ['Chuyển sinh hoạt đi', 'Chuyển đi'],
  transfer_in: ['Chuyển sinh hoạt đến', 'Tiếp nhận sinh hoạt', 'Chuyển đến'],
  removal: ['Xóa tên', 'Xoá tên'],
  expulsion: ['Khai trừ'],
  resignation: ['Ra khỏi Đảng', 'Xin ra khỏi Đảng'],
  death: ['Từ trần', 'Qua đời'],
  exemption: ['Miễn sinh hoạt'],
};

const kindByWord = new Map<string, EventKind>(
  (Object.entries(eventSheetWords) as [EventKind, readonly string[]][]).flatMap(([kind, words]) =>
    [...words, eventKindLabels[kind].vi].map((w) => [fold(w), kind] as const),
  ),
);

function fold(text: string): string {
  return foldVietnamese(text).replace(/\s+/g, ' ').trim();
}

/** The event kind a cell names, or null when it names none. */
export function parseEventKind(text: string): EventKind | null {
  return kindByWord.get(fold(text)) ?? null;
}

/** A transfer's mode from its cell: blank is an official transfer (the usual one); null when unreadable. */
export function parseTransferMode(text: string): TransferMode | null {
  const t = fold(text);
  if (t === '' || t === 'chinh thuc') return 'official';
  if (t === 'tam thoi') return 'temporary';
  return null;
}
