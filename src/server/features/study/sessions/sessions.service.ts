import type pg from 'pg';
import type { Db } from '../../../db/pool';
import { inTransaction } from '../../../db/pool';
import { scopeOf, type Actor } from '../../../lib/actor';
import { recordAudit } from '../../../lib/audit';
import { AppError, notFound, versionConflict } from '../../../lib/errors';
import { findDocumentReadable } from '../../documents';
import { findOrgInScope } from '../../orgs';
import type {
  CreateSessionInput,
  ListSessionsQuery,
  MakeupSessionInput,
  SessionSummary,
  SessionView,
  UpdateSessionInput,
} from '../../../../contracts/study-sessions';
import { canWriteStudy, requireStudyWrite } from '../study.policy';
import { findSessionInScope, sessionSummaryColumns, sessionVisibleSql, type SessionRow, type SessionSummaryRow } from './sessions.queries';

export const sessionNotFound = () => notFound({ vi: 'Không tìm thấy hội nghị.', en: 'Study session not found.' });
const orgNotFound = () => notFound({ vi: 'Không tìm thấy tổ chức.', en: 'Organization not found.' });

export function presentSessionSummary(r: SessionSummaryRow): SessionSummary {
  return {
    id: r.id,
    orgId: r.orgId,
    orgName: r.orgName,
    title: r.title,
    mode: r.mode,
    startsAt: new Date(r.startsAt).toISOString(),
    endsAt: new Date(r.endsAt).toISOString(),
    status: r.status,
    makeupOf: r.makeupOf,
    documents: r.documents,
    pointCount: r.pointCount,
    presentCount: r.presentCount,
    isSample: r.isSample,
  };
}

function presentSession(actor: Actor, r: SessionRow): SessionView {
  return {
    ...presentSessionSummary(r),
    checkinOpenMinutes: r.checkinOpenMinutes,
    checkinCloseMinutes: r.checkinCloseMinutes,
    videoUrl: r.videoUrl,
    agenda: r.agenda,
    presenters: r.presenters,
    materials: r.materials,
    makeupOfTitle: r.makeupOfTitle,
    makeups: r.makeups.map((m) => ({ ...m, startsAt: new Date(m.startsAt).toISOString() })),
    version: r.version,
    abilities: { update: canWriteStudy(actor, r.orgPath) },
  };
}

/** Sessions the actor can see, newest first; filtered by organizer subtree, document and time. */
export async function findSessions(db: Db, actor: Actor, q: ListSessionsQuery) {
  const scope = scopeOf(actor, 'study.read');
  const params: unknown[] = [scope];
  const where = [sessionVisibleSql('s', 'o.path', '$1')];
  if (q.orgId) {
    const org = await findOrgInScope(db, q.orgId, scope);
    if (!org) throw orgNotFound();
    params.push(org.path);
    where.push(
      `(o.path <@ $${params.length}::ltree OR EXISTS (SELECT 1 FROM bridge_points fp JOIN orgs fo ON fo.id = fp.org_id WHERE fp.session_id = s.id AND fo.path <@ $${params.length}::ltree))`,
    );
  }
  if (q.documentId) {
    params.push(q.documentId);
    where.push(`EXISTS (SELECT 1 FROM study_session_documents sd WHERE sd.session_id = s.id AND sd.document_id = $${params.length})`);
  }
  if (q.when === 'upcoming') where.push('s.ends_at >= now()');
  if (q.when === 'past') where.push('s.ends_at < now()');
  const w = where.join(' AND ');
  const [{ rows }, { rows: count }] = await Promise.all([
    db.query<SessionSummaryRow>(
      `SELECT ${sessionSummaryColumns} FROM study_sessions s JOIN orgs o ON o.id = s.org_id WHERE ${w}
        ORDER BY s.starts_at ${q.when === 'upcoming' ? 'ASC' : 'DESC'}, s.id LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`,
      params,
    ),
    db.query<{ n: number }>(`SELECT count(*)::int AS n FROM study_sessions s JOIN orgs o ON o.id = s.org_id WHERE ${w}`, params),
  ]);
  return { items: rows.map(presentSessionSummary), total: count[0]?.n ?? 0, page: q.page, pageSize: q.pageSize };
}

export async function loadSession(db: Db | pg.PoolClient, actor: Actor, id: number, lock = false): Promise<SessionRow> {
  const row = await findSessionInScope(db, id, scopeOf(actor, 'study.read'), lock);
  if (!row) throw sessionNotFound();
  return row;
}

export async function getSession(db: Db, actor: Actor, id: number): Promise<SessionView> {
  return presentSession(actor, await loadSession(db, actor, id));
}

function checkRange(startsAt: string, endsAt: string) {
  if (Date.parse(endsAt) <= Date.parse(startsAt)) {
    throw new AppError(
      'validation_failed',
      { vi: 'Giờ kết thúc phải sau giờ bắt đầu.', en: 'The end must be after the start.' },
      {
        fields: [{ field: 'body.endsAt', message: 'Giờ kết thúc phải sau giờ bắt đầu.' }],
      },
    );
  }
}

async function setDocuments(tx: pg.PoolClient, sessionId: number, documentIds: number[]) {
  const unique = [...new Set(documentIds)];
  // Existence only, through the documents feature (a session names one to three documents):
  // any adopted text may be studied, also one issued outside the host's scope.
  const found = await Promise.all(unique.map((id) => findDocumentReadable(tx, id, null)));
  if (found.some((d) => d === undefined)) {
    throw new AppError(
      'validation_failed',
      { vi: 'Có văn bản không tồn tại.', en: 'A document does not exist.' },
      {
        fields: [{ field: 'body.documentIds', message: 'Có văn bản không tồn tại.' }],
      },
    );
  }
  const { rows: before } = await tx.query<{ document_id: number }>(
    'SELECT document_id FROM study_session_documents WHERE session_id = $1',
    [sessionId],
  );
  const old = new Set(before.map((r) => r.document_id));
  const added = unique.filter((d) => !old.has(d));
  const removed = [...old].filter((d) => !unique.includes(d));
  if (removed.length > 0) {
    await tx.query('DELETE FROM study_session_documents WHERE session_id = $1 AND document_id = ANY($2::bigint[])', [sessionId, removed]);
    // What this session credited for a removed document goes, unless another session covers it.
    await tx.query(`DELETE FROM document_studies ds WHERE ds.session_id = $1 AND ds.document_id = ANY($2::bigint[])`, [sessionId, removed]);
    await tx.query(
      `INSERT INTO document_studies (document_id, member_id, org_id, session_id, studied_on)
       SELECT DISTINCT ON (a.member_id, d.document_id) d.document_id, a.member_id, m.org_id, a.session_id, vn_today(a.at)
         FROM attendances a JOIN study_session_documents d ON d.session_id = a.session_id JOIN members m ON m.id = a.member_id
        WHERE a.status = 'present' AND d.document_id = ANY($1::bigint[])
          AND a.member_id IN (SELECT member_id FROM attendances WHERE session_id = $2 AND status = 'present')
        ORDER BY a.member_id, d.document_id, a.at
       ON CONFLICT (member_id, document_id) DO NOTHING`,
      [removed, sessionId],
    );
  }
  if (added.length > 0) {
    await tx.query('INSERT INTO study_session_documents (session_id, document_id) SELECT $1, unnest($2::bigint[])', [sessionId, added]);
    // Members already present now have studied the added documents too.
    await tx.query(
      `INSERT INTO document_studies (document_id, member_id, org_id, session_id, studied_on)
       SELECT d, a.member_id, m.org_id, a.session_id, vn_today(a.at)
         FROM attendances a JOIN members m ON m.id = a.member_id, unnest($2::bigint[]) d
        WHERE a.session_id = $1 AND a.status = 'present'
        ORDER BY a.member_id, d
       ON CONFLICT (member_id, document_id) DO NOTHING`,
      [sessionId, added],
    );
  }
}

export async function createSession(
  db: Db,
  actor: Actor,
  input: CreateSessionInput,
  opts: { isSample?: boolean; makeupOf?: number } = {},
): Promise<SessionView> {
  checkRange(input.startsAt, input.endsAt);
  const id = await inTransaction(db, async (tx) => {
    const org = await findOrgInScope(tx, input.orgId, scopeOf(actor, 'study.read'));
    if (!org) throw orgNotFound();
    requireStudyWrite(actor, org.path);
    const { rows } = await tx.query<{ id: number }>(
      `INSERT INTO study_sessions (org_id, title, mode, starts_at, ends_at, checkin_open_minutes, checkin_close_minutes, video_url, agenda, presenters, materials, makeup_of, is_sample, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id`,
      [
        org.id,
        input.title.normalize('NFC'),
        input.mode,
        input.startsAt,
        input.endsAt,
        input.checkinOpenMinutes,
        input.checkinCloseMinutes,
        input.videoUrl || null,
        JSON.stringify(input.agenda),
        JSON.stringify(input.presenters),
        JSON.stringify(input.materials),
        opts.makeupOf ?? null,
        opts.isSample ?? false,
        actor.userId,
      ],
    );
    const sessionId = rows[0]!.id;
    await setDocuments(tx, sessionId, input.documentIds);
    await recordAudit(tx, actor, {
      action: 'create',
      entity: 'study_session',
      entityId: sessionId,
      orgId: org.id,
      orgPath: org.path,
      summary: `Tạo hội nghị "${input.title}"`,
      after: input,
    });
    return sessionId;
  });
  return getSession(db, actor, id);
}

export async function updateSession(db: Db, actor: Actor, id: number, input: UpdateSessionInput): Promise<SessionView> {
  await inTransaction(db, async (tx) => {
    const before = await loadSession(tx, actor, id, true);
    requireStudyWrite(actor, before.orgPath);
    if (before.version !== input.version) throw versionConflict();
    const startsAt = input.startsAt ?? new Date(before.startsAt).toISOString();
    const endsAt = input.endsAt ?? new Date(before.endsAt).toISOString();
    checkRange(startsAt, endsAt);
    await tx.query(
      `UPDATE study_sessions SET title = $2, mode = $3, starts_at = $4, ends_at = $5, checkin_open_minutes = $6, checkin_close_minutes = $7,
              video_url = $8, agenda = $9, presenters = $10, materials = $11, version = version + 1, updated_at = now() WHERE id = $1`,
      [
        id,
        (input.title ?? before.title).normalize('NFC'),
        input.mode ?? before.mode,
        startsAt,
        endsAt,
        input.checkinOpenMinutes ?? before.checkinOpenMinutes,
        input.checkinCloseMinutes ?? before.checkinCloseMinutes,
        input.videoUrl === undefined ? before.videoUrl : input.videoUrl || null,
        JSON.stringify(input.agenda ?? before.agenda),
        JSON.stringify(input.presenters ?? before.presenters),
        JSON.stringify(input.materials ?? before.materials),
      ],
    );
    if (input.documentIds) await setDocuments(tx, id, input.documentIds);
    const { version: _v, ...changes } = input;
    await recordAudit(tx, actor, {
      action: 'update',
      entity: 'study_session',
      entityId: id,
      orgId: before.orgId,
      orgPath: before.orgPath,
      summary: `Sửa hội nghị "${before.title}"`,
      before: Object.fromEntries(
        Object.keys(changes).map((k) => [k, k === 'documentIds' ? before.documents.map((d) => d.id) : before[k as keyof SessionRow]]),
      ),
      after: changes,
    });
  });
  return getSession(db, actor, id);
}

export async function cancelSession(db: Db, actor: Actor, id: number, version: number): Promise<SessionView> {
  await inTransaction(db, async (tx) => {
    const before = await loadSession(tx, actor, id, true);
    requireStudyWrite(actor, before.orgPath);
    if (before.version !== version) throw versionConflict();
    await tx.query(`UPDATE study_sessions SET status = 'cancelled', version = version + 1, updated_at = now() WHERE id = $1`, [id]);
    await recordAudit(tx, actor, {
      action: 'cancel',
      entity: 'study_session',
      entityId: id,
      orgId: before.orgId,
      orgPath: before.orgPath,
      summary: `Hủy hội nghị "${before.title}"`,
      before: { status: before.status },
      after: { status: 'cancelled' },
    });
  });
  return getSession(db, actor, id);
}

/**
 * A make-up session for those who missed `id`: same documents, one point at the chosen org
 * (the organizer by default) listing every member expected at the original within that org's
 * subtree who was not present. Attending it counts for coverage like the original.
 */
export async function createMakeupSession(db: Db, actor: Actor, id: number, input: MakeupSessionInput): Promise<SessionView> {
  checkRange(input.startsAt, input.endsAt);
  const newId = await inTransaction(db, async (tx) => {
    const original = await loadSession(tx, actor, id);
    const org = input.orgId
      ? await findOrgInScope(tx, input.orgId, scopeOf(actor, 'study.read'))
      : await findOrgInScope(tx, original.orgId, null);
    if (!org) throw orgNotFound();
    requireStudyWrite(actor, org.path);
    const title = input.title ?? `Học tập bù: ${original.title}`;
    const { rows } = await tx.query<{ id: number }>(
      `INSERT INTO study_sessions (org_id, title, mode, starts_at, ends_at, video_url, agenda, presenters, materials, makeup_of, created_by)
       SELECT $2, $3, $4, $5, $6, video_url, agenda, presenters, materials, id, $7 FROM study_sessions WHERE id = $1 RETURNING id`,
      [id, org.id, title.normalize('NFC'), input.mode, input.startsAt, input.endsAt, actor.userId],
    );
    const makeupId = rows[0]!.id;
    await tx.query(
      'INSERT INTO study_session_documents (session_id, document_id) SELECT $1, document_id FROM study_session_documents WHERE session_id = $2',
      [makeupId, id],
    );
    const { rows: point } = await tx.query<{ id: number }>(
      `INSERT INTO bridge_points (session_id, org_id, name, expected_kind, is_main) VALUES ($1, $2, $3, 'list', true) RETURNING id`,
      [makeupId, org.id, `Điểm học bù — ${org.name}`],
    );
    const { rowCount } = await tx.query(
      `INSERT INTO bridge_point_members (point_id, member_id)
       SELECT $1, m.id FROM members m JOIN orgs mo ON mo.id = m.org_id
        WHERE mo.path <@ $2::ltree AND m.status IN ('official', 'probationary')
          AND (EXISTS (SELECT 1 FROM bridge_points bp WHERE bp.session_id = $3 AND bp.expected_kind = 'subtree'
                         AND mo.path <@ (SELECT path FROM orgs WHERE id = bp.expected_org_id))
               OR EXISTS (SELECT 1 FROM bridge_point_members x JOIN bridge_points bp ON bp.id = x.point_id WHERE bp.session_id = $3 AND x.member_id = m.id))
          AND NOT EXISTS (SELECT 1 FROM attendances a WHERE a.session_id = $3 AND a.member_id = m.id AND a.status = 'present')`,
      [point[0]!.id, org.path, id],
    );
    await recordAudit(tx, actor, {
      action: 'create_makeup',
      entity: 'study_session',
      entityId: makeupId,
      orgId: org.id,
      orgPath: org.path,
      summary: `Tạo buổi học bù cho "${original.title}" (${rowCount ?? 0} đảng viên)`,
      after: { ...input, makeupOf: id },
    });
    return makeupId;
  });
  return getSession(db, actor, newId);
}
