/**
 * Demo study sessions (src/domain/study/demo-study.ts): the conferences of the seeds with their
 * bridge points, attendance drawn deterministically from member codes so that coverage is high
 * but not complete, follow-up sessions, make-up sessions (one open now, to check in live),
 * reflections and pledges. Written with set-based SQL: the demo has tens of thousands of members.
 */
import type pg from 'pg';
import { demoDocuments } from '../../domain/documents/demo-documents';
import {
  demoExcuseReasons,
  demoMakeups,
  demoReflectionCommitments,
  demoReflectionOpenings,
  demoStudySessions,
  type DemoStudySession,
} from '../../domain/study/demo-study';
import type { DemoContext } from './demo-builder';
import { formatVnNumber } from '../../domain/vn-number';

const vnTime = (local: string) => `${local}:00+07:00`;

async function documentIds(tx: pg.PoolClient, ctx: DemoContext, keys: string[]): Promise<number[]> {
  const ids: number[] = [];
  for (const key of keys) {
    const d = demoDocuments.find((x) => x.key === key);
    const org = d ? ctx.orgs.get(d.orgCode) : undefined;
    if (!d || !org) throw new Error(`Demo study names a missing document ${key}`);
    const { rows } = await tx.query<{ id: number }>('SELECT id FROM documents WHERE org_id = $1 AND title = $2 ORDER BY id LIMIT 1', [
      org.id,
      d.title,
    ]);
    if (!rows[0]) throw new Error(`Demo document ${key} was not loaded before the study step`);
    ids.push(rows[0].id);
  }
  return ids;
}

async function insertSession(
  tx: pg.PoolClient,
  s: {
    orgId: number;
    title: string;
    mode: string;
    startsAt: string;
    endsAt: string;
    presenters: unknown;
    agenda: unknown;
    isSample: boolean;
    makeupOf?: number;
  },
  docs: number[],
) {
  const { rows } = await tx.query<{ id: number }>(
    `INSERT INTO study_sessions (org_id, title, mode, starts_at, ends_at, presenters, agenda, is_sample, makeup_of)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
    [
      s.orgId,
      s.title,
      s.mode,
      s.startsAt,
      s.endsAt,
      JSON.stringify(s.presenters),
      JSON.stringify(s.agenda),
      s.isSample,
      s.makeupOf ?? null,
    ],
  );
  await tx.query('INSERT INTO study_session_documents (session_id, document_id) SELECT $1, unnest($2::bigint[])', [rows[0]!.id, docs]);
  return rows[0]!.id;
}

async function insertPoint(
  tx: pg.PoolClient,
  sessionId: number,
  orgId: number,
  opts: { name?: string; kind: 'subtree' | 'list'; isMain?: boolean; place?: string },
) {
  const { rows } = await tx.query<{ id: number }>(
    `INSERT INTO bridge_points (session_id, org_id, name, place, expected_kind, expected_org_id, is_main)
     SELECT $1, o.id, COALESCE($3, 'Điểm cầu ' || o.name), $4, $5, CASE WHEN $5 = 'subtree' THEN o.id END, $6 FROM orgs o WHERE o.id = $2
     RETURNING id`,
    [sessionId, orgId, opts.name ?? null, opts.place ?? null, opts.kind, opts.isMain ?? false],
  );
  return rows[0]!.id;
}

/** Lists the first `n` members (by code) of each org of `kind` under `underPath` at a point. */
async function listKeyOfficials(tx: pg.PoolClient, pointId: number, underPath: string, kind: string, n: number, onlyOrgId?: number) {
  await tx.query(
    `INSERT INTO bridge_point_members (point_id, member_id)
     SELECT $1, k.id FROM orgs g
     CROSS JOIN LATERAL (SELECT m.id FROM orgs x JOIN members m ON m.org_id = x.id WHERE x.path <@ g.path ORDER BY m.code LIMIT $4) k
     WHERE g.path <@ $2::ltree AND g.kind = $3 AND ($5::bigint IS NULL OR g.id = $5)
     ON CONFLICT DO NOTHING`,
    [pointId, underPath, kind, n, onlyOrgId ?? null],
  );
}

/**
 * Attendance at every point of a session, drawn from a hash of the member code and a salt:
 * the same demo every time, different members missing each session.
 */
async function drawAttendance(tx: pg.PoolClient, sessionId: number, salt: string, presentPerMille: number, excusedPerMille: number) {
  await tx.query(
    `WITH expected AS (
       SELECT DISTINCT ON (m.id) bp.id AS point_id, m.id AS member_id, m.org_id, m.code
         FROM bridge_points bp
         JOIN LATERAL (
           SELECT m.* FROM orgs eo JOIN orgs x ON x.path <@ eo.path JOIN members m ON m.org_id = x.id
            WHERE bp.expected_kind = 'subtree' AND eo.id = bp.expected_org_id
           UNION ALL
           SELECT m.* FROM bridge_point_members pm JOIN members m ON m.id = pm.member_id WHERE pm.point_id = bp.id) m ON true
        WHERE bp.session_id = $1 AND m.status IN ('official', 'probationary')
        ORDER BY m.id, bp.expected_kind = 'list' DESC
     ), drawn AS (
       SELECT e.*, abs(hashtext(e.code || $2)) % 1000 AS h FROM expected e
     )
     INSERT INTO attendances (session_id, member_id, point_id, org_id, status, reason, method, at)
     SELECT $1, d.member_id, d.point_id, d.org_id,
            CASE WHEN d.h < $3 THEN 'present' WHEN d.h < $3 + $4 THEN 'excused' ELSE 'absent' END,
            CASE WHEN d.h >= $3 AND d.h < $3 + $4 THEN ($5::text[])[1 + d.h % array_length($5::text[], 1)] END,
            CASE WHEN d.h < $3 AND d.h % 6 <> 0 THEN 'qr' ELSE 'manual' END,
            s.starts_at - interval '25 minutes' + (d.h % 40) * interval '1 minute'
       FROM drawn d JOIN study_sessions s ON s.id = $1
      -- Members neither present nor excused: a third were marked absent, the rest never recorded.
      WHERE d.h < $3 + $4 OR d.h % 3 = 0
      ORDER BY d.member_id`,
    [sessionId, salt, presentPerMille, excusedPerMille, demoExcuseReasons],
  );
}

async function loadSession(tx: pg.PoolClient, ctx: DemoContext, s: DemoStudySession, sessionIds: Map<string, number[]>) {
  const org = ctx.orgs.get(s.orgCode);
  if (!org) throw new Error(`Demo study session ${s.key} names a missing org ${s.orgCode}`);
  const docs = await documentIds(tx, ctx, s.documents);
  const base = {
    title: s.title,
    mode: s.mode,
    startsAt: vnTime(s.startsAt),
    endsAt: vnTime(s.endsAt),
    presenters: s.presenters,
    agenda: s.agenda,
    isSample: s.isSample,
  };
  const p = s.points;
  if (p.type === 'follow_up_each') {
    const { rows: orgs } = await tx.query<{ id: number; name: string }>(
      'SELECT id, name FROM orgs WHERE path <@ $1::ltree AND kind = $2 ORDER BY path',
      [org.path, p.kind],
    );
    const ids: number[] = [];
    for (const o of orgs) {
      const id = await insertSession(tx, { ...base, orgId: o.id, title: `${s.title} — ${o.name}`, isSample: true }, docs);
      await insertPoint(tx, id, o.id, { name: `Hội trường ${o.name}`, kind: 'subtree', isMain: true });
      await drawAttendance(tx, id, s.key, s.presentPerMille, s.excusedPerMille);
      ids.push(id);
    }
    sessionIds.set(s.key, ids);
    return;
  }
  const id = await insertSession(tx, { ...base, orgId: org.id }, docs);
  sessionIds.set(s.key, [id]);
  if (p.type === 'main_and_each') {
    const under = ctx.orgs.get(p.under)!;
    await insertPoint(tx, id, org.id, { kind: 'list', isMain: true, place: 'Hội trường Tỉnh ủy' });
    const cityPoint = await insertPoint(tx, id, under.id, { kind: 'list' });
    await listKeyOfficials(tx, cityPoint, under.path, p.kind, p.keyPerChild);
    await tx.query(
      `INSERT INTO bridge_points (session_id, org_id, name, place, expected_kind, expected_org_id)
       SELECT $1, o.id, 'Điểm cầu ' || o.name, 'Hội trường ' || o.name, 'subtree', o.id FROM orgs o WHERE o.path <@ $2::ltree AND o.kind = $3 ORDER BY o.path`,
      [id, under.path, p.kind],
    );
  } else {
    const main = await insertPoint(tx, id, org.id, {
      kind: 'list',
      isMain: true,
      place: `Hội trường ${s.orgCode === 'HG' ? 'Tỉnh ủy' : 'Đảng ủy Khối'}`,
    });
    if (!p.perOrgPoints) {
      await listKeyOfficials(tx, main, org.path, p.kind, p.keyPerOrg);
    } else {
      const { rows: orgs } = await tx.query<{ id: number }>('SELECT id FROM orgs WHERE path <@ $1::ltree AND kind = $2 ORDER BY path', [
        org.path,
        p.kind,
      ]);
      for (const o of orgs) {
        const point = await insertPoint(tx, id, o.id, { kind: 'list' });
        await listKeyOfficials(tx, point, org.path, p.kind, p.keyPerOrg, o.id);
      }
    }
  }
  await drawAttendance(tx, id, s.key, s.presentPerMille, s.excusedPerMille);
}

export async function loadDemoStudy(tx: pg.PoolClient, ctx: DemoContext) {
  const sessionIds = new Map<string, number[]>();
  for (const s of demoStudySessions) await loadSession(tx, ctx, s, sessionIds);

  for (const m of demoMakeups) {
    const original = sessionIds.get(m.of)?.[0];
    const org = ctx.orgs.get(m.orgCode);
    if (!original || !org) throw new Error(`Demo make-up for ${m.of} at ${m.orgCode} names a missing session or org`);
    const { rows: orig } = await tx.query<{ title: string; mode: string }>('SELECT title, mode FROM study_sessions WHERE id = $1', [
      original,
    ]);
    const { rows: orgRow } = await tx.query<{ name: string }>('SELECT name FROM orgs WHERE id = $1', [org.id]);
    const now = Date.now();
    const startsAt = m.when === 'now' ? new Date(now - 3600_000).toISOString() : vnTime(m.when.startsAt);
    const endsAt = m.when === 'now' ? new Date(now + 3 * 3600_000).toISOString() : vnTime(m.when.endsAt);
    const { rows } = await tx.query<{ id: number }>(
      `INSERT INTO study_sessions (org_id, title, mode, starts_at, ends_at, makeup_of, is_sample) VALUES ($1, $2, 'in_person', $3, $4, $5, true) RETURNING id`,
      [org.id, `Học tập bù: ${orig[0]!.title} — ${orgRow[0]!.name}`, startsAt, endsAt, original],
    );
    const id = rows[0]!.id;
    await tx.query(
      'INSERT INTO study_session_documents (session_id, document_id) SELECT $1, document_id FROM study_session_documents WHERE session_id = $2',
      [id, original],
    );
    const point = await insertPoint(tx, id, org.id, {
      name: `Điểm học bù — ${orgRow[0]!.name}`,
      kind: 'list',
      isMain: true,
      place: `Hội trường ${orgRow[0]!.name}`,
    });
    await tx.query(
      `INSERT INTO bridge_point_members (point_id, member_id)
       SELECT $1, m.id FROM orgs x JOIN members m ON m.org_id = x.id
        WHERE x.path <@ $2::ltree AND m.status IN ('official', 'probationary')
          AND NOT EXISTS (SELECT 1 FROM attendances a WHERE a.session_id = $3 AND a.member_id = m.id AND a.status = 'present')`,
      [point, org.path, original],
    );
    await drawAttendance(tx, id, `${m.of}:makeup`, m.presentPerMille, 0);
    if (m.when === 'now') {
      // Under way: only those who scanned so far, all within the last hour.
      await tx.query(`DELETE FROM attendances WHERE session_id = $1 AND status <> 'present'`, [id]);
      await tx.query(`UPDATE attendances SET at = now() - (random() * interval '50 minutes'), method = 'qr' WHERE session_id = $1`, [id]);
    }
  }

  // Reflections and pledges from members present at the Bình Dương conference in two wards.
  const bd = sessionIds.get('BD-XI-2020-12-23')![0]!;
  const wards = ['BD.DIAN.P-DIAN', 'BD.DIAN.P-TANBINH'].map((c) => ctx.orgs.get(c)!.path);
  await tx.query(
    `INSERT INTO reflections (member_id, document_id, session_id, body, status, review_note, reviewed_at, created_at, updated_at)
     SELECT a.member_id, d.document_id, a.session_id,
            ($3::text[])[1 + h % array_length($3::text[], 1)] || ' ' || ($4::text[])[1 + (h / 7) % array_length($4::text[], 1)],
            CASE WHEN h % 10 < 6 THEN 'accepted' WHEN h % 10 = 6 THEN 'rewrite' ELSE 'submitted' END,
            CASE WHEN h % 10 = 6 THEN 'Đề nghị liên hệ cụ thể hơn với nhiệm vụ của chi bộ.' END,
            CASE WHEN h % 10 <= 6 THEN timestamptz '2021-01-15 09:00+07' END,
            timestamptz '2021-01-05 20:00+07', timestamptz '2021-01-05 20:00+07'
       FROM (SELECT a.*, abs(hashtext(m.code || 'reflection')) % 1000 AS h FROM attendances a JOIN members m ON m.id = a.member_id JOIN orgs o ON o.id = m.org_id
              WHERE a.session_id = $1 AND a.status = 'present' AND o.path <@ ANY($2::ltree[])) a
       JOIN study_session_documents d ON d.session_id = a.session_id
      WHERE a.h < 450`,
    [bd, wards, demoReflectionOpenings, demoReflectionCommitments],
  );
  await tx.query(
    `INSERT INTO pledges (member_id, document_id, year, commitments)
     SELECT r.member_id, r.document_id, 2021, jsonb_build_array($1::text, $2::text)
       FROM reflections r WHERE r.status = 'accepted' AND abs(hashtext(r.member_id::text || 'pledge')) % 2 = 0`,
    [demoReflectionCommitments[0], demoReflectionCommitments[1]],
  );
  const { rows: n } = await tx.query<{ sessions: number; attendances: number }>(
    'SELECT (SELECT count(*)::int FROM study_sessions) AS sessions, (SELECT count(*)::int FROM attendances) AS attendances',
  );
  ctx.log(`Dữ liệu mẫu học tập: ${n[0]!.sessions} hội nghị, ${formatVnNumber(n[0]!.attendances)} lượt điểm danh.`);
}
