/**
 * Membership events: recorded on a member, checked against the member's earlier events by the
 * rules of src/domain/registry, written with the member's new status and the audit row in one
 * transaction. Counts follow by trigger (registry_counts).
 */
import { randomInt } from 'node:crypto';
import type { PoolClient } from 'pg';
import type { Db, Queryable } from '../../db/pool';
import { inTransaction } from '../../db/pool';
import { formatVnDate, vnToday } from '../../../domain/vn-time';
import type { MemberStatus } from '../../../domain/members/member-fields';
import {
  checkNewEvent,
  eventKindLabels,
  isYoungOn,
  reviewDueDate,
  stateOf,
  type EventFact,
  type EventKind,
} from '../../../domain/registry/membership-events';
import type {
  EditEventInput,
  MembershipEventView,
  ReapprovalView,
  ReceiveTransferInput,
  RecordEventInput,
  TimelineView,
} from '../../../contracts/registry';
import { inScopeSql, scopeOf, type Actor } from '../../lib/actor';
import { recordAudit } from '../../lib/audit';
import { AppError, notFound, versionConflict } from '../../lib/errors';
import { findOrgInScope } from '../orgs';
import { moveMemberInTx, setMemberStatusInTx } from '../members';
import { canSeePersonalData, canWriteRegistry, requireRegistryWrite } from './registry.policy';
import { memberNotFound, orgNotFound, refused } from './registry.errors';
import { watchApprovedReports } from './reapproval.service';

export type MemberFacts = {
  id: number;
  code: string;
  fullName: string;
  gender: 'male' | 'female';
  birthDate: string | null;
  orgId: number;
  orgName: string;
  orgPath: string;
  status: MemberStatus;
  isNonStateEnterprise: boolean;
  phone: string | null;
  idNumber: string | null;
};

const memberFactsSql = `
  SELECT m.id, m.code, m.full_name AS "fullName", m.gender, to_char(m.birth_date, 'YYYY-MM-DD') AS "birthDate",
         m.org_id AS "orgId", o.name AS "orgName", o.path::text AS "orgPath", m.status,
         m.is_non_state_enterprise AS "isNonStateEnterprise", m.phone, m.id_number AS "idNumber"
    FROM members m JOIN orgs o ON o.id = m.org_id`;

/** A member inside `scope` (null = all), locked when asked; undefined outside it. */
export async function loadMemberFacts(q: Queryable, id: number, scope: string[] | null, lock = false): Promise<MemberFacts | undefined> {
  const { rows } = await q.query<MemberFacts>(
    `${memberFactsSql} WHERE m.id = $1 AND ${inScopeSql('o.path', '$2')} ${lock ? 'FOR UPDATE OF m' : ''}`,
    [id, scope],
  );
  return rows[0];
}

/** The members of `codes` (any case) inside `scope`, locked in id order when asked; one query for the set. */
export async function loadMembersByCode(q: Queryable, codes: string[], scope: string[] | null, lock = false): Promise<MemberFacts[]> {
  const { rows } = await q.query<MemberFacts>(
    `${memberFactsSql} WHERE upper(m.code) = ANY($1::text[]) AND ${inScopeSql('o.path', '$2')} ORDER BY m.id ${lock ? 'FOR UPDATE OF m' : ''}`,
    [codes.map((c) => c.toUpperCase()), scope],
  );
  return rows;
}

type EventRow = MembershipEventView & { orgPath: string };
const eventColumns = `
  e.id, e.member_id AS "memberId", e.org_id AS "orgId", o.name AS "orgName", o.path::text AS "orgPath", e.kind,
  to_char(e.event_date, 'YYYY-MM-DD') AS date, e.decision, e.transfer_mode AS "transferMode", e.transfer_code AS "transferCode",
  e.destination, e.is_sample AS "isSample", e.version`;

async function eventsOf(q: Queryable, memberId: number): Promise<EventRow[]> {
  const { rows } = await q.query<EventRow>(
    `SELECT ${eventColumns} FROM membership_events e JOIN orgs o ON o.id = e.org_id WHERE e.member_id = $1 ORDER BY e.event_date, e.id`,
    [memberId],
  );
  return rows;
}

const factOf = (e: EventRow): EventFact => ({ kind: e.kind, date: e.date, transferMode: e.transferMode, transferCode: e.transferCode });

/** The member's status on the roll once `kind` is recorded (standing before it: `standing`). */
function statusAfter(
  kind: EventKind,
  mode: 'official' | 'temporary' | null | undefined,
  before: MemberStatus,
  standing: string,
): MemberStatus {
  switch (kind) {
    case 'admission':
      return 'probationary';
    case 'official':
      return 'official';
    case 'transfer_out':
      return mode === 'official' ? 'transferred' : before;
    case 'transfer_in':
      return standing === 'probationary' ? 'probationary' : 'official';
    case 'death':
      return 'deceased';
    case 'removal':
    case 'expulsion':
    case 'resignation':
      return 'removed';
    case 'exemption':
      return before;
  }
}

function presentEvent(actor: Actor, e: EventRow): MembershipEventView {
  const { orgPath, ...rest } = e;
  // The transfer code is what lets a receiving cell take the member: only the sending side sees it.
  return { ...rest, transferCode: e.transferCode && canWriteRegistry(actor, orgPath) ? e.transferCode : null };
}

async function timelineOf(q: Queryable, actor: Actor, m: MemberFacts): Promise<TimelineView> {
  const events = await eventsOf(q, m.id);
  const state = stateOf(events.map(factOf));
  const personal = canSeePersonalData(actor, { id: m.id, orgPath: m.orgPath });
  return {
    member: {
      id: m.id,
      code: m.code,
      fullName: m.fullName,
      gender: m.gender,
      birthDate: m.birthDate,
      orgId: m.orgId,
      orgName: m.orgName,
      status: m.status,
      phone: personal ? m.phone : null,
      idNumber: personal ? m.idNumber : null,
      hasPersonalData: personal,
    },
    // A member gone before the registry has no event saying so: their status does.
    standing:
      events.length === 0 && m.status === 'deceased' ? 'deceased' : events.length === 0 && m.status === 'removed' ? 'left' : state.standing,
    reviewDue: state.standing === 'probationary' && state.admittedOn ? reviewDueDate(state.admittedOn) : null,
    events: events.map((e) => presentEvent(actor, e)),
    abilities: { record: canWriteRegistry(actor, m.orgPath) },
  };
}

/** A member's timeline within the caller's registry scope; 404 outside it. */
export async function getTimeline(db: Db, actor: Actor, memberId: number): Promise<TimelineView> {
  const m = await loadMemberFacts(db, memberId, scopeOf(actor, 'registry.read'));
  if (!m) throw memberNotFound();
  return timelineOf(db, actor, m);
}

/** The caller's own timeline (a member account); 404 when the account is no member's. */
export async function getOwnTimeline(db: Db, actor: Actor): Promise<TimelineView> {
  if (actor.memberId === null) throw memberNotFound();
  const m = await loadMemberFacts(db, actor.memberId, null);
  if (!m) throw memberNotFound();
  return timelineOf(db, actor, m);
}

function checkNotFuture(date: string) {
  if (date > vnToday()) throw refused('Ngày của sự kiện không thể ở tương lai.', 'body.date');
}

/** A code of 10 letters and digits, without 0/O and 1/I that a clerk copies wrong. */
function newTransferCode(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  return Array.from({ length: 10 }, () => alphabet[randomInt(alphabet.length)]).join('');
}

/**
 * Inserts one event (already checked) with the facts frozen on its day, and sets the member's
 * status. Used by recording, receiving a transfer and admitting a candidate.
 */
export async function insertEventInTx(
  tx: PoolClient,
  actor: Actor,
  m: Pick<MemberFacts, 'id' | 'gender' | 'birthDate' | 'isNonStateEnterprise'>,
  e: {
    orgId: number;
    kind: EventKind;
    date: string;
    decision: string;
    transferMode?: 'official' | 'temporary' | null;
    transferCode?: string | null;
    destination?: string | null;
    transferOutId?: number | null;
    isSample?: boolean;
  },
): Promise<number> {
  const { rows } = await tx.query<{ id: number }>(
    `INSERT INTO membership_events (member_id, org_id, kind, event_date, decision, transfer_mode, transfer_code, destination, transfer_out_id,
                                    is_non_state, is_young, is_female, is_sample, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id`,
    [
      m.id,
      e.orgId,
      e.kind,
      e.date,
      e.decision,
      e.transferMode ?? null,
      e.transferCode ?? null,
      e.destination ?? null,
      e.transferOutId ?? null,
      m.isNonStateEnterprise,
      isYoungOn(m.birthDate, e.date),
      m.gender === 'female',
      e.isSample ?? false,
      actor.userId,
    ],
  );
  return rows[0]!.id;
}

/** What a recorded event says: the form's fields, and an admission for the events import. */
export type NewEventInput = Omit<RecordEventInput, 'kind'> & { kind: RecordEventInput['kind'] | 'admission' };

/**
 * Records one event on a member locked by the caller, by the registry's rules (the member's
 * earlier events, write permission), with the member's new status and its audit row. The one
 * door for the form and the events import; throws `refused` with the rule's sentence.
 */
export async function recordEventInTx(tx: PoolClient, actor: Actor, m: MemberFacts, input: NewEventInput): Promise<number> {
  requireRegistryWrite(actor, m.orgPath);
  const events = (await eventsOf(tx, m.id)).map(factOf);
  const next: EventFact = { kind: input.kind, date: input.date, transferMode: input.transferMode ?? null };
  const problem = checkNewEvent(events, next);
  if (problem) throw refused(problem, input.kind === 'transfer_out' && !input.transferMode ? 'body.transferMode' : 'body.date');
  const standing = stateOf(events).standing;
  const eventId = await insertEventInTx(tx, actor, m, {
    orgId: m.orgId,
    kind: input.kind,
    date: input.date,
    decision: input.decision,
    transferMode: input.kind === 'transfer_out' ? input.transferMode : null,
    transferCode: input.kind === 'transfer_out' ? newTransferCode() : null,
    destination: input.kind === 'transfer_out' ? (input.destination ?? null) : null,
  });
  await setMemberStatusInTx(tx, m.id, statusAfter(input.kind, input.transferMode, m.status, standing));
  await recordAudit(tx, actor, {
    action: `registry.${input.kind}`,
    entity: 'membership_event',
    entityId: eventId,
    orgId: m.orgId,
    orgPath: m.orgPath,
    summary: `${eventKindLabels[input.kind].vi}: ${m.fullName} (${m.code}), ${input.decision}`,
    after: { memberId: m.id, ...input },
  });
  return eventId;
}

/** Records an event on a member (not an admission, not a transfer in: those have their own doors). */
export async function recordEvent(db: Db, actor: Actor, memberId: number, input: RecordEventInput): Promise<TimelineView> {
  checkNotFuture(input.date);
  await inTransaction(db, async (tx) => {
    const m = await loadMemberFacts(tx, memberId, scopeOf(actor, 'registry.read'), true);
    if (!m) throw memberNotFound();
    await recordEventInTx(tx, actor, m, input);
  });
  return getTimeline(db, actor, memberId);
}

type ReceivingOrg = { id: number; path: string; name: string; kind: string };
/** A transfer out not yet received: its event and mode. */
export type OpenTransfer = { id: number; mode: 'official' | 'temporary' };

/**
 * The receiving cell takes a locked member on a transfer out (checked here: a cell that holds
 * members, not the member's own, the member's events), audited on both sides. The one door for
 * a transfer code and the events import.
 */
export async function receiveTransferInTx(
  tx: PoolClient,
  actor: Actor,
  m: MemberFacts,
  org: ReceivingOrg,
  out: OpenTransfer,
  input: { date: string; decision: string },
): Promise<number> {
  requireRegistryWrite(actor, org.path);
  if (!['cell', 'grassroots'].includes(org.kind)) throw refused('Chỉ chi bộ hoặc đảng bộ, chi bộ cơ sở tiếp nhận đảng viên.', 'body.orgId');
  if (m.orgId === org.id) throw refused('Đảng viên đang sinh hoạt ở chi bộ này.', 'body.orgId');
  const events = (await eventsOf(tx, m.id)).map(factOf);
  const problem = checkNewEvent(events, { kind: 'transfer_in', date: input.date });
  if (problem) throw refused(problem, 'body.date');
  const standing = stateOf(events).standing;
  const id = await insertEventInTx(tx, actor, m, {
    orgId: org.id,
    kind: 'transfer_in',
    date: input.date,
    decision: input.decision,
    transferMode: out.mode,
    transferOutId: out.id,
  });
  const status = statusAfter('transfer_in', out.mode, m.status, standing);
  if (out.mode === 'official') await moveMemberInTx(tx, m.id, org.id, input.date, status);
  const summary = `Tiếp nhận sinh hoạt ${out.mode === 'official' ? 'chính thức' : 'tạm thời'}: ${m.fullName} (${m.code}) từ ${m.orgName} về ${org.name}`;
  for (const side of [
    { orgId: org.id, orgPath: org.path },
    { orgId: m.orgId, orgPath: m.orgPath },
  ])
    await recordAudit(tx, actor, { action: 'registry.transfer_in', entity: 'membership_event', entityId: id, ...side, summary });
  return id;
}

/** The member's transfer out that no cell has received yet, locked; undefined when none. */
export async function findOpenTransferInTx(tx: PoolClient, memberId: number): Promise<OpenTransfer | undefined> {
  const { rows } = await tx.query<OpenTransfer>(
    `SELECT e.id, e.transfer_mode AS mode FROM membership_events e
      WHERE e.member_id = $1 AND e.kind = 'transfer_out' AND NOT EXISTS (SELECT 1 FROM membership_events r WHERE r.transfer_out_id = e.id)
      ORDER BY e.event_date DESC, e.id DESC LIMIT 1 FOR UPDATE`,
    [memberId],
  );
  return rows[0];
}

/**
 * The receiving cell enters the transfer code: the member joins it from the transfer's date
 * (an official transfer moves them on the roll; a temporary one records where they take part).
 * The code is the proof, so the sending member need not be in the receiver's scope; an unknown
 * or used code is a 404/409 that says nothing about the member.
 */
export async function receiveTransfer(db: Db, actor: Actor, input: ReceiveTransferInput): Promise<MembershipEventView> {
  checkNotFuture(input.date);
  const eventId = await inTransaction(db, async (tx) => {
    const org = await findOrgInScope(tx, input.orgId, scopeOf(actor, 'registry.read'));
    if (!org) throw orgNotFound();
    requireRegistryWrite(actor, org.path);
    const { rows } = await tx.query<{ id: number; memberId: number; mode: 'official' | 'temporary'; received: boolean }>(
      `SELECT e.id, e.member_id AS "memberId", e.transfer_mode AS mode,
              EXISTS (SELECT 1 FROM membership_events r WHERE r.transfer_out_id = e.id) AS received
         FROM membership_events e WHERE e.transfer_code = upper($1) FOR UPDATE`,
      [input.code],
    );
    const out = rows[0];
    if (!out) throw notFound({ vi: 'Không tìm thấy giấy chuyển sinh hoạt với mã này.', en: 'No transfer with this code.' });
    if (out.received)
      throw new AppError('conflict', { vi: 'Giấy chuyển sinh hoạt này đã được tiếp nhận.', en: 'This transfer was already received.' });
    const m = await loadMemberFacts(tx, out.memberId, null, true);
    if (!m) throw notFound();
    return receiveTransferInTx(tx, actor, m, org, out, input);
  });
  const { rows } = await db.query<EventRow>(
    `SELECT ${eventColumns} FROM membership_events e JOIN orgs o ON o.id = e.org_id WHERE e.id = $1`,
    [eventId],
  );
  return presentEvent(actor, rows[0]!);
}

/**
 * An admission takes effect at its ceremony, which follows the higher committee's decision
 * (HD 01-HD/TW §3.4): a corrected admission date may not go before that decision's date.
 */
async function checkAdmissionAfterDecision(tx: PoolClient, memberId: number, date: string): Promise<void> {
  const { rows } = await tx.query<{ decided: string }>(
    `SELECT to_char(committee_decision_date, 'YYYY-MM-DD') AS decided FROM admission_candidates
      WHERE member_id = $1 AND committee_decision_date IS NOT NULL`,
    [memberId],
  );
  const decided = rows[0]?.decided;
  if (decided && date < decided) throw refused(admissionBeforeDecision(date, decided), 'body.date');
}

/** The sentence for an admission dated before its decision, shared by the edit and the events import. */
export const admissionBeforeDecision = (date: string, decided: string) =>
  `Ngày kết nạp (${formatVnDate(date)}) trước ngày quyết định kết nạp của cấp ủy (${formatVnDate(decided)}).`;

const eventNotFound = () => notFound({ vi: 'Không tìm thấy sự kiện.', en: 'Event not found.' });

/** Carries a dry run's answer out of its transaction, which then rolls back. */
class DryRun extends Error {
  constructor(readonly result: { event: MembershipEventView; reapprovals: ReapprovalView[] }) {
    super('dry run');
  }
}

/** Why the member's events, in date order, are not a valid history (the first refusal), or null. */
function replayProblem(events: (EventFact & { id: number })[]): string | null {
  const sorted = [...events].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.id - b.id));
  for (let i = 0; i < sorted.length; i++) {
    const problem = checkNewEvent(sorted.slice(0, i), sorted[i]!);
    if (problem) return problem;
  }
  return null;
}

/**
 * Corrects the date or the decision of a past event (with its `version`), audited. The member's
 * whole history must stay valid with the new date (replayed by the same rules as a new event).
 * Counts follow by trigger; an approved report of a closed period whose registry figure moves
 * is flagged for re-approval, and the answer says what moved and who must re-approve. A dry run
 * answers the same without writing anything.
 */
export async function editEvent(
  db: Db,
  actor: Actor,
  eventId: number,
  input: EditEventInput,
): Promise<{ applied: boolean; event: MembershipEventView; reapprovals: ReapprovalView[] }> {
  checkNotFuture(input.date);
  const scope = scopeOf(actor, 'registry.read');
  try {
    const result = await inTransaction(db, async (tx) => {
      const { rows: found } = await tx.query<{ memberId: number }>(
        `SELECT e.member_id AS "memberId" FROM membership_events e JOIN orgs o ON o.id = e.org_id WHERE e.id = $1 AND ${inScopeSql('o.path', '$2')}`,
        [eventId, scope],
      );
      if (!found[0]) throw eventNotFound();
      // The member first, as every writer of their events does: two corrections serialize.
      const m = await loadMemberFacts(tx, found[0].memberId, null, true);
      if (!m) throw eventNotFound();
      const history = await eventsOf(tx, m.id);
      const e = history.find((x) => x.id === eventId);
      if (!e) throw eventNotFound();
      requireRegistryWrite(actor, e.orgPath);
      if (e.version !== input.version) throw versionConflict();
      if (e.kind === 'transfer_in' && input.date !== e.date)
        throw refused(
          'Đảng viên đã chuyển sang chi bộ tiếp nhận từ ngày tiếp nhận; không sửa được ngày này, chỉ sửa được quyết định.',
          'body.date',
        );
      if (e.kind === 'admission' && input.date !== e.date) await checkAdmissionAfterDecision(tx, m.id, input.date);
      const problem = replayProblem(history.map((x) => ({ ...factOf(x), id: x.id, date: x.id === eventId ? input.date : x.date })));
      if (problem) throw refused(problem, 'body.date');
      // A decision alone moves no figure; a date may move one across a closed period's end.
      const finish = input.date === e.date ? null : await watchApprovedReports(tx, [e.orgPath]);
      await tx.query(`UPDATE membership_events SET event_date = $2, decision = $3, is_young = $4, version = version + 1 WHERE id = $1`, [
        eventId,
        input.date,
        input.decision.normalize('NFC'),
        isYoungOn(m.birthDate, input.date),
      ]);
      const reason = `${eventKindLabels[e.kind].vi} của ${m.fullName} (${m.code}) sửa ngày ${formatVnDate(e.date)} thành ${formatVnDate(input.date)}`;
      const reapprovals = finish ? await finish(actor, reason, !input.dryRun) : [];
      const { rows } = await tx.query<EventRow>(
        `SELECT ${eventColumns} FROM membership_events e JOIN orgs o ON o.id = e.org_id WHERE e.id = $1`,
        [eventId],
      );
      const event = presentEvent(actor, rows[0]!);
      if (input.dryRun) throw new DryRun({ event, reapprovals });
      await recordAudit(tx, actor, {
        action: 'registry.edit_event',
        entity: 'membership_event',
        entityId: eventId,
        orgId: e.orgId,
        orgPath: e.orgPath,
        summary: `Sửa sự kiện ${eventKindLabels[e.kind].vi}: ${m.fullName} (${m.code})${reapprovals.length > 0 ? `; ${reapprovals.length} báo cáo đã duyệt cần duyệt lại` : ''}`,
        before: { date: e.date, decision: e.decision },
        after: { date: input.date, decision: input.decision, reportsToReapprove: reapprovals.map((r) => r.reportId) },
      });
      return { event, reapprovals };
    });
    return { applied: true, ...result };
  } catch (err) {
    if (err instanceof DryRun) return { applied: false, ...err.result };
    throw err;
  }
}
