import { retryOnceIfUnavailable, type Db } from '../../../db/pool';
import type { CheckinReason } from '../../../../domain/study/messages';

export type CheckinItem = { sessionId: number; pointId: number; memberId: number | null; memberCode: string | null };
export type CheckinOutcome = { reason: CheckinReason; memberId: number | null; fullName: string | null };

type Row = {
  i: number;
  member_id: number | null;
  full_name: string | null;
  session_status: string | null;
  too_early: boolean | null;
  too_late: boolean | null;
  point_ok: boolean;
  expected: boolean | null;
  stored: boolean;
};

/**
 * One statement for a whole batch: resolve members by id or code, judge each against its
 * session's window and its point's expected attendees, insert the eligible ones, and report
 * per item. Autocommit makes the statement its own transaction: when it returns, the batch is
 * durable. Rows go in key order so concurrent batches lock in the same order.
 *
 * A member already marked excused or absent who then scans is turned present; a member already
 * present is left alone (`stored` false: "already checked in").
 */
export const BATCH_SQL = `
WITH input AS (
  SELECT * FROM unnest($1::int[], $2::bigint[], $3::bigint[], $4::bigint[], $5::text[]) AS t(i, session_id, point_id, member_id, code)
), resolved AS (
  SELECT i.i, i.session_id, i.point_id, m.id AS member_id, m.org_id, m.full_name
    FROM input i
    LEFT JOIN LATERAL (
      (SELECT id, org_id, full_name FROM members WHERE id = i.member_id)
      UNION ALL
      (SELECT id, org_id, full_name FROM members WHERE i.member_id IS NULL AND code = i.code)
      LIMIT 1) m ON true
), judged AS (
  SELECT r.*, s.status AS session_status,
         now() < s.starts_at - make_interval(mins => s.checkin_open_minutes) AS too_early,
         now() > s.ends_at + make_interval(mins => s.checkin_close_minutes) AS too_late,
         bp.id IS NOT NULL AS point_ok,
         (r.member_id IS NOT NULL AND bp.id IS NOT NULL AND (
            (bp.expected_kind = 'subtree' AND mo.path <@ eo.path)
            OR EXISTS (SELECT 1 FROM bridge_point_members x WHERE x.point_id = bp.id AND x.member_id = r.member_id))) AS expected
    FROM resolved r
    -- Lateral with OFFSET 0 (kept out of the join planning): index lookups per row, never a
    -- scan of the org or point tables to build a hash (a national conference has 31,000 points).
    LEFT JOIN LATERAL (SELECT * FROM study_sessions WHERE id = r.session_id OFFSET 0) s ON true
    LEFT JOIN LATERAL (SELECT * FROM bridge_points WHERE id = r.point_id AND session_id = r.session_id OFFSET 0) bp ON true
    LEFT JOIN LATERAL (SELECT path FROM orgs WHERE id = bp.expected_org_id OFFSET 0) eo ON true
    LEFT JOIN LATERAL (SELECT path FROM orgs WHERE id = r.org_id OFFSET 0) mo ON true
), ins AS (
  INSERT INTO attendances AS a (session_id, member_id, point_id, org_id, status, method)
  SELECT DISTINCT ON (session_id, member_id) session_id, member_id, point_id, org_id, 'present', 'qr'
    FROM judged
   WHERE expected AND session_status = 'planned' AND NOT too_early AND NOT too_late
   ORDER BY session_id, member_id
  ON CONFLICT (session_id, member_id) DO UPDATE
     SET status = 'present', point_id = EXCLUDED.point_id, method = 'qr', reason = NULL, at = now(), seq = DEFAULT, recorded_by = NULL
   WHERE a.status <> 'present'
  RETURNING a.session_id, a.member_id
)
SELECT j.i, j.member_id, j.full_name, j.session_status, j.too_early, j.too_late, j.point_ok, j.expected,
       ins.member_id IS NOT NULL AS stored
  FROM judged j LEFT JOIN ins ON ins.session_id = j.session_id AND ins.member_id = j.member_id`;

function judge(r: Row): CheckinReason {
  if (!r.point_ok || r.session_status === null) return 'token_invalid';
  if (r.session_status === 'cancelled') return 'cancelled';
  if (r.too_early) return 'too_early';
  if (r.too_late) return 'closed';
  if (r.member_id === null) return 'member_unknown';
  if (!r.expected) return 'not_expected';
  return r.stored ? 'checked_in' : 'already_checked_in';
}

/** Writes a batch of check-ins and returns one outcome per item, in order. */
export async function writeCheckins(db: Db, items: CheckinItem[]): Promise<CheckinOutcome[]> {
  // Named: PostgreSQL plans the statement once per connection instead of once per batch.
  // Safe to repeat after a lost connection: a member already present stays present, once.
  const { rows } = await retryOnceIfUnavailable(() =>
    db.query<Row>({
      name: 'study_checkin_batch',
      text: BATCH_SQL,
      values: [
        items.map((_, i) => i),
        items.map((x) => x.sessionId),
        items.map((x) => x.pointId),
        items.map((x) => x.memberId),
        items.map((x) => x.memberCode),
      ],
    }),
  );
  const out: CheckinOutcome[] = new Array(items.length);
  for (const r of rows) out[r.i] = { reason: judge(r), memberId: r.member_id, fullName: r.full_name };
  return out;
}
