import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseVnNumber } from '../vn-number';
import { blocMemberCount, demoOrgs, demoProvincePrefixes, splitByWeights, type DemoOrg } from './demo-orgs';
import { indexByCode, subtreeCodes, subtreeMemberCount } from './org-tree';

const byCode = indexByCode(demoOrgs);

function org(code: string): DemoOrg {
  const found = byCode.get(code);
  if (found === undefined) throw new Error(`missing org ${code}`);
  return found;
}

function committeeOf(code: string, role: string) {
  const found = org(code).committees?.find((c) => c.role === role);
  if (found === undefined) throw new Error(`${code} has no ${role} committee`);
  return found;
}

const childCount = new Map<string, number>();
for (const o of demoOrgs) {
  if (o.parentCode !== null) childCount.set(o.parentCode, (childCount.get(o.parentCode) ?? 0) + 1);
}

describe('demoOrgs structure', () => {
  it('has unique, short, upper-case ASCII codes', () => {
    expect(new Set(demoOrgs.map((o) => o.code)).size).toBe(demoOrgs.length);
    for (const o of demoOrgs) {
      expect(o.code).toMatch(/^[A-Z0-9]+([.-][A-Z0-9]+)*$/);
      expect(o.code.length).toBeLessThanOrEqual(40);
    }
  });

  it('has one root, the Central Committee, and every parent exists', () => {
    expect(demoOrgs.filter((o) => o.parentCode === null).map((o) => o.code)).toEqual(['TW']);
    expect(org('TW')).toMatchObject({ kind: 'central', name: 'Ban Chấp hành Trung ương Đảng' });
    for (const o of demoOrgs) {
      if (o.parentCode !== null) expect(byCode.has(o.parentCode), o.code).toBe(true);
    }
  });

  it('has no cycles: every org reaches the root', () => {
    for (const o of demoOrgs) {
      let current: DemoOrg | undefined = o;
      let steps = 0;
      while (current !== undefined && current.parentCode !== null) {
        current = byCode.get(current.parentCode);
        steps++;
        expect(steps).toBeLessThan(demoOrgs.length);
      }
      expect(current?.code).toBe('TW');
    }
  });

  it('lists parents before children, so a loader can insert in order', () => {
    const seen = new Set<string>();
    for (const o of demoOrgs) {
      if (o.parentCode !== null) expect(seen.has(o.parentCode), o.code).toBe(true);
      seen.add(o.code);
    }
  });

  it("extends the parent's code below the provinces", () => {
    for (const o of demoOrgs) {
      if (o.parentCode !== null && o.parentCode !== 'TW') expect(o.code.startsWith(`${o.parentCode}.`)).toBe(true);
    }
  });

  it('holds members only in cells and childless grassroots orgs', () => {
    for (const o of demoOrgs) {
      if (o.members === undefined) continue;
      expect(['cell', 'grassroots'], o.code).toContain(o.kind);
      expect(childCount.get(o.code) ?? 0, o.code).toBe(0);
      expect(o.members).toBeGreaterThan(0);
    }
    for (const cell of demoOrgs.filter((o) => o.kind === 'cell')) expect(cell.members).toBeGreaterThan(0);
  });

  it('writes every name in NFC', () => {
    for (const o of demoOrgs) {
      expect(o.name).toBe(o.name.normalize('NFC'));
      for (const person of (o.committees ?? []).flatMap((c) => c.people)) {
        expect(person.fullName).toBe(person.fullName.normalize('NFC'));
      }
    }
  });

  it('holds about 12.000 to 16.000 members in all', () => {
    const total = demoOrgs.reduce((sum, o) => sum + (o.members ?? 0), 0);
    expect(total).toBeGreaterThanOrEqual(12_000);
    expect(total).toBeLessThanOrEqual(16_000);
  });

  it('knows the member-code prefix of every province', () => {
    for (const o of demoOrgs.filter((x) => x.kind === 'province_committee')) {
      expect(demoProvincePrefixes[o.code]).toMatch(/^\d{2}$/);
    }
  });
});

describe('Tỉnh ủy Bình Dương', () => {
  it('has the XI executive (49), standing (15) and inspection (11) committees', () => {
    for (const [role, size] of [
      ['executive', 49],
      ['standing', 15],
      ['inspection', 11],
    ] as const) {
      const c = committeeOf('BD', role);
      expect(c).toMatchObject({ size, term: '2020-2025' });
      expect(c.people).toHaveLength(size);
      expect(new Set(c.people.map((p) => p.fullName)).size).toBe(size);
    }
  });

  it('names the secretary and the two deputy secretaries the congress elected', () => {
    expect(org('BD')).toMatchObject({
      headName: 'Trần Văn Nam',
      kind: 'province_committee',
      parentCode: 'TW',
    });
    for (const role of ['executive', 'standing'] as const) {
      const named = committeeOf('BD', role).people.filter((p) => !p.isSample);
      expect(named.map((p) => [p.fullName, p.position])).toEqual([
        ['Trần Văn Nam', 'secretary'],
        ['Nguyễn Hoàng Thao', 'deputy_secretary'],
        ['Võ Văn Minh', 'deputy_secretary'],
      ]);
    }
  });

  it('marks every other committee member as a sample and seats the standing committee inside the executive', () => {
    const executive = new Set(committeeOf('BD', 'executive').people.map((p) => p.fullName));
    for (const person of committeeOf('BD', 'standing').people) expect(executive.has(person.fullName)).toBe(true);
    expect(committeeOf('BD', 'inspection').people.every((p) => p.isSample)).toBe(true);
    expect(committeeOf('BD', 'executive').people.filter((p) => p.isSample)).toHaveLength(46);
  });

  it('has the agencies that lead tasks', () => {
    expect(org('BD.SXD')).toMatchObject({
      kind: 'agency',
      name: 'Sở Xây dựng tỉnh Bình Dương',
      parentCode: 'BD',
    });
    expect(org('BD.BUUDIEN')).toMatchObject({
      kind: 'agency',
      headName: 'Võ Văn Tín',
      parentCode: 'BD',
    });
  });

  it("has Thành ủy Dĩ An with Dĩ An's seven wards, each with member-holding cells", () => {
    expect(org('BD.DIAN')).toMatchObject({ kind: 'district_committee', parentCode: 'BD' });
    const wards = demoOrgs.filter((o) => o.parentCode === 'BD.DIAN');
    expect(wards.map((w) => w.name)).toEqual(
      ['Dĩ An', 'Tân Đông Hiệp', 'Tân Bình', 'Đông Hòa', 'Bình An', 'Bình Thắng', 'An Bình'].map((n) => `Đảng ủy phường ${n}`),
    );
    for (const ward of wards) {
      expect(ward).toMatchObject({ kind: 'commune_committee', isSample: false });
      const cells = demoOrgs.filter((o) => o.parentCode === ward.code);
      expect(cells.length).toBeGreaterThanOrEqual(5);
      expect(cells.some((c) => c.name.startsWith('Chi bộ Khu phố'))).toBe(true);
    }
  });
});

describe('Đảng ủy Khối Các cơ quan và doanh nghiệp tỉnh', () => {
  it('holds exactly the 7.935 members of its VII congress', () => {
    expect(blocMemberCount).toBe(parseVnNumber('7.935'));
    expect(subtreeMemberCount(demoOrgs, 'BD.KHOI')).toBe(7935);
  });

  it('is the bloc under the province, led day to day by Trần Cẩm Hồng', () => {
    expect(org('BD.KHOI')).toMatchObject({
      kind: 'bloc_committee',
      parentCode: 'BD',
      headName: 'Trần Cẩm Hồng',
      headTitle: 'Phó Bí thư Thường trực Đảng ủy Khối',
    });
  });

  it('has the grassroots orgs the article names, with their heads', () => {
    expect(org('BD.KHOI.KCN-NTU')).toMatchObject({
      name: 'Đảng ủy KCN Nam Tân Uyên',
      kind: 'grassroots',
      headName: 'Nguyễn Quan Sĩ',
      isSample: false,
    });
    expect(org('BD.KHOI.SXD')).toMatchObject({ name: 'Đảng bộ Sở Xây dựng', kind: 'grassroots' });
    expect(org('BD.KHOI.BDT')).toMatchObject({
      name: 'Đảng bộ Bưu điện tỉnh',
      headName: 'Võ Văn Tín',
    });
  });

  it('places the cells of KCN Nam Tân Uyên in non-state enterprises', () => {
    const cells = demoOrgs.filter((o) => o.parentCode === 'BD.KHOI.KCN-NTU');
    expect(cells.length).toBeGreaterThan(0);
    for (const cell of cells) expect(cell).toMatchObject({ kind: 'cell', isNonStateEnterprise: true, isSample: true });
  });

  it('never puts one company in two parks', () => {
    const names = demoOrgs.filter((o) => o.isNonStateEnterprise).map((o) => o.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it('includes at least one small grassroots "chi bộ cơ sở" holding members itself', () => {
    const direct = subtreeCodes(demoOrgs, 'BD.KHOI')
      .map(org)
      .filter((o) => o.kind === 'grassroots' && (o.members ?? 0) > 0);
    expect(direct.length).toBeGreaterThan(0);
  });
});

describe('Tỉnh ủy Bình Phước and Tỉnh ủy Hậu Giang', () => {
  it('name their secretaries and the people the articles quote', () => {
    expect(org('BP')).toMatchObject({
      headName: 'Nguyễn Mạnh Cường',
      kind: 'province_committee',
      parentCode: 'TW',
    });
    expect(committeeOf('BP', 'standing').people).toContainEqual(
      expect.objectContaining({
        fullName: 'Hà Anh Dũng',
        title: 'Trưởng ban Tuyên giáo Tỉnh ủy',
        isSample: false,
      }),
    );
    expect(org('HG')).toMatchObject({
      headName: 'Lê Tiến Châu',
      kind: 'province_committee',
      parentCode: 'TW',
    });
    expect(committeeOf('HG', 'standing').people).toContainEqual(
      expect.objectContaining({
        fullName: 'Trần Văn Huyến',
        position: 'standing_deputy_secretary',
        isSample: false,
      }),
    );
  });

  it.each(['BP', 'HG'])('%s holds a few hundred members in invented units', (code) => {
    const members = subtreeMemberCount(demoOrgs, code);
    expect(members).toBeGreaterThanOrEqual(200);
    expect(members).toBeLessThan(1000);
    for (const sub of subtreeCodes(demoOrgs, code).slice(1)) expect(org(sub).isSample).toBe(true);
  });
});

describe('splitByWeights', () => {
  it('splits in proportion', () => {
    expect(splitByWeights(10, [1, 1, 3])).toEqual([2, 2, 6]);
  });

  it('always adds up to the total', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100_000 }),
        fc.array(fc.double({ min: 0.01, max: 10, noNaN: true }), { minLength: 1, maxLength: 30 }),
        (total, weights) => {
          const parts = splitByWeights(total, weights);
          expect(parts).toHaveLength(weights.length);
          expect(parts.reduce((a, b) => a + b, 0)).toBe(total);
          expect(parts.every((p) => Number.isInteger(p) && p >= 0)).toBe(true);
        },
      ),
    );
  });
});
