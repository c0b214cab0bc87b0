/**
 * Factories with overrides for integration tests: build what a test needs in a line,
 * through the same SQL shapes the services use.
 */
import { randomBytes } from 'node:crypto';
import type { Role } from '../../domain/access/permissions';
import type { Db } from '../db/pool';
import { hashPassword } from '../lib/password';

let seq = 0;
const next = () => `${Date.now().toString(36)}${(seq += 1)}`;

export type TestOrg = { id: number; path: string; code: string; name: string };

export async function buildOrg(
  db: Db,
  overrides: Partial<{ parent: TestOrg | null; code: string; name: string; kind: string; id: number }> = {},
): Promise<TestOrg> {
  const code = overrides.code ?? `ORG${next()}`;
  const name = overrides.name ?? `Tổ chức ${code}`;
  const parent = overrides.parent ?? null;
  const { rows } = await db.query<{ id: number; path: string }>(
    `WITH n AS (SELECT COALESCE($6::bigint, nextval(pg_get_serial_sequence('orgs', 'id'))) AS id)
     INSERT INTO orgs (id, path, parent_id, code, name, kind) OVERRIDING SYSTEM VALUE
     SELECT n.id, (CASE WHEN $1::text IS NULL THEN n.id::text ELSE $1 || '.' || n.id END)::ltree, $2, $3, $4, $5 FROM n
     RETURNING id, path::text`,
    [
      parent?.path ?? null,
      parent?.id ?? null,
      code,
      name,
      overrides.kind ?? (parent ? 'cell' : 'province_committee'),
      overrides.id ?? null,
    ],
  );
  return { ...rows[0]!, code, name };
}

export type TestMember = { id: number; code: string; fullName: string; version: number };

export async function buildMember(db: Db, org: TestOrg, overrides: Partial<{ code: string; fullName: string }> = {}): Promise<TestMember> {
  const code = overrides.code ?? `M${next()}`;
  const fullName = overrides.fullName ?? 'Nguyễn Văn An';
  const given = fullName.split(' ').pop()!;
  const { rows } = await db.query<{ id: number; version: number }>(
    `INSERT INTO members (org_id, code, full_name, given_name, gender) VALUES ($1, $2, $3, $4, 'male') RETURNING id, version`,
    [org.id, code, fullName, given],
  );
  return { ...rows[0]!, code, fullName };
}

// One hash for every test user: scrypt is deliberately slow, and tests make many users.
let sharedHash: Promise<string> | null = null;
export const TEST_PASSWORD = `Test-${randomBytes(6).toString('hex')}`;

export async function buildUser(
  db: Db,
  grants: { org: TestOrg; role: Role }[],
  overrides: Partial<{ username: string; fullName: string }> = {},
) {
  sharedHash ??= hashPassword(TEST_PASSWORD);
  const username = overrides.username ?? `user${next()}`;
  const { rows } = await db.query<{ id: number }>(
    'INSERT INTO users (username, full_name, password_hash) VALUES ($1, $2, $3) RETURNING id',
    [username, overrides.fullName ?? `Người dùng ${username}`, await sharedHash],
  );
  for (const g of grants) {
    await db.query('INSERT INTO user_roles (user_id, org_id, role) VALUES ($1, $2, $3)', [rows[0]!.id, g.org.id, g.role]);
  }
  return { id: rows[0]!.id, username, password: TEST_PASSWORD };
}

export type TestDocument = { id: number; seriesId: number; orgId: number; orgPath: string; symbol: string };

/**
 * A document of `org` (adopted unless told), its own series; `implementsSeries` links it to the
 * document it implements, as a plan implements a resolution. Number and symbol are unique unless given.
 */
export async function buildDocument(
  db: Db,
  org: TestOrg,
  overrides: Partial<{
    kind: string;
    term: string;
    number: number;
    symbol: string;
    title: string;
    status: string;
    implementsSeries: number;
  }> = {},
): Promise<TestDocument> {
  const { rows } = await db.query<{ id: number; symbol: string }>(
    `WITH n AS (SELECT nextval(pg_get_serial_sequence('documents', 'id')) AS id)
     INSERT INTO documents (id, org_id, kind, term, number, symbol, title, status, series_id) OVERRIDING SYSTEM VALUE
     SELECT n.id, $1, $2, $3, COALESCE($4::int, n.id), COALESCE($5, COALESCE($4::int, n.id) || '-VB'), COALESCE($6, 'Văn bản thử ' || n.id), $7, n.id FROM n
     RETURNING id, symbol`,
    [
      org.id,
      overrides.kind ?? 'resolution',
      overrides.term ?? '2020-2025',
      overrides.number ?? null,
      overrides.symbol ?? null,
      overrides.title ?? null,
      overrides.status ?? 'adopted',
    ],
  );
  const id = rows[0]!.id;
  if (overrides.implementsSeries !== undefined) {
    await db.query('INSERT INTO document_implements (document_id, implements_series_id) VALUES ($1, $2)', [id, overrides.implementsSeries]);
  }
  return { id, seriesId: id, orgId: org.id, orgPath: org.path, symbol: rows[0]!.symbol };
}

/**
 * An item of a document: a task heading unless told; a target names its indicator by code
 * (`indicator: 'NEW_MEMBERS'`) with its comparator, value, unit and year.
 */
export async function buildItem(
  db: Db,
  documentId: number,
  overrides: Partial<{
    kind: string;
    position: number;
    text: string;
    indicator: string;
    comparator: string;
    value: number;
    unit: string;
    byYear: number;
    /** A yearly target ("hằng năm …"), judged each year. */
    perYear: boolean;
  }> = {},
): Promise<number> {
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO document_items (document_id, kind, position, text, indicator_id, comparator, value, unit, by_year, per_year)
     VALUES ($1, $2, COALESCE($3::int, (SELECT count(*) + 1 FROM document_items WHERE document_id = $1)), $4,
             (SELECT id FROM indicators WHERE code = $5), $6, $7, $8, $9, $10) RETURNING id`,
    [
      documentId,
      overrides.kind ?? 'task',
      overrides.position ?? null,
      overrides.text ?? `Nội dung ${next()}`,
      overrides.indicator ?? null,
      overrides.comparator ?? null,
      overrides.value ?? null,
      overrides.unit ?? null,
      overrides.byYear ?? null,
      overrides.perYear ?? false,
    ],
  );
  return rows[0]!.id;
}

/** A task assigned by `org` (to itself unless `lead` is given), under a document item when `itemId` is given. */
export async function buildTask(
  db: Db,
  org: TestOrg,
  overrides: Partial<{ lead: TestOrg; partners: TestOrg[]; itemId: number; title: string; dueDate: string; status: string }> = {},
): Promise<number> {
  const lead = overrides.lead ?? org;
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO tasks (item_id, org_id, title, lead_org_id, due_date, status, partner_org_ids) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [
      overrides.itemId ?? null,
      org.id,
      overrides.title ?? `Nhiệm vụ ${next()}`,
      lead.id,
      overrides.dueDate ?? null,
      overrides.status ?? 'not_started',
      (overrides.partners ?? []).map((p) => p.id),
    ],
  );
  return rows[0]!.id;
}

/**
 * A report of `org` on a document, in draft, under the document's schedule of that period type
 * (made when missing). Defaults: the first quarter of 2024, due 05/04/2024.
 */
export async function buildReport(
  db: Db,
  document: Pick<TestDocument, 'id'>,
  org: TestOrg,
  overrides: Partial<{
    periodType: string;
    periodKey: string;
    periodStart: string;
    periodEnd: string;
    dueDate: string;
    narrative: string;
  }> = {},
): Promise<{ id: number; scheduleId: number }> {
  const periodType = overrides.periodType ?? 'quarter';
  const { rows: schedule } = await db.query<{ id: number }>(
    `WITH s AS (INSERT INTO report_schedules (document_id, period_type) VALUES ($1, $2) ON CONFLICT (document_id, period_type) DO NOTHING RETURNING id)
     SELECT id FROM s UNION ALL SELECT id FROM report_schedules WHERE document_id = $1 AND period_type = $2`,
    [document.id, periodType],
  );
  const scheduleId = schedule[0]!.id;
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO reports (schedule_id, document_id, org_id, period_type, period_key, period_start, period_end, due_date, narrative)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
    [
      scheduleId,
      document.id,
      org.id,
      periodType,
      overrides.periodKey ?? '2024-Q1',
      overrides.periodStart ?? '2024-01-01',
      overrides.periodEnd ?? '2024-03-31',
      overrides.dueDate ?? '2024-04-05',
      overrides.narrative ?? '',
    ],
  );
  return { id: rows[0]!.id, scheduleId };
}

/**
 * A study session of `org` studying `documentIds`, under way now unless told (an hour ago to an
 * hour from now), with a bridge point at each org of `points` expecting that org's members.
 */
export async function buildStudySession(
  db: Db,
  org: TestOrg,
  overrides: Partial<{
    title: string;
    mode: string;
    startsAt: Date;
    endsAt: Date;
    documentIds: number[];
    points: { org: TestOrg; name?: string }[];
  }> = {},
): Promise<{ id: number; pointIds: number[] }> {
  // The database's clock, not the test's: a test may fix Date while PostgreSQL's now() runs on.
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO study_sessions (org_id, title, mode, starts_at, ends_at)
     VALUES ($1, $2, $3, COALESCE($4::timestamptz, now() - interval '1 hour'), COALESCE($5::timestamptz, now() + interval '1 hour')) RETURNING id`,
    [
      org.id,
      overrides.title ?? 'Hội nghị học tập Nghị quyết',
      overrides.mode ?? 'online',
      overrides.startsAt ?? null,
      overrides.endsAt ?? null,
    ],
  );
  const id = rows[0]!.id;
  for (const documentId of overrides.documentIds ?? []) {
    await db.query('INSERT INTO study_session_documents (session_id, document_id) VALUES ($1, $2)', [id, documentId]);
  }
  const pointIds: number[] = [];
  for (const p of overrides.points ?? []) {
    const { rows: bp } = await db.query<{ id: number }>(
      `INSERT INTO bridge_points (session_id, org_id, name, expected_org_id) VALUES ($1, $2, $3, $2) RETURNING id`,
      [id, p.org.id, p.name ?? `Điểm cầu ${p.org.name}`],
    );
    pointIds.push(bp[0]!.id);
  }
  return { id, pointIds };
}
