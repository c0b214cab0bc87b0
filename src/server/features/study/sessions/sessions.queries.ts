import type { Queryable } from '../../../db/pool';
import { inScopeSql } from '../../../lib/actor';

/**
 * A session is visible to whoever may read study records of its organizer, of the org of one
 * of its bridge points, or of an org whose members one of its points expects: a ward's
 * secretary sees the provincial conference their ward joins, and a cell's secretary sees the
 * conference their cell's members are expected at (and can hold the make-up for it).
 */
export function sessionVisibleSql(sessionAlias: string, orgPathCol: string, scopeParam: string): string {
  return `(${inScopeSql(orgPathCol, scopeParam)} OR EXISTS (
    SELECT 1 FROM bridge_points vp JOIN orgs vo ON vo.id = vp.org_id LEFT JOIN orgs ve ON ve.id = vp.expected_org_id
     WHERE vp.session_id = ${sessionAlias}.id AND (vo.path <@ ${scopeParam}::ltree[] OR ${scopeParam}::ltree[] <@ ve.path)))`;
}

export const sessionSummaryColumns = `
  s.id, s.org_id AS "orgId", o.name AS "orgName", s.title, s.mode,
  s.starts_at AS "startsAt", s.ends_at AS "endsAt", s.status, s.makeup_of AS "makeupOf", s.is_sample AS "isSample",
  COALESCE((SELECT json_agg(json_build_object('id', d.id, 'symbol', d.symbol, 'title', d.title) ORDER BY d.id)
              FROM study_session_documents sd JOIN documents d ON d.id = sd.document_id WHERE sd.session_id = s.id), '[]') AS documents,
  (SELECT count(*)::int FROM bridge_points bp WHERE bp.session_id = s.id) AS "pointCount",
  (SELECT count(*)::int FROM attendances a WHERE a.session_id = s.id AND a.status = 'present') AS "presentCount"`;

export type SessionSummaryRow = {
  id: number;
  orgId: number;
  orgName: string;
  title: string;
  mode: 'online' | 'in_person' | 'hybrid';
  startsAt: Date;
  endsAt: Date;
  status: 'planned' | 'cancelled';
  makeupOf: number | null;
  isSample: boolean;
  documents: { id: number; symbol: string; title: string }[];
  pointCount: number;
  presentCount: number;
};

export type SessionRow = SessionSummaryRow & {
  orgPath: string;
  checkinOpenMinutes: number;
  checkinCloseMinutes: number;
  videoUrl: string | null;
  agenda: { time?: string; title: string }[];
  presenters: { fullName: string; title?: string }[];
  materials: { kind: 'link' | 'file' | 'slides' | 'video'; title: string; url: string }[];
  makeupOfTitle: string | null;
  makeups: { id: number; title: string; startsAt: string }[];
  version: number;
};

/** One session the scope can see, with everything its page shows; undefined when not visible. */
export async function findSessionInScope(db: Queryable, id: number, scope: string[] | null, lock = false): Promise<SessionRow | undefined> {
  if (lock) await db.query('SELECT 1 FROM study_sessions WHERE id = $1 FOR UPDATE', [id]);
  const { rows } = await db.query<SessionRow>(
    `SELECT ${sessionSummaryColumns}, o.path::text AS "orgPath",
            s.checkin_open_minutes AS "checkinOpenMinutes", s.checkin_close_minutes AS "checkinCloseMinutes",
            s.video_url AS "videoUrl", s.agenda, s.presenters, s.materials, s.version,
            (SELECT title FROM study_sessions p WHERE p.id = s.makeup_of) AS "makeupOfTitle",
            COALESCE((SELECT json_agg(json_build_object('id', mk.id, 'title', mk.title, 'startsAt', mk.starts_at) ORDER BY mk.starts_at)
                        FROM study_sessions mk WHERE mk.makeup_of = s.id), '[]') AS makeups
       FROM study_sessions s JOIN orgs o ON o.id = s.org_id
      WHERE s.id = $1 AND ${sessionVisibleSql('s', 'o.path', '$2')}`,
    [id, scope],
  );
  return rows[0];
}

export type PointRow = {
  id: number;
  sessionId: number;
  orgId: number;
  orgName: string;
  orgPath: string;
  name: string;
  place: string | null;
  hostName: string | null;
  isMain: boolean;
  expectedKind: 'subtree' | 'list';
  expectedOrgId: number | null;
  counts: { expected: number; present: number; excused: number; absent: number };
  version: number;
  sessionOrgPath: string;
};

/**
 * A member is expected once per session, at one point (not at a ward's main point and again at
 * their cell's): at the first point that lists them by name, else at the subtree point whose
 * expected org is the deepest one above their org (on a tie, the lower point id). Each helper
 * takes the SQL alias of a bridge point row.
 */
const expectedPathSql = (bp: string) => `(SELECT path FROM orgs WHERE id = ${bp}.expected_org_id)`;

/** Expected paths of the session's other subtree points nested in this point's: those members are expected there. */
export const nestedPathsSql = (bp: string) => `ARRAY(SELECT e2.path FROM bridge_points bp2 JOIN orgs e2 ON e2.id = bp2.expected_org_id
  WHERE bp2.session_id = ${bp}.session_id AND bp2.id <> ${bp}.id AND bp2.expected_kind = 'subtree' AND e2.path <@ ${expectedPathSql(bp)}
    AND (nlevel(e2.path) > nlevel(${expectedPathSql(bp)}) OR bp2.id < ${bp}.id))`;

/** True for an org path (SQL) in the point's own part of its subtree. */
const inOwnSubtreeSql = (bp: string, path: string) =>
  `(${bp}.expected_kind = 'subtree' AND ${path} <@ ${expectedPathSql(bp)} AND NOT ${path} <@ ${nestedPathsSql(bp)})`;

/** True when member `memberId` (SQL) is listed at a point of the session before this one (or at any, with `anyPoint`). */
const listedElsewhereSql = (bp: string, memberId: string, anyPoint: boolean) =>
  `EXISTS (SELECT 1 FROM bridge_point_members lx JOIN bridge_points lp ON lp.id = lx.point_id
            WHERE lx.member_id = ${memberId} AND lp.session_id = ${bp}.session_id${anyPoint ? '' : ` AND lp.id < ${bp}.id`})`;

/**
 * Points with their counts. Expected members of a subtree point add up the org rows'
 * member_count (no member scan) over the point's own part of its subtree; members listed at
 * some point are taken out of the subtree part and counted at the first point listing them.
 */
export const pointColumns = `
  bp.id, bp.session_id AS "sessionId", bp.org_id AS "orgId", po.name AS "orgName", po.path::text AS "orgPath",
  bp.name, bp.place, bp.host_name AS "hostName", bp.is_main AS "isMain",
  bp.expected_kind AS "expectedKind", bp.expected_org_id AS "expectedOrgId", bp.version,
  so.path::text AS "sessionOrgPath",
  json_build_object(
    'expected', (CASE WHEN bp.expected_kind = 'subtree'
                   THEN (SELECT COALESCE(sum(x.member_count), 0) FROM orgs x WHERE ${inOwnSubtreeSql('bp', 'x.path')})
                      - (SELECT count(DISTINCT lm.id) FROM bridge_point_members lpm JOIN bridge_points lbp ON lbp.id = lpm.point_id
                           JOIN members lm ON lm.id = lpm.member_id JOIN orgs lmo ON lmo.id = lm.org_id
                          WHERE lbp.session_id = bp.session_id AND ${inOwnSubtreeSql('bp', 'lmo.path')})
                   ELSE 0 END)
              + (SELECT count(*) FROM bridge_point_members pm WHERE pm.point_id = bp.id AND NOT ${listedElsewhereSql('bp', 'pm.member_id', false)}),
    'present', (SELECT count(*) FROM attendances a WHERE a.point_id = bp.id AND a.status = 'present'),
    'excused', (SELECT count(*) FROM attendances a WHERE a.point_id = bp.id AND a.status = 'excused'),
    'absent', (SELECT count(*) FROM attendances a WHERE a.point_id = bp.id AND a.status = 'absent')
  ) AS counts`;

export const pointFrom = `bridge_points bp JOIN orgs po ON po.id = bp.org_id JOIN study_sessions s ON s.id = bp.session_id JOIN orgs so ON so.id = s.org_id`;

/**
 * The members expected at a point, as a SQL condition on `m` (members) and `mo` (their org):
 * listed here first, or in the point's own part of its subtree and listed nowhere.
 */
export const expectedAtPointSql = (pointAlias: string) => `(
  (EXISTS (SELECT 1 FROM bridge_point_members pm WHERE pm.point_id = ${pointAlias}.id AND pm.member_id = m.id)
     AND NOT ${listedElsewhereSql(pointAlias, 'm.id', false)})
  OR (${inOwnSubtreeSql(pointAlias, 'mo.path')} AND NOT ${listedElsewhereSql(pointAlias, 'm.id', true)}))`;

/**
 * The members a point lets in (check-in, marks by the host), as a SQL condition on `m` and
 * `mo`: in its expected subtree or listed. Wider than expected: a cell's member may attend at
 * the ward's main hall, and is still counted once.
 */
export const allowedAtPointSql = (pointAlias: string) => `(
  (${pointAlias}.expected_kind = 'subtree' AND mo.path <@ ${expectedPathSql(pointAlias)})
  OR EXISTS (SELECT 1 FROM bridge_point_members pm WHERE pm.point_id = ${pointAlias}.id AND pm.member_id = m.id))`;
