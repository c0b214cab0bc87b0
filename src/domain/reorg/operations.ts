/**
 * Reorganization operations and the checks run before anything is written: the rules that make
 * a bad request a Vietnamese message and no change. Pure: the service loads the orgs involved
 * and the operations already recorded on them, then asks here.
 */
import { memberHoldingKinds } from '../orgs/org-kinds';
import { foldVietnamese } from '../vn-text';

export type ReorgKind = 'merge' | 'split' | 'dissolve' | 'rename' | 'move' | 'change_kind';

export const reorgKindLabels: Record<ReorgKind, { vi: string; en: string }> = {
  merge: { vi: 'Hợp nhất, sáp nhập', en: 'Merge' },
  split: { vi: 'Chia tách', en: 'Split' },
  dissolve: { vi: 'Giải thể', en: 'Dissolve' },
  rename: { vi: 'Đổi tên', en: 'Rename' },
  move: { vi: 'Chuyển trực thuộc', en: 'Move' },
  change_kind: { vi: 'Đổi loại hình', en: 'Change kind' },
};

export type TreeOrg = {
  id: number;
  parentId: number | null;
  /** ltree of ids, '1.2.23'. */
  path: string;
  name: string;
  kind: string;
  validFrom: string;
  validTo: string | null;
  /** Members whose cell is this org itself. */
  memberCount: number;
};

/** Where a child org (re-parented) or a source's own members (moved) go. */
export type MappingEntry = { fromOrgId: number; toOrgId: number };

export type ReorgProblem = { field: string; vi: string; en: string };

const isClosedOn = (o: TreeOrg, day: string) => o.validTo !== null && o.validTo <= day;
const within = (path: string, ancestor: string) => path === ancestor || path.startsWith(`${ancestor}.`);

export type CheckInput = {
  kind: ReorgKind;
  effectiveDate: string;
  sources: TreeOrg[];
  /** The successor (merge), the new parent (move, dissolve), the parts (split: several). */
  targets: TreeOrg[];
  /** Children of the sources that are re-parented, and the sources holding members directly. */
  children: TreeOrg[];
  mapping: MappingEntry[];
  /** The latest effective date of an operation already recorded on each org involved. */
  latestOperationOn: Map<number, string>;
  /** A new successor (merge into a new org) is not in `targets` yet; its id is 0 in mappings. */
  hasNewTarget?: boolean;
  /** A split's new parts (names, codes); in mappings they are the ids -1, -2, … in this order. */
  newParts?: readonly { code: string; name: string }[];
};

/**
 * Every problem of the request, empty when it may be committed. Checks: the date against each
 * org's life and its later operations (an operation dated before a later one on the same org
 * would rewrite history under it), an org merged into itself, a move under its own subtree (a
 * cycle), every child and every member of a closing source handed somewhere.
 */
export function checkOperation(input: CheckInput): ReorgProblem[] {
  const problems: ReorgProblem[] = [];
  const { kind, effectiveDate: day, sources, targets } = input;
  const involved = [...sources, ...targets];
  for (const o of involved) {
    if (o.validFrom > day) {
      problems.push({
        field: 'body.effectiveDate',
        vi: `Ngày hiệu lực trước ngày thành lập ${o.name} (${o.validFrom}): thời gian chồng lấn.`,
        en: `The date precedes the founding of ${o.name}.`,
      });
    } else if (isClosedOn(o, day)) {
      problems.push({
        field: 'body.effectiveDate',
        vi: `${o.name} đã kết thúc hoạt động trước ngày hiệu lực: thời gian chồng lấn.`,
        en: `${o.name} had already ended by that date.`,
      });
    }
    const later = input.latestOperationOn.get(o.id);
    if (later !== undefined && later > day) {
      problems.push({
        field: 'body.effectiveDate',
        vi: `${o.name} đã có một thao tác sắp xếp hiệu lực từ ${later}, sau ngày này: hãy hoàn tác thao tác đó trước.`,
        en: `${o.name} has a later operation (${later}).`,
      });
    }
  }
  const targetIds = new Set(targets.map((t) => t.id));
  for (const s of sources) {
    if (targetIds.has(s.id))
      problems.push({
        field: 'body.targetOrgId',
        vi: `Không thể hợp nhất ${s.name} vào chính nó.`,
        en: `${s.name} cannot be merged into itself.`,
      });
  }
  if (kind === 'move' || kind === 'dissolve' || kind === 'merge' || kind === 'split') {
    for (const s of sources) {
      for (const t of targets) {
        if (t.id !== s.id && within(t.path, s.path)) {
          problems.push({
            field: 'body.targetOrgId',
            vi: `Không thể chuyển ${s.name} vào ${t.name}, một tổ chức trực thuộc của nó: vòng lặp.`,
            en: `Moving ${s.name} under its own subtree makes a cycle.`,
          });
        }
      }
    }
  }
  if (kind === 'merge' || kind === 'split' || kind === 'dissolve') {
    const mapped = new Map(input.mapping.map((m) => [m.fromOrgId, m.toOrgId]));
    const parts = input.newParts ?? [];
    const allowedTargets = new Set([...targetIds, ...(input.hasNewTarget ? [0] : []), ...parts.map((_, i) => -1 - i)]);
    problems.push(...partDuplicates(parts, sources));
    const closing = new Set(sources.map((s) => s.id));
    for (const m of input.mapping) {
      if (closing.has(m.toOrgId)) {
        problems.push({
          field: 'body.mapping',
          vi: 'Không thể chuyển đảng viên hoặc tổ chức vào một tổ chức đang bị giải thể hoặc hợp nhất.',
          en: 'A mapping points at a closing org.',
        });
      }
    }
    // Children of a split must each be handed to a part; of a merge and a dissolve they follow
    // the successor unless mapped elsewhere.
    if (kind === 'split') {
      for (const c of input.children) {
        const to = mapped.get(c.id);
        if (to === undefined || !allowedTargets.has(to)) {
          problems.push({ field: 'body.mapping', vi: `${c.name} chưa được xếp vào tổ chức mới nào.`, en: `${c.name} has no new parent.` });
        }
      }
    }
    for (const s of sources) {
      if (s.memberCount === 0) continue;
      const to = mapped.get(s.id);
      const defaultHolds = kind === 'merge' && targets.length === 1 && (memberHoldingKinds as readonly string[]).includes(targets[0]!.kind);
      if (to === undefined && !defaultHolds) {
        problems.push({
          field: 'body.mapping',
          vi: `${s.memberCount} đảng viên của ${s.name} chưa được xếp vào chi bộ nào.`,
          en: `${s.memberCount} members of ${s.name} are left without a cell.`,
        });
      }
    }
  }
  return problems;
}

/** New parts named or coded alike (accents and case aside), or named as the org they split from. */
function partDuplicates(parts: readonly { code: string; name: string }[], sources: readonly TreeOrg[]): ReorgProblem[] {
  const problems: ReorgProblem[] = [];
  const seenNames = new Set(sources.map((s) => foldVietnamese(s.name)));
  const seenCodes = new Set<string>();
  for (const part of parts) {
    const name = foldVietnamese(part.name);
    const code = part.code.trim().toUpperCase();
    if (seenNames.has(name))
      problems.push({ field: 'body.newOrgs', vi: `Tên “${part.name}” bị trùng.`, en: `The name ${part.name} is used twice.` });
    if (seenCodes.has(code))
      problems.push({ field: 'body.newOrgs', vi: `Mã ${part.code} bị trùng.`, en: `The code ${part.code} is used twice.` });
    seenNames.add(name);
    seenCodes.add(code);
  }
  return problems;
}

/** The parent each child of a closing source gets: the mapping, else the successor. */
export function newParentOf(childId: number, mapping: readonly MappingEntry[], successorId: number): number {
  return mapping.find((m) => m.fromOrgId === childId)?.toOrgId ?? successorId;
}
