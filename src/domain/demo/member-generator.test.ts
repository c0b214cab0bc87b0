import { describe, expect, it } from 'vitest';
import { demoOrgs, type DemoOrg } from './demo-orgs';
import { demoReferenceDate, generateDemoMembers, givenName, type DemoMember } from './member-generator';
import { givenNames } from './vietnamese-names';

const members = generateDemoMembers(demoOrgs);
const orgByCode = new Map(demoOrgs.map((o) => [o.code, o]));

function buildOrg(overrides: Partial<DemoOrg> & Pick<DemoOrg, 'code'>): DemoOrg {
  return { name: overrides.code, kind: 'cell', parentCode: null, isSample: true, ...overrides };
}

function ageOn(reference: string, birthDate: string): number {
  const [ry, rm, rd] = reference.split('-').map(Number) as [number, number, number];
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  return ry - by - (rm < bm || (rm === bm && rd < bd) ? 1 : 0);
}

function share(predicate: (m: DemoMember) => boolean): number {
  return members.filter(predicate).length / members.length;
}

describe('generateDemoMembers', () => {
  it('is deterministic for a seed and changes with the seed', () => {
    expect(generateDemoMembers(demoOrgs)).toEqual(members);
    const other = generateDemoMembers(demoOrgs, 7);
    expect(other.map((m) => m.fullName)).not.toEqual(members.map((m) => m.fullName));
  });

  it('gives every org exactly its members', () => {
    const perOrg = new Map<string, number>();
    for (const m of members) perOrg.set(m.orgCode, (perOrg.get(m.orgCode) ?? 0) + 1);
    for (const o of demoOrgs) expect(perOrg.get(o.code) ?? 0, o.code).toBe(o.members ?? 0);
  });

  it('numbers members uniquely with their province prefix', () => {
    expect(new Set(members.map((m) => m.code)).size).toBe(members.length);
    const prefixes: Record<string, string> = { BD: '74', BP: '70', HG: '93', HCM: '79', BRVT: '77', ST: '94' };
    const prefixOf = (orgCode: string) => prefixes[orgCode.split('.')[0]!];
    const wrong = members.filter((m) => !/^\d{2}\.1\d{6}$/.test(m.code) || !m.code.startsWith(`${prefixOf(m.orgCode)}.`));
    expect(wrong).toEqual([]);
    expect(members.find((m) => m.orgCode.startsWith('HG'))?.code).toBe('93.1000001');
    expect(members.find((m) => m.orgCode.startsWith('ST'))?.code).toBe('94.1000001');
  });

  it('writes NFC names of three or four words from the gender pools', () => {
    const wrong = members.filter((m) => {
      const words = m.fullName.split(' ');
      return (
        m.fullName !== m.fullName.normalize('NFC') ||
        words.length < 3 ||
        words.length > 4 ||
        !givenNames[m.gender].includes(givenName(m.fullName))
      );
    });
    expect(wrong).toEqual([]);
    expect(members.some((m) => m.fullName.split(' ').length === 4)).toBe(true);
  });

  it('draws family names with realistic frequency and mixes genders', () => {
    expect(share((m) => m.fullName.startsWith('Nguyễn '))).toBeGreaterThan(0.33);
    expect(share((m) => m.fullName.startsWith('Nguyễn '))).toBeLessThan(0.43);
    expect(share((m) => m.gender === 'female')).toBeGreaterThan(0.3);
    expect(share((m) => m.gender === 'female')).toBeLessThan(0.55);
  });

  it('mixes statuses with about a tenth on probation', () => {
    expect(new Set(members.map((m) => m.status))).toEqual(new Set(['official', 'probationary', 'transferred', 'deceased']));
    expect(share((m) => m.status === 'probationary')).toBeGreaterThan(0.07);
    expect(share((m) => m.status === 'probationary')).toBeLessThan(0.13);
  });

  it('keeps ages within 22-65 and admissions after 18 and before the reference date', () => {
    const wrong = members.filter((m) => {
      const age = ageOn(demoReferenceDate, m.birthDate);
      return age < 22 || age > 65 || ageOn(m.joinedDate, m.birthDate) < 18 || m.joinedDate > demoReferenceDate;
    });
    expect(wrong).toEqual([]);
    const ages = members.map((m) => ageOn(demoReferenceDate, m.birthDate));
    expect(Math.min(...ages)).toBeLessThan(26);
    expect(Math.max(...ages)).toBeGreaterThan(60);
  });

  it('admits probationary members within the last year and official ones before it', () => {
    const wrong = members.filter((m) => (m.status === 'probationary' ? m.joinedDate < '2020-01-01' : m.joinedDate > '2019-12-31'));
    expect(wrong).toEqual([]);
  });

  it('flags members of non-state enterprise cells', () => {
    const wrong = members.filter((m) => m.isNonStateEnterprise !== (orgByCode.get(m.orgCode)?.isNonStateEnterprise === true));
    expect(wrong).toEqual([]);
    expect(members.some((m) => m.isNonStateEnterprise)).toBe(true);
  });

  it('gives unique ten-digit mobile numbers and reserved-domain e-mails to some members', () => {
    const phones = members.flatMap((m) => (m.phone === null ? [] : [m.phone]));
    const emails = members.flatMap((m) => (m.email === null ? [] : [m.email]));
    expect(new Set(phones).size).toBe(phones.length);
    expect(new Set(emails).size).toBe(emails.length);
    expect(phones.filter((p) => !/^0\d{9}$/.test(p))).toEqual([]);
    expect(emails.filter((e) => !/^[a-z]+\.[a-z]+\d*@example\.com$/.test(e))).toEqual([]);
    expect(phones.length).toBeLessThan(members.length);
    expect(emails.length).toBeGreaterThan(0);
  });

  it('marks every member as a sample', () => {
    expect(members.every((m) => m.isSample)).toBe(true);
  });

  it('throws for members of an org outside a demo province', () => {
    const orgs = [buildOrg({ code: 'TW', kind: 'central' }), buildOrg({ code: 'TW.X', parentCode: 'TW', members: 3 })];
    expect(() => generateDemoMembers(orgs)).toThrow(/outside a demo province/);
  });

  it('numbers each province from its own sequence', () => {
    const orgs = [
      buildOrg({ code: 'BP', kind: 'province_committee' }),
      buildOrg({ code: 'BP.A', parentCode: 'BP', members: 2 }),
      buildOrg({ code: 'BD', kind: 'province_committee' }),
      buildOrg({ code: 'BD.A', parentCode: 'BD', members: 1, isNonStateEnterprise: true }),
      buildOrg({ code: 'BP.B', parentCode: 'BP', members: 1 }),
    ];
    const generated = generateDemoMembers(orgs, 1);
    expect(generated.map((m) => [m.code, m.orgCode, m.isNonStateEnterprise])).toEqual([
      ['70.1000001', 'BP.A', false],
      ['70.1000002', 'BP.A', false],
      ['74.1000001', 'BD.A', true],
      ['70.1000003', 'BP.B', false],
    ]);
  });
});

describe('givenName', () => {
  it.each([
    ['Nguyễn Thị Thu Hà', 'Hà'],
    ['Trần Văn Nam', 'Nam'],
    ['  Lê   Ước ', 'Ước'],
    ['', ''],
  ])('takes the last word of %j', (fullName, expected) => {
    expect(givenName(fullName)).toBe(expected);
  });
});
