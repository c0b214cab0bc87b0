import type pg from 'pg';
import type { Db } from '../../../db/pool';
import { inTransaction } from '../../../db/pool';
import { canSeeReflection, reflectionAbilities, requireReviewReflection } from '../study.policy';
import { inScopeSql, scopeOf, type Actor } from '../../../lib/actor';
import { recordAudit } from '../../../lib/audit';
import { AppError, notFound, versionConflict } from '../../../lib/errors';
import { findDocumentReadable } from '../../documents';
import { findOrgInScope } from '../../orgs';
import type { ReflectionView } from '../../../../contracts/study-reflections';

const reflectionNotFound = () => notFound({ vi: 'Không tìm thấy bài thu hoạch.', en: 'Reflection not found.' });
const pledgeNotFound = () => notFound({ vi: 'Không tìm thấy bản cam kết.', en: 'Pledge not found.' });
const notAMember = () =>
  new AppError('forbidden', { vi: 'Tài khoản này chưa gắn với đảng viên nào.', en: 'This account is not linked to a member.' });

const reflectionColumns = `r.id, r.member_id AS "memberId", m.full_name AS "memberName", m.code AS "memberCode", mo.name AS "orgName",
  mo.path::text AS "orgPath", r.document_id AS "documentId", d.title AS "documentTitle", r.session_id AS "sessionId",
  r.body, r.file_name AS "fileName", r.status, r.review_note AS "reviewNote", r.reviewed_at AS "reviewedAt", r.updated_at AS "updatedAt", r.version`;
const reflectionFrom = `reflections r JOIN members m ON m.id = r.member_id JOIN orgs mo ON mo.id = m.org_id JOIN documents d ON d.id = r.document_id`;

type ReflectionRow = Omit<ReflectionView, 'abilities' | 'reviewedAt' | 'updatedAt'> & {
  orgPath: string;
  reviewedAt: Date | null;
  updatedAt: Date;
};

/** The cell's secretary (study.write on the member's cell) reviews; the member edits their own until accepted. */
function presentReflection(actor: Actor, r: ReflectionRow): ReflectionView {
  const { orgPath: _orgPath, ...rest } = r;
  return {
    ...rest,
    reviewedAt: r.reviewedAt ? r.reviewedAt.toISOString() : null,
    updatedAt: r.updatedAt.toISOString(),
    abilities: reflectionAbilities(actor, r),
  };
}

function requireMember(actor: Actor): number {
  if (!actor.memberId) throw notAMember();
  return actor.memberId;
}

async function loadReflection(db: Db | pg.PoolClient, id: number, lock = false) {
  const { rows } = await db.query<ReflectionRow>(
    `SELECT ${reflectionColumns} FROM ${reflectionFrom} WHERE r.id = $1 ${lock ? 'FOR UPDATE OF r' : ''}`,
    [id],
  );
  return rows[0];
}

/** A reflection the actor may see: their own, or one in their study.read scope. */
async function loadVisibleReflection(db: Db | pg.PoolClient, actor: Actor, id: number, lock = false) {
  const row = await loadReflection(db, id, lock);
  if (!row) throw reflectionNotFound();
  if (!canSeeReflection(actor, row)) throw reflectionNotFound();
  return row;
}

export async function getReflection(db: Db, actor: Actor, id: number) {
  return presentReflection(actor, await loadVisibleReflection(db, actor, id));
}

/** A member writes (or rewrites) their reflection on a document; one per document. */
export async function submitReflection(
  db: Db,
  actor: Actor,
  input: { documentId: number; sessionId?: number; body: string },
  file?: { name: string; type: string; data: Buffer },
) {
  const memberId = requireMember(actor);
  const id = await inTransaction(db, async (tx) => {
    if (!(await findDocumentReadable(tx, input.documentId, null)))
      throw new AppError(
        'validation_failed',
        { vi: 'Văn bản không tồn tại.', en: 'No such document.' },
        { fields: [{ field: 'body.documentId', message: 'Văn bản không tồn tại.' }] },
      );
    const { rows: existing } = await tx.query<{ id: number; status: string }>(
      'SELECT id, status FROM reflections WHERE member_id = $1 AND document_id = $2 FOR UPDATE',
      [memberId, input.documentId],
    );
    if (existing[0]?.status === 'accepted') {
      throw new AppError('conflict', {
        vi: 'Bài thu hoạch đã được chấp nhận, không sửa được nữa.',
        en: 'An accepted reflection cannot change.',
      });
    }
    const { rows } = await tx.query<{ id: number; org_id: number; path: string }>(
      `INSERT INTO reflections (member_id, document_id, session_id, body, file_name, file_type, file_data)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (member_id, document_id) DO UPDATE SET body = EXCLUDED.body, session_id = COALESCE(EXCLUDED.session_id, reflections.session_id),
          file_name = COALESCE(EXCLUDED.file_name, reflections.file_name), file_type = COALESCE(EXCLUDED.file_type, reflections.file_type),
          file_data = COALESCE(EXCLUDED.file_data, reflections.file_data),
          status = 'submitted', version = reflections.version + 1, updated_at = now()
       RETURNING id, (SELECT org_id FROM members WHERE id = $1) AS org_id, (SELECT o.path::text FROM members m JOIN orgs o ON o.id = m.org_id WHERE m.id = $1) AS path`,
      [
        memberId,
        input.documentId,
        input.sessionId ?? null,
        input.body.normalize('NFC'),
        file?.name ?? null,
        file?.type ?? null,
        file?.data ?? null,
      ],
    );
    const r = rows[0]!;
    await recordAudit(tx, actor, {
      action: existing[0] ? 'resubmit' : 'submit',
      entity: 'reflection',
      entityId: r.id,
      orgId: r.org_id,
      orgPath: r.path,
      summary: `${actor.fullName} nộp bài thu hoạch`,
      after: { documentId: input.documentId, length: input.body.length, file: file?.name ?? null },
    });
    return r.id;
  });
  return getReflection(db, actor, id);
}

/** The cell's secretary accepts a reflection or asks for a rewrite (with a note). */
export async function reviewReflection(
  db: Db,
  actor: Actor,
  id: number,
  input: { version: number; decision: 'accepted' | 'rewrite'; note?: string },
) {
  await inTransaction(db, async (tx) => {
    const r = await loadVisibleReflection(tx, actor, id, true);
    requireReviewReflection(actor, r);
    if (r.version !== input.version) throw versionConflict();
    if (r.status !== 'submitted')
      throw new AppError('conflict', { vi: 'Bài thu hoạch này đã được duyệt.', en: 'This reflection was already reviewed.' });
    if (input.decision === 'rewrite' && !input.note) {
      throw new AppError(
        'validation_failed',
        { vi: 'Hãy ghi rõ cần viết lại điều gì.', en: 'Say what to rewrite.' },
        { fields: [{ field: 'body.note', message: 'Hãy ghi rõ cần viết lại điều gì.' }] },
      );
    }
    await tx.query(
      `UPDATE reflections SET status = $2, review_note = $3, reviewed_by = $4, reviewed_at = now(), version = version + 1, updated_at = now() WHERE id = $1`,
      [id, input.decision, input.note ?? null, actor.userId],
    );
    await recordAudit(tx, actor, {
      action: input.decision === 'accepted' ? 'accept' : 'ask_rewrite',
      entity: 'reflection',
      entityId: id,
      orgId: null,
      orgPath: r.orgPath,
      summary: `${input.decision === 'accepted' ? 'Chấp nhận' : 'Yêu cầu viết lại'} bài thu hoạch của ${r.memberName}`,
      before: { status: r.status },
      after: { status: input.decision, note: input.note ?? null },
    });
  });
  return getReflection(db, actor, id);
}

export async function getReflectionFile(db: Db, actor: Actor, id: number) {
  await loadVisibleReflection(db, actor, id);
  const { rows } = await db.query<{ file_name: string | null; file_type: string | null; file_data: Buffer | null }>(
    'SELECT file_name, file_type, file_data FROM reflections WHERE id = $1',
    [id],
  );
  const f = rows[0];
  if (!f?.file_data || !f.file_name) throw notFound({ vi: 'Bài thu hoạch không có tệp đính kèm.', en: 'No file attached.' });
  return { name: f.file_name, type: f.file_type ?? 'application/octet-stream', data: f.file_data };
}

/** Reflections of members in the scope (a secretary's review queue). */
export async function findReflections(
  db: Db,
  actor: Actor,
  q: { orgId?: number; documentId?: number; status?: string; page: number; pageSize: number },
) {
  const scope = scopeOf(actor, 'study.read');
  const params: unknown[] = [scope];
  const where = [inScopeSql('mo.path', '$1')];
  if (q.orgId) {
    const org = await findOrgInScope(db, q.orgId, scope);
    if (!org) throw notFound({ vi: 'Không tìm thấy tổ chức.', en: 'Organization not found.' });
    params.push(org.path);
    where.push(`mo.path <@ $${params.length}::ltree`);
  }
  if (q.documentId) {
    params.push(q.documentId);
    where.push(`r.document_id = $${params.length}`);
  }
  if (q.status) {
    params.push(q.status);
    where.push(`r.status = $${params.length}`);
  }
  const w = where.join(' AND ');
  const [{ rows }, { rows: count }] = await Promise.all([
    db.query<ReflectionRow>(
      `SELECT ${reflectionColumns} FROM ${reflectionFrom} WHERE ${w} ORDER BY r.status = 'submitted' DESC, r.updated_at DESC LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`,
      params,
    ),
    db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${reflectionFrom} WHERE ${w}`, params),
  ]);
  return { items: rows.map((r) => presentReflection(actor, r)), total: count[0]?.n ?? 0, page: q.page, pageSize: q.pageSize };
}

// Pledges -----------------------------------------------------------------------------------

const pledgeColumns = `p.id, p.member_id AS "memberId", m.full_name AS "memberName", mo.name AS "orgName", p.document_id AS "documentId",
  d.title AS "documentTitle", p.year, p.commitments, p.self_review AS "selfReview", p.version, p.updated_at AS "updatedAt"`;
const pledgeFrom = `pledges p JOIN members m ON m.id = p.member_id JOIN orgs mo ON mo.id = m.org_id JOIN documents d ON d.id = p.document_id`;
type PledgeRow = {
  id: number;
  memberId: number;
  memberName: string;
  orgName: string;
  documentId: number;
  documentTitle: string;
  year: number;
  commitments: string[];
  selfReview: string | null;
  version: number;
  updatedAt: Date;
};
const presentPledge = (p: PledgeRow) => ({ ...p, updatedAt: p.updatedAt.toISOString() });

export async function createPledge(db: Db, actor: Actor, input: { documentId: number; year: number; commitments: string[] }) {
  const memberId = requireMember(actor);
  const id = await inTransaction(db, async (tx) => {
    if (!(await findDocumentReadable(tx, input.documentId, null))) {
      throw new AppError(
        'validation_failed',
        { vi: 'Văn bản không tồn tại.', en: 'No such document.' },
        { fields: [{ field: 'body.documentId', message: 'Văn bản không tồn tại.' }] },
      );
    }
    const { rows } = await tx.query<{ id: number }>(
      `INSERT INTO pledges (member_id, document_id, year, commitments) VALUES ($1, $2, $3, $4)
       ON CONFLICT (member_id, document_id, year) DO NOTHING RETURNING id`,
      [memberId, input.documentId, input.year, JSON.stringify(input.commitments.map((c) => c.normalize('NFC')))],
    );
    if (!rows[0])
      throw new AppError('conflict', {
        vi: 'Đồng chí đã có bản cam kết cho văn bản này trong năm; hãy sửa bản đã có.',
        en: 'You already have a pledge for this document and year.',
      });
    const { rows: m } = await tx.query<{ org_id: number; path: string }>(
      'SELECT m.org_id, o.path::text AS path FROM members m JOIN orgs o ON o.id = m.org_id WHERE m.id = $1',
      [memberId],
    );
    await recordAudit(tx, actor, {
      action: 'create',
      entity: 'pledge',
      entityId: rows[0].id,
      orgId: m[0]!.org_id,
      orgPath: m[0]!.path,
      summary: `${actor.fullName} đăng ký cam kết năm ${input.year}`,
      after: input,
    });
    return rows[0].id;
  });
  const { rows } = await db.query<PledgeRow>(`SELECT ${pledgeColumns} FROM ${pledgeFrom} WHERE p.id = $1`, [id]);
  return presentPledge(rows[0]!);
}

export async function updatePledge(
  db: Db,
  actor: Actor,
  id: number,
  input: { version: number; commitments?: string[]; selfReview?: string | null },
) {
  const memberId = requireMember(actor);
  await inTransaction(db, async (tx) => {
    const { rows } = await tx.query<{ member_id: number; version: number; commitments: string[]; self_review: string | null }>(
      'SELECT member_id, version, commitments, self_review FROM pledges WHERE id = $1 FOR UPDATE',
      [id],
    );
    const p = rows[0];
    if (!p || p.member_id !== memberId) throw pledgeNotFound();
    if (p.version !== input.version) throw versionConflict();
    await tx.query('UPDATE pledges SET commitments = $2, self_review = $3, version = version + 1, updated_at = now() WHERE id = $1', [
      id,
      JSON.stringify(input.commitments ?? p.commitments),
      input.selfReview === undefined ? p.self_review : input.selfReview,
    ]);
    await recordAudit(tx, actor, {
      action: 'update',
      entity: 'pledge',
      entityId: id,
      orgId: null,
      orgPath: null,
      summary: `${actor.fullName} sửa bản cam kết`,
      before: { commitments: p.commitments, selfReview: p.self_review },
      after: input,
    });
  });
  const { rows } = await db.query<PledgeRow>(`SELECT ${pledgeColumns} FROM ${pledgeFrom} WHERE p.id = $1`, [id]);
  return presentPledge(rows[0]!);
}

/** Pledges of the members in scope: visible to the cell, reviewed at the yearly evaluation. */
export async function findPledges(db: Db, actor: Actor, q: { orgId?: number; documentId?: number; year?: number }) {
  const scope = scopeOf(actor, 'study.read');
  const params: unknown[] = [scope];
  const where = [inScopeSql('mo.path', '$1')];
  if (q.orgId) {
    const org = await findOrgInScope(db, q.orgId, scope);
    if (!org) throw notFound({ vi: 'Không tìm thấy tổ chức.', en: 'Organization not found.' });
    params.push(org.path);
    where.push(`mo.path <@ $${params.length}::ltree`);
  }
  if (q.documentId) {
    params.push(q.documentId);
    where.push(`p.document_id = $${params.length}`);
  }
  if (q.year) {
    params.push(q.year);
    where.push(`p.year = $${params.length}`);
  }
  const { rows } = await db.query<PledgeRow>(
    `SELECT ${pledgeColumns} FROM ${pledgeFrom} WHERE ${where.join(' AND ')} ORDER BY mo.path, m.given_name COLLATE "vi-x-icu" LIMIT 500`,
    params,
  );
  return rows.map(presentPledge);
}

/**
 * A member's own page: what to study (documents of sessions they are invited to or attended),
 * their sessions with their check-in status, their reflections and pledges.
 */
export async function getMyStudy(db: Db, actor: Actor) {
  const memberId = requireMember(actor);
  const { rows: me } = await db.query<{ id: number; code: string; fullName: string; orgName: string; path: string }>(
    `SELECT m.id, m.code, m.full_name AS "fullName", o.name AS "orgName", o.path::text AS path FROM members m JOIN orgs o ON o.id = m.org_id WHERE m.id = $1`,
    [memberId],
  );
  const member = me[0];
  if (!member) throw notAMember();
  const { rows: sessions } = await db.query<{
    id: number;
    title: string;
    startsAt: Date;
    endsAt: Date;
    mode: string;
    videoUrl: string | null;
    pointName: string | null;
    place: string | null;
    isMakeup: boolean;
    status: string | null;
  }>(
    `SELECT DISTINCT ON (s.starts_at, s.id) s.id, s.title, s.starts_at AS "startsAt", s.ends_at AS "endsAt", s.mode, s.video_url AS "videoUrl",
            bp.name AS "pointName", bp.place, s.makeup_of IS NOT NULL AS "isMakeup", a.status
       FROM bridge_points bp
       JOIN study_sessions s ON s.id = bp.session_id
       LEFT JOIN attendances a ON a.session_id = s.id AND a.member_id = $1
      WHERE s.status = 'planned'
        AND bp.id IN (
          SELECT p.id FROM orgs anc JOIN bridge_points p ON p.expected_org_id = anc.id AND p.expected_kind = 'subtree' WHERE anc.path @> $2::ltree
          UNION SELECT point_id FROM bridge_point_members WHERE member_id = $1
          UNION SELECT point_id FROM attendances WHERE member_id = $1 AND point_id IS NOT NULL)
      ORDER BY s.starts_at DESC, s.id, (a.point_id = bp.id) DESC NULLS LAST
      LIMIT 50`,
    [memberId, member.path],
  );
  const sessionIds = sessions.map((s) => s.id);
  const { rows: documents } = await db.query<{
    id: number;
    symbol: string;
    title: string;
    studiedOn: string | null;
    reflectionStatus: 'submitted' | 'accepted' | 'rewrite' | null;
    hasPledge: boolean;
  }>(
    `SELECT d.id, d.symbol, d.title, to_char(ds.studied_on, 'YYYY-MM-DD') AS "studiedOn", r.status AS "reflectionStatus",
            EXISTS (SELECT 1 FROM pledges p WHERE p.member_id = $1 AND p.document_id = d.id) AS "hasPledge"
       FROM documents d
       LEFT JOIN document_studies ds ON ds.member_id = $1 AND ds.document_id = d.id
       LEFT JOIN reflections r ON r.member_id = $1 AND r.document_id = d.id
      WHERE d.id IN (SELECT document_id FROM study_session_documents WHERE session_id = ANY($2::bigint[]))
         OR ds.member_id IS NOT NULL
      ORDER BY d.issue_date DESC NULLS LAST, d.id`,
    [memberId, sessionIds],
  );
  const { rows: reflections } = await db.query<ReflectionRow>(
    `SELECT ${reflectionColumns} FROM ${reflectionFrom} WHERE r.member_id = $1 ORDER BY r.updated_at DESC`,
    [memberId],
  );
  const { rows: pledges } = await db.query<PledgeRow>(
    `SELECT ${pledgeColumns} FROM ${pledgeFrom} WHERE p.member_id = $1 ORDER BY p.year DESC, p.id`,
    [memberId],
  );
  return {
    member: { id: member.id, code: member.code, fullName: member.fullName, orgName: member.orgName },
    documents,
    sessions: sessions.map((s) => ({ ...s, startsAt: s.startsAt.toISOString(), endsAt: s.endsAt.toISOString() })),
    reflections: reflections.map((r) => presentReflection(actor, r)),
    pledges: pledges.map(presentPledge),
  };
}
