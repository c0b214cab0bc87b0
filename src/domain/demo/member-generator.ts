import { demoProvincePrefixes, type DemoOrg } from './demo-orgs';
import { indexByCode, provinceCodeOf } from './org-tree';
import { createRng, type Rng } from './prng';
import { randomVietnameseName, type Gender } from './vietnamese-names';
import { foldVietnamese } from '../vn-text';

export type MemberStatus = 'official' | 'probationary' | 'transferred' | 'deceased';

export type DemoMember = {
  /** Province prefix and a sequence, like a party card number: `74.1000123`. */
  code: string;
  fullName: string;
  gender: Gender;
  birthDate: string;
  joinedDate: string;
  status: MemberStatus;
  orgCode: string;
  isNonStateEnterprise: boolean;
  phone: string | null;
  email: string | null;
  isSample: true;
};

/**
 * The day the demo's membership is taken: the end of the year the XI congress met. Ages and
 * probation are counted from here, never from the clock, so the demo never changes.
 */
export const demoReferenceDate = '2020-12-31';

// A probationary member is admitted at most twelve months before the reference date (Party
// Charter, art. 5: probation lasts 12 months); everyone admitted earlier is official by now.
const probationStart = '2020-01-01';
const lastOfficialAdmission = '2019-12-31';

const MIN_AGE = 22;
const MAX_AGE = 65;
const MIN_JOIN_AGE = 18;

const statusWeights: readonly (readonly [MemberStatus, number])[] = [
  ['official', 87.5],
  ['probationary', 10],
  ['transferred', 2],
  ['deceased', 0.5],
];

const femaleShare = 0.42;
const phoneShare = 0.88;
const emailShare = 0.35;

// Current ten-digit mobile prefixes of the three big carriers.
// prettier-ignore
const mobilePrefixes = [
  '086', '096', '097', '098', '032', '033', '034', '035', '036', '037', '038', '039',
  '088', '091', '094', '081', '082', '083', '084', '085',
  '089', '090', '093', '070', '076', '077', '078', '079',
] as const;

// example.com is reserved (RFC 2606): demo addresses can never reach a real person.
const emailDomain = 'example.com';

const DAY_MS = 86_400_000;

function dayNumber(isoDate: string): number {
  const [y, m, d] = isoDate.split('-').map(Number);
  return Date.UTC(y ?? 0, (m ?? 1) - 1, d ?? 1) / DAY_MS;
}

function isoDate(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** The day a person born on `birthDay` turns `years` (29 February rolls to 1 March). */
function birthdayAt(birthDay: number, years: number): number {
  const birth = new Date(birthDay * DAY_MS);
  return Date.UTC(birth.getUTCFullYear() + years, birth.getUTCMonth(), birth.getUTCDate()) / DAY_MS;
}

/** A birth date giving an age of MIN_AGE..MAX_AGE on the reference date, most in their 30s-50s. */
function randomBirthDay(rng: Rng): number {
  const referenceYear = Number(demoReferenceDate.slice(0, 4));
  const earliest = dayNumber(`${referenceYear - MAX_AGE}-01-01`);
  const latest = dayNumber(`${referenceYear - MIN_AGE}-12-31`);
  // The mean of two uniforms is triangular: fewer members at the youngest and oldest ages.
  const u = (rng.next() + rng.next()) / 2;
  return earliest + Math.floor(u * (latest - earliest + 1));
}

function randomJoinDay(rng: Rng, birthDay: number, status: MemberStatus): number {
  const adult = birthdayAt(birthDay, MIN_JOIN_AGE) + 1;
  if (status === 'probationary') {
    const from = Math.max(adult, dayNumber(probationStart));
    return from + Math.floor(rng.next() * (dayNumber(demoReferenceDate) - from + 1));
  }
  const latest = dayNumber(lastOfficialAdmission);
  // Squared to favour joining young, as most members do in their twenties.
  return adult + Math.floor(rng.next() ** 2 * (latest - adult + 1));
}

function uniqueValue(taken: Set<string>, make: (attempt: number) => string): string {
  for (let attempt = 0; ; attempt++) {
    const value = make(attempt);
    if (!taken.has(value)) {
      taken.add(value);
      return value;
    }
  }
}

function emailLocalPart(fullName: string): string {
  const words = foldVietnamese(fullName).split(/\s+/);
  const given = words.at(-1) ?? 'dangvien';
  const initials = words
    .slice(0, -1)
    .map((w) => w[0] ?? '')
    .join('');
  return `${given}.${initials}`;
}

/**
 * Generates the members of every org that holds some (`org.members`), in the order of `orgs`.
 * The result depends only on `orgs` and `seed`. Member codes are the org's province prefix
 * (`demoProvincePrefixes`) and a per-province sequence from 1000001; phones and e-mails are
 * unique. Throws when a member-holding org is outside a province with a known prefix.
 */
export function generateDemoMembers(orgs: readonly DemoOrg[], seed = 2020): DemoMember[] {
  const rng = createRng(seed);
  const byCode = indexByCode(orgs);
  const nextSequence = new Map<string, number>();
  const phones = new Set<string>();
  const emails = new Set<string>();
  const members: DemoMember[] = [];

  for (const org of orgs) {
    const count = org.members ?? 0;
    if (count === 0) continue;
    const provinceCode = provinceCodeOf(byCode, org.code);
    const prefix = provinceCode === null ? undefined : demoProvincePrefixes[provinceCode];
    if (prefix === undefined) throw new Error(`org ${org.code} holds members outside a demo province`);

    for (let i = 0; i < count; i++) {
      const sequence = (nextSequence.get(prefix) ?? 1_000_000) + 1;
      nextSequence.set(prefix, sequence);

      const gender: Gender = rng.chance(femaleShare) ? 'female' : 'male';
      const fullName = randomVietnameseName(rng, gender);
      const status = rng.weighted(statusWeights);
      const birthDay = randomBirthDay(rng);
      const joinDay = randomJoinDay(rng, birthDay, status);
      const phone = rng.chance(phoneShare)
        ? uniqueValue(phones, () => `${rng.pick(mobilePrefixes)}${String(rng.int(0, 9_999_999)).padStart(7, '0')}`)
        : null;
      const email = rng.chance(emailShare)
        ? uniqueValue(emails, (attempt) => {
            const local = emailLocalPart(fullName);
            return `${attempt === 0 ? local : `${local}${attempt + 1}`}@${emailDomain}`;
          })
        : null;

      members.push({
        code: `${prefix}.${sequence}`,
        fullName,
        gender,
        birthDate: isoDate(birthDay),
        joinedDate: isoDate(joinDay),
        status,
        orgCode: org.code,
        isNonStateEnterprise: org.isNonStateEnterprise === true,
        phone,
        email,
        isSample: true,
      });
    }
  }
  return members;
}

/**
 * Returns the given name, the last word of a Vietnamese full name ("Nguyễn Thị Thu Hà" → "Hà").
 * Offices sort member lists by it, then by the rest of the name.
 */
export function givenName(fullName: string): string {
  return fullName.trim().split(/\s+/).at(-1) ?? '';
}
