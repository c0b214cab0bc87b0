import type { Rng } from './prng';

/**
 * Pools for realistic Vietnamese full names: family name, one or two middle names, given name.
 * Weights are percentages. Family-name shares follow the usual national estimates (Nguyễn close
 * to 38%), shifted toward Huỳnh over Hoàng and Võ over Vũ because every demo province is in the
 * South, where those spellings prevail.
 */

export type Gender = 'male' | 'female';

const nfc = (words: readonly string[]) => words.map((w) => w.normalize('NFC'));
const nfcWeighted = (entries: readonly (readonly [string, number])[]) =>
  entries.map(([w, weight]) => [w.normalize('NFC'), weight] as const);

export const familyNames = nfcWeighted([
  ['Nguyễn', 38],
  ['Trần', 12.5],
  ['Lê', 10],
  ['Phạm', 7],
  ['Huỳnh', 3.5],
  ['Hoàng', 1.5],
  ['Phan', 4.5],
  ['Võ', 2.8],
  ['Vũ', 1.1],
  ['Đặng', 2.1],
  ['Bùi', 2],
  ['Đỗ', 1.4],
  ['Hồ', 1.3],
  ['Ngô', 1.3],
  ['Dương', 1],
  ['Lý', 0.5],
  ['Trương', 1.2],
  ['Đinh', 0.8],
  ['Lâm', 0.8],
  ['Mai', 0.6],
  ['Đoàn', 0.7],
  ['Cao', 0.5],
  ['Lương', 0.5],
  ['Châu', 0.5],
  ['Tô', 0.4],
  ['Thái', 0.4],
  ['Tạ', 0.3],
  ['La', 0.3],
  ['Hà', 0.6],
  ['Lưu', 0.4],
  ['Triệu', 0.3],
  ['Trịnh', 0.4],
  ['Quách', 0.2],
  ['Lữ', 0.3],
  ['Kha', 0.3],
]);

export const middleNames: Record<Gender, readonly (readonly [string, number])[]> = {
  male: nfcWeighted([
    ['Văn', 40],
    ['Minh', 8],
    ['Hữu', 6],
    ['Quốc', 6],
    ['Thanh', 6],
    ['Công', 5],
    ['Đức', 5],
    ['Hoàng', 4],
    ['Ngọc', 4],
    ['Tấn', 4],
    ['Thành', 3],
    ['Xuân', 3],
    ['Duy', 3],
    ['Đình', 3],
    ['Trọng', 3],
    ['Anh', 3],
    ['Hoài', 2],
    ['Chí', 2],
    ['Trung', 2],
    ['Kim', 1],
  ]),
  female: nfcWeighted([
    ['Thị', 50],
    ['Ngọc', 8],
    ['Thanh', 7],
    ['Thu', 5],
    ['Kim', 5],
    ['Hồng', 4],
    ['Mỹ', 4],
    ['Minh', 3],
    ['Bích', 3],
    ['Thúy', 3],
    ['Phương', 3],
    ['Hoài', 2],
    ['Bảo', 2],
    ['Cẩm', 2],
    ['Tuyết', 2],
    ['Diễm', 1],
    ['Kiều', 1],
    ['Quỳnh', 1],
  ]),
};

/** The second of two middle names, as in "Nguyễn Thị Thu Hà" or "Trần Hoàng Minh Tuấn". */
export const secondMiddleNames: Record<Gender, readonly string[]> = {
  male: nfc(['Minh', 'Hoàng', 'Quốc', 'Thanh', 'Ngọc', 'Anh', 'Gia', 'Bảo', 'Thế', 'Nhật']),
  female: nfc(['Thu', 'Ngọc', 'Kim', 'Thanh', 'Hồng', 'Mỹ', 'Bích', 'Thùy', 'Phương', 'Diệu']),
};

// prettier-ignore
export const givenNames: Record<Gender, readonly string[]> = {
  male: nfc([
    'An', 'Anh', 'Bảo', 'Bình', 'Chiến', 'Công', 'Cường', 'Danh', 'Dũng', 'Duy',
    'Đạt', 'Định', 'Đức', 'Giang', 'Hải', 'Hậu', 'Hiếu', 'Hòa', 'Hoàng', 'Hùng',
    'Hưng', 'Huy', 'Khải', 'Khang', 'Khánh', 'Khoa', 'Kiên', 'Lâm', 'Lộc', 'Lợi',
    'Long', 'Luân', 'Minh', 'Nam', 'Nghĩa', 'Nhân', 'Phát', 'Phong', 'Phúc', 'Phước',
    'Quân', 'Quang', 'Sang', 'Sơn', 'Tài', 'Tâm', 'Thắng', 'Thành', 'Thiện', 'Thịnh',
    'Tín', 'Toàn', 'Trí', 'Trung', 'Tuấn', 'Tùng', 'Ước', 'Việt', 'Vinh', 'Vũ',
  ]),
  female: nfc([
    'Anh', 'Ánh', 'Bình', 'Châu', 'Chi', 'Diễm', 'Dung', 'Duyên', 'Giang', 'Hà',
    'Hạnh', 'Hằng', 'Hiền', 'Hoa', 'Hồng', 'Huệ', 'Hương', 'Hường', 'Huyền', 'Khánh',
    'Lan', 'Liên', 'Linh', 'Loan', 'Mai', 'My', 'Nga', 'Ngân', 'Ngọc', 'Nguyệt',
    'Nhung', 'Oanh', 'Phương', 'Phượng', 'Quyên', 'Quỳnh', 'Tâm', 'Thảo', 'Thủy', 'Thư',
    'Trang', 'Trinh', 'Tuyết', 'Uyên', 'Vân', 'Xuân', 'Yến',
  ]),
};

/** Share of four-word names (two middle names); more common among women. */
const fourWordShare: Record<Gender, number> = { male: 0.12, female: 0.18 };

/**
 * Returns a random NFC full name of three or four words for the gender. A middle name never
 * repeats the given name ("Ngọc Ngọc" is not a name).
 */
export function randomVietnameseName(rng: Rng, gender: Gender): string {
  const family = rng.weighted(familyNames);
  const given = rng.pick(givenNames[gender]);
  let middle = rng.weighted(middleNames[gender]);
  while (middle === given) middle = rng.weighted(middleNames[gender]);
  const words = [family, middle];
  // "Văn" is rarely followed by a second middle name, while "Thị Thu", "Thị Ngọc" are common.
  if (middle !== 'Văn' && rng.chance(fourWordShare[gender])) {
    const second = rng.pick(secondMiddleNames[gender]);
    if (second !== middle && second !== given) words.push(second);
  }
  words.push(given);
  return words.join(' ');
}
