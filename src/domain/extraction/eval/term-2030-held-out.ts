/**
 * The 2025–2030 set, held-out part: statements written for the project in the manner of the
 * 2025–2030 congress resolutions and the 2020–2025 review reports, before the parser was
 * changed for them. Scored once at the end and never used to tune the rules; its score is
 * the estimate for texts nobody tuned on. Written by the same hand as the development part,
 * with the same conventions (see term-2030-dev.ts).
 */
import { c, rel, t, type EvalCase } from './eval-types';

export const term2030HeldOutCases: EvalCase[] = [
  // The base of a share is part of the unit.
  c(
    'Tỷ trọng kinh tế tư nhân chiếm khoảng 55% GRDP vào năm 2030.',
    t('approx', 55, '% GRDP', 'Tỷ trọng kinh tế tư nhân', { byYear: 2030 }),
  ),
  c('Chi cho nghiên cứu và phát triển đạt 1-1,5% GRDP.', t('range', [1, 1.5], '% GRDP', 'Chi cho nghiên cứu và phát triển')),
  c('Tổng vốn đầu tư toàn xã hội bình quân chiếm 35% GRDP.', t('=', 35, '% GRDP', 'Tổng vốn đầu tư toàn xã hội')),
  c(
    'Số đảng viên kết nạp mới hằng năm bằng 3% tổng số đảng viên của Đảng bộ.',
    t('=', 3, '% tổng số đảng viên', 'Số đảng viên kết nạp mới', { perYear: true }),
  ),
  c(
    'Dành ít nhất 2% tổng chi ngân sách địa phương cho khoa học, công nghệ và đổi mới sáng tạo.',
    t('>=', 2, '% tổng chi ngân sách', 'Chi ngân sách địa phương cho khoa học, công nghệ và đổi mới sáng tạo'),
  ),
  c('Phấn đấu 95% dân số có danh tính điện tử.', t('=', 95, '% dân số', 'Tỷ lệ dân số có danh tính điện tử')),
  c(
    'Thu ngân sách từ kinh tế số chiếm trên 10% tổng thu ngân sách nhà nước trên địa bàn.',
    t('>', 10, '% tổng thu ngân sách', 'Thu ngân sách từ kinh tế số'),
  ),
  c(
    'Đến năm 2030, 80% số thôn, tổ dân phố có nhà văn hóa đạt chuẩn.',
    t('=', 80, '% số thôn', 'Tỷ lệ thôn, tổ dân phố có nhà văn hóa đạt chuẩn', { byYear: 2030 }),
  ),
  c(
    'Có 60% số xã đạt chuẩn nông thôn mới nâng cao, trong đó 20% số xã đạt chuẩn kiểu mẫu.',
    t('=', 60, '% số xã', 'Tỷ lệ xã đạt chuẩn nông thôn mới nâng cao'),
    t('=', 20, '% số xã', 'Tỷ lệ xã đạt chuẩn nông thôn mới kiểu mẫu'),
  ),
  c('Kinh tế số đóng góp khoảng 25-30% GRDP của tỉnh.', t('range', [25, 30], '% GRDP', 'Kinh tế số')),
  c(
    'Khu vực dịch vụ chiếm trên 45% GRDP, nông nghiệp dưới 8% GRDP.',
    t('>', 45, '% GRDP', 'Khu vực dịch vụ'),
    t('<', 8, '% GRDP', 'Nông nghiệp'),
  ),
  c(
    'Số hộ sản xuất, kinh doanh giỏi các cấp đạt 65% tổng số hộ nông dân.',
    t('=', 65, '% tổng số hộ', 'Số hộ sản xuất, kinh doanh giỏi các cấp'),
  ),
  // Per-population units.
  c(
    'Phấn đấu đạt 15 bác sĩ/vạn dân và 40 giường bệnh/vạn dân vào năm 2030.',
    t('=', 15, 'bác sĩ/vạn dân', 'Số bác sĩ trên vạn dân', { byYear: 2030 }),
    t('=', 40, 'giường bệnh/vạn dân', 'Số giường bệnh trên vạn dân', { byYear: 2030 }),
  ),
  c('Số dược sĩ đại học đạt 3,5 dược sĩ trên một vạn dân.', t('=', 3.5, 'dược sĩ/vạn dân', 'Số dược sĩ đại học trên vạn dân')),
  c(
    'Có 35 giường bệnh trên một vạn dân, trong đó giường bệnh tư nhân chiếm 15%.',
    t('=', 35, 'giường bệnh/vạn dân', 'Số giường bệnh trên vạn dân'),
    t('=', 15, '%', 'Giường bệnh tư nhân'),
  ),
  c(
    'Tỷ suất tử vong trẻ em dưới 1 tuổi giảm còn 9/1.000 trẻ đẻ sống.',
    t('reduce_to', 9, '/1.000 trẻ đẻ sống', 'Tỷ suất tử vong trẻ em dưới 1 tuổi'),
  ),
  c('Số điều dưỡng đạt 25 điều dưỡng/vạn dân.', t('=', 25, 'điều dưỡng/vạn dân', 'Số điều dưỡng trên vạn dân')),
  c('Số thuê bao băng rộng cố định đạt 35 thuê bao/100 dân.', t('=', 35, 'thuê bao/100 dân', 'Số thuê bao băng rộng cố định')),
  // Counted things keep their noun.
  c('Phấn đấu có thêm 3 huyện đạt chuẩn nông thôn mới.', t('=', 3, 'huyện', 'Số huyện đạt chuẩn nông thôn mới')),
  c(
    'Sắp xếp giảm thêm 6 đơn vị cấp xã trong giai đoạn 2025 - 2030.',
    t('decrease_by', 6, 'đơn vị cấp xã', 'Số đơn vị cấp xã', { byYear: 2030 }),
  ),
  c('Công nhận mới 12 làng nghề truyền thống.', t('=', 12, 'làng nghề', 'Số làng nghề truyền thống được công nhận')),
  c('Có 45 sản phẩm OCOP đạt 4 sao trở lên.', t('=', 45, 'sản phẩm OCOP', 'Số sản phẩm OCOP đạt 4 sao trở lên')),
  c(
    'Xây dựng mới 3 cụm công nghiệp với tổng diện tích khoảng 150 ha.',
    t('=', 3, 'cụm công nghiệp', 'Số cụm công nghiệp xây dựng mới'),
    t('approx', 150, 'ha', 'Diện tích cụm công nghiệp'),
  ),
  c('Thành lập mới 40 hợp tác xã nông nghiệp.', t('=', 40, 'hợp tác xã', 'Số hợp tác xã nông nghiệp thành lập mới')),
  c('Nâng cấp 25 trạm y tế xã đạt chuẩn quốc gia.', t('=', 25, 'trạm y tế', 'Số trạm y tế xã đạt chuẩn quốc gia')),
  c(
    'Hằng năm có thêm 5 thôn đạt chuẩn thôn nông thôn mới kiểu mẫu.',
    t('=', 5, 'thôn', 'Số thôn đạt chuẩn nông thôn mới kiểu mẫu', { perYear: true }),
  ),
  // Table layouts.
  c('Tỷ lệ che phủ rừng\n≥ 42%', t('>=', 42, '%', 'Tỷ lệ che phủ rừng')),
  c('Tỷ lệ hộ nghèo theo chuẩn đa chiều\n< 1%', t('<', 1, '%', 'Tỷ lệ hộ nghèo theo chuẩn đa chiều')),
  c(
    '(4) Tỷ lệ lao động qua đào tạo: ≥ 80%; trong đó có bằng cấp, chứng chỉ ≥ 38%.',
    t('>=', 80, '%', 'Tỷ lệ lao động qua đào tạo'),
    t('>=', 38, '%', 'Tỷ lệ lao động qua đào tạo có bằng cấp, chứng chỉ'),
  ),
  c('(9) Tỷ lệ đô thị hóa: 52%.', t('=', 52, '%', 'Tỷ lệ đô thị hóa')),
  c('(11) Thu nhập bình quân đầu người: > 120 triệu đồng/người/năm.', t('>', 120, 'triệu đồng/người/năm', 'Thu nhập bình quân đầu người')),
  c('Tỷ lệ thất nghiệp khu vực thành thị\n≤ 3%', t('<=', 3, '%', 'Tỷ lệ thất nghiệp khu vực thành thị')),
  c('3\tTốc độ tăng trưởng GRDP bình quân\t%/năm\t10', t('=', 10, '%', 'Tốc độ tăng trưởng GRDP bình quân', { perYear: true })),
  c('7\tSố xã đạt chuẩn nông thôn mới nâng cao\txã\t≥ 30', t('>=', 30, 'xã', 'Số xã đạt chuẩn nông thôn mới nâng cao')),
  c('Tỷ lệ dân số tham gia bảo hiểm y tế\n> 95%', t('>', 95, '%', 'Tỷ lệ dân số tham gia bảo hiểm y tế')),
  c('(15) Số doanh nghiệp thành lập mới: 6.000 doanh nghiệp.', t('=', 6000, 'doanh nghiệp', 'Số doanh nghiệp thành lập mới')),
  // Plain values with no verb.
  c(
    'Tổng vốn đầu tư toàn xã hội giai đoạn 2026 - 2030 khoảng 420.000 tỷ đồng.',
    t('approx', 420000, 'tỷ đồng', 'Tổng vốn đầu tư toàn xã hội', { byYear: 2030 }),
  ),
  c('Kim ngạch xuất khẩu năm 2030 là 18 tỷ USD.', t('=', 18, 'tỷ USD', 'Kim ngạch xuất khẩu', { byYear: 2030 })),
  c(
    'Quy mô GRDP năm 2030 theo giá hiện hành 650 nghìn tỷ đồng.',
    t('=', 650, 'nghìn tỷ đồng', 'Quy mô GRDP theo giá hiện hành', { byYear: 2030 }),
  ),
  c(
    'Thu ngân sách nhà nước trên địa bàn năm 2030: 95.000 tỷ đồng.',
    t('=', 95000, 'tỷ đồng', 'Thu ngân sách nhà nước trên địa bàn', { byYear: 2030 }),
  ),
  c('GRDP bình quân đầu người 9.000 USD.', t('=', 9000, 'USD', 'GRDP bình quân đầu người')),
  // Ranks and groups.
  c('Chỉ số PCI thuộc nhóm 10 địa phương dẫn đầu cả nước.', t('<=', 10, 'hạng', 'Xếp hạng chỉ số PCI')),
  c(
    'Chỉ số chuyển đổi số (DTI) vươn lên top 15 cả nước vào năm 2030.',
    t('<=', 15, 'hạng', 'Xếp hạng chỉ số chuyển đổi số (DTI)', { byYear: 2030 }),
  ),
  c(
    'Chỉ số hài lòng của người dân (SIPAS) nằm trong top 20 tỉnh, thành phố.',
    t('<=', 20, 'hạng', 'Xếp hạng chỉ số hài lòng của người dân (SIPAS)'),
  ),
  c('Phấn đấu chỉ số PAR INDEX thuộc nhóm 25 tỉnh, thành phố dẫn đầu.', t('<=', 25, 'hạng', 'Xếp hạng chỉ số PAR INDEX')),
  // Fractions and multiples.
  c('Giảm 1/2 số hộ cận nghèo so với đầu nhiệm kỳ.', t('decrease_by', 50, '% số hộ cận nghèo', 'Số hộ cận nghèo')),
  c('Thu nhập của người dân nông thôn tăng gấp 2,2 lần so với năm 2025.', t('increase_to', 2.2, 'lần', 'Thu nhập của người dân nông thôn')),
  c('Quy mô kinh tế đến năm 2030 gấp 1,8 lần năm 2025.', t('increase_to', 1.8, 'lần', 'Quy mô kinh tế', { byYear: 2030 })),
  c('Giảm 1/4 số vụ tai nạn giao thông.', t('decrease_by', 25, '% số vụ tai nạn giao thông', 'Số vụ tai nạn giao thông')),
  // Relative targets with no number.
  c(
    'Tốc độ tăng trưởng kinh tế cao hơn mức bình quân chung của cả nước.',
    rel('>', 'mức bình quân chung của cả nước', 'Tốc độ tăng trưởng kinh tế'),
  ),
  c(
    'Thu nhập bình quân đầu người không thấp hơn mức bình quân của vùng Đồng bằng sông Cửu Long.',
    rel('>=', 'mức bình quân của vùng Đồng bằng sông Cửu Long', 'Thu nhập bình quân đầu người'),
  ),
  c('Tỷ lệ hộ nghèo thấp hơn mức bình quân của cả nước.', rel('<', 'mức bình quân của cả nước', 'Tỷ lệ hộ nghèo')),
  // Achieved against planned.
  c(
    'Thu ngân sách nhà nước năm 2024 đạt 14.200/12.800 tỷ đồng, bằng 110,9% dự toán.',
    t('=', 12800, 'tỷ đồng', 'Thu ngân sách nhà nước', { achieved: 14200 }),
  ),
  c('Tỷ lệ xã đạt chuẩn nông thôn mới: 88%/85% số xã.', t('=', 85, '% số xã', 'Tỷ lệ xã đạt chuẩn nông thôn mới', { achieved: 88 })),
  c(
    'Kết nạp đảng viên mới nhiệm kỳ 2020 - 2025 đạt 3.450/3.000 đảng viên, vượt 15% chỉ tiêu.',
    t('=', 3000, 'đảng viên', 'Kết nạp đảng viên mới', { achieved: 3450 }),
  ),
  c('- Tỷ lệ che phủ rừng: 42,3%/42%, đạt chỉ tiêu.', t('=', 42, '%', 'Tỷ lệ che phủ rừng', { achieved: 42.3 })),
  c(
    'Số doanh nghiệp thành lập mới: 4.820/5.000 doanh nghiệp, chưa đạt chỉ tiêu.',
    t('=', 5000, 'doanh nghiệp', 'Số doanh nghiệp thành lập mới', { achieved: 4820 }),
  ),
  c(
    'Tỷ lệ tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ trở lên 91,5%/90%.',
    t('=', 90, '%', 'Tỷ lệ tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ trở lên', { achieved: 91.5 }),
  ),
  // Ratios.
  c(
    'Hằng năm có 15% trở lên/tổng số tổ chức cơ sở đảng hoàn thành xuất sắc nhiệm vụ.',
    t('>=', 15, '% tổng số tổ chức cơ sở đảng', 'Tỷ lệ tổ chức cơ sở đảng hoàn thành xuất sắc nhiệm vụ', { perYear: true }),
  ),
  c(
    'Kết nạp đảng viên mới hằng năm đạt từ 3% trở lên so với tổng số đảng viên.',
    t('>=', 3, '% tổng số đảng viên', 'Kết nạp đảng viên mới', { perYear: true }),
  ),
  c(
    'Số đảng viên được kiểm tra hằng năm đạt 20% trở lên so với tổng số đảng viên.',
    t('>=', 20, '% tổng số đảng viên', 'Số đảng viên được kiểm tra', { perYear: true }),
  ),
  // Strict and non-strict comparators.
  c('Kết nạp ít nhất 1.600 đảng viên mới trong nhiệm kỳ.', t('>=', 1600, 'đảng viên', 'Kết nạp đảng viên mới')),
  c('Kết nạp trên 1.600 đảng viên mới trong nhiệm kỳ.', t('>', 1600, 'đảng viên', 'Kết nạp đảng viên mới')),
  c(
    'Tỷ lệ đảng viên hoàn thành tốt nhiệm vụ trở lên đạt 90% trở lên.',
    t('>=', 90, '%', 'Tỷ lệ đảng viên hoàn thành tốt nhiệm vụ trở lên'),
  ),
  c('Tỷ lệ nợ xấu dưới 2%, tỷ lệ lạm phát không quá 4%.', t('<', 2, '%', 'Tỷ lệ nợ xấu'), t('<=', 4, '%', 'Tỷ lệ lạm phát')),
  c('Tốc độ tăng năng suất lao động bình quân trên 6,5%/năm.', t('>', 6.5, '%', 'Tốc độ tăng năng suất lao động', { perYear: true })),
  c('Tỷ lệ trường học đạt chuẩn quốc gia tối thiểu 75%.', t('>=', 75, '%', 'Tỷ lệ trường học đạt chuẩn quốc gia')),
  c('Tỷ lệ giảm nghèo đa chiều hằng năm trên 1%.', t('>', 1, '%', 'Tỷ lệ giảm nghèo đa chiều', { perYear: true })),
  c(
    'Tỷ lệ lao động nông nghiệp trong tổng lao động xã hội giảm xuống dưới 20%.',
    t('<', 20, '%', 'Tỷ lệ lao động nông nghiệp trong tổng lao động xã hội'),
  ),
  c('Tỷ lệ người dân hài lòng với dịch vụ y tế không dưới 90%.', t('>=', 90, '%', 'Tỷ lệ người dân hài lòng với dịch vụ y tế')),
  c('Tỷ lệ hồ sơ thủ tục hành chính trễ hạn không vượt quá 1%.', t('<=', 1, '%', 'Tỷ lệ hồ sơ thủ tục hành chính trễ hạn')),
  c('Số khách du lịch đạt hơn 10 triệu lượt khách.', t('>', 10, 'triệu lượt khách', 'Số khách du lịch')),
  c(
    'Tỷ lệ sử dụng đất nông nghiệp ứng dụng công nghệ cao ít nhất 30%.',
    t('>=', 30, '%', 'Tỷ lệ sử dụng đất nông nghiệp ứng dụng công nghệ cao'),
  ),
  // Congress resolutions, prose.
  c(
    'Tốc độ tăng trưởng kinh tế (GRDP) bình quân giai đoạn 2026 - 2030 đạt 10%/năm trở lên.',
    t('>=', 10, '%', 'Tốc độ tăng trưởng kinh tế (GRDP)', { perYear: true, byYear: 2030 }),
  ),
  c('Đến năm 2030, GRDP bình quân đầu người đạt khoảng 8.500 USD.', t('approx', 8500, 'USD', 'GRDP bình quân đầu người', { byYear: 2030 })),
  c('Tỷ trọng công nghiệp chế biến, chế tạo trong GRDP đạt 30%.', t('=', 30, '%', 'Tỷ trọng công nghiệp chế biến, chế tạo trong GRDP')),
  c(
    'Tỷ lệ lao động qua đào tạo đạt 80%, trong đó có bằng cấp, chứng chỉ đạt 40%.',
    t('=', 80, '%', 'Tỷ lệ lao động qua đào tạo'),
    t('=', 40, '%', 'Tỷ lệ lao động qua đào tạo có bằng cấp, chứng chỉ'),
  ),
  c('Tỷ lệ chất thải rắn sinh hoạt được thu gom, xử lý đạt 98%.', t('=', 98, '%', 'Tỷ lệ chất thải rắn sinh hoạt được thu gom, xử lý')),
  c(
    'Hằng năm giải quyết việc làm cho khoảng 22.000 lao động.',
    t('approx', 22000, 'lao động', 'Số lao động được giải quyết việc làm', { perYear: true }),
  ),
  c(
    'Thu ngân sách nhà nước trên địa bàn tăng bình quân 12%/năm.',
    t('increase_by', 12, '%', 'Thu ngân sách nhà nước trên địa bàn', { perYear: true }),
  ),
  c(
    'Tỷ lệ hộ nghèo theo chuẩn đa chiều giảm bình quân 1%/năm.',
    t('decrease_by', 1, '%', 'Tỷ lệ hộ nghèo theo chuẩn đa chiều', { perYear: true }),
  ),
  c(
    'Tỷ lệ dân số đô thị được cung cấp nước sạch qua hệ thống cấp nước tập trung đạt 100%.',
    t('=', 100, '%', 'Tỷ lệ dân số đô thị được cung cấp nước sạch qua hệ thống cấp nước tập trung'),
  ),
  c(
    'Tỷ lệ tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ trở lên hằng năm đạt từ 90% trở lên.',
    t('>=', 90, '%', 'Tỷ lệ tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ trở lên', { perYear: true }),
  ),
  c('Kết nạp đảng viên mới hằng năm từ 1.200 đảng viên trở lên.', t('>=', 1200, 'đảng viên', 'Kết nạp đảng viên mới', { perYear: true })),
  c('Tỷ lệ thôn, tổ dân phố có chi bộ đảng viên sinh hoạt đạt 100%.', t('=', 100, '%', 'Tỷ lệ thôn, tổ dân phố có chi bộ')),
  c('Phấn đấu 100% xã, phường có trung tâm văn hóa - thể thao.', t('=', 100, '%', 'Tỷ lệ xã, phường có trung tâm văn hóa - thể thao')),
  c(
    'Diện tích nhà ở bình quân đầu người đạt 30 m2 sàn vào năm 2030.',
    t('=', 30, 'm2', 'Diện tích nhà ở bình quân đầu người', { byYear: 2030 }),
  ),
  c(
    'Tỷ lệ người dân sử dụng dịch vụ công trực tuyến toàn trình đạt trên 80%.',
    t('>', 80, '%', 'Tỷ lệ người dân sử dụng dịch vụ công trực tuyến toàn trình'),
  ),
  c(
    'Tỷ lệ đường đô thị được chiếu sáng đạt 100%; tỷ lệ đường nông thôn được chiếu sáng đạt 85%.',
    t('=', 100, '%', 'Tỷ lệ đường đô thị được chiếu sáng'),
    t('=', 85, '%', 'Tỷ lệ đường nông thôn được chiếu sáng'),
  ),
  c(
    'Đầu tư xây dựng 70 km đường tỉnh và 15 cây cầu.',
    t('=', 70, 'km', 'Đường tỉnh đầu tư xây dựng'),
    t('=', 15, 'cây cầu', 'Số cây cầu đầu tư xây dựng'),
  ),
  c(
    'Trồng mới 2.000 ha rừng, trong đó rừng gỗ lớn 500 ha.',
    t('=', 2000, 'ha', 'Diện tích rừng trồng mới'),
    t('=', 500, 'ha', 'Diện tích rừng gỗ lớn'),
  ),
  c(
    'Tỷ lệ trẻ em dưới 5 tuổi suy dinh dưỡng thể thấp còi dưới 15%.',
    t('<', 15, '%', 'Tỷ lệ trẻ em dưới 5 tuổi suy dinh dưỡng thể thấp còi'),
  ),
  c(
    'Tuổi thọ trung bình đạt trên 76 tuổi, trong đó số năm sống khỏe đạt tối thiểu 68 năm.',
    t('>', 76, 'tuổi', 'Tuổi thọ trung bình'),
    t('>=', 68, 'năm', 'Số năm sống khỏe'),
  ),
  c(
    'Tỷ lệ giải quyết các vụ án hình sự đạt trên 90%, án rất nghiêm trọng và đặc biệt nghiêm trọng đạt 100%.',
    t('>', 90, '%', 'Tỷ lệ giải quyết các vụ án hình sự'),
    t('=', 100, '%', 'Tỷ lệ giải quyết án rất nghiêm trọng và đặc biệt nghiêm trọng'),
  ),
  c(
    'Mỗi năm thu hút khoảng 1 tỷ USD vốn đầu tư trực tiếp nước ngoài.',
    t('approx', 1, 'tỷ USD', 'Vốn đầu tư trực tiếp nước ngoài thu hút', { perYear: true }),
  ),
  c('Kim ngạch xuất khẩu tăng bình quân 15-16%/năm.', t('range', [15, 16], '%', 'Kim ngạch xuất khẩu', { perYear: true })),
  c(
    'Tỷ lệ cán bộ, công chức cấp xã có trình độ đại học trở lên đạt 95%.',
    t('=', 95, '%', 'Tỷ lệ cán bộ, công chức cấp xã có trình độ đại học trở lên'),
  ),
  c(
    'Đến năm 2030, tỷ lệ dân số sử dụng điện thoại thông minh đạt 95%.',
    t('=', 95, '%', 'Tỷ lệ dân số sử dụng điện thoại thông minh', { byYear: 2030 }),
  ),
  c(
    'Số lượt khách du lịch tăng bình quân 12%/năm, doanh thu du lịch tăng bình quân 18%/năm.',
    t('increase_by', 12, '%', 'Số lượt khách du lịch', { perYear: true }),
    t('increase_by', 18, '%', 'Doanh thu du lịch', { perYear: true }),
  ),
  // Review reports (2020–2025).
  c('Cả nhiệm kỳ kết nạp 2.640 đảng viên, đạt 110% chỉ tiêu Nghị quyết.'),
  c('Tốc độ tăng trưởng GRDP bình quân giai đoạn 2021 - 2025 ước đạt 7,2%/năm, không đạt chỉ tiêu đề ra (8%).'),
  c('Năm 2024, có 93,2% tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ trở lên.'),
  c('Thu ngân sách năm 2023 đạt 11.560 tỷ đồng, tăng 8,3% so với cùng kỳ.'),
  c('Đến cuối năm 2024, toàn tỉnh có 92 xã đạt chuẩn nông thôn mới, 25 xã đạt chuẩn nâng cao.'),
  c('Sau 5 năm, 14/15 chỉ tiêu chủ yếu đạt và vượt kế hoạch.'),
  // Traps: figures that are not targets.
  c('Nghị quyết Đại hội đại biểu Đảng bộ tỉnh lần thứ XVIII, nhiệm kỳ 2025 - 2030 đề ra 28 chỉ tiêu chủ yếu.'),
  c('Thực hiện Kết luận số 126-KL/TW ngày 14/02/2025 của Bộ Chính trị, Ban Bí thư.'),
  c('Hội nghị có 450 đại biểu tham dự tại 126 điểm cầu.'),
  c('Đảng bộ tỉnh có 1.024 tổ chức cơ sở đảng, 68.350 đảng viên.'),
  c('Sau sắp xếp, tỉnh có 124 đơn vị hành chính cấp xã, gồm 102 xã, 20 phường và 2 đặc khu.'),
  c('Ban Chấp hành Đảng bộ tỉnh khóa XVIII gồm 65 đồng chí; Ban Thường vụ 17 đồng chí.'),
  c('Theo Quyết định 366-QĐ/TW, việc đánh giá xếp loại thực hiện hằng năm vào tháng 12.'),
  c('Chương trình gồm 6 nhóm nhiệm vụ, 32 giải pháp và 3 khâu đột phá.'),
  c('Đại hội diễn ra trong 3 ngày, từ ngày 14 đến 16-9-2025.'),
  c('Năm 2020, GRDP bình quân đầu người ước đạt 4.200 USD.'),
];
