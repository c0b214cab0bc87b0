import { describe, expect, it } from 'vitest';
import { extractItems } from './extract-items';

const PROGRAM = [
  'I. MỤC TIÊU',
  '- Kết nạp ít nhất 1.500 đảng viên mới.',
  'II. TẦM NHÌN',
  'Trước năm 2026, hoàn thành sắp xếp tổ chức bộ máy của hệ thống chính trị.',
  'III. NHIỆM VỤ TRỌNG TÂM',
  '1. Đẩy mạnh chuyển đổi số trong các cơ quan đảng',
  'a) Số hóa toàn bộ hồ sơ đảng viên trước năm 2026',
  'b) Triển khai sổ tay đảng viên điện tử',
  '2. Phát triển kinh tế tư nhân, phấn đấu kinh tế tư nhân chiếm 55% GRDP',
  'IV. KHÂU ĐỘT PHÁ',
  '1. Hoàn thiện thể chế, cơ chế chính sách đặc thù',
  '2. Phát triển nguồn nhân lực chất lượng cao',
].join('\n');

describe('extractItems: numbered sections', () => {
  const items = extractItems(PROGRAM);
  const of = (kind: string) => items.filter((i) => i.kind === kind);

  it('makes the entries under "NHIỆM VỤ TRỌNG TÂM" tasks, nested as numbered', () => {
    const tasks = of('task');
    expect(tasks.map((t) => t.text)).toEqual([
      'Đẩy mạnh chuyển đổi số trong các cơ quan đảng',
      'Số hóa toàn bộ hồ sơ đảng viên trước năm 2026',
      'Triển khai sổ tay đảng viên điện tử',
      'Phát triển kinh tế tư nhân, phấn đấu kinh tế tư nhân chiếm 55% GRDP',
    ]);
    expect(tasks.map((t) => t.parentStart)).toEqual([null, tasks[0]!.start, tasks[0]!.start, null]);
    expect(tasks[1]!.byYear).toBe(2026);
  });

  it('makes the entries under "KHÂU ĐỘT PHÁ" breakthroughs', () => {
    expect(of('breakthrough').map((b) => b.text)).toEqual([
      'Hoàn thiện thể chế, cơ chế chính sách đặc thù',
      'Phát triển nguồn nhân lực chất lượng cao',
    ]);
  });

  it('gives a milestone for "trước năm 2026"', () => {
    expect(of('milestone')).toMatchObject([
      { byYear: 2026, text: 'Trước năm 2026, hoàn thành sắp xếp tổ chức bộ máy của hệ thống chính trị' },
    ]);
  });

  it('keeps a target written in a task under that task, and targets of "MỤC TIÊU" at the top', () => {
    const [first, inTask] = of('target');
    expect(first).toMatchObject({ comparator: '>=', value: 1500, parentStart: null });
    expect(inTask).toMatchObject({ value: 55, unit: '% GRDP', parentStart: of('task')[3]!.start });
  });

  it('does not make entries of a heading that names no kind', () => {
    expect(
      extractItems('I. QUAN ĐIỂM\n1. Kiên định chủ nghĩa Mác - Lênin, tư tưởng Hồ Chí Minh').filter((i) => i.kind !== 'target'),
    ).toEqual([]);
  });
});
