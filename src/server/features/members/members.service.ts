import type { Db, Queryable } from '../../db/pool';
import { vnToday } from '../../../domain/vn-time';
import { inTransaction } from '../../db/pool';
import { givenNameOf, normalizeFullName } from '../../../domain/members/member-fields';
import { inScopeSql, scopeOf, type Actor } from '../../lib/actor';
import { recordAudit } from '../../lib/audit';
import { AppError, notFound, versionConflict } from '../../lib/errors';
import { findOrgInScope } from '../orgs';
import type { CreateMemberInput, ListMembersQuery, MemberView, UpdateMemberInput } from '../../../contracts/members';
import { MEMBER_HOLDING_KINDS, memberColumns, type MemberRow } from './members.queries';
import { canWriteMembers, requireMemberWrite } from './members.policy';

const memberNotFound = () => notFound({ vi: 'Không tìm thấy đảng viên.', en: 'Member not found.' });
const orgNotFound = () => notFound({ vi: 'Không tìm thấy tổ chức.', en: 'Organization not found.' });

export function presentMember(actor: Actor, row: MemberRow): MemberView {
  const { orgPath, ...rest } = row;
  return { ...rest, abilities: { update: canWriteMembers(actor, orgPath) } };
}

const sortColumns: Record<ListMembersQuery['sort'], string> = {
  givenName: 'm.given_name COLLATE "vi-x-icu" %DIR%, m.full_name COLLATE "vi-x-icu" %DIR%, m.id',
  code: 'm.code %DIR%',
  joinedDate: 'm.joined_date %DIR% NULLS LAST, m.id',
  birthDate: 'm.birth_date %DIR% NULLS LAST, m.id',
};

/**
 * The words of a typed search as a text query: "Đảng  viên 42" → 'Đảng' & 'viên' & '42':*
 * (folded by vn_fold in SQL, as the names are). Every word but the last is a whole word, the
 * last may be the start of one (it is still being typed): at the country's size the index then
 * meets a word held by millions of names ("dang", "nguyen") only at the few rows the rarer words
 * point to, while a word's beginning reads every name it starts. Built here, not in SQL, so the
 * planner sees the query and counts its rows (a query it cannot see is guessed at 10,000 rows
 * and run on parallel workers that cost more to start than the search). Only letters and digits
 * count; null when there are none.
 */
function typedWords(q: string): string | null {
  const words = q.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  return words.length === 0 ? null : words.map((w, i) => `'${w}'${i === words.length - 1 ? ':*' : ''}`).join(' & ');
}

/** Builds the WHERE clause shared by the list and the export. */
async function memberFilter(db: Db, actor: Actor, q: Omit<ListMembersQuery, 'page' | 'pageSize' | 'sort' | 'order'>) {
  const scope = scopeOf(actor, 'members.read');
  const params: unknown[] = [scope];
  const where = [inScopeSql('o.path', '$1')];
  if (q.orgId) {
    const org = await findOrgInScope(db, q.orgId, scope);
    if (!org) throw orgNotFound();
    params.push(org.path);
    where.push(`o.path <@ $${params.length}::ltree`);
  }
  if (q.q) {
    const text = q.q.normalize('NFC');
    params.push(text);
    // The text starts the code, or its words those of the name; both sides indexed (migrations
    // 202612020814 and 202612021240).
    const byCode = `upper(m.code) LIKE upper($${params.length}) || '%'`;
    const words = typedWords(text);
    if (words === null) where.push(byCode);
    else {
      params.push(words);
      where.push(`(to_tsvector('simple', vn_fold(m.full_name)) @@ to_tsquery('simple', vn_fold($${params.length})) OR ${byCode})`);
    }
  }
  if (q.status) {
    params.push(q.status);
    where.push(`m.status = $${params.length}`);
  }
  if (q.nonState !== undefined) {
    params.push(q.nonState);
    where.push(`m.is_non_state_enterprise = $${params.length}`);
  }
  return { where: where.join(' AND '), params };
}

/** A page of members in the actor's scope, sorted in Vietnamese order by given name by default. */
export async function findMembers(db: Db, actor: Actor, q: ListMembersQuery) {
  const { where, params } = await memberFilter(db, actor, q);
  const order = sortColumns[q.sort].replaceAll('%DIR%', q.order === 'desc' ? 'DESC' : 'ASC');
  const list = (c: Queryable) =>
    c.query<MemberRow>(
      `SELECT ${memberColumns} FROM members m JOIN orgs o ON o.id = m.org_id WHERE ${where}
        ORDER BY ${order} LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`,
      params,
    );
  const total = async (c: Queryable) =>
    (await c.query<{ n: number }>(`SELECT count(*)::int AS n FROM members m JOIN orgs o ON o.id = m.org_id WHERE ${where}`, params))
      .rows[0]!.n;
  if (!q.q) {
    const [{ rows }, n] = await Promise.all([list(db), total(db)]);
    return { items: rows.map((r) => presentMember(actor, r)), total: n, page: q.page, pageSize: q.pageSize };
  }
  // A typed search: the rows it finds are read once, the page and the total from the same pass
  // (a window count over the matches), instead of finding them twice. It runs without parallel
  // workers: the planner cannot count a word's beginning, guesses tens of thousands of rows and
  // would start workers that, on a busy machine, take longer to start than the search takes.
  const { rows, n } = await inTransaction(db, async (tx) => {
    await tx.query('SET LOCAL max_parallel_workers_per_gather = 0');
    const { rows: found } = await tx.query<MemberRow & { matched: number }>(
      `SELECT ${memberColumns}, (count(*) OVER ())::int AS matched FROM members m JOIN orgs o ON o.id = m.org_id WHERE ${where}
        ORDER BY ${order} LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`,
      params,
    );
    // A page past the last has no row to carry the total.
    const n = found[0]?.matched ?? (q.page > 1 ? await total(tx) : 0);
    return { rows: found.map(({ matched: _matched, ...row }) => row), n };
  });
  return { items: rows.map((r) => presentMember(actor, r)), total: n, page: q.page, pageSize: q.pageSize };
}

/** Every member matching the filters, for the export (capped to keep a file openable). */
export async function findMembersForExport(db: Db, actor: Actor, q: ListMembersQuery, cap = 200_000) {
  const { where, params } = await memberFilter(db, actor, q);
  const { rows } = await db.query<MemberRow>(
    `SELECT ${memberColumns} FROM members m JOIN orgs o ON o.id = m.org_id WHERE ${where}
      ORDER BY o.path, m.given_name COLLATE "vi-x-icu", m.full_name COLLATE "vi-x-icu" LIMIT ${cap}`,
    params,
  );
  return rows;
}

async function loadMember(db: Db | import('pg').PoolClient, actor: Actor, id: number, lock = false) {
  const { rows } = await db.query<MemberRow>(
    `SELECT ${memberColumns} FROM members m JOIN orgs o ON o.id = m.org_id
      WHERE m.id = $1 AND ${inScopeSql('o.path', '$2')} ${lock ? 'FOR UPDATE OF m' : ''}`,
    [id, scopeOf(actor, 'members.read')],
  );
  return rows[0];
}

export async function getMember(db: Db, actor: Actor, id: number) {
  const row = await loadMember(db, actor, id);
  if (!row) throw memberNotFound();
  return presentMember(actor, row);
}

/** The org a member may be placed in: within scope, holding members, and not closed. */
async function memberHoldingOrg(db: Db | import('pg').PoolClient, actor: Actor, orgId: number) {
  const org = await findOrgInScope(db, orgId, scopeOf(actor, 'members.read'));
  if (!org) throw orgNotFound();
  requireMemberWrite(actor, org.path);
  if (!MEMBER_HOLDING_KINDS.includes(org.kind)) {
    throw new AppError(
      'validation_failed',
      { vi: 'Đảng viên chỉ sinh hoạt ở chi bộ hoặc đảng bộ/chi bộ cơ sở.', en: 'Members belong to a cell or a grassroots organization.' },
      {
        fields: [{ field: 'body.orgId', message: 'Hãy chọn một chi bộ.' }],
      },
    );
  }
  if (org.isClosed) throw new AppError('conflict', { vi: 'Tổ chức này đã giải thể.', en: 'This organization is closed.' });
  return org;
}

const codeTaken = (code: string) =>
  new AppError(
    'conflict',
    { vi: `Mã đảng viên "${code}" đã tồn tại.`, en: `Member code "${code}" already exists.` },
    {
      fields: [{ field: 'body.code', message: `Mã đảng viên "${code}" đã tồn tại.` }],
    },
  );

function checkDates(birthDate: string | null | undefined, joinedDate: string | null | undefined) {
  const today = vnToday();
  const problems: { field: string; message: string }[] = [];
  if (birthDate && birthDate > today) problems.push({ field: 'body.birthDate', message: 'Ngày sinh không thể ở tương lai.' });
  if (joinedDate && joinedDate > today) problems.push({ field: 'body.joinedDate', message: 'Ngày vào Đảng không thể ở tương lai.' });
  if (birthDate && joinedDate) {
    const eighteen = `${Number(birthDate.slice(0, 4)) + 18}${birthDate.slice(4)}`;
    if (joinedDate < eighteen) problems.push({ field: 'body.joinedDate', message: 'Người vào Đảng phải đủ 18 tuổi.' });
  }
  if (problems.length > 0) {
    throw new AppError(
      'validation_failed',
      { vi: problems.map((p) => p.message).join(' '), en: 'Some dates are invalid.' },
      { fields: problems },
    );
  }
}

export async function createMember(db: Db, actor: Actor, input: CreateMemberInput) {
  checkDates(input.birthDate, input.joinedDate);
  const id = await inTransaction(db, async (tx) => {
    const org = await memberHoldingOrg(tx, actor, input.orgId);
    const fullName = normalizeFullName(input.fullName);
    const { rows } = await tx.query<{ id: number }>(
      `INSERT INTO members (org_id, code, full_name, given_name, gender, birth_date, joined_date, status, is_non_state_enterprise, phone, email)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
       ON CONFLICT (code) DO NOTHING RETURNING id`,
      [
        org.id,
        input.code,
        fullName,
        givenNameOf(fullName),
        input.gender,
        input.birthDate ?? null,
        input.joinedDate ?? null,
        input.status,
        input.isNonStateEnterprise,
        input.phone || null,
        input.email || null,
      ],
    );
    if (!rows[0]) throw codeTaken(input.code);
    await recordAudit(tx, actor, {
      action: 'create',
      entity: 'member',
      entityId: rows[0].id,
      orgId: org.id,
      orgPath: org.path,
      summary: `Thêm đảng viên ${fullName} (${input.code}) vào ${org.name}`,
      after: { ...input, fullName },
    });
    return rows[0].id;
  });
  return getMember(db, actor, id);
}

export async function updateMember(db: Db, actor: Actor, id: number, input: UpdateMemberInput) {
  await inTransaction(db, async (tx) => {
    const before = await loadMember(tx, actor, id, true);
    if (!before) throw memberNotFound();
    requireMemberWrite(actor, before.orgPath);
    if (before.version !== input.version) throw versionConflict();
    checkDates(
      input.birthDate === undefined ? before.birthDate : input.birthDate,
      input.joinedDate === undefined ? before.joinedDate : input.joinedDate,
    );
    const fullName = input.fullName ? normalizeFullName(input.fullName) : before.fullName;
    const next = {
      code: input.code ?? before.code,
      fullName,
      gender: input.gender ?? before.gender,
      birthDate: input.birthDate === undefined ? before.birthDate : input.birthDate,
      joinedDate: input.joinedDate === undefined ? before.joinedDate : input.joinedDate,
      status: input.status ?? before.status,
      isNonStateEnterprise: input.isNonStateEnterprise ?? before.isNonStateEnterprise,
      phone: input.phone === undefined ? before.phone : input.phone || null,
      email: input.email === undefined ? before.email : input.email || null,
    };
    if (next.code !== before.code) {
      const { rows } = await tx.query('SELECT 1 FROM members WHERE code = $1', [next.code]);
      if (rows.length > 0) throw codeTaken(next.code);
    }
    await tx.query(
      `UPDATE members SET code = $2, full_name = $3, given_name = $4, gender = $5, birth_date = $6, joined_date = $7, status = $8,
              is_non_state_enterprise = $9, phone = $10, email = $11, version = version + 1, updated_at = now() WHERE id = $1`,
      [
        id,
        next.code,
        next.fullName,
        givenNameOf(next.fullName),
        next.gender,
        next.birthDate,
        next.joinedDate,
        next.status,
        next.isNonStateEnterprise,
        next.phone,
        next.email,
      ],
    );
    const changed = Object.keys(next).filter((k) => next[k as keyof typeof next] !== before[k as keyof MemberRow]);
    await recordAudit(tx, actor, {
      action: 'update',
      entity: 'member',
      entityId: id,
      orgId: before.orgId,
      orgPath: before.orgPath,
      summary: `Sửa đảng viên ${before.fullName} (${before.code})`,
      before: Object.fromEntries(changed.map((k) => [k, before[k as keyof MemberRow]])),
      after: Object.fromEntries(changed.map((k) => [k, next[k as keyof typeof next]])),
    });
  });
  return getMember(db, actor, id);
}

/** Moves a member to another cell; both cells must be within the actor's write scope. */
export async function transferMember(db: Db, actor: Actor, id: number, version: number, toOrgId: number) {
  await inTransaction(db, async (tx) => {
    const before = await loadMember(tx, actor, id, true);
    if (!before) throw memberNotFound();
    requireMemberWrite(actor, before.orgPath);
    if (before.version !== version) throw versionConflict();
    const target = await memberHoldingOrg(tx, actor, toOrgId);
    if (target.id === before.orgId) {
      throw new AppError('validation_failed', { vi: 'Đảng viên đã sinh hoạt ở chi bộ này.', en: 'The member is already in this cell.' });
    }
    await tx.query('UPDATE members SET org_id = $2, version = version + 1, updated_at = now() WHERE id = $1', [id, target.id]);
    await recordAudit(tx, actor, {
      action: 'transfer',
      entity: 'member',
      entityId: id,
      orgId: target.id,
      orgPath: target.path,
      summary: `Chuyển sinh hoạt ${before.fullName} từ ${before.orgName} sang ${target.name}`,
      before: { orgId: before.orgId, orgName: before.orgName },
      after: { orgId: target.id, orgName: target.name },
    });
    // The old cell sees the move in its own audit trail too.
    await recordAudit(tx, actor, {
      action: 'transfer_out',
      entity: 'member',
      entityId: id,
      orgId: before.orgId,
      orgPath: before.orgPath,
      summary: `Chuyển sinh hoạt ${before.fullName} sang ${target.name}`,
      before: { orgId: before.orgId },
      after: { orgId: target.id },
    });
  });
  return getMember(db, actor, id);
}
