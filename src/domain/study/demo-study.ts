/**
 * The study sessions of the demo, written as data from the seed articles: the Bình Dương
 * online conference of 23/12/2020 (a point at Thành ủy Dĩ An and one in each of its wards),
 * the bloc's conference for key officials, the Hậu Giang conference of 25/12/2020 at the
 * province point, then follow-up sessions in the lower orgs and make-up sessions.
 *
 * Facts from the articles: titles, organizers, the dates 23/12/2020 and 25/12/2020, the
 * points at Dĩ An and its wards, and the people named (Lê Tiến Châu opened the Hậu Giang
 * conference, Trần Văn Huyến concluded it; Trần Cẩm Hồng spoke at the bloc's). Everything else
 * (hours, the bloc conference's date, who attended, follow-ups, reflections) is SAMPLE data.
 */
export type DemoStudySession = {
  key: string;
  /** Demo org code of the organizer. */
  orgCode: string;
  title: string;
  /** Demo document keys (src/domain/documents/demo-documents.ts). */
  documents: string[];
  mode: 'online' | 'in_person' | 'hybrid';
  /** Local Vietnam time, 'yyyy-mm-ddThh:mm'. */
  startsAt: string;
  endsAt: string;
  presenters: { fullName: string; title?: string }[];
  agenda: { time?: string; title: string }[];
  /** Which points: see DemoPoints. */
  points: DemoPoints;
  /** Share of expected members present, per mille, and excused. */
  presentPerMille: number;
  excusedPerMille: number;
  isSample: boolean;
};

export type DemoPoints =
  /**
   * A main point at the organizer, a point at `under` listing `keyPerChild` key officials of
   * each org of `kind` below it, and a point at each such org expecting its whole subtree.
   */
  | { type: 'main_and_each'; under: string; kind: 'commune_committee' | 'grassroots' | 'district_committee'; keyPerChild: number }
  /**
   * Key officials only: `keyPerOrg` of each org of `kind` below the organizer, listed at the
   * organizer's point, or (`perOrgPoints`) each at a point of their own org.
   */
  | { type: 'key_officials'; kind: 'commune_committee' | 'grassroots' | 'district_committee'; keyPerOrg: number; perOrgPoints: boolean }
  /** One session per org of `kind` below the organizer, each with one point expecting its subtree ("follow-up in cells"). */
  | { type: 'follow_up_each'; kind: 'commune_committee' | 'grassroots' | 'district_committee' };

export const demoStudySessions: DemoStudySession[] = [
  {
    key: 'BD-XI-2020-12-23',
    orgCode: 'BD',
    title:
      'Hội nghị trực tuyến học tập, quán triệt và triển khai Nghị quyết Đại hội Đại biểu Đảng bộ tỉnh Bình Dương lần thứ XI, nhiệm kỳ 2020 – 2025',
    documents: ['BD-XI'],
    mode: 'online',
    startsAt: '2020-12-23T07:30',
    endsAt: '2020-12-23T11:30',
    presenters: [{ fullName: 'Báo cáo viên Tỉnh ủy' }],
    agenda: [
      { time: '07:30', title: 'Khai mạc, giới thiệu đại biểu tại các điểm cầu' },
      { time: '07:45', title: 'Thông tin kết quả Đại hội và nội dung cơ bản của Nghị quyết' },
      { time: '10:30', title: 'Triển khai kế hoạch học tập, quán triệt ở các cấp' },
    ],
    // The article: a point at Thành ủy Dĩ An for the city's committee, presenters and the
    // committees of its cells, and a point at each ward for its cadres and members.
    points: { type: 'main_and_each', under: 'BD.DIAN', kind: 'commune_committee', keyPerChild: 6 },
    presentPerMille: 860,
    excusedPerMille: 50,
    isSample: false,
  },
  {
    key: 'KHOI-VII-KEY',
    orgCode: 'BD.KHOI',
    title:
      'Hội nghị cán bộ chủ chốt triển khai, quán triệt, học tập Nghị quyết Đại hội Đảng bộ Khối Các cơ quan và doanh nghiệp tỉnh lần thứ VII, nhiệm kỳ 2020-2025',
    documents: ['KHOI-VII'],
    mode: 'hybrid',
    // The article does not date it ("mới đây", after the provincial congress): sample date.
    startsAt: '2020-11-12T08:00',
    endsAt: '2020-11-12T11:00',
    presenters: [{ fullName: 'Trần Cẩm Hồng', title: 'Phó Bí thư Thường trực Đảng ủy Khối' }],
    agenda: [
      { title: 'Báo cáo nhanh kết quả Đại hội Đảng bộ tỉnh lần thứ XI' },
      { title: 'Quán triệt nội dung trọng tâm Nghị quyết Đại hội Đảng bộ Khối lần thứ VII' },
    ],
    points: { type: 'key_officials', kind: 'grassroots', keyPerOrg: 3, perOrgPoints: true },
    presentPerMille: 950,
    excusedPerMille: 30,
    isSample: true,
  },
  {
    key: 'KHOI-VII-FOLLOW',
    orgCode: 'BD.KHOI',
    title: 'Học tập, quán triệt Nghị quyết Đại hội Đảng bộ Khối lần thứ VII tại các tổ chức cơ sở đảng',
    documents: ['KHOI-VII'],
    mode: 'in_person',
    startsAt: '2020-12-08T14:00',
    endsAt: '2020-12-08T17:00',
    presenters: [],
    agenda: [{ title: 'Cấp ủy cơ sở quán triệt Nghị quyết và kế hoạch thực hiện của đơn vị' }],
    points: { type: 'follow_up_each', kind: 'grassroots' },
    presentPerMille: 880,
    excusedPerMille: 50,
    isSample: true,
  },
  {
    key: 'HG-XIV-2020-12-25',
    orgCode: 'HG',
    title: 'Hội nghị học tập, quán triệt, triển khai thực hiện Nghị quyết Đại hội đại biểu Đảng bộ tỉnh lần thứ XIV, nhiệm kỳ 2020 - 2025',
    documents: ['HG-XIV'],
    mode: 'in_person',
    startsAt: '2020-12-25T07:30',
    endsAt: '2020-12-25T11:30',
    presenters: [
      { fullName: 'Lê Tiến Châu', title: 'Bí thư Tỉnh ủy (phát biểu khai mạc)' },
      { fullName: 'Trần Văn Huyến', title: 'Phó Bí thư Thường trực Tỉnh ủy, Chủ tịch HĐND tỉnh (phát biểu kết luận)' },
    ],
    agenda: [
      { time: '07:30', title: 'Phát biểu khai mạc' },
      { time: '07:45', title: 'Quán triệt nội dung cơ bản của Nghị quyết Đại hội XIV' },
      { time: '11:00', title: 'Phát biểu kết luận' },
    ],
    // For key officials of the province and district levels, at the province point.
    points: { type: 'key_officials', kind: 'commune_committee', keyPerOrg: 4, perOrgPoints: false },
    presentPerMille: 960,
    excusedPerMille: 30,
    isSample: false,
  },
  {
    key: 'HG-XIV-FOLLOW',
    orgCode: 'HG',
    title: 'Học tập, quán triệt Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XIV cho cán bộ, đảng viên ở cơ sở',
    documents: ['HG-XIV'],
    mode: 'in_person',
    startsAt: '2021-01-12T08:00',
    endsAt: '2021-01-12T11:00',
    presenters: [],
    agenda: [{ title: 'Đảng ủy xã, phường quán triệt Nghị quyết cho đảng viên các chi bộ' }],
    points: { type: 'follow_up_each', kind: 'commune_committee' },
    presentPerMille: 870,
    excusedPerMille: 40,
    isSample: true,
  },
];

/** Make-up sessions: held in past January 2021 for some orgs, and one under way now. */
export type DemoMakeup = {
  of: string;
  /** Demo org code holding it (its absentees are invited). */
  orgCode: string;
  /** 'now' means open at demo load time: starts an hour ago, ends in three hours. */
  when: { startsAt: string; endsAt: string } | 'now';
  presentPerMille: number;
};

export const demoMakeups: DemoMakeup[] = [
  {
    of: 'BD-XI-2020-12-23',
    orgCode: 'BD.DIAN.P-DIAN',
    when: { startsAt: '2021-01-06T19:00', endsAt: '2021-01-06T21:00' },
    presentPerMille: 700,
  },
  {
    of: 'BD-XI-2020-12-23',
    orgCode: 'BD.DIAN.P-TANDONGHIEP',
    when: { startsAt: '2021-01-08T19:00', endsAt: '2021-01-08T21:00' },
    presentPerMille: 650,
  },
  { of: 'BD-XI-2020-12-23', orgCode: 'BD.DIAN.P-ANBINH', when: 'now', presentPerMille: 300 },
  {
    of: 'KHOI-VII-FOLLOW',
    orgCode: 'BD.KHOI.KCN-NTU',
    when: { startsAt: '2020-12-22T14:00', endsAt: '2020-12-22T16:00' },
    presentPerMille: 600,
  },
];

/** Reasons members give for an excused absence (sample). */
export const demoExcuseReasons = ['Đi công tác', 'Ốm, điều trị tại bệnh viện', 'Trực ca sản xuất', 'Việc gia đình', 'Đi học tập trung'];

/** Sample reflection texts, varied per member; never the article's words. */
export const demoReflectionOpenings = [
  'Qua học tập Nghị quyết, tôi nhận thức sâu sắc hơn về mục tiêu phát triển của địa phương trong nhiệm kỳ và trách nhiệm của mỗi đảng viên.',
  'Nghị quyết xác định rõ các khâu đột phá; bản thân tôi sẽ gắn việc thực hiện với nhiệm vụ chuyên môn được giao.',
  'Sau buổi học tập, tôi hiểu rõ hơn yêu cầu đổi mới phương thức lãnh đạo và nêu gương của đảng viên ở khu dân cư.',
];
export const demoReflectionCommitments = [
  'Tôi sẽ tuyên truyền Nghị quyết đến gia đình và các hộ dân nơi cư trú.',
  'Tôi sẽ hoàn thành tốt nhiệm vụ chuyên môn, tham gia đầy đủ sinh hoạt chi bộ.',
  'Tôi sẽ tích cực tham gia xây dựng khu phố văn minh, đô thị thông minh.',
];
