/**
 * Who sees which part of an inspection file. Inspection files are the most sensitive records
 * of the app (Quy định 22-QĐ/TW keeps the team's working papers inside the commission): the
 * commission that runs it, the team and the committee above see everything; the subject sees
 * only what is sent to it, once sent: the notice, the plan, its own self-report, the
 * conclusion and the recommendations; never the team's notes, the minutes or draft findings.
 */
import { isAtOrPast, type OversightStatus } from './oversight-workflow';

/**
 * `owner`: an org under the subject that owns one of the sent recommendations (its task) and
 * holds no role over the subject itself; it reads the sent conclusion to carry it out.
 */
export type OversightAudience = 'commission' | 'team' | 'supervisor' | 'subject' | 'owner' | 'none';

export const OVERSIGHT_PARTS = [
  'team',
  'notice',
  'plan',
  'self_report',
  'sessions',
  'team_report',
  'findings',
  'conclusion',
  'recommendations',
] as const;
export type OversightPart = (typeof OVERSIGHT_PARTS)[number];

/** The parts `audience` may read at `status`; empty for 'none' (the file is then a 404). */
export function visibleParts(audience: OversightAudience, status: OversightStatus): Set<OversightPart> {
  if (audience === 'commission' || audience === 'team' || audience === 'supervisor') return new Set(OVERSIGHT_PARTS);
  if (audience === 'none') return new Set();
  const parts = new Set<OversightPart>();
  if (audience === 'subject' && isAtOrPast(status, 'notified')) {
    parts.add('notice');
    parts.add('plan');
    parts.add('team');
    parts.add('self_report');
  }
  // The findings the subject (and an owner) reads are those published in the sent conclusion.
  if (isAtOrPast(status, 'follow_up')) {
    parts.add('conclusion');
    parts.add('recommendations');
    parts.add('findings');
  }
  return parts;
}

/**
 * The audience of a reader, strongest first: the team (named in the decision), the
 * commission running it (inspections.write over the running org), the committee above (a
 * read role over the running org), then the subject. A subject is only the subject: a
 * member under inspection never becomes a team reader of their own file. An owner of a
 * recommendation comes last: it sees the sent conclusion only (visibleParts).
 */
export function audienceOf(facts: {
  isTeamMember: boolean;
  runsIt: boolean;
  isAbove: boolean;
  isSubject: boolean;
  isOwner?: boolean;
}): OversightAudience {
  if (facts.isTeamMember) return 'team';
  if (facts.runsIt) return 'commission';
  if (facts.isAbove) return 'supervisor';
  if (facts.isSubject) return 'subject';
  if (facts.isOwner) return 'owner';
  return 'none';
}

/** Every read outside the team goes to the audit log (the team works in the file daily). */
export function isReadAudited(audience: OversightAudience): boolean {
  return audience !== 'team' && audience !== 'none';
}
