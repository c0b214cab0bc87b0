/**
 * Comments on a draft version and what the editorial group does with them: comments in a
 * person's or an org's name (the org's sent after its leader approves), comments spoken at a
 * conference entered by the secretary, dispositions, the grouped view and the comparison of
 * two versions with the comments that caused each change.
 */
import type { Db, Queryable } from '../../db/pool';
import { inTransaction } from '../../db/pool';
import { compareVersions, dispositionNeedsReason, dispositionLabels } from '../../../domain/consultation';
import type {
  Comment,
  Comparison,
  ConferenceCommentInput,
  CreateCommentInput,
  DisposeInput,
  CommentsQuery,
  GroupedComments,
} from '../../../contracts/consultation';
import type { Actor } from '../../lib/actor';
import { recordAudit } from '../../lib/audit';
import { AppError, forbidden, notFound, versionConflict } from '../../lib/errors';
import { isSystemActor } from '../../lib/policy';
import { draftNotFound, openConsultation, orgActScope, type Access } from './consultation-access';
import { canEnterConference, canSendForOrg, requireTeam, requireTeamLead } from './consultation.policy';
import { commentColumns, commentJoins, findVersionItems, type CommentRow } from './consultation.queries';
import { fieldError, requireDraftOpen } from './consultation.service';

const commentNotFound = () => notFound({ vi: 'Không tìm thấy ý kiến góp ý.', en: 'Comment not found.' });

function present(actor: Actor, row: CommentRow): Comment {
  const { documentId: _d, orgPath, recipientId: _r, authorId: _a, ...rest } = row;
  return { ...rest, canApprove: row.status === 'pending_approval' && orgPath !== null && canSendForOrg(actor, orgPath) };
}

async function getComment(db: Queryable, id: number): Promise<CommentRow | undefined> {
  const { rows } = await db.query<CommentRow>(`SELECT ${commentColumns} ${commentJoins} WHERE c.id = $1`, [id]);
  return rows[0];
}

async function requireItemInVersion(db: Queryable, versionId: number, itemKey: string | null | undefined) {
  if (!itemKey) return;
  const { rows } = await db.query('SELECT 1 FROM consultation_version_items WHERE version_id = $1 AND stable_key = $2', [
    versionId,
    itemKey,
  ]);
  if (rows.length === 0) throw fieldError('body.itemKey', 'Mục được góp ý không có trong dự thảo đã gửi.');
}

async function markAnswered(db: Queryable, recipientId: number | null) {
  if (recipientId !== null)
    await db.query('UPDATE consultation_recipients SET answered_at = now() WHERE id = $1 AND answered_at IS NULL', [recipientId]);
}

/**
 * A recipient's comment on the version sent to them, on an item or on the whole document. In a
 * person's name it is sent at once; in an org's name it waits for the org's leader unless the
 * leader writes it.
 */
export async function createComment(db: Db, actor: Actor, input: CreateCommentInput) {
  const id = await inTransaction(db, async (tx) => {
    const { rows } = await tx.query<{
      id: number;
      documentId: number;
      versionId: number;
      orgId: number | null;
      orgPath: string | null;
      userId: number | null;
    }>(
      `SELECT c.id, r.document_id AS "documentId", r.version_id AS "versionId", c.org_id AS "orgId", o.path::text AS "orgPath", c.user_id AS "userId"
         FROM consultation_recipients c JOIN consultation_rounds r ON r.id = c.round_id LEFT JOIN orgs o ON o.id = c.org_id
        WHERE c.id = $1 AND (c.user_id = $2 OR (c.org_id IS NOT NULL AND ($3::ltree[] IS NULL OR o.path = ANY($3::ltree[]))))`,
      [input.recipientId, actor.userId ?? -1, orgActScope(actor)],
    );
    const recipient = rows[0];
    if (!recipient) throw notFound({ vi: 'Không tìm thấy dự thảo được gửi xin ý kiến.', en: 'Consultation not found.' });
    const access = await openConsultation(tx, actor, recipient.documentId);
    requireDraftOpen(access.doc);
    await requireItemInVersion(tx, recipient.versionId, input.itemKey);
    const isSent = recipient.orgPath === null || canSendForOrg(actor, recipient.orgPath);
    const { rows: created } = await tx.query<{ id: number }>(
      `INSERT INTO consultation_comments (document_id, version_id, recipient_id, item_key, author_id, org_id, source, body, proposed_text,
          proposed_value, status, approved_by, sent_at)
       VALUES ($1, $2, $3, $4, $5, $6, 'written', $7, $8, $9, $10, $11, CASE WHEN $10 = 'sent' THEN now() END) RETURNING id`,
      [
        recipient.documentId,
        recipient.versionId,
        recipient.id,
        input.itemKey ?? null,
        actor.userId,
        recipient.orgId,
        input.body.normalize('NFC'),
        input.proposedText?.normalize('NFC') ?? null,
        input.proposedValue ?? null,
        isSent ? 'sent' : 'pending_approval',
        isSent && recipient.orgId !== null ? actor.userId : null,
      ],
    );
    if (isSent) await markAnswered(tx, recipient.id);
    await recordAudit(tx, actor, {
      action: 'comment',
      entity: 'consultation_comment',
      entityId: created[0]!.id,
      orgId: access.doc.orgId,
      orgPath: access.doc.orgPath,
      summary: `Góp ý dự thảo ${access.doc.symbol}${isSent ? '' : ' (chờ lãnh đạo duyệt)'}`,
      after: input,
    });
    return created[0]!.id;
  });
  return present(actor, (await getComment(db, id))!);
}

/** The org's leader approves a comment drafted in the org's name: it is sent to the group. */
export async function approveComment(db: Db, actor: Actor, commentId: number) {
  await inTransaction(db, async (tx) => {
    const row = await getComment(tx, commentId);
    if (!row || row.orgPath === null) throw commentNotFound();
    const access = await openConsultation(tx, actor, row.documentId);
    const isMine = access.recipients.some((r) => r.id === row.recipientId);
    if (!isMine) throw commentNotFound();
    if (!canSendForOrg(actor, row.orgPath))
      throw forbidden({
        vi: 'Chỉ lãnh đạo tổ chức được duyệt gửi góp ý nhân danh tổ chức.',
        en: 'Only the org’s leader sends in its name.',
      });
    requireDraftOpen(access.doc);
    if (row.status !== 'pending_approval')
      throw new AppError('conflict', { vi: 'Góp ý này đã được gửi.', en: 'This comment was already sent.' });
    await tx.query(
      `UPDATE consultation_comments SET status = 'sent', approved_by = $2, sent_at = now(), version = version + 1 WHERE id = $1`,
      [commentId, actor.userId],
    );
    await markAnswered(tx, row.recipientId);
    await recordAudit(tx, actor, {
      action: 'approve',
      entity: 'consultation_comment',
      entityId: commentId,
      orgId: row.orgId,
      orgPath: row.orgPath,
      summary: `Duyệt gửi góp ý của ${row.orgName ?? ''} về dự thảo ${access.doc.symbol}`,
    });
  });
  return present(actor, (await getComment(db, commentId))!);
}

/** A comment spoken at a conference, entered by the group's secretary (or head) with who said it. */
export async function enterConferenceComment(
  db: Db,
  actor: Actor,
  documentId: number,
  input: ConferenceCommentInput,
  opts: { isSample?: boolean } = {},
) {
  const id = await inTransaction(db, async (tx) => {
    const access = await openConsultation(tx, actor, documentId);
    requireTeam(access.role);
    if (!canEnterConference(access.role))
      throw forbidden({
        vi: 'Ý kiến tại hội nghị do Thư ký Tổ biên tập ghi nhận.',
        en: 'The group’s secretary enters conference comments.',
      });
    requireDraftOpen(access.doc);
    const { rows: v } = await tx.query('SELECT 1 FROM consultation_versions WHERE id = $1 AND document_id = $2', [
      input.versionId,
      documentId,
    ]);
    if (v.length === 0) throw fieldError('body.versionId', 'Dự thảo được góp ý không phải của văn bản này.');
    await requireItemInVersion(tx, input.versionId, input.itemKey);
    if (input.orgId) {
      const { rows } = await tx.query('SELECT 1 FROM orgs WHERE id = $1 AND path <@ $2::ltree', [input.orgId, access.doc.orgPath]);
      if (rows.length === 0) throw fieldError('body.orgId', `Đơn vị của người phát biểu phải thuộc ${access.doc.orgName}.`);
    }
    const { rows } = await tx.query<{ id: number }>(
      `INSERT INTO consultation_comments (document_id, version_id, item_key, author_id, org_id, source, speaker_name, speaker_title, body,
          proposed_text, proposed_value, status, sent_at, is_sample)
       VALUES ($1, $2, $3, $4, $5, 'conference', $6, $7, $8, $9, $10, 'sent', now(), $11) RETURNING id`,
      [
        documentId,
        input.versionId,
        input.itemKey ?? null,
        actor.userId,
        input.orgId ?? null,
        input.speakerName.normalize('NFC'),
        input.speakerTitle?.normalize('NFC') ?? null,
        input.body.normalize('NFC'),
        input.proposedText?.normalize('NFC') ?? null,
        input.proposedValue ?? null,
        opts.isSample ?? false,
      ],
    );
    await recordAudit(tx, actor, {
      action: 'conference_comment',
      entity: 'consultation_comment',
      entityId: rows[0]!.id,
      orgId: access.doc.orgId,
      orgPath: access.doc.orgPath,
      summary: `Ghi ý kiến của ${input.speakerName} tại hội nghị về dự thảo ${access.doc.symbol}`,
      after: input,
    });
    return rows[0]!.id;
  });
  return present(actor, (await getComment(db, id))!);
}

/**
 * Disposes of a comment: taken in (the change shows in the next version on the same item),
 * explained or not taken in (with the reason). Two members disposing at once: the second gets
 * 409 with the version it sent.
 */
export async function disposeComment(db: Db, actor: Actor, documentId: number, commentId: number, input: DisposeInput) {
  await inTransaction(db, async (tx) => {
    const access = await openConsultation(tx, actor, documentId);
    requireTeam(access.role);
    requireDraftOpen(access.doc);
    const row = await getComment(tx, commentId);
    if (!row) throw commentNotFound();
    if (row.documentId !== documentId)
      throw fieldError('params.commentId', 'Ý kiến góp ý này thuộc một dự thảo khác, không xử lý ở đây được.');
    if (row.status !== 'sent') throw commentNotFound();
    if (dispositionNeedsReason(input.disposition) && !input.reason)
      throw fieldError('body.reason', `${dispositionLabels[input.disposition]} cần nêu lý do.`);
    const { rowCount } = await tx.query(
      `UPDATE consultation_comments SET disposition = $3, disposition_reason = $4, disposed_by = $5, disposed_at = now(), version = version + 1
        WHERE id = $1 AND version = $2`,
      [commentId, input.version, input.disposition, input.reason?.normalize('NFC') ?? null, actor.userId],
    );
    if (rowCount === 0) throw versionConflict();
    await recordAudit(tx, actor, {
      action: 'dispose',
      entity: 'consultation_comment',
      entityId: commentId,
      orgId: access.doc.orgId,
      orgPath: access.doc.orgPath,
      summary: `${dispositionLabels[input.disposition]} góp ý #${commentId} về dự thảo ${access.doc.symbol}`,
      before: { disposition: row.disposition, reason: row.dispositionReason },
      after: { disposition: input.disposition, reason: input.reason ?? null },
    });
  });
  return present(actor, (await getComment(db, commentId))!);
}

/** Below this many comments the grouped view carries them all; above it, counts and pages. */
export const INLINE_COMMENTS = 200;
/** Comments in one page of one group. */
export const GROUP_PAGE_SIZE = 50;

/**
 * Which comments of the draft the caller sees, as SQL over `c` with parameters from $2: the
 * group and the issuing org's leadership see every sent one; a recipient sees its own (drafts
 * included) and, once the synthesis is published, every sent one. One org never sees
 * another's before that.
 */
async function visibility(db: Queryable, actor: Actor, access: Access) {
  const seesAll = access.role !== null || access.canManage || isSystemActor(actor);
  const { rows: pub } = await db.query<{ published: boolean }>(
    'SELECT synthesis_published_at IS NOT NULL AS published FROM consultation_documents WHERE document_id = $1',
    [access.doc.id],
  );
  const isPublished = pub[0]?.published ?? false;
  return {
    where: `c.document_id = $1 AND ((($2::boolean OR $3::boolean) AND c.status = 'sent') OR c.recipient_id = ANY($4::bigint[]))`,
    params: [access.doc.id, seesAll, isPublished, access.recipients.map((r) => r.id)] as unknown[],
  };
}

type ItemLabel = { text: string; kind: string; ord: number | null; isRemoved: boolean };

/**
 * What each commented item is called, in the reading order of the latest version; an item no
 * longer in it keeps the text of the last version that had it, marked removed.
 */
export async function itemLabels(db: Queryable, documentId: number, keys: readonly string[]): Promise<Map<string, ItemLabel>> {
  const { rows: latest } = await db.query<{ id: number }>(
    'SELECT id FROM consultation_versions WHERE document_id = $1 ORDER BY version_no DESC LIMIT 1',
    [documentId],
  );
  const latestItems = latest[0] ? await findVersionItems(db, latest[0].id) : [];
  const labels = new Map<string, ItemLabel>(
    latestItems.map((i) => [i.stableKey, { text: i.text, kind: i.kind, ord: i.ord, isRemoved: false }]),
  );
  const missing = keys.filter((k) => !labels.has(k));
  if (missing.length > 0) {
    const { rows: removed } = await db.query<{ stableKey: string; text: string; kind: string }>(
      `SELECT DISTINCT ON (i.stable_key) i.stable_key::text AS "stableKey", i.text, i.kind
         FROM consultation_version_items i JOIN consultation_versions v ON v.id = i.version_id
        WHERE v.document_id = $1 AND i.stable_key = ANY($2::uuid[]) ORDER BY i.stable_key, v.version_no DESC`,
      [documentId, missing],
    );
    for (const r of removed) labels.set(r.stableKey, { text: r.text, kind: r.kind, ord: null, isRemoved: true });
  }
  return labels;
}

/** Groups in reading order: comments on the whole document first, removed items last. */
export function byReadingOrder<G extends { itemKey: string | null; ord: number | null }>(groups: Iterable<G>): G[] {
  const rank = (g: G) => (g.itemKey === null ? -1 : (g.ord ?? Number.MAX_SAFE_INTEGER));
  return [...groups].sort((a, b) => rank(a) - rank(b));
}

/**
 * The comments grouped by item, in the reading order of the latest version; comments on the
 * whole document first; an item no longer in the latest version shows as removed. A provincial
 * draft gathers tens of thousands of comments: the view then carries each group's counts, and
 * one group's comments come a page at a time (`query.item`), so that neither the answer nor the
 * page grows with the whole round.
 */
export async function findGroupedComments(
  db: Queryable,
  actor: Actor,
  documentId: number,
  query: Partial<CommentsQuery> = {},
): Promise<GroupedComments> {
  const access = await openConsultation(db, actor, documentId);
  const { where, params } = await visibility(db, actor, access);
  const { rows: counts } = await db.query<{ itemKey: string | null; count: number; undisposed: number }>(
    `SELECT c.item_key::text AS "itemKey", count(*)::int AS count,
            count(*) FILTER (WHERE c.status = 'sent' AND c.disposition IS NULL)::int AS undisposed
       FROM consultation_comments c WHERE ${where} GROUP BY c.item_key`,
    params,
  );
  const total = counts.reduce((n, g) => n + g.count, 0);
  const undisposed = counts.reduce((n, g) => n + g.undisposed, 0);
  const wanted = query.item === undefined ? counts : counts.filter((g) => (g.itemKey ?? 'document') === query.item);
  const labels = await itemLabels(
    db,
    documentId,
    wanted.flatMap((g) => (g.itemKey === null ? [] : [g.itemKey])),
  );
  const page = query.page ?? 1;
  let rows: CommentRow[] = [];
  if (query.item !== undefined) {
    const key = query.item === 'document' ? null : query.item;
    ({ rows } = await db.query<CommentRow>(
      `SELECT ${commentColumns} ${commentJoins}
        WHERE ${where} AND c.item_key IS NOT DISTINCT FROM $5::uuid ORDER BY c.id LIMIT $6 OFFSET $7`,
      [...params, key, GROUP_PAGE_SIZE, (page - 1) * GROUP_PAGE_SIZE],
    ));
  } else if (total <= INLINE_COMMENTS) {
    ({ rows } = await db.query<CommentRow>(`SELECT ${commentColumns} ${commentJoins} WHERE ${where} ORDER BY c.id`, params));
  }
  const commentsOf = new Map<string, Comment[]>();
  for (const c of rows) {
    const key = c.itemKey ?? '';
    const list = commentsOf.get(key) ?? [];
    list.push(present(actor, c));
    commentsOf.set(key, list);
  }
  const groups = byReadingOrder(
    wanted.map((g) => {
      const label = g.itemKey === null ? undefined : labels.get(g.itemKey);
      return {
        itemKey: g.itemKey,
        itemText: label?.text ?? null,
        kind: label?.kind ?? null,
        ord: label?.ord ?? null,
        isRemoved: g.itemKey !== null && (label?.isRemoved ?? true),
        count: g.count,
        undisposed: g.undisposed,
        comments: commentsOf.get(g.itemKey ?? '') ?? [],
      };
    }),
  );
  return {
    groups,
    total,
    undisposed,
    isComplete: groups.every((g) => g.comments.length === g.count),
    page,
    pageSize: GROUP_PAGE_SIZE,
  };
}

/**
 * Two versions item by item; each changed, added or removed item lists the comments taken in
 * on it between the two (made on the older version or any before the newer).
 */
export async function compareDraftVersions(
  db: Queryable,
  actor: Actor,
  documentId: number,
  fromId: number,
  toId: number,
): Promise<Comparison> {
  const access = await openConsultation(db, actor, documentId);
  if (access.role === null && !access.canManage) throw draftNotFound();
  const { rows } = await db.query<{ id: number; versionNo: number }>(
    'SELECT id, version_no AS "versionNo" FROM consultation_versions WHERE document_id = $1 AND id = ANY($2::bigint[])',
    [documentId, [fromId, toId]],
  );
  const from = rows.find((r) => r.id === fromId);
  const to = rows.find((r) => r.id === toId);
  if (!from) throw fieldError('querystring.from', 'Phiên bản so sánh không thuộc dự thảo này.');
  if (!to) throw fieldError('querystring.to', 'Phiên bản so sánh không thuộc dự thảo này.');
  if (from.versionNo >= to.versionNo) throw fieldError('querystring.to', 'Phiên bản sau phải mới hơn phiên bản trước.');
  const [a, b] = await Promise.all([findVersionItems(db, from.id), findVersionItems(db, to.id)]);
  const { rows: accepted } = await db.query<CommentRow>(
    `SELECT ${commentColumns} ${commentJoins}
      WHERE c.document_id = $1 AND c.status = 'sent' AND c.disposition = 'accepted' AND c.item_key IS NOT NULL
        AND v.version_no >= $2 AND v.version_no < $3 ORDER BY c.id`,
    [documentId, from.versionNo, to.versionNo],
  );
  const causes = new Map<string, Comment[]>();
  for (const c of accepted) causes.set(c.itemKey!, [...(causes.get(c.itemKey!) ?? []), present(actor, c)]);
  return {
    from,
    to,
    items: compareVersions(a, b).map((i) => ({ ...i, causes: i.change === 'same' ? [] : (causes.get(i.stableKey) ?? []) })),
  };
}

/** Publishes the synthesis: every recipient then reads every sent comment and its disposition. */
export async function publishSynthesis(db: Db, actor: Actor, documentId: number) {
  await inTransaction(db, async (tx) => {
    const access = await openConsultation(tx, actor, documentId);
    requireTeam(access.role);
    requireTeamLead(access.role);
    await tx.query('INSERT INTO consultation_documents (document_id) VALUES ($1) ON CONFLICT DO NOTHING', [documentId]);
    await tx.query(
      'UPDATE consultation_documents SET synthesis_published_at = COALESCE(synthesis_published_at, now()) WHERE document_id = $1',
      [documentId],
    );
    await recordAudit(tx, actor, {
      action: 'publish_synthesis',
      entity: 'consultation',
      entityId: documentId,
      orgId: access.doc.orgId,
      orgPath: access.doc.orgPath,
      summary: `Công bố báo cáo tổng hợp ý kiến góp ý dự thảo ${access.doc.symbol}`,
    });
  });
}
