import dayjs from 'dayjs';
import { formatVnNumber } from '../../domain/vn-number';
import { formatVnDate } from '../../domain/vn-time';
import { periodKeyLabel } from '../../domain/targets/periods';

export { formatVnNumber };

/** `2020-12-23` (or a timestamp) → `23/12/2020`; '' for nothing. */
export function formatDate(value: string | null | undefined): string {
  if (!value) return '';
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return formatVnDate(value);
  const d = dayjs(value);
  return d.isValid() ? d.format('DD/MM/YYYY') : value;
}

/** A timestamp → `23/12/2020 14:05` in the browser's time zone. */
export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '';
  const d = dayjs(value);
  return d.isValid() ? d.format('DD/MM/YYYY HH:mm') : value;
}

/** A dayjs value from a date picker → `yyyy-mm-dd` for the API; null for none. */
export function toIsoDate(value: dayjs.Dayjs | null | undefined): string | null {
  return value ? value.format('YYYY-MM-DD') : null;
}

/** `yyyy-mm-dd` from the API → a dayjs value for a date picker. */
export function fromIsoDate(value: string | null | undefined): dayjs.Dayjs | null {
  return value ? dayjs(value, 'YYYY-MM-DD') : null;
}

export const DATE_FORMAT = 'DD/MM/YYYY';

const collator = new Intl.Collator('vi', { numeric: true });
/** Compares as Vietnamese readers sort: Anh, Ánh, Dũng, Đức. */
export const compareVi = (a: string, b: string): number => collator.compare(a, b);

/** A period key as people read it ("Quý I/2025"): the domain's one formatter. */
export function formatPeriod(key: string | null | undefined, lang: 'vi' | 'en' = 'vi'): string {
  return periodKeyLabel(key, lang);
}
