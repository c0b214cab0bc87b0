/**
 * Numbers and symbols of Party documents, as Hướng dẫn 36-HD/VPTW writes them: the number,
 * a hyphen, the kind's abbreviation, a slash, the issuing body's abbreviation: "01-NQ/TU",
 * "05-CTr/TU", "12-KH/ĐUK". Numbers below 10 take a leading zero.
 */
import type { OrgKind } from '../orgs/org-kinds';
import type { DocumentKind } from './document-kinds';

/** The kind part of the symbol (36-HD/VPTW, appendix on abbreviations). */
export const documentKindAbbreviations: Record<DocumentKind, string> = {
  resolution: 'NQ',
  action_program: 'CTr',
  plan: 'KH',
  scheme: 'ĐA',
  directive: 'CT',
  conclusion: 'KL',
};

/**
 * The issuing body's abbreviation from its kind and name: Tỉnh ủy → TU, Thành ủy → ThU,
 * Huyện ủy → HU, Thị ủy → TxU, Đảng ủy khối → ĐUK, Đảng ủy → ĐU, Chi bộ → CB, Trung ương → TW.
 * A city directly under the centre (Thành ủy Thành phố Hồ Chí Minh, kind `province_committee`)
 * signs TU like a province: ThU belongs to a city under a province (Thành ủy Dĩ An).
 * Returns 'ĐU' when nothing more specific applies.
 */
export function issuerAbbreviation(kind: OrgKind, name: string): string {
  const n = name.normalize('NFC').trim().toLowerCase();
  if (kind === 'central') return 'TW';
  if (kind === 'province_committee') return 'TU';
  if (n.startsWith('tỉnh ủy') || n.startsWith('tỉnh uỷ')) return 'TU';
  if (n.startsWith('thành ủy') || n.startsWith('thành uỷ')) return 'ThU';
  if (n.startsWith('huyện ủy') || n.startsWith('huyện uỷ')) return 'HU';
  if (n.startsWith('thị ủy') || n.startsWith('thị uỷ')) return 'TxU';
  if (kind === 'bloc_committee' || n.startsWith('đảng ủy khối') || n.startsWith('đảng uỷ khối')) return 'ĐUK';
  if (kind === 'cell' || n.startsWith('chi bộ')) return 'CB';
  return 'ĐU';
}

/** "01-NQ/TU". Throws RangeError for a number that is not a positive integer. */
export function formatDocumentSymbol(number: number, kind: DocumentKind, issuer: string): string {
  if (!Number.isInteger(number) || number < 1) throw new RangeError(`Số văn bản không hợp lệ: ${number}`);
  return `${String(number).padStart(2, '0')}-${documentKindAbbreviations[kind]}/${issuer}`;
}

/** Reads "01-NQ/TU" back; null when the text is not a symbol of a known kind. */
export function parseDocumentSymbol(symbol: string): { number: number; kind: DocumentKind; issuer: string } | null {
  const m = /^\s*(\d{1,4})\s*-\s*([\p{L}]+)\s*\/\s*([\p{L}]+)\s*$/u.exec(symbol.normalize('NFC'));
  if (!m) return null;
  const kind = (Object.keys(documentKindAbbreviations) as DocumentKind[]).find((k) => documentKindAbbreviations[k] === m[2]);
  if (!kind) return null;
  return { number: Number(m[1]), kind, issuer: m[3]! };
}

/** The term a date falls in, for five-year terms starting 2020, 2025… ("2020-2025"). */
export function termOf(date: string): string {
  const year = Number(date.slice(0, 4));
  const start = 2020 + Math.floor((year - 2020) / 5) * 5;
  return `${start}-${start + 5}`;
}
