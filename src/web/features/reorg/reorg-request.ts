/**
 * The reorganization form's values as the API's request: which fields each operation sends
 * (the server checks them again and says which one is wrong).
 */
import type { OrgKind } from '../../../domain/orgs/org-kinds';
import type { ReorgKind, ReorgRequestInput } from './reorg.api';

export type ReorgFormValues = {
  kind: ReorgKind;
  effectiveDate: string | null;
  decision: string;
  sourceOrgIds: (number | undefined)[];
  /** merge: into a new org or an existing one. */
  intoMode: 'new' | 'existing';
  targetOrgIds: (number | undefined)[];
  newOrg: { parentId?: number; code?: string; name?: string; kind?: OrgKind };
  newName?: string;
  newKind?: OrgKind;
  /** split: the new parts it founds under the split org's parent. */
  newOrgs?: { code?: string; name?: string; kind?: OrgKind }[];
};

/**
 * Where a child org (or a source's own members) goes: `toOrgId` 0 is the new org of a merge; a
 * negative id is a new part of a split, -1 the first (`newPartId`), as the preview answers it.
 */
export type CellChoice = Map<number, number>;
/** A role on a closing org: kept at an org (0: the new org), or ended (null). */
export type RoleChoice = Map<number, number | null>;

/** The id the preview gives the new part of index `i` of a split. */
export const newPartId = (i: number) => -1 - i;
/** A destination as the request sends it: a new part by its index, else the org's id. */
const destination = (to: number) => (to < 0 ? { toOrgId: 0, toNewOrg: -1 - to } : { toOrgId: to });

const ids = (list: (number | undefined)[]) => [...new Set(list.filter((x): x is number => x !== undefined))];

/** Builds the request body; fields the operation does not use are left out. */
export function buildReorgRequest(v: ReorgFormValues, cells: CellChoice, roles: RoleChoice): ReorgRequestInput {
  const sources = ids(v.sourceOrgIds);
  const targets = ids(v.targetOrgIds);
  const base = {
    kind: v.kind,
    effectiveDate: v.effectiveDate ?? '',
    decision: v.decision ?? '',
    sourceOrgIds: v.kind === 'merge' || v.kind === 'dissolve' ? sources : sources.slice(0, 1),
  };
  const closing = v.kind === 'merge' || v.kind === 'split' || v.kind === 'dissolve';
  const mapping = closing ? [...cells].map(([fromOrgId, to]) => ({ fromOrgId, ...destination(to) })) : [];
  const roleMapping = closing
    ? [...roles].map(([userRoleId, to]) => (to === null ? { userRoleId, toOrgId: null } : { userRoleId, ...destination(to) }))
    : [];
  switch (v.kind) {
    case 'merge':
      return v.intoMode === 'new'
        ? {
            ...base,
            targetOrgIds: [],
            newOrg: {
              parentId: v.newOrg.parentId ?? null,
              code: v.newOrg.code ?? '',
              name: v.newOrg.name ?? '',
              kind: v.newOrg.kind ?? 'grassroots',
            },
            mapping,
            roleMapping,
          }
        : { ...base, targetOrgIds: targets.slice(0, 1), mapping, roleMapping };
    case 'split': {
      const parts = (v.newOrgs ?? []).map((p) => ({ code: p.code ?? '', name: p.name ?? '', kind: p.kind ?? 'grassroots' }));
      return { ...base, targetOrgIds: targets, ...(parts.length > 0 ? { newOrgs: parts } : {}), mapping, roleMapping };
    }
    case 'dissolve':
    case 'move':
      return { ...base, targetOrgIds: targets.slice(0, 1), mapping, roleMapping };
    case 'rename':
      return { ...base, newName: v.newName ?? '' };
    case 'change_kind':
      return v.newKind ? { ...base, newKind: v.newKind } : base;
  }
}
