import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatVnNumber } from '../vn-number';
import { extractItems } from './extract-items';
import { normalizeText } from './text';

describe('extraction properties', () => {
  it('reads back any number formatted the Vietnamese way', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e9 }), fc.integer({ min: 0, max: 99 }), (whole, cents) => {
        const value = whole + cents / 100;
        const written = formatVnNumber(value);
        const items = extractItems(`Phấn đấu tỷ lệ này đạt ${written}% vào năm 2030.`);
        expect(items).toHaveLength(1);
        expect(items[0]?.value).toBeCloseTo(value, 2);
      }),
    );
  });

  it('reads back a Vietnamese range whatever dash joins it', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 99_999 }),
        fc.integer({ min: 1, max: 99_999 }),
        fc.constantFrom('-', '–', ' - ', ' – ', ' đến '),
        (low, span, dash) => {
          const text = `Tăng bình quân ${formatVnNumber(low / 10)}${dash}${formatVnNumber((low + span) / 10)}%/năm.`;
          const [t] = extractItems(text);
          expect(t?.comparator).toBe('range');
          expect(t?.valueMin).toBeCloseTo(low / 10, 1);
          expect(t?.valueMax).toBeCloseTo((low + span) / 10, 1);
        },
      ),
    );
  });

  it('never throws and always returns offsets that slice the normalized text', () => {
    const alphabet = fc.constantFrom(
      ...'0123456789.,-–/%:;() \n'.split(''),
      'tăng ',
      'giảm còn ',
      'trên ',
      'dưới ',
      'khoảng ',
      'từ ',
      ' đến ',
      'trở lên',
      'gấp đôi',
      'không còn hộ',
      'tỷ ',
      'tỉ ',
      'nghìn ',
      'triệu ',
      'USD',
      'đồng',
      'năm 2025',
      'nhiệm kỳ ',
      'trong đó ',
      'đột phá:',
      'nhiệm vụ trọng tâm:',
      'ễ',
      'Đ',
      'e\u0301',
      '\u00a0',
    );
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 300 }),
          fc.array(alphabet, { maxLength: 80 }).map((a) => a.join('')),
        ),
        (text) => {
          const items = extractItems(text);
          const normalized = normalizeText(text);
          for (const i of items) {
            expect(i.start).toBeGreaterThanOrEqual(0);
            expect(i.end).toBeLessThanOrEqual(normalized.length);
            expect(i.start).toBeLessThanOrEqual(i.end);
            expect(normalized.slice(i.start, i.end)).toBe(i.text);
            if (i.comparator === 'range') expect(i.valueMin).not.toBeNull();
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
