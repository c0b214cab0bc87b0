/**
 * The Bloc's party building of the 2020–2025 term as membership events, generated (SAMPLE
 * DATA): admissions from 2021 to 30/06/2025 spread over its cells, about a fifth in non-state
 * enterprises, most made official twelve months on and some left overdue, transfers between
 * cells, a few removals, and the party and union organizations founded in non-state
 * enterprises. Pure and seeded, so the demo is the same on every machine; the figures the
 * dashboard shows for "kết nạp 1.800 đảng viên" are counted from these events, never typed.
 */
import { createRng, type Rng } from './prng';
import { randomVietnameseName, type Gender } from './vietnamese-names';

/** The last day the demo's history reaches: the term's end (Bình Dương's 2020–2025 term). */
export const registryDemoEnd = '2025-06-30';

/** Admissions per year of the term (2025: the first half). */
const admissionsPerYear: readonly (readonly [number, number])[] = [
  [2021, 318],
  [2022, 334],
  [2023, 352],
  [2024, 366],
  [2025, 172],
];
const nonStateShare = 0.2;
const femaleShare = 0.46;
/** Share of probationary members whose review is still not recorded (overdue). */
const overdueShare = 0.04;

export type DemoCell = { id: number; isNonState: boolean };
export type DemoAdmission = {
  code: string;
  fullName: string;
  gender: Gender;
  birthDate: string;
  cellId: number;
  isNonState: boolean;
  admittedOn: string;
  committeeDecision: string;
  officialOn: string | null;
  officialDecision: string | null;
};
export type DemoTransfer = { admissionIndex: number; outOn: string; inOn: string | null; toCellId: number | null; destination: string };
export type DemoEnterprise = {
  name: string;
  taxCode: string;
  ownership: 'state' | 'non_state' | 'foreign';
  partyOrgFounded: string | null;
  tradeUnionFounded: string | null;
  youthUnionFounded: string | null;
};
export type DemoCandidate = {
  fullName: string;
  gender: Gender;
  birthDate: string;
  cellId: number;
  isNonState: boolean;
  courseDate: string | null;
  introductionDate: string | null;
  cellDecisionDate: string | null;
};

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const ms = (d: string) => Date.parse(`${d}T00:00:00Z`);
const addDays = (d: string, n: number) => iso(ms(d) + n * DAY);
const randomDay = (rng: Rng, from: string, to: string) => iso(ms(from) + rng.int(0, Math.round((ms(to) - ms(from)) / DAY)) * DAY);

function birthDateFor(rng: Rng, admittedOn: string): string {
  // Most admissions are young people: two thirds under 31, the rest up to 45.
  const age = rng.chance(0.66) ? rng.int(19, 30) : rng.int(31, 45);
  return randomDay(
    rng,
    `${Number(admittedOn.slice(0, 4)) - age - 1}${admittedOn.slice(4)}`,
    addDays(`${Number(admittedOn.slice(0, 4)) - age}${admittedOn.slice(4)}`, -1),
  );
}

/** Every admission of the term under the Bloc, in date order. */
export function generateAdmissions(cells: readonly DemoCell[], seed = 2021): DemoAdmission[] {
  const rng = createRng(seed);
  const nonState = cells.filter((c) => c.isNonState);
  const state = cells.filter((c) => !c.isNonState);
  const out: DemoAdmission[] = [];
  for (const [year, n] of admissionsPerYear) {
    const last = year === 2025 ? registryDemoEnd : `${year}-12-31`;
    const dates = Array.from({ length: n }, () => randomDay(rng, `${year}-01-05`, last)).sort();
    dates.forEach((admittedOn, i) => {
      const inNonState = nonState.length > 0 && (state.length === 0 || rng.chance(nonStateShare));
      const cell = rng.pick(inNonState ? nonState : state);
      const gender: Gender = rng.chance(femaleShare) ? 'female' : 'male';
      const due = `${Number(admittedOn.slice(0, 4)) + 1}${admittedOn.slice(4)}`.replace(/-02-29$/, '-02-28');
      const reviewed = addDays(due, rng.int(0, 45));
      const isOverdue = rng.chance(overdueShare);
      const officialOn = !isOverdue && reviewed <= registryDemoEnd ? reviewed : null;
      out.push({
        code: `KN${year}.${String(i + 1).padStart(4, '0')}`,
        fullName: randomVietnameseName(rng, gender),
        gender,
        birthDate: birthDateFor(rng, admittedOn),
        cellId: cell.id,
        isNonState: cell.isNonState || inNonState,
        admittedOn,
        committeeDecision: `Quyết định số ${rng.int(100, 999)}-QĐ/ĐUK ngày ${admittedOn.slice(8)}/${admittedOn.slice(5, 7)}/${year}`,
        officialOn,
        officialDecision: officialOn ? `Quyết định số ${rng.int(100, 999)}-QĐ/ĐUK (chuyển đảng chính thức)` : null,
      });
    });
  }
  return out;
}

/**
 * Transfers: official moves between the Bloc's cells (received within a month), and a few to
 * other provinces not yet received. Only members whose review is settled or not yet due move,
 * and each at most once.
 */
export function generateTransfers(admissions: readonly DemoAdmission[], cells: readonly DemoCell[], seed = 2022): DemoTransfer[] {
  const rng = createRng(seed);
  const out: DemoTransfer[] = [];
  const used = new Set<number>();
  const destinations = ['Tỉnh ủy Bình Phước', 'Thành ủy Thành phố Hồ Chí Minh', 'Tỉnh ủy Đồng Nai'];
  for (let k = 0; k < 48 && cells.length > 1; k++) {
    const i = rng.int(0, admissions.length - 1);
    const a = admissions[i]!;
    if (used.has(i) || !a.officialOn) continue;
    used.add(i);
    const outOn = randomDay(rng, addDays(a.officialOn, 20), addDays(a.officialOn, 200));
    if (outOn > addDays(registryDemoEnd, -35)) continue;
    if (k % 8 === 7) {
      out.push({ admissionIndex: i, outOn, inOn: null, toCellId: null, destination: rng.pick(destinations) });
      continue;
    }
    let to = rng.pick(cells);
    while (to.id === a.cellId) to = rng.pick(cells);
    out.push({ admissionIndex: i, outOn, inOn: addDays(outOn, rng.int(5, 30)), toCellId: to.id, destination: 'Trong Đảng bộ Khối' });
  }
  return out.sort((x, y) => (x.outOn < y.outOn ? -1 : 1));
}

const enterpriseNames = [
  'Công ty TNHH Điện tử Minh Long',
  'Công ty Cổ phần Gỗ Thuận An',
  'Công ty TNHH Dệt may Tân Uyên',
  'Công ty Cổ phần Bao bì Phú Giáo',
  'Công ty TNHH Cơ khí Bến Cát',
  'Công ty Cổ phần Thực phẩm Sông Bé',
  'Công ty TNHH Logistics Mỹ Phước',
  'Công ty Cổ phần Gốm sứ Lái Thiêu',
  'Công ty TNHH Nhựa Bàu Bàng',
  'Công ty Cổ phần Xây dựng Chánh Phú Hòa',
  'Công ty TNHH Giày da Dĩ An',
  'Công ty Cổ phần Dược phẩm Bình An',
  'Công ty TNHH Thép Tân Định',
  'Công ty Cổ phần Sơn Phước Hòa',
  'Công ty TNHH Nội thất Vĩnh Tân',
  'Công ty TNHH Linh kiện Hòa Lợi',
  'Công ty Cổ phần Vận tải Thủ Dầu Một',
  'Công ty TNHH Bánh kẹo Phú Lợi',
  'Công ty TNHH Điện máy Việt – Hàn',
  'Công ty TNHH Sợi Nhật – Việt',
  'Công ty TNHH Hóa chất An Tây',
  'Công ty Cổ phần Cao su Dầu Tiếng',
];

/**
 * The enterprise register: non-state and foreign-invested firms (most with a party organization
 * founded during the term, and their unions), and two state firms for contrast.
 */
export function generateEnterprises(seed = 2023): DemoEnterprise[] {
  const rng = createRng(seed);
  return enterpriseNames.map((name, i) => {
    const ownership = i >= 20 ? 'state' : i >= 17 ? 'foreign' : 'non_state';
    const hasParty = ownership !== 'state' && i < 16;
    const founded = randomDay(rng, '2021-02-01', '2025-05-31');
    return {
      name,
      taxCode: `37${String(rng.int(0, 99_999_999)).padStart(8, '0')}`,
      ownership,
      partyOrgFounded: hasParty ? founded : ownership === 'state' ? '2008-03-03' : null,
      tradeUnionFounded: ownership === 'state' ? '2005-07-28' : rng.chance(0.6) ? randomDay(rng, '2021-01-15', '2025-06-15') : null,
      youthUnionFounded: ownership === 'state' ? '2006-03-26' : rng.chance(0.55) ? randomDay(rng, '2021-03-26', '2025-06-15') : null,
    };
  });
}

/** Candidates in progress on 30/06/2025, at every step of the way. */
export function generateCandidates(cells: readonly DemoCell[], seed = 2024): DemoCandidate[] {
  const rng = createRng(seed);
  return Array.from({ length: 24 }, (_, i) => {
    const gender: Gender = rng.chance(0.5) ? 'female' : 'male';
    const cell = rng.pick(cells);
    const stage = i % 4; // 0: nothing yet, 1: course done, 2: introduced, 3: cell's resolution
    const course = stage >= 1 ? randomDay(rng, '2025-02-01', '2025-03-31') : null;
    const intro = stage >= 2 && course ? addDays(course, rng.int(10, 40)) : null;
    const cellDecision = stage >= 3 && intro ? addDays(intro, rng.int(7, 30)) : null;
    return {
      fullName: randomVietnameseName(rng, gender),
      gender,
      birthDate: randomDay(rng, '1993-01-01', '2005-06-30'),
      cellId: cell.id,
      isNonState: cell.isNonState,
      courseDate: course,
      introductionDate: intro,
      cellDecisionDate: cellDecision,
    };
  });
}
