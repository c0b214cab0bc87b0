/**
 * The editorial group's side of a consultation: forming the group, issuing versions (snapshots
 * of the draft's items by stable key), circulating a version, revising the draft, notes, and
 * the workspace that shows it all.
 */
import type pg from 'pg';
import type { Db, Queryable } from '../../db/pool';
import { inTransaction } from '../../db/pool';
import { answerState, type TeamRole } from '../../../domain/consultation';
import { formatVnDate, vnToday } from '../../../domain/vn-time';
import type { CirculateInput, FormTeamInput, People, ReviseItemInput, Workspace } from '../../../contracts/consultation';
import type { Actor } from '../../lib/actor';
import { recordAudit } from '../../lib/audit';
import { AppError, forbidden } from '../../lib/errors';
import { findItems, reviseDraftItem, type DocumentRow } from '../documents';
import { draftNotFound, openConsultation, type Access } from './consultation-access';
import { canEnterConference, canFormTeam, canLeadTeam, requireTeam } from './consultation.policy';
import { findRounds, findTeam, findVersionItems, findVersions } from './consultation.queries';

export const fieldError = (field: string, message: string) =>
  new AppError('validation_failed', { vi: message, en: 'Some fields are invalid.' }, { fields: [{ field, message }] });

const locked = (doc: DocumentRow) =>
  new AppError(
    'conflict',
    {
      vi: `Văn bản ${doc.symbol} đã được thông qua; góp ý và tiếp thu được giữ làm lịch sử, không sửa được nữa.`,
      en: 'The document is adopted.',
    },
    { reason: 'document_locked' },
  );

export function requireDraftOpen(doc: DocumentRow) {
  if (doc.status !== 'draft') throw locked(doc);
}

/** The workspace is the group's (and the issuing org's leadership's); a recipient only reads what was sent. */
function requireWorkspace(access: Access) {
  if (access.role === null && !access.canManage)
    throw forbidden({ vi: 'Trang này dành cho Tổ biên tập.', en: 'This page is the editorial group’s.' });
}

/**
 * Forms (or re-forms) the editorial group of a draft: exactly one head, the rest members or
 * secretaries. Needs consultation.manage on the issuing org.
 */
export async function formTeam(db: Db, actor: Actor, documentId: number, input: FormTeamInput) {
  await inTransaction(db, async (tx) => {
    const access = await openConsultation(tx, actor, documentId);
    if (!canFormTeam(actor, access.doc.orgPath)) {
      if (access.role === null && access.recipients.length === 0) throw draftNotFound();
      throw forbidden({
        vi: 'Chỉ lãnh đạo tổ chức ban hành được lập Tổ biên tập.',
        en: 'Only the issuing org’s leadership forms the group.',
      });
    }
    requireDraftOpen(access.doc);
    const heads = input.members.filter((m) => m.role === 'head').length;
    if (heads !== 1) throw fieldError('body.members', 'Tổ biên tập cần đúng một Tổ trưởng.');
    const ids = input.members.map((m) => m.userId);
    if (new Set(ids).size !== ids.length) throw fieldError('body.members', 'Một người chỉ giữ một vai trò trong Tổ biên tập.');
    const { rows: users } = await tx.query<{ id: number }>('SELECT id FROM users WHERE id = ANY($1::bigint[]) AND NOT is_disabled', [ids]);
    if (users.length !== ids.length) throw fieldError('body.members', 'Có người dùng không tồn tại hoặc đã bị khóa.');
    await tx.query('SELECT 1 FROM documents WHERE id = $1 FOR UPDATE', [documentId]);
    const before = await findTeam(tx, documentId);
    await tx.query('DELETE FROM consultation_team_members WHERE document_id = $1', [documentId]);
    await tx.query(
      `INSERT INTO consultation_team_members (document_id, user_id, role) SELECT $1, u, r FROM unnest($2::bigint[], $3::text[]) x(u, r)`,
      [documentId, ids, input.members.map((m) => m.role)],
    );
    await recordAudit(tx, actor, {
      action: 'form_team',
      entity: 'consultation',
      entityId: documentId,
      orgId: access.doc.orgId,
      orgPath: access.doc.orgPath,
      summary: `Lập Tổ biên tập dự thảo ${access.doc.symbol} (${ids.length} người)`,
      before,
      after: input.members,
    });
  });
  return getWorkspace(db, actor, documentId);
}

async function ensureConsultationRow(tx: Queryable, documentId: number) {
  await tx.query('INSERT INTO consultation_documents (document_id) VALUES ($1) ON CONFLICT DO NOTHING', [documentId]);
}

/** Locks the draft's consultation: issuing, disposing and adopting take turns on it. */
export async function lockConsultation(tx: pg.PoolClient, documentId: number) {
  await ensureConsultationRow(tx, documentId);
  await tx.query('SELECT 1 FROM consultation_documents WHERE document_id = $1 FOR UPDATE', [documentId]);
}

export async function countUndisposed(db: Queryable, documentId: number): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM consultation_comments WHERE document_id = $1 AND status = 'sent' AND disposition IS NULL`,
    [documentId],
  );
  return rows[0]!.n;
}

/**
 * Issues the next version: a snapshot of the draft's items in reading order. Refused while a
 * comment sent on an earlier version has no disposition (every comment is answered first).
 */
export async function issueVersion(
  db: Db,
  actor: Actor,
  documentId: number,
  note: string | null | undefined,
  opts: { isSample?: boolean } = {},
) {
  const id = await inTransaction(db, (tx) => issueVersionTx(tx, actor, documentId, note ?? null, opts));
  return getVersion(db, actor, id);
}

export async function issueVersionTx(
  tx: pg.PoolClient,
  actor: Actor,
  documentId: number,
  note: string | null,
  opts: { isSample?: boolean } = {},
): Promise<number> {
  const access = await openConsultation(tx, actor, documentId);
  requireTeam(access.role);
  requireDraftOpen(access.doc);
  await lockConsultation(tx, documentId);
  const open = await countUndisposed(tx, documentId);
  if (open > 0)
    throw new AppError(
      'conflict',
      {
        vi: `Còn ${open} ý kiến góp ý chưa được xử lý (tiếp thu, giải trình hoặc không tiếp thu). Hãy xử lý hết trước khi phát hành dự thảo mới.`,
        en: `${open} comments have no disposition yet.`,
      },
      { reason: 'comments_without_disposition', count: open },
    );
  const items = await findItems(tx, documentId);
  if (items.length === 0) throw fieldError('params.id', 'Dự thảo chưa có nội dung nào để phát hành.');
  // Depth-first reading order from the parent links: the line order of the Word draft.
  const children = new Map<number | null, typeof items>();
  for (const i of items) children.set(i.parentItemId, [...(children.get(i.parentItemId) ?? []), i]);
  const keyOf = new Map(items.map((i) => [i.id, i.stableKey]));
  const flat: { item: (typeof items)[number]; depth: number }[] = [];
  const walk = (parent: number | null, depth: number) => {
    for (const i of (children.get(parent) ?? []).sort((a, b) => a.position - b.position || a.id - b.id)) {
      flat.push({ item: i, depth });
      walk(i.id, depth + 1);
    }
  };
  walk(null, 0);
  const { rows } = await tx.query<{ id: number; versionNo: number }>(
    `INSERT INTO consultation_versions (document_id, version_no, note, issued_by, is_sample)
     VALUES ($1, (SELECT COALESCE(max(version_no), 0) + 1 FROM consultation_versions WHERE document_id = $1), $2, $3, $4)
     RETURNING id, version_no AS "versionNo"`,
    [documentId, note, actor.userId, opts.isSample ?? false],
  );
  const version = rows[0]!;
  await tx.query(
    `INSERT INTO consultation_version_items (version_id, stable_key, parent_key, kind, ord, depth, text, value, value_min, value_max, unit)
     SELECT $1, x.k, x.p, x.kind, x.ord, x.depth, x.text, x.v, x.vmin, x.vmax, x.unit
       FROM unnest($2::uuid[], $3::uuid[], $4::text[], $5::int[], $6::int[], $7::text[], $8::numeric[], $9::numeric[], $10::numeric[], $11::text[])
            AS x(k, p, kind, ord, depth, text, v, vmin, vmax, unit)`,
    [
      version.id,
      flat.map((f) => f.item.stableKey),
      flat.map((f) => (f.item.parentItemId === null ? null : keyOf.get(f.item.parentItemId)!)),
      flat.map((f) => f.item.kind),
      flat.map((_f, n) => n + 1),
      flat.map((f) => f.depth),
      flat.map((f) => f.item.text),
      flat.map((f) => f.item.value),
      flat.map((f) => f.item.valueMin),
      flat.map((f) => f.item.valueMax),
      flat.map((f) => f.item.unit),
    ],
  );
  await recordAudit(tx, actor, {
    action: 'issue_version',
    entity: 'consultation',
    entityId: documentId,
    orgId: access.doc.orgId,
    orgPath: access.doc.orgPath,
    summary: `Phát hành dự thảo lần ${version.versionNo} của ${access.doc.symbol} (${flat.length} mục)`,
    after: { versionNo: version.versionNo, note },
  });
  return version.id;
}

export async function versionAccess(db: Queryable, actor: Actor, versionId: number) {
  const { rows } = await db.query<{ documentId: number }>('SELECT document_id AS "documentId" FROM consultation_versions WHERE id = $1', [
    versionId,
  ]);
  if (!rows[0]) throw draftNotFound();
  const access = await openConsultation(db, actor, rows[0].documentId);
  // Readers see only the versions sent to them.
  const isSentToMe = access.recipients.some((r) => r.versionId === versionId);
  if (access.role === null && !access.canManage && !isSentToMe) throw draftNotFound();
  return access;
}

export async function getVersion(db: Queryable, actor: Actor, versionId: number) {
  const access = await versionAccess(db, actor, versionId);
  const { rows } = await db.query<{ id: number; versionNo: number; note: string | null; issuedAt: string }>(
    'SELECT id, version_no AS "versionNo", note, issued_at AS "issuedAt" FROM consultation_versions WHERE id = $1',
    [versionId],
  );
  return {
    ...rows[0]!,
    documentId: access.doc.id,
    documentTitle: access.doc.title,
    documentSymbol: access.doc.symbol,
    items: await findVersionItems(db, versionId),
  };
}

/**
 * Sends a version for comments to orgs of the issuing org's subtree and to people, with a
 * deadline; each gets a notification now, and reminders from the daily job.
 */
export async function circulate(
  db: Db,
  actor: Actor,
  versionId: number,
  input: CirculateInput,
  opts: { isSample?: boolean; today?: string } = {},
) {
  const roundId = await inTransaction(db, (tx) => circulateTx(tx, actor, versionId, input, opts));
  const { rows } = await db.query<{ documentId: number }>('SELECT document_id AS "documentId" FROM consultation_rounds WHERE id = $1', [
    roundId,
  ]);
  const workspace = await getWorkspace(db, actor, rows[0]!.documentId);
  return workspace.rounds.find((r) => r.id === roundId)!;
}

export async function circulateTx(
  tx: pg.PoolClient,
  actor: Actor,
  versionId: number,
  input: CirculateInput,
  opts: { isSample?: boolean; today?: string } = {},
): Promise<number> {
  const access = await versionAccess(tx, actor, versionId);
  requireTeam(access.role);
  requireDraftOpen(access.doc);
  const doc = access.doc;
  if (input.orgIds.length + input.userIds.length === 0)
    throw fieldError('body.orgIds', 'Hãy chọn ít nhất một tổ chức hoặc một người nhận.');
  if (input.deadline < (opts.today ?? vnToday())) throw fieldError('body.deadline', 'Hạn góp ý không được trước ngày hôm nay.');
  const orgIds = [...new Set(input.orgIds)];
  const userIds = [...new Set(input.userIds)];
  // Recipients are orgs of the issuing org's subtree (its departments, districts, grassroots).
  const { rows: orgs } = await tx.query<{ id: number }>(
    `SELECT id FROM orgs WHERE id = ANY($1::bigint[]) AND path <@ $2::ltree AND id <> $3 AND (valid_to IS NULL OR valid_to > now()::date)`,
    [orgIds, doc.orgPath, doc.orgId],
  );
  if (orgs.length !== orgIds.length) throw fieldError('body.orgIds', `Chỉ gửi xin ý kiến các tổ chức trực thuộc ${doc.orgName}.`);
  // People are those holding a role in the issuing org's subtree (committee members, heads of departments).
  const { rows: users } = await tx.query<{ id: number }>(
    `SELECT u.id FROM users u WHERE u.id = ANY($1::bigint[]) AND NOT u.is_disabled
        AND EXISTS (SELECT 1 FROM user_roles ur JOIN orgs o ON o.id = ur.org_id WHERE ur.user_id = u.id AND o.path <@ $2::ltree)`,
    [userIds, doc.orgPath],
  );
  if (users.length !== userIds.length)
    throw fieldError('body.userIds', `Chỉ gửi xin ý kiến người đang giữ vai trò trong ${doc.orgName} hoặc tổ chức trực thuộc.`);
  const { rows } = await tx.query<{ id: number }>(
    `INSERT INTO consultation_rounds (document_id, version_id, deadline, message, created_by, is_sample) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [doc.id, versionId, input.deadline, input.message ?? null, actor.userId, opts.isSample ?? false],
  );
  const roundId = rows[0]!.id;
  await tx.query(`INSERT INTO consultation_recipients (round_id, org_id) SELECT $1, unnest($2::bigint[])`, [roundId, orgIds]);
  await tx.query(`INSERT INTO consultation_recipients (round_id, user_id) SELECT $1, unnest($2::bigint[])`, [roundId, userIds]);
  // The notice on each recipient's page: people in their name; for an org, its leaders and reporters.
  await tx.query(
    `INSERT INTO notifications (user_id, kind, title, body, link, dedupe_key)
     SELECT DISTINCT ON (x.user_id) x.user_id, 'consultation', $2, $3, x.link, 'consultation:' || $1 || ':sent'
       FROM (SELECT c.user_id, '/drafts/' || $4::bigint || '?recipient=' || c.id AS link
               FROM consultation_recipients c WHERE c.round_id = $1 AND c.user_id IS NOT NULL
             UNION ALL SELECT ur.user_id, '/consultation' FROM consultation_recipients c JOIN user_roles ur ON ur.org_id = c.org_id
                    AND ur.role IN ('manager','reporter') WHERE c.round_id = $1) x
      ORDER BY x.user_id, x.link DESC
     ON CONFLICT DO NOTHING`,
    [roundId, `Xin ý kiến dự thảo: ${doc.title}`.slice(0, 300), `Hạn góp ý ${formatVnDate(input.deadline)}.`, versionId],
  );
  await recordAudit(tx, actor, {
    action: 'circulate',
    entity: 'consultation',
    entityId: doc.id,
    orgId: doc.orgId,
    orgPath: doc.orgPath,
    summary: `Gửi xin ý kiến dự thảo ${doc.symbol} tới ${orgIds.length} tổ chức, ${userIds.length} người; hạn ${input.deadline}`,
    after: { versionId, ...input },
  });
  return roundId;
}

/**
 * People the group may send the draft to in their own name: users holding a role on the issuing
 * org or an org under it (the committee's members, heads of departments), found by name
 * ignoring diacritics. The group's alone, like circulating.
 */
export async function findPeople(db: Queryable, actor: Actor, documentId: number, q: string | undefined): Promise<People> {
  const access = await openConsultation(db, actor, documentId);
  requireTeam(access.role);
  const { rows } = await db.query<People['items'][number]>(
    `SELECT u.id AS "userId", u.full_name AS "fullName",
            string_agg(DISTINCT o.name, ', ' ORDER BY o.name) AS "orgNames"
       FROM users u JOIN user_roles ur ON ur.user_id = u.id JOIN orgs o ON o.id = ur.org_id
      WHERE NOT u.is_disabled AND o.path <@ $1::ltree
        AND ($2::text IS NULL OR vn_fold(u.full_name) LIKE '%' || vn_fold($2) || '%')
      GROUP BY u.id, u.full_name
      ORDER BY u.full_name COLLATE "vi-x-icu", u.id
      LIMIT 50`,
    [access.doc.orgPath, q ? q.normalize('NFC') : null],
  );
  return { items: rows };
}

/** The group revises the draft's item with this stable key (wording, a target's value). */
export async function reviseItem(db: Db, actor: Actor, documentId: number, stableKey: string, input: ReviseItemInput) {
  return inTransaction(db, async (tx) => {
    const access = await openConsultation(tx, actor, documentId);
    requireTeam(access.role);
    requireDraftOpen(access.doc);
    return reviseDraftItem(tx, actor, access.doc, stableKey, input);
  });
}

export async function addNote(db: Db, actor: Actor, documentId: number, body: string) {
  return inTransaction(db, async (tx) => {
    const access = await openConsultation(tx, actor, documentId);
    requireTeam(access.role);
    const { rows } = await tx.query<{ id: number; body: string; createdAt: string }>(
      `INSERT INTO consultation_notes (document_id, author_id, body) VALUES ($1, $2, $3) RETURNING id, body, created_at AS "createdAt"`,
      [documentId, actor.userId, body.normalize('NFC')],
    );
    await recordAudit(tx, actor, {
      action: 'note',
      entity: 'consultation',
      entityId: documentId,
      orgId: access.doc.orgId,
      orgPath: access.doc.orgPath,
      summary: `Ghi chú của Tổ biên tập dự thảo ${access.doc.symbol}`,
    });
    return { ...rows[0]!, authorName: actor.fullName };
  });
}

/** The group's working notes: private to the group (the issuing org's leadership included neither). */
export async function findNotes(db: Db, actor: Actor, documentId: number) {
  const access = await openConsultation(db, actor, documentId);
  requireTeam(access.role);
  const { rows } = await db.query(
    `SELECT n.id, n.body, u.full_name AS "authorName", n.created_at AS "createdAt"
       FROM consultation_notes n LEFT JOIN users u ON u.id = n.author_id WHERE n.document_id = $1 ORDER BY n.id DESC`,
    [documentId],
  );
  return { items: rows };
}

export async function getWorkspace(db: Queryable, actor: Actor, documentId: number, today = vnToday()): Promise<Workspace> {
  const access = await openConsultation(db, actor, documentId);
  requireWorkspace(access);
  const { doc, role } = access;
  const [team, versions, { rounds, recipients }] = await Promise.all([
    findTeam(db, documentId),
    findVersions(db, documentId),
    findRounds(db, documentId),
  ]);
  const { rows: counts } = await db.query<{ total: number; undisposed: number; pending: number }>(
    `SELECT count(*) FILTER (WHERE status = 'sent')::int AS total,
            count(*) FILTER (WHERE status = 'sent' AND disposition IS NULL)::int AS undisposed,
            count(*) FILTER (WHERE status = 'pending_approval')::int AS pending
       FROM consultation_comments WHERE document_id = $1`,
    [documentId],
  );
  const { rows: meta } = await db.query<{
    synthesisPublishedAt: string | null;
    meetingName: string | null;
    meetingDate: string | null;
    mode: 'in_person' | 'online' | 'hybrid' | null;
    bridgePoints: string[];
    attendance: number | null;
    votesFor: number | null;
    votesAgainst: number | null;
    votesAbstain: number | null;
    adoptedVersionNo: number | null;
  }>(
    `SELECT d.synthesis_published_at AS "synthesisPublishedAt", d.meeting_name AS "meetingName",
            to_char(d.meeting_date, 'YYYY-MM-DD') AS "meetingDate", d.meeting_mode AS mode, d.bridge_points AS "bridgePoints",
            d.attendance, d.votes_for AS "votesFor", d.votes_against AS "votesAgainst", d.votes_abstain AS "votesAbstain",
            v.version_no AS "adoptedVersionNo"
       FROM consultation_documents d LEFT JOIN consultation_versions v ON v.id = d.adopted_version_id WHERE d.document_id = $1`,
    [documentId],
  );
  const m = meta[0];
  const c = counts[0]!;
  const isDraft = doc.status === 'draft';
  const teamRole: TeamRole | null = role;
  return {
    document: {
      id: doc.id,
      symbol: doc.symbol,
      title: doc.title,
      status: doc.status,
      orgId: doc.orgId,
      orgName: doc.orgName,
      issueDate: doc.issueDate,
    },
    myRole: teamRole,
    team,
    versions,
    rounds: rounds.map((r) => {
      const mine = recipients.filter((x) => x.roundId === r.id);
      return {
        ...r,
        answered: mine.filter((x) => x.answeredAt !== null).length,
        total: mine.length,
        recipients: mine.map((x) => ({
          id: x.id,
          orgId: x.orgId,
          userId: x.userId,
          name: x.name,
          answeredAt: x.answeredAt,
          state: answerState(r.deadline, x.answeredOn, today),
        })),
      };
    }),
    comments: { total: c.total, undisposed: c.undisposed, pendingApproval: c.pending },
    draft:
      teamRole === null
        ? []
        : (await findItems(db, documentId)).map((i) => ({
            stableKey: i.stableKey,
            kind: i.kind,
            text: i.text,
            value: i.value === null ? null : Number(i.value),
            hasValue: i.comparator !== null && i.comparator !== 'range',
            version: i.version,
          })),
    synthesisPublishedAt: m?.synthesisPublishedAt ?? null,
    adoption:
      m && m.meetingDate && m.mode && m.meetingName
        ? {
            meetingName: m.meetingName,
            meetingDate: m.meetingDate,
            mode: m.mode,
            bridgePoints: m.bridgePoints,
            attendance: m.attendance ?? 0,
            votesFor: m.votesFor ?? 0,
            votesAgainst: m.votesAgainst ?? 0,
            votesAbstain: m.votesAbstain ?? 0,
            adoptedVersionNo: m.adoptedVersionNo,
          }
        : null,
    abilities: {
      formTeam: isDraft && canFormTeam(actor, doc.orgPath),
      edit: isDraft && teamRole !== null,
      issue: isDraft && teamRole !== null,
      circulate: isDraft && teamRole !== null && versions.length > 0,
      dispose: isDraft && teamRole !== null,
      enterConference: isDraft && canEnterConference(teamRole),
      publish: canLeadTeam(teamRole),
      adopt: isDraft && canLeadTeam(teamRole) && versions.length > 0,
    },
  };
}
