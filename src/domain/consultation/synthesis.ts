/**
 * What the Word files of a consultation print: the outline labels of an issued version ("I.",
 * "1.", "1.1.", "a)" as the document's own Word file numbers them) and the counts the synthesis
 * report (báo cáo tổng hợp, tiếp thu, giải trình ý kiến góp ý) opens with.
 */
import { buildItemTree, flattenTree, type ItemKind } from '../documents';
import type { Disposition, VersionItem } from './consultation-rules';

/**
 * The version's items in reading order, each with its outline label, numbered as the
 * documents' tree numbers them (a version keeps the parent keys and the reading order).
 */
export function outlineVersion(items: readonly VersionItem[]): (VersionItem & { outline: string })[] {
  const ordOf = new Map(items.map((i) => [i.stableKey, i.ord]));
  const flat = items.map((i) => ({
    ...i,
    id: i.ord,
    parentItemId: i.parentKey === null ? null : (ordOf.get(i.parentKey) ?? null),
    position: i.ord,
    kind: i.kind as ItemKind,
  }));
  return flattenTree(buildItemTree(flat)).map(({ id: _id, parentItemId: _p, position: _pos, children: _c, ...rest }) => rest);
}

export type SynthesisComment = {
  source: 'written' | 'conference';
  orgId: number | null;
  authorName: string | null;
  speakerName: string | null;
  disposition: Disposition | null;
};

export type SynthesisCounts = {
  comments: number;
  written: number;
  conference: number;
  /** Orgs that commented in their name, and people who commented in their own. */
  orgs: number;
  people: number;
  speakers: number;
  accepted: number;
  explained: number;
  rejected: number;
  undisposed: number;
};

/** The counts of the synthesis, from the sent comments themselves (each is counted once). */
export function synthesisCounts(comments: readonly SynthesisComment[]): SynthesisCounts {
  const orgs = new Set<number>();
  const people = new Set<string>();
  const speakers = new Set<string>();
  const out: SynthesisCounts = {
    comments: comments.length,
    written: 0,
    conference: 0,
    orgs: 0,
    people: 0,
    speakers: 0,
    accepted: 0,
    explained: 0,
    rejected: 0,
    undisposed: 0,
  };
  for (const c of comments) {
    if (c.source === 'conference') {
      out.conference += 1;
      speakers.add(c.speakerName ?? '');
    } else {
      out.written += 1;
      if (c.orgId !== null) orgs.add(c.orgId);
      else people.add(c.authorName ?? '');
    }
    if (c.disposition === null) out.undisposed += 1;
    else out[c.disposition] += 1;
  }
  return { ...out, orgs: orgs.size, people: people.size, speakers: speakers.size };
}

/** Who made a comment, as the synthesis names them: the org, the speaker and title, or the person. */
export function commenterOf(c: {
  source: 'written' | 'conference';
  orgName: string | null;
  authorName: string | null;
  speakerName: string | null;
  speakerTitle: string | null;
}): string {
  if (c.source === 'conference') {
    const who = [c.speakerName, c.speakerTitle].filter(Boolean).join(', ');
    return `${who}${c.orgName ? ` (${c.orgName})` : ''} — phát biểu tại hội nghị`;
  }
  return c.orgName ?? c.authorName ?? '';
}
