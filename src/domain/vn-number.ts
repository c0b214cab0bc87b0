/**
 * Vietnamese number notation: decimal comma, thousands dot ("1.234,5" is 1234.5).
 * Users type numbers this way in forms and resolutions are written this way, so every
 * place that reads or shows a number goes through these two functions.
 */

const VN_NUMBER = /^[+-]?(\d{1,3}(\.\d{3})+|\d+)(,\d+)?$/;

/**
 * Parses a number written the Vietnamese way: `8,5` → 8.5, `1.800` → 1800, `7.935` → 7935,
 * `1.234.567,89` → 1234567.89. Also accepts a plain point decimal when it cannot be a
 * thousands separator (`8.50`, `0.5`), as pasted from spreadsheets.
 * Returns null when the text is not a number.
 */
export function parseVnNumber(text: string): number | null {
  const s = text.trim().replace(/\s+/g, '');
  if (s === '') return null;
  if (VN_NUMBER.test(s)) {
    return Number(s.replace(/\./g, '').replace(',', '.'));
  }
  // A point followed by other than exactly three digits cannot be a thousands separator.
  if (/^[+-]?\d+\.\d+$/.test(s) && !/^[+-]?\d{1,3}\.\d{3}$/.test(s)) return Number(s);
  return null;
}

/**
 * Formats a number the Vietnamese way: 1234.5 → "1.234,5". `maxDecimals` caps the
 * fraction digits (default 2); trailing zeros are dropped.
 */
export function formatVnNumber(value: number, maxDecimals = 2): string {
  // Building an Intl.NumberFormat costs far more than formatting: a dashboard of 2,000 targets
  // formats tens of thousands of numbers, so one formatter per precision is kept.
  let f = vnFormatters.get(maxDecimals);
  if (!f) {
    f = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: maxDecimals });
    vnFormatters.set(maxDecimals, f);
  }
  return f.format(value);
}
const vnFormatters = new Map<number, Intl.NumberFormat>();
