import { describe, expect, it } from 'vitest';
import { extractItems } from './extract-items';
import type { ExtractedItem } from './types';

const targets = (text: string) => extractItems(text).filter((i) => i.kind === 'target');
const brief = (i: ExtractedItem) => [i.comparator, i.value ?? [i.valueMin, i.valueMax], i.unit];

describe('extractItems: numbers and units', () => {
  it.each([
    ['GRDP tăng bình quân 8,5-8,7%/năm.', ['range', [8.5, 8.7], '%']],
    ['Kim ngạch tăng 8,5 – 8,7 % /năm.', ['range', [8.5, 8.7], '%']],
    ['Xây dựng 165–190 km đường.', ['range', [165, 190], 'km']],
    ['Đào tạo từ 10 đến 12 nghìn lao động.', ['range', [10, 12], 'nghìn lao động']],
    ['Kết nạp 1.800 đảng viên mới.', ['=', 1800, 'đảng viên']],
    ['Thu hút trên 9 tỉ USD.', ['>', 9, 'tỷ USD']],
    ['Thu hút trên 9 tỷ USD.', ['>', 9, 'tỷ USD']],
    ['Kinh tế số chiếm khoảng 30% GRDP.', ['approx', 30, '% GRDP']],
    ['Kết nạp mới bằng 2,5% tổng số đảng viên.', ['=', 2.5, '% tổng số đảng viên']],
    ['Dành tối thiểu 3% tổng chi ngân sách cho khoa học.', ['>=', 3, '% tổng chi ngân sách']],
    ['Có 70% số thôn đạt chuẩn văn hóa.', ['=', 70, '% số thôn']],
    ['Đạt 12 bác sĩ/vạn dân.', ['=', 12, 'bác sĩ/vạn dân']],
    ['Đạt 28 giường bệnh trên một vạn dân.', ['=', 28, 'giường bệnh/vạn dân']],
    ['Tỷ suất tử vong trẻ em giảm còn 9/1.000 trẻ đẻ sống.', ['reduce_to', 9, '/1.000 trẻ đẻ sống']],
    ['Sắp xếp giảm thêm 4 đơn vị cấp xã.', ['decrease_by', 4, 'đơn vị cấp xã']],
    ['Chỉ số PCI thuộc nhóm 15 địa phương dẫn đầu cả nước.', ['<=', 15, 'hạng']],
    ['Chỉ số PCI vươn lên top 30 vào năm 2030.', ['<=', 30, 'hạng']],
    ['Giảm 1/3 số hộ cận nghèo.', ['decrease_by', 33.333333333, '% số hộ cận nghèo']],
    ['Thu ngân sách đạt 12.500/10.000 tỷ đồng.', ['=', 10000, 'tỷ đồng']],
    ['Tỷ lệ xã đạt chuẩn 91%/85% số xã.', ['=', 85, '% số xã']],
    ['Hằng năm có 10% trở lên/tổng số tổ chức cơ sở đảng được kiểm tra.', ['>=', 10, '% tổng số tổ chức cơ sở đảng']],
    ['Kết nạp từ 2% trở lên so với tổng số đảng viên.', ['>=', 2, '% tổng số đảng viên']],
    ['Tỷ lệ che phủ rừng\n≥ 45%', ['>=', 45, '%']],
    ['(7) Tỷ lệ hộ nghèo: < 2%.', ['<', 2, '%']],
    ['4\tTỷ lệ hộ nghèo\t%\t< 1,5', ['<', 1.5, '%']],
    ['Vốn đầu tư đạt 1.150 nghìn tỷ đồng.', ['=', 1150, 'nghìn tỷ đồng']],
    ['Vốn đầu tư đạt 3 ngàn tỷ đồng.', ['=', 3, 'nghìn tỷ đồng']],
    ['Hỗ trợ mỗi xã đạt 2 tỷ 365 triệu đồng.', ['=', 2.365, 'tỷ đồng']],
    ['Thu nhập đạt 150 triệu đồng/người.', ['=', 150, 'triệu đồng/người']],
    ['Thu nhập đạt 8.000 USD/người/năm.', ['=', 8000, 'USD/người/năm']],
    ['Thành lập 20 tổ chức đảng.', ['=', 20, 'tổ chức đảng']],
    ['Có thêm 10 xã đạt chuẩn nông thôn mới.', ['=', 10, 'xã']],
  ])('reads %s', (text, expected) => {
    expect(targets(text).map(brief)).toEqual([expected]);
  });

  it('marks a rate written with /năm as yearly and keeps the unit bare', () => {
    const [t] = targets('Thu ngân sách tăng 8%/năm.');
    expect(t).toMatchObject({ comparator: 'increase_by', value: 8, unit: '%', perYear: true });
  });

  it('does not take per-capita income for a yearly rate', () => {
    const [t] = targets('Thu nhập bình quân đầu người đạt 9.500 USD.');
    expect(t).toMatchObject({ perYear: false, unit: 'USD', value: 9500 });
  });
});

describe('extractItems: comparators from words', () => {
  it.each([
    ['Tỷ lệ che phủ rừng trên 45%.', '>'],
    ['Tỷ lệ đô thị hóa hơn 60%.', '>'],
    ['Kết nạp ít nhất 1.500 đảng viên.', '>='],
    ['Tỷ lệ người dân hài lòng không dưới 85%.', '>='],
    ['Tỷ lệ đảng viên hoàn thành tốt nhiệm vụ đạt 90% trở lên.', '>='],
    ['Tỷ lệ suy dinh dưỡng thấp hơn 12%.', '<'],
    ['Tỷ lệ lạm phát không vượt quá 4%.', '<='],
    ['Có ít nhất 300 đảng viên trong doanh nghiệp.', '>='],
    ['Tỷ lệ hồ sơ trực tuyến tối thiểu 80%.', '>='],
    ['Có từ 90% đảng viên trở lên hoàn thành nhiệm vụ.', '>='],
    ['Tỷ lệ thất nghiệp dưới 3%.', '<'],
    ['Tỷ lệ nợ xấu không quá 2%.', '<='],
    ['Tỷ lệ chi thường xuyên tối đa 60%.', '<='],
    ['Toàn tỉnh có khoảng 80.000 doanh nghiệp.', 'approx'],
    ['Thu ngân sách tăng 8%.', 'increase_by'],
    ['Số vụ tai nạn giảm 5%.', 'decrease_by'],
    ['Tỷ lệ hộ nghèo giảm còn 2%.', 'reduce_to'],
    ['Tỷ lệ lao động nông nghiệp còn 20%.', 'reduce_to'],
    ['Nâng tỷ lệ cứng hóa đường lên 100%.', 'increase_to'],
    ['Kim ngạch xuất khẩu gấp 1,5 lần năm 2020.', 'increase_to'],
    ['Tỷ lệ bao phủ bảo hiểm y tế đạt 95%.', '='],
  ])('%s → %s', (text, comparator) => {
    expect(targets(text).map((t) => t.comparator)).toEqual([comparator]);
  });

  it('reads "không còn" as a reduction to zero of the counted noun', () => {
    expect(targets('Đến năm 2025 không còn hộ nghèo.').map(brief)).toEqual([['reduce_to', 0, 'hộ nghèo']]);
  });

  it('reads "gấp đôi" as twice and "gần gấp đôi" as about twice', () => {
    expect(targets('Số doanh nghiệp tăng gấp đôi.').map(brief)).toEqual([['increase_to', 2, 'lần']]);
    expect(targets('Số doanh nghiệp tăng gần gấp đôi.').map(brief)).toEqual([['approx', 2, 'lần']]);
  });

  it('takes the due year from "đến năm" and "vào năm", before or after the figure', () => {
    expect(targets('Đến năm 2030, tỷ lệ đô thị hóa đạt 60%.')[0]?.byYear).toBe(2030);
    expect(targets('Tỷ lệ đô thị hóa đạt 60% vào năm 2030.')[0]?.byYear).toBe(2030);
  });

  it('does not take a price-base year for a due year', () => {
    expect(targets('GRDP theo giá so sánh năm 2010 tăng 7%/năm.')[0]).toMatchObject({ byYear: null, value: 7 });
  });

  it('takes the due year of a heading for the lines under it', () => {
    const items = targets('Các chỉ tiêu chủ yếu đến năm 2030:\n- Tỷ lệ đô thị hóa đạt 60%.\n- Tỷ lệ hộ nghèo dưới 1%.');
    expect(items.map((i) => i.byYear)).toEqual([2030, 2030]);
  });
});

describe('extractItems: what is not a target', () => {
  it.each([
    'Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XI, nhiệm kỳ 2020 - 2025.',
    'Thực hiện Nghị quyết số 01-NQ/TU ngày 23/12/2020 của Tỉnh ủy.',
    'Đại hội diễn ra từ ngày 13 đến 15-10-2020.',
    'Nghị quyết đề ra 39 chỉ tiêu và 4 khâu đột phá.',
    'Ban Chấp hành gồm 49 đồng chí.',
    'Tỷ lệ đảng viên hoàn thành tốt nhiệm vụ đạt 97,35% (chỉ tiêu là 95%).',
    'Nhiệm kỳ qua, GRDP tăng bình quân 8,8%/năm.',
    'Đảng bộ có 7.935 đảng viên.',
    'Các đại biểu ủng hộ quỹ vì người nghèo số tiền 2 tỷ 365 triệu đồng.',
    'Tác động của Cách mạng công nghiệp 4.0 và dịch Covid-19.',
  ])('proposes no target from: %s', (text) => {
    expect(targets(text)).toEqual([]);
  });

  it('leaves out the baseline of "từ … lên …"', () => {
    expect(targets('Tỷ lệ tham gia bảo hiểm tăng từ 3% lên 10%.').map(brief)).toEqual([['increase_to', 10, '%']]);
  });

  it('leaves out a figure that only describes the indicator', () => {
    expect(targets('Tỷ lệ trẻ em dưới 5 tuổi suy dinh dưỡng giảm còn 12%.').map(brief)).toEqual([['reduce_to', 12, '%']]);
  });
});

describe('extractItems: several targets in one clause', () => {
  it('splits "trong đó"', () => {
    const items = targets('Kết nạp 1.800 đảng viên mới, trong đó có ít nhất 300 đảng viên là công nhân trực tiếp sản xuất.');
    expect(items.map(brief)).toEqual([
      ['=', 1800, 'đảng viên'],
      ['>=', 300, 'đảng viên'],
    ]);
  });

  it('splits a parenthesis that holds a figure and gives it the outer name', () => {
    const items = targets('Đến năm 2025, số doanh nghiệp đạt khoảng 80.000 doanh nghiệp (tăng gần gấp đôi so với đầu kỳ).');
    expect(items.map(brief)).toEqual([
      ['approx', 80000, 'doanh nghiệp'],
      ['approx', 2, 'lần'],
    ]);
    expect(items[1]?.indicator).toBe(items[0]?.indicator);
  });

  it('keeps a parenthesis without figures inside the name', () => {
    expect(targets('Tổng sản phẩm trên địa bàn (GRDP) tăng bình quân 8%/năm.')[0]?.indicator).toBe('Tổng sản phẩm trên địa bàn (GRDP)');
  });
});

describe('extractItems: lists, milestones and offsets', () => {
  it('turns "4 khâu đột phá chiến lược như: …" into four breakthroughs', () => {
    const text =
      'Nghị quyết chọn 4 khâu đột phá chiến lược như: Hoàn thiện chính sách thu hút nhân tài; Đầu tư hạ tầng số; ' +
      'Cải cách thủ tục hành chính; Mở rộng giao thông kết nối vùng.';
    const items = extractItems(text).filter((i) => i.kind === 'breakthrough');
    expect(items.map((i) => i.indicator)).toEqual([
      'Hoàn thiện chính sách thu hút nhân tài',
      'Đầu tư hạ tầng số',
      'Cải cách thủ tục hành chính',
      'Mở rộng giao thông kết nối vùng',
    ]);
  });

  it('turns a bulleted "nhiệm vụ trọng tâm" list into tasks', () => {
    const text =
      'Các nhiệm vụ trọng tâm:\n- Nâng cao chất lượng sinh hoạt chi bộ, nhất là sinh hoạt chuyên đề\n- Phát triển đảng viên trong công nhân\n\nKết thúc.';
    expect(
      extractItems(text)
        .filter((i) => i.kind === 'task')
        .map((i) => i.text),
    ).toEqual(['Nâng cao chất lượng sinh hoạt chi bộ, nhất là sinh hoạt chuyên đề', 'Phát triển đảng viên trong công nhân']);
  });

  it('splits a counted list written with commas', () => {
    const items = extractItems('Tập trung 3 đột phá chiến lược về hạ tầng số, cải cách hành chính và nhân lực chất lượng cao.');
    expect(items.filter((i) => i.kind === 'breakthrough')).toHaveLength(3);
  });

  it('proposes vision milestones with their year', () => {
    const items = extractItems('Đến năm 2030, tỉnh trở thành cực tăng trưởng của vùng, đến năm 2045 là tỉnh có thu nhập cao.');
    expect(items.map((i) => [i.kind, i.byYear])).toEqual([
      ['milestone', 2030],
      ['milestone', 2045],
    ]);
  });

  it('gives offsets into the NFC text, even for decomposed input', () => {
    const nfd = 'Tỷ lệ hộ nghèo giảm còn 2%.'.normalize('NFD');
    const [t] = extractItems(nfd);
    const nfc = nfd.normalize('NFC');
    expect(t && nfc.slice(t.start, t.end)).toBe(t?.text);
    expect(t?.text).toBe('Tỷ lệ hộ nghèo giảm còn 2%');
  });

  it('returns nothing for empty or figure-free text', () => {
    expect(extractItems('')).toEqual([]);
    expect(extractItems('Tiếp tục xây dựng Đảng trong sạch, vững mạnh.')).toEqual([]);
  });
});

describe('extractItems: targets without a plain figure', () => {
  it('reads a target against a reference, with the reference as its value', () => {
    const [t] = targets('Thu nhập bình quân đầu người cao hơn mức bình quân của vùng.');
    expect(t).toMatchObject({
      comparator: '>',
      value: null,
      unit: '',
      reference: 'mức bình quân của vùng',
      indicator: 'Thu nhập bình quân đầu người',
    });
  });

  it('keeps the achieved figure of a report pair apart from the planned one', () => {
    const [t] = targets('Kết nạp 2.100/1.800 đảng viên.');
    expect(t).toMatchObject({ value: 1800, achieved: 2100, unit: 'đảng viên' });
  });

  it('names a table value from the line above it', () => {
    const [t] = targets('Tỷ lệ che phủ rừng\n≥ 45%');
    expect(t).toMatchObject({ indicator: 'Tỷ lệ che phủ rừng', comparator: '>=', value: 45 });
  });
});

describe('a value written under its indicator', () => {
  it('takes both lines as the item’s words and the line above as its name', () => {
    const text = 'Tỷ lệ che phủ rừng\n≥ 45%\nTỷ lệ hộ nghèo\n< 2%';
    const items = extractItems(text);
    expect(items.map((i) => [i.indicator, i.comparator, i.value, i.unit, i.text])).toEqual([
      ['Tỷ lệ che phủ rừng', '>=', 45, '%', 'Tỷ lệ che phủ rừng\n≥ 45%'],
      ['Tỷ lệ hộ nghèo', '<', 2, '%', 'Tỷ lệ hộ nghèo\n< 2%'],
    ]);
  });
});
