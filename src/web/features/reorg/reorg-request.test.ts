import { describe, expect, it } from 'vitest';
import { buildReorgRequest, newPartId, type ReorgFormValues } from './reorg-request';

const form = (over: Partial<ReorgFormValues>): ReorgFormValues => ({
  kind: 'merge',
  effectiveDate: '2025-07-01',
  decision: 'Quyết định số 321-QĐ/TW ngày 12/6/2025',
  sourceOrgIds: [41, 42],
  intoMode: 'new',
  targetOrgIds: [],
  newOrg: { parentId: 8, code: 'BD.BPTTH', name: 'Đảng bộ Báo và Phát thanh, Truyền hình', kind: 'grassroots' },
  ...over,
});

describe('buildReorgRequest', () => {
  it('merges into a new org with the cells and roles chosen in the preview', () => {
    const req = buildReorgRequest(form({}), new Map([[278, 34]]), new Map([[5, 0]]));
    expect(req).toEqual({
      kind: 'merge',
      effectiveDate: '2025-07-01',
      decision: 'Quyết định số 321-QĐ/TW ngày 12/6/2025',
      sourceOrgIds: [41, 42],
      targetOrgIds: [],
      newOrg: { parentId: 8, code: 'BD.BPTTH', name: 'Đảng bộ Báo và Phát thanh, Truyền hình', kind: 'grassroots' },
      mapping: [{ fromOrgId: 278, toOrgId: 34 }],
      roleMapping: [{ userRoleId: 5, toOrgId: 0 }],
    });
  });

  it('merges into one existing org and drops the new org’s fields', () => {
    const req = buildReorgRequest(form({ intoMode: 'existing', targetOrgIds: [25, undefined] }), new Map(), new Map());
    expect(req).toMatchObject({ targetOrgIds: [25] });
    expect(req).not.toHaveProperty('newOrg');
  });

  it('drops empty and repeated picks of the org lists', () => {
    const req = buildReorgRequest(form({ sourceOrgIds: [41, undefined, 41, 42] }), new Map(), new Map());
    expect(req.sourceOrgIds).toEqual([41, 42]);
  });

  it('renames one org and sends no mapping (nothing moves)', () => {
    const req = buildReorgRequest(form({ kind: 'rename', sourceOrgIds: [7, 9], newName: 'Thành ủy Dĩ An' }), new Map([[1, 2]]), new Map());
    expect(req).toEqual({
      kind: 'rename',
      effectiveDate: '2025-07-01',
      decision: 'Quyết định số 321-QĐ/TW ngày 12/6/2025',
      sourceOrgIds: [7],
      newName: 'Thành ủy Dĩ An',
    });
  });

  it('splits into every part given and moves one org under one new parent', () => {
    expect(buildReorgRequest(form({ kind: 'split', sourceOrgIds: [7], targetOrgIds: [20, 21] }), new Map(), new Map())).toMatchObject({
      sourceOrgIds: [7],
      targetOrgIds: [20, 21],
    });
    expect(buildReorgRequest(form({ kind: 'move', sourceOrgIds: [7], targetOrgIds: [2, 3] }), new Map(), new Map())).toMatchObject({
      targetOrgIds: [2],
    });
  });

  it('founds the new parts of a split and maps cells and roles to them by index', () => {
    const req = buildReorgRequest(
      form({
        kind: 'split',
        sourceOrgIds: [7],
        targetOrgIds: [],
        newOrgs: [{ code: 'P1', name: 'Phường Một', kind: 'commune_committee' }, { name: 'Phường Hai' }],
      }),
      new Map([
        [70, newPartId(1)],
        [71, 20],
      ]),
      new Map<number, number | null>([
        [5, newPartId(0)],
        [6, null],
      ]),
    );
    expect(req).toMatchObject({
      newOrgs: [
        { code: 'P1', name: 'Phường Một', kind: 'commune_committee' },
        { code: '', name: 'Phường Hai', kind: 'grassroots' },
      ],
      mapping: [
        { fromOrgId: 70, toOrgId: 0, toNewOrg: 1 },
        { fromOrgId: 71, toOrgId: 20 },
      ],
      roleMapping: [
        { userRoleId: 5, toOrgId: 0, toNewOrg: 0 },
        { userRoleId: 6, toOrgId: null },
      ],
    });
    expect(buildReorgRequest(form({ kind: 'split', sourceOrgIds: [7], targetOrgIds: [20, 21] }), new Map(), new Map())).not.toHaveProperty(
      'newOrgs',
    );
  });

  it('sends an empty date and decision as such, so the server names those fields', () => {
    const req = buildReorgRequest(form({ effectiveDate: null, decision: '' }), new Map(), new Map());
    expect(req.effectiveDate).toBe('');
    expect(req.decision).toBe('');
  });
});
