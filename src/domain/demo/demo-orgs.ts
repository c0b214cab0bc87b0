import type { CommitteeRole, OrgKind, Position } from '../orgs/org-kinds';
import { createRng } from './prng';
import { randomVietnameseName, type Gender } from './vietnamese-names';

/**
 * The organizations of the demo: the real structure the seed articles describe (Tỉnh ủy Bình
 * Dương and its XI committees, Thành ủy Dĩ An and its seven wards, the provincial bloc of
 * agencies and enterprises with its 7.935 members, Tỉnh ủy Bình Phước, Tỉnh ủy Hậu Giang), and
 * the provinces that the 2025 reorganization merged with them (old TP.HCM, Bà Rịa - Vũng Tàu,
 * Sóc Trăng: real committees with a small invented structure below), filled out with invented
 * units (`isSample`) so every level has something to show. The orgs here are the tree as it
 * stood before 01/07/2025; the reorganization itself is a demo step (src/server/demo).
 *
 * Only people the articles name are real; every other person is a generated name marked
 * `isSample`. Orgs whose head the articles do not name have no `headName`, rather than an
 * invented person on a real post.
 */

export type DemoCommitteePerson = {
  fullName: string;
  position: Position;
  title?: string;
  isSample: boolean;
};

export type DemoCommittee = {
  role: CommitteeRole;
  term: string;
  size: number;
  people: DemoCommitteePerson[];
};

export type DemoOrg = {
  /** Short, unique, upper-case ASCII; a child's code extends its parent's (`BD.DIAN.P-DIAN`). */
  code: string;
  name: string;
  kind: OrgKind;
  parentCode: string | null;
  headName?: string;
  headTitle?: string;
  committees?: DemoCommittee[];
  /** Members to generate in this org: only cells and small grassroots "chi bộ cơ sở" hold them. */
  members?: number;
  isNonStateEnterprise?: boolean;
  /** True for orgs invented to fill the structure. */
  isSample: boolean;
};

export const demoTerm = '2020-2025';

/**
 * Administrative codes of the demo provinces (Bình Dương 74, Bình Phước 70, Hậu Giang 93, TP.HCM
 * 79, Bà Rịa - Vũng Tàu 77, Sóc Trăng 94);
 * generated member codes start with them, like party card numbers.
 */
export const demoProvincePrefixes: Readonly<Record<string, string>> = {
  BD: '74',
  BP: '70',
  HG: '93',
  HCM: '79',
  BRVT: '77',
  ST: '94',
};

/** Members of the provincial bloc of agencies and enterprises at its VII congress (July 2020). */
export const blocMemberCount = 7935;

// --- Helpers -------------------------------------------------------------------------------

// Committee members beyond the named ones are generated with their own fixed seed, so adding
// or removing a cell never renames the Tỉnh ủy's committee.
const committeeRng = createRng(20201015);
const usedCommitteeNames = new Set<string>();

function real(fullName: string, position: Position, title?: string): DemoCommitteePerson {
  usedCommitteeNames.add(fullName);
  return title === undefined ? { fullName, position, isSample: false } : { fullName, position, title, isSample: false };
}

/** Returns `count` invented committee members with distinct names, about one in five a woman. */
function samplePeople(count: number): DemoCommitteePerson[] {
  const people: DemoCommitteePerson[] = [];
  while (people.length < count) {
    const gender: Gender = committeeRng.chance(0.2) ? 'female' : 'male';
    const fullName = randomVietnameseName(committeeRng, gender);
    if (usedCommitteeNames.has(fullName)) continue;
    usedCommitteeNames.add(fullName);
    people.push({ fullName, position: 'member', isSample: true });
  }
  return people;
}

function committee(role: CommitteeRole, size: number, people: DemoCommitteePerson[]): DemoCommittee {
  if (people.length !== size) throw new Error(`${role} committee lists ${people.length} of ${size}`);
  return { role, term: demoTerm, size, people };
}

const sizeVariation = [1, 0.8, 1.25, 0.9, 1.1, 0.7, 1.35, 0.95, 1.15, 0.85] as const;

/** A cell's relative size by its position in a list, so sibling cells are not all equal. */
function variedWeight(index: number): number {
  return sizeVariation[index % sizeVariation.length] ?? 1;
}

/**
 * Splits `total` into whole numbers proportional to `weights` that add up to `total` exactly
 * (largest remainder; ties go to the earlier part).
 */
export function splitByWeights(total: number, weights: readonly number[]): number[] {
  const weightSum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (total * w) / weightSum);
  const parts = exact.map(Math.floor);
  let rest = total - parts.reduce((a, b) => a + b, 0);
  const byRemainder = exact.map((x, i) => ({ i, remainder: x - Math.floor(x) })).sort((a, b) => b.remainder - a.remainder || a.i - b.i);
  for (const { i } of byRemainder) {
    if (rest === 0) break;
    parts[i] = (parts[i] ?? 0) + 1;
    rest--;
  }
  return parts;
}

type CellSpec = { slug: string; name: string; weight: number; isNonStateEnterprise?: boolean };

function cellOrgs(parentCode: string, cells: readonly CellSpec[], total: number): DemoOrg[] {
  const counts = splitByWeights(
    total,
    cells.map((c) => c.weight),
  );
  return cells.map((cell, i) => ({
    code: `${parentCode}.${cell.slug}`,
    name: cell.name,
    kind: 'cell',
    parentCode,
    members: counts[i] ?? 0,
    ...(cell.isNonStateEnterprise ? { isNonStateEnterprise: true } : {}),
    isSample: true,
  }));
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** Residential cells numbered 1..count ("Chi bộ Khu phố 3", "Chi bộ Ấp 2"). */
function numberedCells(unit: string, slugPrefix: string, count: number): CellSpec[] {
  return Array.from({ length: count }, (_, i) => ({
    slug: `${slugPrefix}${pad2(i + 1)}`,
    name: `Chi bộ ${unit} ${i + 1}`,
    weight: variedWeight(i),
  }));
}

function namedCells(names: readonly string[], isNonStateEnterprise = false): CellSpec[] {
  return names.map((name, i) => ({
    slug: `C${pad2(i + 1)}`,
    name,
    weight: variedWeight(i),
    ...(isNonStateEnterprise ? { isNonStateEnterprise: true } : {}),
  }));
}

// prettier-ignore
const industries = [
  'Bao bì', 'Dệt may', 'Gỗ nội thất', 'Điện tử', 'Cơ khí chính xác', 'Thực phẩm',
  'Nhựa', 'Giày da', 'Hóa chất', 'Thép', 'Linh kiện ô tô', 'Dược phẩm',
] as const;
// prettier-ignore
const brands = [
  'Tân Phú', 'An Khang', 'Phú Thịnh', 'Hưng Việt', 'Minh Phát', 'Đông Nam',
  'Hòa Thịnh', 'Thành Đạt', 'Kim Long', 'Sao Mai', 'Trường An', 'Phước Lộc',
] as const;

/**
 * Cells of invented private or foreign-invested companies. With `series` 0, 1, 2 the
 * industry/brand pairs never repeat across series, so no company appears in two parks.
 */
function companyCells(count: number, series: number): string[] {
  return Array.from({ length: count }, (_, i) => {
    const form = i % 3 === 0 ? 'Công ty CP' : 'Công ty TNHH';
    const industry = industries[(i + series) % industries.length];
    const brand = brands[(5 * i + 2 * series) % brands.length];
    return `Chi bộ ${form} ${industry} ${brand}`;
  });
}

const agencyCellNames = [
  'Chi bộ Văn phòng',
  'Chi bộ Thanh tra',
  'Chi bộ Phòng Kế hoạch - Tài chính',
  'Chi bộ Phòng Tổ chức cán bộ',
  'Chi bộ Phòng Nghiệp vụ 1',
  'Chi bộ Phòng Nghiệp vụ 2',
  'Chi bộ Trung tâm Dịch vụ',
  'Chi bộ Chi cục trực thuộc',
  'Chi bộ Ban Quản lý dự án',
  'Chi bộ Đơn vị sự nghiệp',
] as const;

function agencyCells(count: number): string[] {
  return agencyCellNames.slice(0, count);
}

// --- Central and Bình Dương ----------------------------------------------------------------

const central: DemoOrg = {
  code: 'TW',
  name: 'Ban Chấp hành Trung ương Đảng',
  kind: 'central',
  parentCode: null,
  isSample: false,
};

const bdNamed = [
  real('Trần Văn Nam', 'secretary', 'Ủy viên Trung ương Đảng, Bí thư Tỉnh ủy'),
  real('Nguyễn Hoàng Thao', 'deputy_secretary', 'Phó Bí thư Tỉnh ủy'),
  real('Võ Văn Minh', 'deputy_secretary', 'Phó Bí thư Tỉnh ủy'),
];
// XI congress, 13-15/10/2020: executive 49, of whom standing 15; inspection committee 11.
const bdExecutiveSamples = samplePeople(49 - bdNamed.length);
const bdStandingSamples = bdExecutiveSamples.slice(0, 15 - bdNamed.length);
// The inspection committee's chair sits on the standing committee, as is the rule in provinces.
const bdInspectionChair = bdStandingSamples.at(-1);
if (bdInspectionChair === undefined) throw new Error('Bình Dương standing committee is empty');
const bdInspection = [
  { ...bdInspectionChair, title: 'Chủ nhiệm Ủy ban Kiểm tra Tỉnh ủy' },
  ...samplePeople(10).map((person, i) => (i < 2 ? { ...person, title: 'Phó Chủ nhiệm Ủy ban Kiểm tra Tỉnh ủy' } : person)),
];

const binhDuong: DemoOrg = {
  code: 'BD',
  name: 'Tỉnh ủy Bình Dương',
  kind: 'province_committee',
  parentCode: 'TW',
  headName: 'Trần Văn Nam',
  headTitle: 'Bí thư Tỉnh ủy',
  committees: [
    committee('executive', 49, [...bdNamed, ...bdExecutiveSamples]),
    committee('standing', 15, [...bdNamed, ...bdStandingSamples]),
    committee('inspection', 11, bdInspection),
  ],
  isSample: false,
};

// Lead units of tasks in the resolution's plans.
const bdAgencies: DemoOrg[] = [
  {
    code: 'BD.SXD',
    name: 'Sở Xây dựng tỉnh Bình Dương',
    kind: 'agency',
    parentCode: 'BD',
    isSample: false,
  },
  {
    code: 'BD.BUUDIEN',
    name: 'Bưu điện tỉnh Bình Dương',
    kind: 'agency',
    parentCode: 'BD',
    headName: 'Võ Văn Tín',
    headTitle: 'Giám đốc Bưu điện tỉnh',
    isSample: false,
  },
];

// --- Thành ủy Dĩ An and its wards ---------------------------------------------------------

// Dĩ An's seven wards as of 2020; the number of quarters and members per ward is invented.
const diAnWards = [
  { slug: 'DIAN', name: 'Dĩ An', quarters: 8, members: 820 },
  { slug: 'TANDONGHIEP', name: 'Tân Đông Hiệp', quarters: 10, members: 860 },
  { slug: 'TANBINH', name: 'Tân Bình', quarters: 6, members: 540 },
  { slug: 'DONGHOA', name: 'Đông Hòa', quarters: 8, members: 760 },
  { slug: 'BINHAN', name: 'Bình An', quarters: 7, members: 610 },
  { slug: 'BINHTHANG', name: 'Bình Thắng', quarters: 6, members: 480 },
  { slug: 'ANBINH', name: 'An Bình', quarters: 8, members: 700 },
] as const;

// Besides its residential quarters a ward has cells for its own office, police and militia.
const wardOfficeCells: CellSpec[] = [
  { slug: 'CQ', name: 'Chi bộ Cơ quan phường', weight: 0.45 },
  { slug: 'CA', name: 'Chi bộ Công an phường', weight: 0.3 },
  { slug: 'QS', name: 'Chi bộ Quân sự phường', weight: 0.2 },
];

const diAn: DemoOrg[] = [
  {
    code: 'BD.DIAN',
    name: 'Thành ủy Dĩ An',
    kind: 'district_committee',
    parentCode: 'BD',
    isSample: false,
  },
  ...diAnWards.flatMap((ward): DemoOrg[] => {
    const code = `BD.DIAN.P-${ward.slug}`;
    return [
      {
        code,
        name: `Đảng ủy phường ${ward.name}`,
        kind: 'commune_committee',
        parentCode: 'BD.DIAN',
        isSample: false,
      },
      ...cellOrgs(code, [...numberedCells('Khu phố', 'KP', ward.quarters), ...wardOfficeCells], ward.members),
    ];
  }),
];

// --- Đảng ủy Khối Các cơ quan và doanh nghiệp tỉnh ----------------------------------------

type GrassrootsSpec = {
  slug: string;
  name: string;
  members: number;
  /** Cell names; null for a "chi bộ cơ sở", which holds its members itself. */
  cells: readonly string[] | null;
  isNonStateEnterprise?: boolean;
  headName?: string;
  headTitle?: string;
  isSample: boolean;
};

// The first three are named in the articles; the members of each, and the other units, are
// invented. The totals add up to the bloc's 7.935 members (checked by a test).
const blocGrassroots: readonly GrassrootsSpec[] = [
  {
    slug: 'KCN-NTU',
    name: 'Đảng ủy KCN Nam Tân Uyên',
    members: 264,
    cells: companyCells(8, 0),
    isNonStateEnterprise: true,
    headName: 'Nguyễn Quan Sĩ',
    headTitle: 'Bí thư Đảng ủy KCN Nam Tân Uyên',
    isSample: false,
  },
  {
    slug: 'SXD',
    name: 'Đảng bộ Sở Xây dựng',
    members: 96,
    cells: [
      'Chi bộ Văn phòng Sở',
      'Chi bộ Phòng Quản lý xây dựng',
      'Chi bộ Phòng Quản lý đô thị',
      'Chi bộ Thanh tra Sở',
      'Chi bộ Trung tâm Kiểm định chất lượng xây dựng',
    ],
    isSample: false,
  },
  {
    slug: 'BDT',
    name: 'Đảng bộ Bưu điện tỉnh',
    members: 118,
    cells: [
      'Chi bộ Văn phòng Bưu điện tỉnh',
      'Chi bộ Bưu điện thành phố Thủ Dầu Một',
      'Chi bộ Bưu điện thành phố Dĩ An',
      'Chi bộ Bưu điện thành phố Thuận An',
      'Chi bộ Bưu điện thị xã Bến Cát',
      'Chi bộ Trung tâm Khai thác vận chuyển',
    ],
    headName: 'Võ Văn Tín',
    headTitle: 'Giám đốc Bưu điện tỉnh',
    isSample: false,
  },
  {
    slug: 'VPUB',
    name: 'Đảng bộ Văn phòng UBND tỉnh',
    members: 162,
    cells: agencyCells(4),
    isSample: true,
  },
  {
    slug: 'SKHDT',
    name: 'Đảng bộ Sở Kế hoạch và Đầu tư',
    members: 118,
    cells: agencyCells(4),
    isSample: true,
  },
  {
    slug: 'STC',
    name: 'Đảng bộ Sở Tài chính',
    members: 156,
    cells: agencyCells(5),
    isSample: true,
  },
  {
    slug: 'SCT',
    name: 'Đảng bộ Sở Công Thương',
    members: 164,
    cells: agencyCells(5),
    isSample: true,
  },
  {
    slug: 'SGDDT',
    name: 'Đảng bộ Sở Giáo dục và Đào tạo',
    members: 780,
    cells: [
      'Chi bộ Văn phòng Sở',
      'Chi bộ Phòng Giáo dục trung học',
      'Chi bộ Trường THPT chuyên Hùng Vương',
      'Chi bộ Trường THPT Võ Minh Đức',
      'Chi bộ Trường THPT Dĩ An',
      'Chi bộ Trường THPT Nguyễn An Ninh',
      'Chi bộ Trường THPT Tân Phước Khánh',
      'Chi bộ Trường THPT Bến Cát',
      'Chi bộ Trường THPT Tân Bình',
      'Chi bộ Trung tâm Giáo dục thường xuyên tỉnh',
    ],
    isSample: true,
  },
  {
    slug: 'SYT',
    name: 'Đảng bộ Sở Y tế',
    members: 1310,
    cells: [
      'Chi bộ Văn phòng Sở',
      'Chi bộ Thanh tra Sở',
      'Chi bộ Bệnh viện Đa khoa tỉnh - Khối Nội',
      'Chi bộ Bệnh viện Đa khoa tỉnh - Khối Ngoại',
      'Chi bộ Bệnh viện Đa khoa tỉnh - Khối Cận lâm sàng',
      'Chi bộ Bệnh viện Đa khoa tỉnh - Khối Hành chính',
      'Chi bộ Bệnh viện Y học cổ truyền',
      'Chi bộ Bệnh viện Phục hồi chức năng',
      'Chi bộ Bệnh viện Điều dưỡng',
      'Chi bộ Trung tâm Kiểm soát bệnh tật',
      'Chi bộ Trung tâm Pháp y',
      'Chi bộ Trung tâm Cấp cứu 115',
      'Chi bộ Chi cục An toàn vệ sinh thực phẩm',
      'Chi bộ Chi cục Dân số - Kế hoạch hóa gia đình',
      'Chi bộ Trung tâm Kiểm nghiệm',
      'Chi bộ Trường Cao đẳng Y tế',
    ],
    isSample: true,
  },
  {
    slug: 'SGTVT',
    name: 'Đảng bộ Sở Giao thông Vận tải',
    members: 210,
    cells: agencyCells(6),
    isSample: true,
  },
  {
    slug: 'STNMT',
    name: 'Đảng bộ Sở Tài nguyên và Môi trường',
    members: 236,
    cells: agencyCells(6),
    isSample: true,
  },
  {
    slug: 'SLDTBXH',
    name: 'Đảng bộ Sở Lao động - Thương binh và Xã hội',
    members: 198,
    cells: agencyCells(6),
    isSample: true,
  },
  {
    slug: 'SNNPTNT',
    name: 'Đảng bộ Sở Nông nghiệp và Phát triển nông thôn',
    members: 380,
    cells: agencyCells(8),
    isSample: true,
  },
  {
    slug: 'SVHTTDL',
    name: 'Đảng bộ Sở Văn hóa, Thể thao và Du lịch',
    members: 184,
    cells: agencyCells(6),
    isSample: true,
  },
  {
    slug: 'STTTT',
    name: 'Đảng bộ Sở Thông tin và Truyền thông',
    members: 64,
    cells: agencyCells(3),
    isSample: true,
  },
  {
    slug: 'SKHCN',
    name: 'Đảng bộ Sở Khoa học và Công nghệ',
    members: 72,
    cells: agencyCells(3),
    isSample: true,
  },
  { slug: 'SNV', name: 'Đảng bộ Sở Nội vụ', members: 88, cells: agencyCells(3), isSample: true },
  {
    slug: 'BQLKCN',
    name: 'Đảng bộ Ban Quản lý các KCN',
    members: 96,
    cells: agencyCells(4),
    isSample: true,
  },
  {
    slug: 'KCN-MP',
    name: 'Đảng ủy KCN Mỹ Phước',
    members: 700,
    cells: companyCells(12, 1),
    isNonStateEnterprise: true,
    isSample: true,
  },
  {
    slug: 'KCN-ST',
    name: 'Đảng ủy KCN Sóng Thần',
    members: 600,
    cells: companyCells(10, 2),
    isNonStateEnterprise: true,
    isSample: true,
  },
  {
    slug: 'DHTDM',
    name: 'Đảng bộ Trường Đại học Thủ Dầu Một',
    members: 700,
    cells: [
      'Chi bộ Khoa Kinh tế',
      'Chi bộ Khoa Kỹ thuật - Công nghệ',
      'Chi bộ Khoa Khoa học xã hội và Nhân văn',
      'Chi bộ Khoa Sư phạm',
      'Chi bộ Khoa Ngoại ngữ',
      'Chi bộ Khoa Luật và Quản lý nhà nước',
      'Chi bộ Khoa Khoa học tự nhiên',
      'Chi bộ Phòng ban chức năng',
      'Chi bộ Viện Nghiên cứu',
      'Chi bộ Sinh viên',
    ],
    isSample: true,
  },
  {
    slug: 'BAOBD',
    name: 'Đảng bộ Báo Bình Dương',
    members: 86,
    cells: agencyCells(3),
    isSample: true,
  },
  {
    slug: 'DPTTH',
    name: 'Đảng bộ Đài Phát thanh và Truyền hình Bình Dương',
    members: 132,
    cells: agencyCells(4),
    isSample: true,
  },
  {
    slug: 'XSKT',
    name: 'Đảng bộ Công ty TNHH MTV Xổ số kiến thiết Bình Dương',
    members: 74,
    cells: agencyCells(3),
    isSample: true,
  },
  {
    slug: 'NUOC',
    name: 'Đảng bộ Công ty CP Nước - Môi trường Bình Dương',
    members: 480,
    cells: [
      'Chi bộ Văn phòng',
      'Chi bộ Xí nghiệp Cấp nước Thủ Dầu Một',
      'Chi bộ Xí nghiệp Cấp nước Dĩ An',
      'Chi bộ Xí nghiệp Cấp nước Thuận An',
      'Chi bộ Xí nghiệp Xử lý chất thải',
      'Chi bộ Xí nghiệp Thoát nước',
      'Chi bộ Phòng Kỹ thuật',
      'Chi bộ Ban Quản lý dự án',
    ],
    isSample: true,
  },
  {
    slug: 'AGRI',
    name: 'Đảng bộ Agribank Chi nhánh tỉnh Bình Dương',
    members: 320,
    cells: agencyCells(6),
    isSample: true,
  },
  // Small grassroots units with no cells: "chi bộ cơ sở".
  { slug: 'SNGV', name: 'Chi bộ Sở Ngoại vụ', members: 22, cells: null, isSample: true },
  { slug: 'STP', name: 'Chi bộ Sở Tư pháp', members: 38, cells: null, isSample: true },
  { slug: 'TTRA', name: 'Chi bộ Thanh tra tỉnh', members: 41, cells: null, isSample: true },
  {
    slug: 'LMHTX',
    name: 'Chi bộ Liên minh Hợp tác xã tỉnh',
    members: 19,
    cells: null,
    isSample: true,
  },
  {
    slug: 'CTY-AP',
    name: 'Chi bộ Công ty TNHH Điện tử An Phát',
    members: 27,
    cells: null,
    isNonStateEnterprise: true,
    isSample: true,
  },
];

function grassrootsOrgs(parentCode: string, spec: GrassrootsSpec): DemoOrg[] {
  const code = `${parentCode}.${spec.slug}`;
  const head = {
    ...(spec.headName === undefined ? {} : { headName: spec.headName }),
    ...(spec.headTitle === undefined ? {} : { headTitle: spec.headTitle }),
  };
  if (spec.cells === null) {
    return [
      {
        code,
        name: spec.name,
        kind: 'grassroots',
        parentCode,
        ...head,
        members: spec.members,
        ...(spec.isNonStateEnterprise ? { isNonStateEnterprise: true } : {}),
        isSample: spec.isSample,
      },
    ];
  }
  return [
    { code, name: spec.name, kind: 'grassroots', parentCode, ...head, isSample: spec.isSample },
    ...cellOrgs(code, namedCells(spec.cells, spec.isNonStateEnterprise ?? false), spec.members),
  ];
}

const bloc: DemoOrg[] = [
  {
    code: 'BD.KHOI',
    name: 'Đảng ủy Khối Các cơ quan và doanh nghiệp tỉnh',
    kind: 'bloc_committee',
    parentCode: 'BD',
    // The articles name the standing deputy secretary, who runs the bloc day to day, not the
    // secretary; he is the accountable person the demo shows.
    headName: 'Trần Cẩm Hồng',
    headTitle: 'Phó Bí thư Thường trực Đảng ủy Khối',
    isSample: false,
  },
  ...blocGrassroots.flatMap((spec) => grassrootsOrgs('BD.KHOI', spec)),
];

// --- Bình Phước and Hậu Giang: a thin invented structure under the real committees ---------

type CommuneSpec = { slug: string; name: string; unit: string; cells: number; members: number };
type DistrictSpec = { slug: string; name: string; communes: readonly CommuneSpec[] };

function provinceSubtree(provinceCode: string, districts: readonly DistrictSpec[]): DemoOrg[] {
  return districts.flatMap((district): DemoOrg[] => {
    const districtCode = `${provinceCode}.${district.slug}`;
    return [
      {
        code: districtCode,
        name: district.name,
        kind: 'district_committee',
        parentCode: provinceCode,
        isSample: true,
      },
      ...district.communes.flatMap((commune): DemoOrg[] => {
        const code = `${districtCode}.${commune.slug}`;
        const slugPrefix = commune.unit === 'Ấp' ? 'AP' : commune.unit === 'Khu vực' ? 'KV' : 'KP';
        return [
          {
            code,
            name: commune.name,
            kind: 'commune_committee',
            parentCode: districtCode,
            isSample: true,
          },
          ...cellOrgs(code, numberedCells(commune.unit, slugPrefix, commune.cells), commune.members),
        ];
      }),
    ];
  });
}

// The seeds do not give these committees' sizes; 15 is the usual size of a provincial
// standing committee and is an assumption, filled with sample people around the named ones.
const binhPhuoc: DemoOrg = {
  code: 'BP',
  name: 'Tỉnh ủy Bình Phước',
  kind: 'province_committee',
  parentCode: 'TW',
  headName: 'Nguyễn Mạnh Cường',
  headTitle: 'Bí thư Tỉnh ủy',
  committees: [
    committee('standing', 15, [
      real('Nguyễn Mạnh Cường', 'secretary', 'Bí thư Tỉnh ủy'),
      real('Hà Anh Dũng', 'member', 'Trưởng ban Tuyên giáo Tỉnh ủy'),
      ...samplePeople(13),
    ]),
  ],
  isSample: false,
};

const binhPhuocSubtree = provinceSubtree('BP', [
  {
    slug: 'DONGXOAI',
    name: 'Thành ủy Đồng Xoài',
    communes: [
      { slug: 'P-TANPHU', name: 'Đảng ủy phường Tân Phú', unit: 'Khu phố', cells: 3, members: 110 },
      {
        slug: 'P-TANTHIEN',
        name: 'Đảng ủy phường Tân Thiện',
        unit: 'Khu phố',
        cells: 3,
        members: 90,
      },
      { slug: 'X-TIENHUNG', name: 'Đảng ủy xã Tiến Hưng', unit: 'Ấp', cells: 3, members: 84 },
    ],
  },
  {
    slug: 'BINHLONG',
    name: 'Thị ủy Bình Long',
    communes: [
      { slug: 'P-ANLOC', name: 'Đảng ủy phường An Lộc', unit: 'Khu phố', cells: 3, members: 102 },
      {
        slug: 'P-HUNGCHIEN',
        name: 'Đảng ủy phường Hưng Chiến',
        unit: 'Khu phố',
        cells: 2,
        members: 58,
      },
      { slug: 'X-THANHLUONG', name: 'Đảng ủy xã Thanh Lương', unit: 'Ấp', cells: 3, members: 76 },
    ],
  },
]);

const hauGiang: DemoOrg = {
  code: 'HG',
  name: 'Tỉnh ủy Hậu Giang',
  kind: 'province_committee',
  parentCode: 'TW',
  headName: 'Lê Tiến Châu',
  headTitle: 'Bí thư Tỉnh ủy',
  committees: [
    committee('standing', 15, [
      real('Lê Tiến Châu', 'secretary', 'Bí thư Tỉnh ủy'),
      real('Trần Văn Huyến', 'standing_deputy_secretary', 'Phó Bí thư Thường trực Tỉnh ủy, Chủ tịch HĐND tỉnh'),
      ...samplePeople(13),
    ]),
  ],
  isSample: false,
};

// Wards of Hậu Giang's cities are divided into "khu vực", communes into "ấp".
const hauGiangSubtree = provinceSubtree('HG', [
  {
    slug: 'VITHANH',
    name: 'Thành ủy Vị Thanh',
    communes: [
      { slug: 'P-III', name: 'Đảng ủy Phường III', unit: 'Khu vực', cells: 3, members: 96 },
      { slug: 'P-V', name: 'Đảng ủy Phường V', unit: 'Khu vực', cells: 2, members: 64 },
      { slug: 'X-HOALUU', name: 'Đảng ủy xã Hỏa Lựu', unit: 'Ấp', cells: 3, members: 88 },
    ],
  },
  {
    slug: 'NGABAY',
    name: 'Thành ủy Ngã Bảy',
    communes: [
      {
        slug: 'P-LAIHIEU',
        name: 'Đảng ủy phường Lái Hiếu',
        unit: 'Khu vực',
        cells: 3,
        members: 92,
      },
      { slug: 'X-DAITHANH', name: 'Đảng ủy xã Đại Thành', unit: 'Ấp', cells: 3, members: 80 },
      { slug: 'X-TANTHANH', name: 'Đảng ủy xã Tân Thành', unit: 'Ấp', cells: 2, members: 58 },
    ],
  },
]);

// --- The provinces merged with them on 01/07/2025: small samples under the real committees ----

const province = (code: string, name: string): DemoOrg => ({ code, name, kind: 'province_committee', parentCode: 'TW', isSample: false });

// Old TP.HCM: three wards of District 1 that became the new phường Bến Thành.
const oldHcm = province('HCM', 'Thành ủy Thành phố Hồ Chí Minh');
const oldHcmSubtree = provinceSubtree('HCM', [
  {
    slug: 'Q1',
    name: 'Quận ủy Quận 1',
    communes: [
      { slug: 'P-BENTHANH', name: 'Đảng ủy phường Bến Thành', unit: 'Khu phố', cells: 3, members: 96 },
      { slug: 'P-PHAMNGULAO', name: 'Đảng ủy phường Phạm Ngũ Lão', unit: 'Khu phố', cells: 3, members: 88 },
      { slug: 'P-CAUONGLANH', name: 'Đảng ủy phường Cầu Ông Lãnh', unit: 'Khu phố', cells: 2, members: 62 },
    ],
  },
]);

const baRiaVungTau = province('BRVT', 'Tỉnh ủy Bà Rịa - Vũng Tàu');
const baRiaVungTauSubtree = provinceSubtree('BRVT', [
  {
    slug: 'VUNGTAU',
    name: 'Thành ủy Vũng Tàu',
    communes: [
      { slug: 'P-1', name: 'Đảng ủy Phường 1', unit: 'Khu phố', cells: 3, members: 84 },
      { slug: 'P-THANGNHI', name: 'Đảng ủy phường Thắng Nhì', unit: 'Khu phố', cells: 3, members: 78 },
      { slug: 'P-THANGTAM', name: 'Đảng ủy phường Thắng Tam', unit: 'Khu phố', cells: 2, members: 66 },
    ],
  },
]);

const socTrang = province('ST', 'Tỉnh ủy Sóc Trăng');
// Wards of Sóc Trăng are divided into "khóm".
const socTrangSubtree = provinceSubtree('ST', [
  {
    slug: 'SOCTRANG',
    name: 'Thành ủy Sóc Trăng',
    communes: [
      { slug: 'P-1', name: 'Đảng ủy Phường 1', unit: 'Khóm', cells: 3, members: 80 },
      { slug: 'P-2', name: 'Đảng ủy Phường 2', unit: 'Khóm', cells: 2, members: 62 },
    ],
  },
]);

/** Every demo org, parents before children. */
export const demoOrgs: DemoOrg[] = [
  central,
  binhDuong,
  ...bdAgencies,
  ...diAn,
  ...bloc,
  binhPhuoc,
  ...binhPhuocSubtree,
  hauGiang,
  ...hauGiangSubtree,
  oldHcm,
  ...oldHcmSubtree,
  baRiaVungTau,
  ...baRiaVungTauSubtree,
  socTrang,
  ...socTrangSubtree,
];
