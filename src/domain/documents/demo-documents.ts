/**
 * The documents of the demo, from the seed articles, as data. What the articles state is entered
 * as they state it (the Bình Dương XI objective, vision, five economic targets, key tasks and four
 * breakthroughs; the bloc VII targets; the Bình Phước program's five parts, six main tasks and
 * three breakthroughs). What they do not state — document numbers, the exact structure of the
 * lower plans and their quotas — is invented and the document is marked `isSample`.
 * Links ("cụ thể hóa") name the parent as `documentKey:itemKey`. Some orgs and items are left
 * without a plan or a link on purpose, so that the gap view has something to show.
 */
import type { DocumentKind, ItemKind } from './document-kinds';

export type DemoTarget = { indicator: string; value: string; unit?: string; byYear?: number };
export type DemoItem = {
  key?: string;
  kind: ItemKind;
  text: string;
  target?: DemoTarget;
  milestoneYear?: number;
  links?: string[];
  children?: DemoItem[];
};
export type DemoDocument = {
  key: string;
  orgCode: string;
  kind: DocumentKind;
  term: string;
  number: number;
  issueDate: string | null;
  title: string;
  summary?: string;
  status: 'adopted' | 'draft';
  implements: string[];
  items: DemoItem[];
  isSample: boolean;
};

const bdXiTasks = [
  'Tiếp tục nâng cao hiệu quả công tác giáo dục chính trị, tư tưởng, góp phần bảo vệ nền tảng tư tưởng của Đảng trong tình hình mới',
  'Xây dựng, phát triển tổ chức đảng, đoàn thể trong các doanh nghiệp ngoài khu vực Nhà nước',
  'Tiếp tục nâng cao chất lượng, hiệu quả công tác dân vận trong tình hình mới',
  'Tiếp tục nâng cao đời sống vật chất và tinh thần cho công nhân lao động tỉnh Bình Dương',
  'Phát triển đồng bộ hệ thống đô thị gắn với xây dựng thành phố thông minh của tỉnh Bình Dương',
  'Đổi mới thu hút đầu tư, củng cố và phát triển quan hệ đối ngoại nhằm nâng cao năng lực cạnh tranh của nền kinh tế tỉnh Bình Dương',
];
const bdXiBreakthroughs = [
  'Tiếp tục nâng cao chất lượng công tác phát triển đảng viên',
  'Phát triển và nâng cao chất lượng nguồn nhân lực, đáp ứng yêu cầu xây dựng Bình Dương phát triển bền vững theo hướng đô thị thông minh, văn minh, hiện đại',
  'Tập trung phát triển các ngành dịch vụ chất lượng cao, đáp ứng yêu cầu phát triển công nghiệp, đô thị theo hướng văn minh, hiện đại',
  'Tập trung phát triển hạ tầng giao thông theo hướng đô thị hóa, xây dựng thành phố thông minh Bình Dương',
];

export const demoDocuments: DemoDocument[] = [
  {
    key: 'TW-XIII',
    orgCode: 'TW',
    kind: 'resolution',
    term: '2021-2026',
    number: 1,
    issueDate: '2021-02-01',
    title: 'Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIII của Đảng',
    summary: 'Nội dung chi tiết chưa nhập; văn bản được ghi để các chương trình hành động nêu rõ văn bản mình thực hiện.',
    status: 'adopted',
    implements: [],
    items: [],
    isSample: true,
  },
  {
    key: 'BD-XI',
    orgCode: 'BD',
    kind: 'resolution',
    term: '2020-2025',
    number: 1,
    issueDate: '2020-10-15',
    title: 'Nghị quyết Đại hội đại biểu Đảng bộ tỉnh Bình Dương lần thứ XI, nhiệm kỳ 2020-2025',
    summary:
      'Phương hướng, mục tiêu và nhiệm vụ của Đảng bộ tỉnh nhiệm kỳ 2020-2025; Đại hội họp từ ngày 13 đến 15-10-2020, 100% đại biểu biểu quyết thông qua.',
    status: 'adopted',
    implements: ['TW-XIII'],
    items: [
      {
        kind: 'part',
        text: 'Mục tiêu tổng quát và tầm nhìn',
        children: [
          {
            key: 'objective',
            kind: 'objective',
            text: 'Tiếp tục xây dựng Đảng và hệ thống chính trị trong sạch, vững mạnh; củng cố vững chắc lòng tin của nhân dân đối với Đảng, chính quyền; đẩy mạnh đổi mới mô hình tăng trưởng kinh tế gắn với bảo vệ môi trường và thực hiện các đột phá chiến lược; bảo đảm an sinh và phúc lợi xã hội, không ngừng nâng cao đời sống vật chất và tinh thần cho nhân dân; ổn định an ninh chính trị, trật tự an toàn xã hội; tăng cường hoạt động đối ngoại; phấn đấu xây dựng tỉnh Bình Dương phát triển bền vững theo hướng đô thị thông minh, văn minh, hiện đại.',
          },
          {
            key: 'vision2030',
            kind: 'milestone',
            milestoneYear: 2030,
            text: 'Đến năm 2030, Bình Dương trở thành trung tâm công nghiệp hiện đại.',
          },
          {
            key: 'vision2045',
            kind: 'milestone',
            milestoneYear: 2045,
            text: 'Đến năm 2045, Bình Dương là đô thị thông minh của vùng và cả nước.',
          },
        ],
      },
      {
        kind: 'part',
        text: 'Các chỉ tiêu chủ yếu',
        children: [
          {
            key: 'grdp',
            kind: 'target',
            text: 'Tổng sản phẩm trên địa bàn tỉnh (GRDP) tăng bình quân',
            target: { indicator: 'GRDP_GROWTH', value: '8,5-8,7', unit: '%/năm', byYear: 2025 },
          },
          {
            key: 'structure',
            kind: 'target',
            text: 'Cơ cấu kinh tế: tỷ trọng công nghiệp và dịch vụ trong GRDP',
            target: { indicator: 'IND_SERV_SHARE', value: 'trên 90', unit: '%', byYear: 2025 },
          },
          {
            key: 'budget',
            kind: 'target',
            text: 'Thu ngân sách tăng',
            target: { indicator: 'BUDGET_GROWTH', value: 'tăng 8', unit: '%/năm', byYear: 2025 },
          },
          {
            key: 'fdi',
            kind: 'target',
            text: 'Thu hút đầu tư nước ngoài',
            target: { indicator: 'FDI', value: 'trên 9', unit: 'tỷ USD', byYear: 2025 },
          },
          {
            key: 'enterprises',
            kind: 'target',
            text: 'Số doanh nghiệp trên địa bàn tỉnh (tăng gần gấp đôi)',
            target: { indicator: 'ENTERPRISES', value: 'khoảng 80.000', unit: 'doanh nghiệp', byYear: 2025 },
          },
        ],
      },
      {
        kind: 'part',
        text: 'Nhiệm vụ trọng tâm',
        children: bdXiTasks.map((text, i) => ({ key: `task${i + 1}`, kind: 'task' as const, text })),
      },
      {
        kind: 'part',
        text: 'Các khâu đột phá chiến lược',
        children: bdXiBreakthroughs.map((text, i) => ({ key: `bt${i + 1}`, kind: 'breakthrough' as const, text })),
      },
    ],
    isSample: false,
  },
  {
    key: 'BD-SMART',
    orgCode: 'BD',
    kind: 'scheme',
    term: '2020-2025',
    number: 1,
    issueDate: '2021-01-15',
    title: 'Đề án thành phố thông minh Bình Dương giai đoạn 2021-2025',
    summary:
      'Tiếp tục triển khai Đề án thành phố thông minh theo Nghị quyết Đại hội XI; tập trung đầu tư hạ tầng, kết nối đô thị trung tâm với các đô thị vệ tinh.',
    status: 'adopted',
    implements: ['BD-XI'],
    items: [
      {
        key: 'infra',
        kind: 'task',
        text: 'Tập trung đầu tư hạ tầng, thu hút đầu tư; bảo đảm kết nối và hỗ trợ phát triển giữa hệ thống đô thị trung tâm với hệ thống đô thị vệ tinh',
        links: ['BD-XI:task5', 'BD-XI:bt4'],
      },
      {
        key: 'resources',
        kind: 'solution',
        text: 'Huy động các nguồn lực từ các thành phần kinh tế tiếp tục đầu tư phát triển đồng bộ',
        links: ['BD-XI:task5'],
      },
      {
        key: 'transport',
        kind: 'task',
        text: 'Hiện đại hệ thống hạ tầng giao thông, nhất là các công trình mang tính động lực, bảo đảm kết nối thông suốt trong tỉnh và với các tỉnh, thành trong vùng kinh tế trọng điểm phía Nam',
        links: ['BD-XI:bt4'],
      },
      { key: 'egov', kind: 'task', text: 'Xây dựng chính quyền điện tử, chính quyền thông minh các cấp', links: ['BD-XI:bt4'] },
    ],
    isSample: true,
  },
  {
    key: 'KHOI-VII',
    orgCode: 'BD.KHOI',
    kind: 'resolution',
    term: '2020-2025',
    number: 1,
    issueDate: '2020-07-15',
    title: 'Nghị quyết Đại hội đại biểu Đảng bộ Khối Các cơ quan và doanh nghiệp tỉnh lần thứ VII, nhiệm kỳ 2020-2025',
    summary: 'Đại hội họp từ ngày 13 đến 15-7-2020; 299 đại biểu đại diện cho 7.935 đảng viên biểu quyết thông qua.',
    status: 'adopted',
    implements: [],
    items: [
      {
        key: 'direction',
        kind: 'objective',
        text: 'Tiếp tục nâng cao năng lực lãnh đạo và sức chiến đấu của các tổ chức cơ sở đảng thực sự trong sạch, vững mạnh về chính trị, tư tưởng, tổ chức và đạo đức; đổi mới phương thức lãnh đạo của Đảng phù hợp với từng loại hình tổ chức cơ sở đảng để hoàn thành tốt nhiệm vụ chính trị được giao.',
      },
      {
        kind: 'part',
        text: 'Các chỉ tiêu',
        children: [
          {
            key: 'study',
            kind: 'target',
            text: 'Đảng viên được nghiên cứu, học tập, quán triệt chỉ thị, nghị quyết của Đảng, chính sách, pháp luật của Nhà nước',
            target: { indicator: 'STUDY_RATE', value: '100', unit: '%' },
          },
          {
            key: 'orgGood',
            kind: 'target',
            text: 'Hằng năm, chi bộ, đảng bộ cơ sở được xếp loại hoàn thành tốt nhiệm vụ',
            target: { indicator: 'ORG_GOOD_RATE', value: '100', unit: '%' },
          },
          {
            key: 'memberGood',
            kind: 'target',
            text: 'Đảng viên hoàn thành tốt nhiệm vụ',
            target: { indicator: 'MEMBER_GOOD_RATE', value: '90% trở lên' },
          },
          {
            key: 'partyOrgs',
            kind: 'target',
            text: 'Thành lập tổ chức đảng trong doanh nghiệp ngoài nhà nước',
            target: { indicator: 'PARTY_ORGS_NSE', value: '20', unit: 'tổ chức', byYear: 2025 },
          },
          {
            key: 'newMembers',
            kind: 'target',
            text: 'Kết nạp đảng viên mới',
            target: { indicator: 'NEW_MEMBERS', value: '1.800', unit: 'đảng viên', byYear: 2025 },
          },
          {
            key: 'newMembersNse',
            kind: 'target',
            text: 'Trong đó đảng viên trong doanh nghiệp ngoài khu vực Nhà nước',
            target: { indicator: 'NEW_MEMBERS_NSE', value: 'ít nhất 300', unit: 'đảng viên', byYear: 2025 },
          },
          {
            key: 'massOrgs',
            kind: 'target',
            text: 'Thành lập tổ chức Đoàn - Hội',
            target: { indicator: 'MASS_ORGS', value: '25', unit: 'tổ chức', byYear: 2025 },
          },
        ],
      },
    ],
    isSample: false,
  },
  // The two action programs the VII congress set out; how the targets split between them is assumed.
  {
    key: 'KHOI-CTR1',
    orgCode: 'BD.KHOI',
    kind: 'action_program',
    term: '2020-2025',
    number: 1,
    issueDate: '2020-12-28',
    title: 'Chương trình hành động nâng cao năng lực lãnh đạo và sức chiến đấu của tổ chức cơ sở đảng',
    status: 'adopted',
    implements: ['KHOI-VII', 'BD-XI'],
    items: [
      {
        key: 'study',
        kind: 'target',
        text: 'Đảng viên được nghiên cứu, học tập, quán triệt nghị quyết của Đảng',
        target: { indicator: 'STUDY_RATE', value: '100', unit: '%' },
        links: ['KHOI-VII:study'],
      },
      {
        key: 'orgGood',
        kind: 'target',
        text: 'Chi bộ, đảng bộ cơ sở hoàn thành tốt nhiệm vụ hằng năm',
        target: { indicator: 'ORG_GOOD_RATE', value: '100', unit: '%' },
        links: ['KHOI-VII:orgGood'],
      },
      {
        key: 'memberGood',
        kind: 'target',
        text: 'Đảng viên hoàn thành tốt nhiệm vụ',
        target: { indicator: 'MEMBER_GOOD_RATE', value: 'ít nhất 90', unit: '%' },
        links: ['KHOI-VII:memberGood'],
      },
      {
        key: 'ideology',
        kind: 'task',
        text: 'Đưa nghị quyết đến từng cán bộ, đảng viên và công nhân lao động trong các cơ quan, đơn vị, doanh nghiệp',
        links: ['BD-XI:task1'],
      },
    ],
    isSample: true,
  },
  {
    key: 'KHOI-CTR2',
    orgCode: 'BD.KHOI',
    kind: 'action_program',
    term: '2020-2025',
    number: 2,
    issueDate: '2020-12-28',
    title: 'Chương trình hành động xây dựng tổ chức đảng, đoàn thể và phát triển đảng viên trong doanh nghiệp ngoài khu vực Nhà nước',
    status: 'adopted',
    implements: ['KHOI-VII', 'BD-XI'],
    items: [
      {
        key: 'partyOrgs',
        kind: 'target',
        text: 'Thành lập tổ chức đảng trong doanh nghiệp ngoài nhà nước',
        target: { indicator: 'PARTY_ORGS_NSE', value: '20', unit: 'tổ chức', byYear: 2025 },
        links: ['KHOI-VII:partyOrgs', 'BD-XI:task2'],
      },
      {
        key: 'newMembers',
        kind: 'target',
        text: 'Kết nạp đảng viên mới',
        target: { indicator: 'NEW_MEMBERS', value: '1.800', unit: 'đảng viên', byYear: 2025 },
        links: ['KHOI-VII:newMembers', 'BD-XI:bt1'],
      },
      {
        key: 'newMembersNse',
        kind: 'target',
        text: 'Đảng viên mới trong doanh nghiệp ngoài khu vực Nhà nước',
        target: { indicator: 'NEW_MEMBERS_NSE', value: 'ít nhất 300', unit: 'đảng viên', byYear: 2025 },
        links: ['KHOI-VII:newMembersNse'],
      },
      {
        key: 'massOrgs',
        kind: 'target',
        text: 'Thành lập tổ chức Đoàn - Hội',
        target: { indicator: 'MASS_ORGS', value: '25', unit: 'tổ chức', byYear: 2025 },
        links: ['KHOI-VII:massOrgs', 'BD-XI:task2'],
      },
    ],
    isSample: true,
  },
  {
    key: 'KCN-NTU',
    orgCode: 'BD.KHOI.KCN-NTU',
    kind: 'plan',
    term: '2020-2025',
    number: 1,
    issueDate: '2021-01-10',
    title: 'Kế hoạch thực hiện Nghị quyết Đại hội Đảng bộ Khối lần thứ VII của Đảng ủy KCN Nam Tân Uyên',
    status: 'adopted',
    implements: ['KHOI-VII', 'KHOI-CTR1', 'KHOI-CTR2'],
    items: [
      {
        kind: 'target',
        text: 'Cán bộ, đảng viên nắm rõ và học tập nghị quyết',
        target: { indicator: 'STUDY_RATE', value: '100', unit: '%' },
        links: ['KHOI-VII:study', 'KHOI-CTR1:study'],
      },
      {
        kind: 'target',
        text: 'Chi bộ trực thuộc hoàn thành tốt nhiệm vụ',
        target: { indicator: 'ORG_GOOD_RATE', value: '100', unit: '%' },
        links: ['KHOI-VII:orgGood'],
      },
      {
        kind: 'target',
        text: 'Đảng viên hoàn thành tốt nhiệm vụ',
        target: { indicator: 'MEMBER_GOOD_RATE', value: '90', unit: '%' },
        links: ['KHOI-VII:memberGood'],
      },
      {
        kind: 'target',
        text: 'Kết nạp đảng viên mới là công nhân lao động',
        target: { indicator: 'NEW_MEMBERS', value: '150', unit: 'đảng viên', byYear: 2025 },
        links: ['KHOI-CTR2:newMembers'],
      },
      {
        kind: 'target',
        text: 'Thành lập tổ chức đảng trong doanh nghiệp của khu công nghiệp',
        target: { indicator: 'PARTY_ORGS_NSE', value: '6', unit: 'tổ chức', byYear: 2025 },
        links: ['KHOI-CTR2:partyOrgs'],
      },
      {
        kind: 'task',
        text: 'Giáo dục truyền thống cách mạng, lòng yêu nước cho thế hệ trẻ, nhất là công nhân lao động',
        links: ['KHOI-CTR1:ideology'],
      },
    ],
    isSample: true,
  },
  {
    key: 'SXD',
    orgCode: 'BD.KHOI.SXD',
    kind: 'plan',
    term: '2020-2025',
    number: 1,
    issueDate: '2021-01-20',
    title: 'Kế hoạch thực hiện nghị quyết đại hội các cấp gắn với các chỉ tiêu xây dựng thành phố thông minh của ngành Xây dựng',
    status: 'adopted',
    implements: ['KHOI-VII', 'BD-XI', 'BD-SMART'],
    items: [
      {
        kind: 'target',
        text: 'Đảng viên hoàn thành tốt nhiệm vụ',
        target: { indicator: 'MEMBER_GOOD_RATE', value: '85', unit: '%' },
        links: ['KHOI-VII:memberGood'],
      },
      {
        kind: 'target',
        text: 'Dịch vụ đô thị thông minh của ngành Xây dựng được triển khai',
        target: { indicator: 'SMART_CITY_SERVICES', value: 'ít nhất 5', unit: 'dịch vụ', byYear: 2025 },
        links: ['BD-SMART:infra'],
      },
      {
        kind: 'task',
        text: 'Hoàn thiện quy hoạch, kết nối đô thị trung tâm với các đô thị vệ tinh theo hướng đô thị thông minh',
        links: ['BD-XI:task5', 'BD-SMART:infra'],
      },
      {
        kind: 'target',
        text: 'Kết nạp đảng viên mới',
        target: { indicator: 'NEW_MEMBERS', value: '10', unit: 'đảng viên', byYear: 2025 },
        links: ['KHOI-CTR2:newMembers'],
      },
    ],
    isSample: true,
  },
  {
    key: 'BDT',
    orgCode: 'BD.KHOI.BDT',
    kind: 'plan',
    term: '2020-2025',
    number: 1,
    issueDate: '2021-01-22',
    title: 'Kế hoạch góp phần xây dựng chính quyền điện tử, chính quyền thông minh tỉnh Bình Dương của Bưu điện tỉnh',
    status: 'adopted',
    implements: ['KHOI-VII', 'BD-XI', 'BD-SMART'],
    items: [
      {
        kind: 'solution',
        text: 'Chú trọng các giải pháp thông minh, triển khai các giải pháp hỗ trợ chính quyền các cấp xây dựng chính quyền thông minh',
        links: ['BD-SMART:egov', 'BD-XI:bt4'],
      },
      {
        kind: 'target',
        text: 'Thủ tục hành chính được tiếp nhận, trả kết quả qua dịch vụ bưu chính công ích và trực tuyến',
        target: { indicator: 'ONLINE_PUBLIC_SERVICES', value: 'ít nhất 50', unit: '%', byYear: 2025 },
        links: ['BD-SMART:egov'],
      },
      {
        kind: 'target',
        text: 'Kết nạp đảng viên mới',
        target: { indicator: 'NEW_MEMBERS', value: '12', unit: 'đảng viên', byYear: 2025 },
        links: ['KHOI-CTR2:newMembers'],
      },
    ],
    isSample: true,
  },
  {
    key: 'DIAN',
    orgCode: 'BD.DIAN',
    kind: 'action_program',
    term: '2020-2025',
    number: 1,
    issueDate: '2021-01-05',
    title: 'Chương trình hành động thực hiện Nghị quyết Đại hội đại biểu Đảng bộ tỉnh lần thứ XI của Thành ủy Dĩ An',
    status: 'adopted',
    implements: ['BD-XI'],
    items: [
      {
        key: 'grdp',
        kind: 'target',
        text: 'Tổng sản phẩm trên địa bàn thành phố tăng bình quân',
        target: { indicator: 'GRDP_GROWTH', value: '8,6-8,8', unit: '%/năm', byYear: 2025 },
        links: ['BD-XI:grdp'],
      },
      {
        key: 'study',
        kind: 'task',
        text: 'Tổ chức học tập, quán triệt nghị quyết đến cán bộ, đảng viên tại các điểm cầu phường',
        links: ['BD-XI:task1'],
      },
      {
        key: 'smart',
        kind: 'task',
        text: 'Xây dựng đô thị thông minh Dĩ An, kết nối hạ tầng giao thông với Thành phố Hồ Chí Minh',
        links: ['BD-XI:task5', 'BD-XI:bt4'],
      },
      {
        key: 'members',
        kind: 'task',
        text: 'Nâng cao chất lượng công tác phát triển đảng viên ở khu phố và doanh nghiệp',
        links: ['BD-XI:bt1'],
      },
    ],
    isSample: true,
  },
  {
    key: 'P-DIAN',
    orgCode: 'BD.DIAN.P-DIAN',
    kind: 'plan',
    term: '2020-2025',
    number: 1,
    issueDate: '2021-01-18',
    title: 'Kế hoạch thực hiện Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XI của Đảng ủy phường Dĩ An',
    status: 'adopted',
    implements: ['BD-XI', 'DIAN'],
    items: [
      {
        kind: 'task',
        text: 'Tổ chức điểm cầu trực tuyến tại phường để cán bộ, đảng viên nắm đầy đủ nội dung nghị quyết',
        links: ['DIAN:study'],
      },
      { kind: 'task', text: 'Chỉnh trang đô thị, hạ tầng giao thông khu phố theo hướng văn minh, hiện đại', links: ['DIAN:smart'] },
    ],
    isSample: true,
  },
  {
    // A draft the browser test fills in and links.
    key: 'P-TANDONGHIEP',
    orgCode: 'BD.DIAN.P-TANDONGHIEP',
    kind: 'plan',
    term: '2020-2025',
    number: 1,
    issueDate: null,
    title: 'Kế hoạch thực hiện Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XI của Đảng ủy phường Tân Đông Hiệp',
    status: 'draft',
    implements: ['BD-XI', 'DIAN'],
    items: [{ kind: 'part', text: 'Chỉ tiêu chủ yếu' }],
    isSample: true,
  },
  {
    key: 'BP-XI',
    orgCode: 'BP',
    kind: 'resolution',
    term: '2020-2025',
    number: 1,
    issueDate: '2020-10-16',
    title: 'Nghị quyết Đại hội đại biểu Đảng bộ tỉnh Bình Phước lần thứ XI, nhiệm kỳ 2020-2025',
    summary: 'Nội dung chi tiết chưa nhập; chương trình hành động của Tỉnh ủy thực hiện nghị quyết này.',
    status: 'adopted',
    implements: ['TW-XIII'],
    items: [],
    isSample: true,
  },
  {
    key: 'BP-CTR',
    orgCode: 'BP',
    kind: 'action_program',
    term: '2020-2025',
    number: 1,
    issueDate: '2021-09-24',
    title:
      'Chương trình hành động thực hiện Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIII của Đảng và Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XI, nhiệm kỳ 2020-2025',
    summary:
      'Thông qua tại Hội nghị lần thứ 6 (mở rộng) Ban Chấp hành Đảng bộ tỉnh khóa XI, tổ chức trực tuyến ngày 24/9/2021; gồm 5 phần chính.',
    status: 'adopted',
    implements: ['TW-XIII', 'BP-XI'],
    // The article gives five parts without their titles; these headings follow the usual outline of an action program.
    items: [
      { kind: 'part', text: 'Mục đích, yêu cầu' },
      { kind: 'part', text: 'Quan điểm, mục tiêu' },
      {
        kind: 'part',
        text: 'Các nhiệm vụ chủ yếu (6 nhiệm vụ, lĩnh vực trọng tâm)',
        children: [
          {
            kind: 'task',
            text: 'Cơ cấu lại nền kinh tế, lựa chọn ngành, lĩnh vực trọng tâm để phát triển, đẩy mạnh công nghiệp hóa, hiện đại hóa, phát triển nhanh và bền vững',
          },
          {
            kind: 'task',
            text: 'Thực hiện 3 đột phá chiến lược',
            children: [
              { kind: 'breakthrough', text: 'Xây dựng kết cấu hạ tầng' },
              { kind: 'breakthrough', text: 'Cải cách thủ tục hành chính' },
              { kind: 'breakthrough', text: 'Phát triển nguồn nhân lực' },
            ],
          },
          {
            kind: 'task',
            text: 'Nâng cao vai trò quản lý của Nhà nước, xây dựng các chính sách phù hợp, tác động tích cực vào phát triển',
          },
          { kind: 'task', text: 'Phát triển văn hóa, xã hội, giáo dục, đào tạo, y tế' },
          { kind: 'task', text: 'Xây dựng quốc phòng, an ninh vững mạnh, mở rộng và nâng cao hiệu quả hoạt động đối ngoại' },
          { kind: 'task', text: 'Xây dựng Đảng và hệ thống chính trị trong sạch, vững mạnh' },
        ],
      },
      { kind: 'part', text: 'Các chương trình, kế hoạch cụ thể để lãnh đạo, tổ chức thực hiện' },
      { kind: 'part', text: 'Tổ chức thực hiện: thành lập các Ban chủ nhiệm khi triển khai thực hiện các nội dung' },
    ],
    isSample: false,
  },
  {
    key: 'HG-XIV',
    orgCode: 'HG',
    kind: 'resolution',
    term: '2020-2025',
    number: 1,
    issueDate: '2020-10-15',
    title: 'Nghị quyết Đại hội đại biểu Đảng bộ tỉnh Hậu Giang lần thứ XIV, nhiệm kỳ 2020-2025',
    summary:
      'Chủ đề: "Đoàn kết, dân chủ, kỷ cương, đổi mới, phát triển". Học tập, quán triệt cho cán bộ chủ chốt ngày 25/12/2020; các cấp ủy xây dựng chương trình hành động, kế hoạch thực hiện.',
    status: 'adopted',
    implements: ['TW-XIII'],
    items: [
      { kind: 'objective', text: 'Phấn đấu xây dựng Hậu Giang phát triển nhanh và bền vững.' },
      { kind: 'task', text: 'Nhiệm vụ và giải pháp về công tác xây dựng Đảng nhiệm kỳ 2020-2025' },
      {
        kind: 'task',
        text: 'Các giải pháp chủ yếu thực hiện nhiệm vụ phát triển kinh tế - xã hội, quốc phòng - an ninh và đối ngoại nhiệm kỳ 2020-2025',
      },
      {
        kind: 'solution',
        text: 'Thường xuyên kiểm tra, giám sát, kịp thời cập nhật, bổ sung, điều chỉnh các giải pháp; người đứng đầu chịu trách nhiệm lãnh đạo trực tiếp việc triển khai, quán triệt và thực hiện nghị quyết',
      },
    ],
    isSample: false,
  },
];
