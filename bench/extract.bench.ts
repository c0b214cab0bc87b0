/**
 * `npm run bench -- extract [chars]`: extraction speed on a resolution-sized text. Builds
 * about 150,000 characters (a 50-page resolution) of resolution-like text from varied
 * templates, runs `extractItems` several times and reports the median.
 */
import { extractItems } from '../src/domain/extraction';

const RUNS = 7;
const DEFAULT_CHARS = 150_000;

const TEMPLATES: Array<(n: number) => string> = [
  (n) => `Phấn đấu quy mô kinh tế (GRDP) giai đoạn tới tăng bình quân ${(n % 5) + 6},${n % 9}-${(n % 5) + 7},${n % 7}%/năm.`,
  (n) => `Tỷ lệ hộ nghèo giảm còn dưới ${n % 3},${n % 10}% vào năm 2030; không còn xã đặc biệt khó khăn.`,
  (n) =>
    `Kết nạp ${(1000 + n).toLocaleString('vi-VN')} đảng viên mới, trong đó có ít nhất ${100 + (n % 200)} đảng viên là công nhân ở doanh nghiệp tư nhân.`,
  (n) =>
    `Thu hút đầu tư nước ngoài đạt trên ${(n % 12) + 1} tỉ USD; tổng vốn đầu tư toàn xã hội khoảng ${(900 + n).toLocaleString('vi-VN')} nghìn tỷ đồng.`,
  (n) =>
    `Nhiệm kỳ qua, tốc độ tăng trưởng đạt ${n % 9},${n % 10}%/năm, vượt chỉ tiêu Nghị quyết số ${(n % 50) + 1}-NQ/TU ngày ${(n % 28) + 1}/${(n % 12) + 1}/2020.`,
  (n) =>
    `Hằng năm có từ ${80 + (n % 15)}% tổ chức cơ sở đảng trở lên hoàn thành tốt nhiệm vụ; ${90 + (n % 9)}% đảng viên trở lên hoàn thành tốt nhiệm vụ.`,
  () =>
    'Giữ vững sự đoàn kết, thống nhất trong Đảng bộ; làm tốt công tác dân vận để người dân đồng thuận với chủ trương lớn; chuyển đổi mô hình phát triển sang kinh tế xanh, kinh tế số.',
  () =>
    'Nghị quyết xác định 4 khâu đột phá chiến lược như: Hoàn thiện thể chế, chính sách thu hút nhân tài; Đầu tư hạ tầng số và dữ liệu dùng chung; Cải cách thủ tục hành chính theo hướng một cửa số; Mở rộng hạ tầng giao thông kết nối vùng.',
  (n) =>
    `Đến năm 2030, tỉnh trở thành cực tăng trưởng của vùng; tỷ lệ đô thị hóa đạt ${70 + (n % 20)}%, số bác sĩ đạt ${10 + (n % 5)} bác sĩ/vạn dân.`,
  (n) =>
    `Thu nhập bình quân đầu người đạt ${(5000 + n * 7).toLocaleString('vi-VN')} USD/người/năm, gấp ${(n % 3) + 1},5 lần năm 2020 (tăng gần gấp đôi).`,
  // The 2025–2030 layouts: numbered sections, table rows, ranks, shares with their base, pairs.
  (n) =>
    `\nIII. NHIỆM VỤ TRỌNG TÂM\n1. Đẩy mạnh chuyển đổi số trong các cơ quan đảng số ${n}\na) Số hóa hồ sơ đảng viên trước năm 2026\nIV. KHÂU ĐỘT PHÁ\n1. Phát triển nguồn nhân lực chất lượng cao\n`,
  (n) =>
    `\n${(n % 30) + 1}\tTỷ lệ che phủ rừng\t%\t≥ ${40 + (n % 9)}\n(${(n % 20) + 1}) Tỷ lệ hộ nghèo: < ${(n % 3) + 1}%; chỉ số PCI thuộc nhóm ${(n % 20) + 5} địa phương dẫn đầu.\n`,
  (n) =>
    `Kinh tế số chiếm khoảng ${20 + (n % 15)}% GRDP; giảm 1/3 số hộ cận nghèo; thu ngân sách đạt ${(12000 + n).toLocaleString('vi-VN')}/10.000 tỷ đồng.`,
];

export function buildText(chars: number): string {
  const parts: string[] = [];
  let length = 0;
  for (let n = 0; length < chars; n++) {
    const sentence = TEMPLATES[n % TEMPLATES.length]!(n);
    parts.push(sentence);
    length += sentence.length + 1;
    if (n % 6 === 5) {
      parts.push('\n');
      length += 1;
    }
  }
  return parts.join(' ').slice(0, chars);
}

export default async function bench(args: string[]): Promise<Record<string, unknown>> {
  const chars = Number(args[0]) > 0 ? Number(args[0]) : DEFAULT_CHARS;
  const text = buildText(chars);
  extractItems(text); // Warm-up: the first run pays for compiling the regular expressions.
  const times: number[] = [];
  let items = 0;
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    items = extractItems(text).length;
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const ms = Math.round(times[Math.floor(times.length / 2)]! * 10) / 10;
  return { chars: text.length, items, runs: RUNS, ms };
}
