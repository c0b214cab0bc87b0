import type pg from 'pg';
import QRCode from 'qrcode';
import type { Db } from '../../../db/pool';
import { inTransaction } from '../../../db/pool';
import { qrExpirySeconds } from '../../../../domain/study/checkin-window';
import { signQrToken } from '../../../../domain/study/qr-token';
import { personalCheckinCode } from '../../../../domain/study/personal-code';
import { inScopeSql, scopeOf, type Actor } from '../../../lib/actor';
import { recordAudit } from '../../../lib/audit';
import { AppError, notFound, versionConflict } from '../../../lib/errors';
import { findOrgInScope } from '../../orgs';
import { queueMail, type QueuedMail } from '../../mail';
import { getQrSecret } from '../checkin/qr-secret';
import type { CreatePointInput, PointView } from '../../../../contracts/study-sessions';
import { pointColumns, pointFrom, sessionVisibleSql, type PointRow } from './sessions.queries';
import { loadSession } from './sessions.service';
import { canManagePoint, requirePointManage, requireStudyWrite } from '../study.policy';

export const pointNotFound = () => notFound({ vi: 'Không tìm thấy điểm cầu.', en: 'Bridge point not found.' });
const orgNotFound = () => notFound({ vi: 'Không tìm thấy tổ chức.', en: 'Organization not found.' });

function presentPoint(actor: Actor, r: PointRow): PointView {
  const { orgPath: _o, sessionOrgPath: _s, ...rest } = r;
  return { ...rest, abilities: { update: canManagePoint(actor, r) } };
}

export async function findPoints(db: Db, actor: Actor, sessionId: number): Promise<PointView[]> {
  await loadSession(db, actor, sessionId);
  const { rows } = await db.query<PointRow>(
    `SELECT ${pointColumns} FROM ${pointFrom} WHERE bp.session_id = $1 ORDER BY bp.is_main DESC, po.path`,
    [sessionId],
  );
  return rows.map((r) => presentPoint(actor, r));
}

/** A point whose session the actor can see; 404 otherwise. */
export async function loadPoint(db: Db | pg.PoolClient, actor: Actor, pointId: number): Promise<PointRow> {
  const { rows } = await db.query<PointRow>(
    `SELECT ${pointColumns} FROM ${pointFrom} WHERE bp.id = $1 AND ${sessionVisibleSql('s', 'so.path', '$2')}`,
    [pointId, scopeOf(actor, 'study.read')],
  );
  if (!rows[0]) throw pointNotFound();
  return rows[0];
}

export async function getPoint(db: Db, actor: Actor, pointId: number): Promise<PointView> {
  return presentPoint(actor, await loadPoint(db, actor, pointId));
}

/** The members a member code names inside `scope`, as SQL on a codes CTE `c`: a code outside it is unknown. */
const memberOfCodeInScope = (scopeParam: string) =>
  `SELECT m.id FROM members m JOIN orgs mo ON mo.id = m.org_id WHERE m.code = c.code AND ${inScopeSql('mo.path', scopeParam)}`;

/**
 * Adds members by code to a point's list; returns the codes that matched no member in the
 * caller's scope (a member of another ward is "unknown": neither listed nor confirmed to exist).
 */
async function addListedMembers(tx: pg.PoolClient, pointId: number, codes: string[], scope: string[] | null): Promise<string[]> {
  if (codes.length === 0) return [];
  const { rows } = await tx.query<{ code: string }>(
    `WITH c AS (SELECT DISTINCT unnest($2::text[]) AS code),
          ins AS (INSERT INTO bridge_point_members (point_id, member_id)
                  SELECT $1, x.id FROM c CROSS JOIN LATERAL (${memberOfCodeInScope('$3')}) x ON CONFLICT DO NOTHING)
     SELECT c.code FROM c WHERE NOT EXISTS (${memberOfCodeInScope('$3')})`,
    [pointId, codes, scope],
  );
  return rows.map((r) => r.code);
}

export async function createPoint(db: Db, actor: Actor, sessionId: number, input: CreatePointInput): Promise<PointView> {
  const pointId = await inTransaction(db, async (tx) => {
    const session = await loadSession(tx, actor, sessionId, true);
    requireStudyWrite(actor, session.orgPath);
    // Every org and member the body names lies in the caller's own scope: a point expecting
    // the whole country would hand its roll, invitations and members' pages to a ward host.
    const scope = scopeOf(actor, 'study.write');
    const org = await findOrgInScope(tx, input.orgId, scope);
    if (!org) throw orgNotFound();
    let expectedOrgId: number | null = null;
    if (input.expectedKind === 'subtree') {
      const expected = input.expectedOrgId ? await findOrgInScope(tx, input.expectedOrgId, scope) : org;
      if (!expected) throw orgNotFound();
      expectedOrgId = expected.id;
    }
    const { rows } = await tx.query<{ id: number }>(
      `INSERT INTO bridge_points (session_id, org_id, name, place, host_name, is_main, expected_kind, expected_org_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (session_id, org_id) DO NOTHING RETURNING id`,
      [
        sessionId,
        org.id,
        (input.name ?? `Điểm cầu ${org.name}`).normalize('NFC'),
        input.place ?? null,
        input.hostName ?? null,
        input.isMain,
        input.expectedKind,
        expectedOrgId,
      ],
    );
    if (!rows[0]) {
      throw new AppError(
        'conflict',
        { vi: `${org.name} đã có điểm cầu trong hội nghị này.`, en: 'This org already has a point in the session.' },
        {
          fields: [{ field: 'body.orgId', message: 'Tổ chức này đã có điểm cầu.' }],
        },
      );
    }
    const unknown = await addListedMembers(tx, rows[0].id, input.memberCodes, scope);
    if (unknown.length > 0) {
      throw new AppError(
        'validation_failed',
        { vi: `Không tìm thấy đảng viên có mã: ${unknown.slice(0, 10).join(', ')}`, en: 'Unknown member codes.' },
        {
          fields: [{ field: 'body.memberCodes', message: `Mã không tồn tại: ${unknown.slice(0, 10).join(', ')}` }],
        },
      );
    }
    await recordAudit(tx, actor, {
      action: 'create',
      entity: 'bridge_point',
      entityId: rows[0].id,
      orgId: org.id,
      orgPath: org.path,
      summary: `Thêm điểm cầu ${org.name} vào hội nghị "${session.title}"`,
      after: input,
    });
    return rows[0].id;
  });
  return getPoint(db, actor, pointId);
}

/**
 * One point at every org of `kind` under `underOrgId` ("every ward committee under Thành ủy
 * Dĩ An"), each expecting its own subtree; orgs that already have a point are skipped.
 */
export async function createPointsInBulk(
  db: Db,
  actor: Actor,
  sessionId: number,
  input: { underOrgId: number; kind: string; includeParent: boolean },
) {
  return inTransaction(db, async (tx) => {
    const session = await loadSession(tx, actor, sessionId, true);
    requireStudyWrite(actor, session.orgPath);
    const under = await findOrgInScope(tx, input.underOrgId, scopeOf(actor, 'study.write'));
    if (!under) throw orgNotFound();
    const { rows } = await tx.query<{ id: number }>(
      `INSERT INTO bridge_points (session_id, org_id, name, expected_kind, expected_org_id, is_main)
       SELECT $1, o.id, 'Điểm cầu ' || o.name, 'subtree', o.id, o.id = $2
         FROM orgs o
        WHERE ((o.path <@ $3::ltree AND o.kind = $4 AND o.id <> $2) OR ($5 AND o.id = $2))
          AND (o.valid_to IS NULL OR o.valid_to > current_date)
        ORDER BY o.path
       ON CONFLICT (session_id, org_id) DO NOTHING RETURNING id`,
      [sessionId, under.id, under.path, input.kind, input.includeParent],
    );
    await recordAudit(tx, actor, {
      action: 'create_bulk',
      entity: 'bridge_point',
      entityId: sessionId,
      orgId: under.id,
      orgPath: under.path,
      summary: `Thêm ${rows.length} điểm cầu dưới ${under.name} vào hội nghị "${session.title}"`,
      after: input,
    });
    return { created: rows.length };
  });
}

export async function updatePoint(
  db: Db,
  actor: Actor,
  pointId: number,
  input: { version: number; name?: string; place?: string | null; hostName?: string | null },
) {
  await inTransaction(db, async (tx) => {
    const before = await loadPoint(tx, actor, pointId);
    requirePointManage(actor, before);
    const { rowCount } = await tx.query(
      `UPDATE bridge_points SET name = $3, place = $4, host_name = $5, version = version + 1, updated_at = now() WHERE id = $1 AND version = $2`,
      [
        pointId,
        input.version,
        input.name ?? before.name,
        input.place === undefined ? before.place : input.place,
        input.hostName === undefined ? before.hostName : input.hostName,
      ],
    );
    if (rowCount === 0) throw versionConflict();
    await recordAudit(tx, actor, {
      action: 'update',
      entity: 'bridge_point',
      entityId: pointId,
      orgId: before.orgId,
      orgPath: before.orgPath,
      summary: `Sửa điểm cầu ${before.name}`,
      before: { name: before.name, place: before.place, hostName: before.hostName },
      after: input,
    });
  });
  return getPoint(db, actor, pointId);
}

export async function deletePoint(db: Db, actor: Actor, pointId: number) {
  await inTransaction(db, async (tx) => {
    const before = await loadPoint(tx, actor, pointId);
    requireStudyWrite(actor, before.sessionOrgPath);
    await tx.query('DELETE FROM bridge_points WHERE id = $1', [pointId]);
    await recordAudit(tx, actor, {
      action: 'delete',
      entity: 'bridge_point',
      entityId: pointId,
      orgId: before.orgId,
      orgPath: before.orgPath,
      summary: `Xóa điểm cầu ${before.name}`,
      before,
    });
  });
}

/** Lets members in at a point (guests), by code. */
export async function addPointMembers(db: Db, actor: Actor, pointId: number, codes: string[]) {
  return inTransaction(db, async (tx) => {
    const point = await loadPoint(tx, actor, pointId);
    requirePointManage(actor, point);
    const unknown = await addListedMembers(tx, pointId, codes, scopeOf(actor, 'study.write'));
    await recordAudit(tx, actor, {
      action: 'allow_members',
      entity: 'bridge_point',
      entityId: pointId,
      orgId: point.orgId,
      orgPath: point.orgPath,
      summary: `Cho phép ${codes.length - unknown.length} đảng viên điểm danh tại ${point.name}`,
      after: { codes },
    });
    return { added: codes.length - unknown.length, unknown };
  });
}

/**
 * The QR code a host shows or prints: the check-in page's address with a signed token that
 * lasts until the session's check-in closes.
 */
export async function getPointQr(db: Db, actor: Actor, pointId: number, origin: string) {
  const point = await loadPoint(db, actor, pointId);
  requirePointManage(actor, point);
  const { rows } = await db.query<{ starts_at: Date; ends_at: Date; open: number; close: number }>(
    'SELECT starts_at, ends_at, checkin_open_minutes AS open, checkin_close_minutes AS close FROM study_sessions WHERE id = $1',
    [point.sessionId],
  );
  const s = rows[0]!;
  const expiresAt = qrExpirySeconds({ startsAt: s.starts_at, endsAt: s.ends_at, openMinutes: s.open, closeMinutes: s.close });
  const token = signQrToken({ sessionId: point.sessionId, pointId, expiresAt }, await getQrSecret(db));
  const url = `${origin}/checkin/${token}`;
  const svg = await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return { token, url, svg, expiresAt: new Date(expiresAt * 1000).toISOString() };
}

/**
 * E-mails an invitation to every expected member of the session who has an address, through
 * the mail outbox the reports feature delivers (pending with SMTP set up, held otherwise).
 * Once per member and session: sending again only reaches members added since. In the app,
 * invitations need no sending: a member's page lists every session expecting them.
 */
export async function inviteByMail(db: Db, actor: Actor, sessionId: number, isSmtpConfigured: boolean) {
  return inTransaction(db, async (tx) => {
    const session = await loadSession(tx, actor, sessionId);
    requireStudyWrite(actor, session.orgPath);
    const { rows } = await tx.query<QueuedMail & { memberCode: string }>(
      `SELECT DISTINCT ON (m.id) m.code AS "memberCode", m.email AS "toAddress", '[Resolute] Giấy mời: ' || s.title AS subject,
              'Kính gửi đồng chí ' || m.full_name || E',\\n\\nĐồng chí được mời dự ' || s.title || ' lúc '
              || to_char(s.starts_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'HH24:MI "ngày" DD/MM/YYYY') || ' tại ' || bp.name
              || COALESCE(' (' || bp.place || ')', '') || E'.\\nĐồng chí điểm danh bằng cách quét mã QR tại điểm cầu, rồi đăng nhập hoặc nhập mã đảng viên '
              || m.code || E' và mã điểm danh cá nhân dưới đây.' AS body,
              'study-invite:' || s.id || ':' || m.id AS "dedupeKey", m.org_id AS "orgId"
         FROM study_sessions s JOIN bridge_points bp ON bp.session_id = s.id
         JOIN LATERAL (
           SELECT m.* FROM orgs eo JOIN orgs x ON x.path <@ eo.path JOIN members m ON m.org_id = x.id
            WHERE bp.expected_kind = 'subtree' AND eo.id = bp.expected_org_id
           UNION ALL
           SELECT m.* FROM bridge_point_members pm JOIN members m ON m.id = pm.member_id WHERE pm.point_id = bp.id) m ON true
         JOIN orgs mo ON mo.id = m.org_id
        WHERE s.id = $1 AND ${inScopeSql('mo.path', '$2')} AND m.email IS NOT NULL AND m.email <> '' AND m.status IN ('official', 'probationary')
        ORDER BY m.id, bp.expected_kind = 'list' DESC`,
      [sessionId, scopeOf(actor, 'study.write')],
    );
    // The personal code proves the member at check-in; it goes only to their own address.
    const secret = await getQrSecret(tx);
    const letters = rows.map(({ memberCode, ...l }) => ({
      ...l,
      body: `${l.body}\nMã điểm danh cá nhân: ${personalCheckinCode(secret, memberCode)}`,
    }));
    const queued = await queueMail(tx, letters, { isHeld: !isSmtpConfigured });
    await recordAudit(tx, actor, {
      action: 'invite',
      entity: 'study_session',
      entityId: sessionId,
      orgId: session.orgId,
      orgPath: session.orgPath,
      summary: `Gửi thư mời ${queued} đảng viên dự "${session.title}"`,
    });
    return { queued, isHeld: !isSmtpConfigured };
  });
}
