/**
 * The registry as of a day and the overdue reviews. A member is on a cell's roll on day d when
 * their placement covers d (member_placements: a receiving cell has them only from the
 * transfer's date) and their last event by d did not end the membership.
 */
import type { Db } from '../../db/pool';
import { vnToday } from '../../../domain/vn-time';
import { reviewDueDate } from '../../../domain/registry/membership-events';
import { inScopeSql, scopeOf, type Actor } from '../../lib/actor';
import { findOrgInScope } from '../orgs';
import { orgNotFound } from './registry.errors';

const ROSTER_LIMIT = 2_000;

async function subtreeOf(db: Db, actor: Actor, orgId: number) {
  const scope = scopeOf(actor, 'registry.read');
  const org = await findOrgInScope(db, orgId, scope);
  if (!org) throw orgNotFound();
  return { org, scope };
}

/** Members on the rolls of the org's subtree on `asOf` (the first 2.000 by cell and name, and the totals). */
export async function findRoster(db: Db, actor: Actor, orgId: number, asOf: string) {
  const { org, scope } = await subtreeOf(db, actor, orgId);
  const { rows } = await db.query<{
    id: number;
    code: string;
    fullName: string;
    orgId: number;
    orgName: string;
    standing: string;
    total: number;
    probationary: number;
  }>(
    `WITH roll AS (
       SELECT m.id, m.code, m.full_name, o.id AS org_id, o.name AS org_name, o.path,
              CASE WHEN le.kind = 'admission' THEN 'probationary' ELSE 'official' END AS standing, m.given_name
         FROM orgs o
         JOIN member_placements p ON p.org_id = o.id AND p.valid_from <= $2::date AND (p.valid_to IS NULL OR p.valid_to > $2::date)
         JOIN members m ON m.id = p.member_id
         LEFT JOIN LATERAL (
           SELECT e.kind FROM membership_events e
            WHERE e.member_id = m.id AND e.event_date <= $2::date AND e.kind IN ('admission','official','removal','expulsion','resignation','death')
            ORDER BY e.event_date DESC, e.id DESC LIMIT 1) le ON true
        WHERE o.path <@ $1::ltree AND ${inScopeSql('o.path', '$3')}
          AND COALESCE(le.kind, '') NOT IN ('removal','expulsion','resignation','death')
          AND NOT EXISTS (SELECT 1 FROM membership_events a WHERE a.member_id = m.id AND a.kind = 'admission' AND a.event_date > $2::date)
          -- A member on the roll before the registry, already gone today, has no event saying when.
          AND (m.status NOT IN ('deceased','removed') OR EXISTS (SELECT 1 FROM membership_events x WHERE x.member_id = m.id))
     )
     SELECT id, code, full_name AS "fullName", org_id AS "orgId", org_name AS "orgName", standing,
            count(*) OVER ()::int AS total, (count(*) FILTER (WHERE standing = 'probationary') OVER ())::int AS probationary
       FROM roll ORDER BY path, given_name COLLATE "vi-x-icu", full_name COLLATE "vi-x-icu", id LIMIT ${ROSTER_LIMIT}`,
    [org.path, asOf, scope],
  );
  return {
    asOf,
    total: rows[0]?.total ?? 0,
    probationary: rows[0]?.probationary ?? 0,
    items: rows.map(({ total: _t, probationary: _p, ...r }) => r),
    temporary: await findTemporaryParticipants(db, org.path, scope, asOf),
  };
}

/**
 * Members taking part in the subtree's cells on `asOf` on a temporary transfer received there
 * (chuyển sinh hoạt tạm thời): the official roll keeps them in their home cell, so they are
 * listed apart. A stay ends with the member's next transfer (out or in) or their leaving.
 */
async function findTemporaryParticipants(db: Db, orgPath: string, scope: string[] | null, asOf: string) {
  const { rows } = await db.query<{
    id: number;
    code: string;
    fullName: string;
    orgId: number;
    orgName: string;
    homeOrgName: string;
    since: string;
  }>(
    `SELECT m.id, m.code, m.full_name AS "fullName", o.id AS "orgId", o.name AS "orgName", h.name AS "homeOrgName",
            to_char(t.event_date, 'YYYY-MM-DD') AS since
       FROM orgs o JOIN membership_events t ON t.org_id = o.id AND t.kind = 'transfer_in' AND t.transfer_mode = 'temporary'
       JOIN members m ON m.id = t.member_id
       JOIN membership_events so ON so.id = t.transfer_out_id JOIN orgs h ON h.id = so.org_id
      WHERE o.path <@ $1::ltree AND ${inScopeSql('o.path', '$3')} AND t.event_date <= $2::date
        AND NOT EXISTS (SELECT 1 FROM membership_events x WHERE x.member_id = t.member_id AND x.id <> t.id
                          AND (x.event_date, x.id) > (t.event_date, t.id) AND x.event_date <= $2::date
                          AND x.kind IN ('transfer_out','transfer_in','removal','expulsion','resignation','death'))
      ORDER BY o.path, m.given_name COLLATE "vi-x-icu", m.full_name COLLATE "vi-x-icu", m.id LIMIT ${ROSTER_LIMIT}`,
    [orgPath, asOf, scope],
  );
  return rows;
}

/**
 * Probationary members of the subtree whose twelve months ended before `asOf` with no decision
 * recorded by then (made official, or off the rolls): the cell and its committee owe a review.
 */
export async function findOverdueReviews(db: Db, actor: Actor, orgId: number, asOf: string = vnToday()) {
  const { org, scope } = await subtreeOf(db, actor, orgId);
  const { rows } = await db.query<{ memberId: number; code: string; fullName: string; orgId: number; orgName: string; admittedOn: string }>(
    `SELECT m.id AS "memberId", m.code, m.full_name AS "fullName", o.id AS "orgId", o.name AS "orgName",
            to_char(p.admitted_on, 'YYYY-MM-DD') AS "admittedOn"
       FROM registry_probations p JOIN members m ON m.id = p.member_id JOIN orgs o ON o.id = m.org_id
      WHERE p.overdue_span @> $2::date AND o.path <@ $1::ltree AND ${inScopeSql('o.path', '$3')}
      ORDER BY p.admitted_on, m.id LIMIT 5000`,
    [org.path, asOf, scope],
  );
  const day = (s: string) => Date.parse(`${s}T00:00:00Z`) / 86_400_000;
  return {
    asOf,
    items: rows.map((r) => {
      const due = reviewDueDate(r.admittedOn);
      return { ...r, reviewDue: due, daysOverdue: day(asOf) - day(due) };
    }),
  };
}
