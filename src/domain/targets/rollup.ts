/**
 * Rolls an indicator's values up the org tree: what each org reported itself, and what its
 * whole subtree adds up to. Each org's own value counts once, in its own subtree and in every
 * ancestor's, so an org should report only what it measures itself (its own members, not its
 * cells'); a figure that already includes the children belongs to an indicator with
 * aggregation `none`.
 */
import type { Aggregation } from './target-spec';

/** An org in the tree; a parentId outside the list makes the org a root of what is rolled. */
export type RollupOrg = { id: string; parentId: string | null };

/**
 * One org's reported value. `rate` needs numerator and denominator; `average` uses count as
 * the weight (members, respondents) and weighs each org once when it is absent.
 */
export type RollupInput = {
  value?: number | null;
  numerator?: number | null;
  denominator?: number | null;
  count?: number | null;
};

/**
 * A value as rolled. `value` is null when nothing can be said (no reports, or a rate over a
 * zero denominator). `numerator`/`denominator` are set for rates, `weight` for averages;
 * `reporting` is how many orgs contributed, for "12/15 đơn vị đã báo cáo".
 */
export type RolledValue = {
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  weight: number | null;
  reporting: number;
};

/** Per org: what it reported itself, and its subtree's total (null for aggregation `none`). */
export type OrgRollup = { id: string; own: RolledValue | null; subtree: RolledValue | null };

export type RollupOptions = {
  /** A rate's value is numerator / denominator × scale; 100 gives percents (the default). */
  rateScale?: number;
};

type Accumulator = { sum: number; numerator: number; denominator: number; weight: number; reporting: number };

function emptyAccumulator(): Accumulator {
  return { sum: 0, numerator: 0, denominator: 0, weight: 0, reporting: 0 };
}

function finite(n: number | null | undefined, what: string, id: string): number | null {
  if (n === null || n === undefined) return null;
  if (!Number.isFinite(n)) throw new RangeError(`The ${what} of org ${id} is not a finite number`);
  return n;
}

/** Reads one org's input into an accumulator; null when it reported nothing usable. */
function accumulate(id: string, input: RollupInput, aggregation: Aggregation): Accumulator | null {
  const value = finite(input.value, 'value', id);
  const acc = emptyAccumulator();
  acc.reporting = 1;
  switch (aggregation) {
    case 'sum':
    case 'none':
      if (value === null) return null;
      acc.sum = value;
      return acc;
    case 'rate': {
      const numerator = finite(input.numerator, 'numerator', id);
      const denominator = finite(input.denominator, 'denominator', id);
      if (numerator === null && denominator === null && value === null) return null;
      // Rates are re-aggregated from parts: averaging children's percents would weight a
      // 10-member cell like a 1,000-member one. A percent without its parts cannot be rolled.
      if (numerator === null || denominator === null) {
        throw new RangeError(`Org ${id} reported a rate without its numerator and denominator`);
      }
      if (denominator < 0) throw new RangeError(`Org ${id} reported a negative denominator`);
      acc.numerator = numerator;
      acc.denominator = denominator;
      return acc;
    }
    case 'average': {
      if (value === null) return null;
      const count = finite(input.count, 'count', id) ?? 1;
      if (count < 0) throw new RangeError(`Org ${id} reported a negative count`);
      acc.sum = value * count;
      acc.weight = count;
      return acc;
    }
  }
}

function add(into: Accumulator, from: Accumulator): void {
  into.sum += from.sum;
  into.numerator += from.numerator;
  into.denominator += from.denominator;
  into.weight += from.weight;
  into.reporting += from.reporting;
}

function present(acc: Accumulator, aggregation: Aggregation, rateScale: number): RolledValue {
  switch (aggregation) {
    case 'sum':
    case 'none':
      return { value: acc.sum, numerator: null, denominator: null, weight: null, reporting: acc.reporting };
    case 'rate':
      return {
        value: acc.denominator === 0 ? null : (acc.numerator / acc.denominator) * rateScale,
        numerator: acc.numerator,
        denominator: acc.denominator,
        weight: null,
        reporting: acc.reporting,
      };
    case 'average':
      return {
        value: acc.weight === 0 ? null : acc.sum / acc.weight,
        numerator: null,
        denominator: null,
        weight: acc.weight,
        reporting: acc.reporting,
      };
  }
}

/**
 * Rolls values up a tree given as a flat list of orgs. Sums add; rates recompute from the
 * summed numerators and denominators; averages are weighted by count; `none` is not rolled
 * (subtree is null, show `own`). An org with nothing reported below it has subtree null.
 * Returns a map from every org's id to its rollup, in the order of `orgs`.
 * Throws RangeError on a duplicate id, a cycle, a value for an org not in the list, a
 * non-finite number, a rate without its parts, or a negative denominator or count.
 */
export function rollUpTree(
  orgs: readonly RollupOrg[],
  values: ReadonlyMap<string, RollupInput>,
  aggregation: Aggregation,
  options: RollupOptions = {},
): Map<string, OrgRollup> {
  const rateScale = options.rateScale ?? 100;
  const ids = new Set<string>();
  for (const org of orgs) {
    if (ids.has(org.id)) throw new RangeError(`Org ${org.id} appears twice`);
    ids.add(org.id);
  }
  for (const id of values.keys()) {
    if (!ids.has(id)) throw new RangeError(`A value was given for org ${id}, which is not in the tree`);
  }

  const children = new Map<string, string[]>();
  const roots: string[] = [];
  for (const org of orgs) {
    if (org.parentId !== null && ids.has(org.parentId) && org.parentId !== org.id) {
      const siblings = children.get(org.parentId) ?? [];
      siblings.push(org.id);
      children.set(org.parentId, siblings);
    } else if (org.parentId === org.id) {
      throw new RangeError(`Org ${org.id} is its own parent`);
    } else {
      roots.push(org.id);
    }
  }

  const own = new Map<string, Accumulator | null>();
  for (const org of orgs) {
    const input = values.get(org.id);
    own.set(org.id, input === undefined ? null : accumulate(org.id, input, aggregation));
  }

  // Post-order without recursion: trees can be deep (province → district → commune → cell
  // → …) and recursion depth should not depend on data.
  const subtree = new Map<string, Accumulator | null>();
  const stack: Array<{ id: string; isExpanded: boolean }> = roots.map((id) => ({ id, isExpanded: false }));
  while (stack.length > 0) {
    const frame = stack.pop();
    if (frame === undefined) break;
    const kids = children.get(frame.id) ?? [];
    if (!frame.isExpanded) {
      stack.push({ id: frame.id, isExpanded: true });
      for (const kid of kids) stack.push({ id: kid, isExpanded: false });
      continue;
    }
    const mine = own.get(frame.id) ?? null;
    let total: Accumulator | null = null;
    for (const part of [mine, ...kids.map((k) => subtree.get(k) ?? null)]) {
      if (part === null) continue;
      total ??= emptyAccumulator();
      add(total, part);
    }
    subtree.set(frame.id, total);
  }
  // Orgs never reached from a root sit on a cycle of parents.
  if (subtree.size !== ids.size) {
    const stuck = orgs.find((o) => !subtree.has(o.id));
    throw new RangeError(`Org ${stuck?.id ?? '?'} is on a cycle of parents`);
  }

  const result = new Map<string, OrgRollup>();
  for (const org of orgs) {
    const mine = own.get(org.id) ?? null;
    const total = subtree.get(org.id) ?? null;
    result.set(org.id, {
      id: org.id,
      own: mine === null ? null : present(mine, aggregation, rateScale),
      subtree: aggregation === 'none' || total === null ? null : present(total, aggregation, rateScale),
    });
  }
  return result;
}

/** ltree labels: letters, digits, underscore and hyphen (PostgreSQL 16+ allows the hyphen). */
const LTREE_LABEL = /^[A-Za-z0-9_-]+$/;

/**
 * Rolls values up orgs identified by ltree-like paths ("1.23.456"), as stored in the org
 * table's `path`. An org's parent is its nearest ancestor path present in the input, the way
 * `path <@ ancestor` counts descendants even when the orgs between are not listed.
 * Returns a map from path to rollup.
 * Throws RangeError on a malformed or duplicate path, and as {@link rollUpTree} does.
 */
export function rollUpPaths(
  items: ReadonlyArray<{ path: string } & RollupInput>,
  aggregation: Aggregation,
  options: RollupOptions = {},
): Map<string, OrgRollup> {
  const paths = new Set<string>();
  for (const { path } of items) {
    if (!path.split('.').every((label) => LTREE_LABEL.test(label))) {
      throw new RangeError(`"${path}" is not an ltree path`);
    }
    if (paths.has(path)) throw new RangeError(`Path ${path} appears twice`);
    paths.add(path);
  }
  const orgs: RollupOrg[] = [];
  const values = new Map<string, RollupInput>();
  for (const { path, ...input } of items) {
    let parentId: string | null = null;
    for (let cut = path.lastIndexOf('.'); cut > 0; cut = path.lastIndexOf('.', cut - 1)) {
      const ancestor = path.slice(0, cut);
      if (paths.has(ancestor)) {
        parentId = ancestor;
        break;
      }
    }
    orgs.push({ id: path, parentId });
    values.set(path, input);
  }
  return rollUpTree(orgs, values, aggregation, options);
}
