import type pg from 'pg';
import { demoOrgs } from '../../domain/demo/demo-orgs';
import { generateDemoMembers } from '../../domain/demo/member-generator';
import { givenNameOf } from '../../domain/members/member-fields';
import type { DemoContext } from './demo-builder';
import { formatVnNumber } from '../../domain/vn-number';

/** The org tree of the seeds, its committees, and generated members in its cells. */
export async function loadDemoOrgs(tx: pg.PoolClient, ctx: DemoContext) {
  // Parents come before children in demoOrgs; sort defensively by depth of the code chain.
  const byCode = new Map(demoOrgs.map((o) => [o.code, o]));
  const depth = (code: string): number => {
    const org = byCode.get(code);
    return org?.parentCode ? 1 + depth(org.parentCode) : 0;
  };
  const ordered = [...demoOrgs].sort((a, b) => depth(a.code) - depth(b.code));
  for (const org of ordered) {
    const parent = org.parentCode ? ctx.orgs.get(org.parentCode) : undefined;
    if (org.parentCode && !parent) throw new Error(`Demo org ${org.code} names a missing parent ${org.parentCode}`);
    const { rows } = await tx.query<{ id: number; path: string }>(
      `WITH n AS (SELECT nextval(pg_get_serial_sequence('orgs', 'id')) AS id)
       INSERT INTO orgs (id, path, parent_id, code, name, kind, head_name, head_title, is_non_state_enterprise, is_sample, valid_from)
       OVERRIDING SYSTEM VALUE
       SELECT n.id, (CASE WHEN $1::text IS NULL THEN n.id::text ELSE $1 || '.' || n.id END)::ltree, $2, $3, $4, $5, $6, $7, $8, $9, '2020-01-01' FROM n
       RETURNING id, path::text`,
      [
        parent?.path ?? null,
        parent?.id ?? null,
        org.code,
        org.name,
        org.kind,
        org.headName ?? null,
        org.headTitle ?? null,
        org.isNonStateEnterprise ?? false,
        org.isSample,
      ],
    );
    ctx.orgs.set(org.code, rows[0]!);
    for (const committee of org.committees ?? []) {
      const { rows: c } = await tx.query<{ id: number }>(
        'INSERT INTO committees (org_id, role, term, size) VALUES ($1, $2, $3, $4) RETURNING id',
        [rows[0]!.id, committee.role, committee.term, committee.size],
      );
      await tx.query(
        `INSERT INTO committee_members (committee_id, full_name, position, title, is_sample, sort_order)
         SELECT $1, p.n, p.pos, p.t, p.s, p.ord FROM unnest($2::text[], $3::text[], $4::text[], $5::boolean[]) WITH ORDINALITY AS p(n, pos, t, s, ord)`,
        [
          c[0]!.id,
          committee.people.map((p) => p.fullName),
          committee.people.map((p) => p.position),
          committee.people.map((p) => p.title ?? null),
          committee.people.map((p) => p.isSample),
        ],
      );
    }
  }
  const members = generateDemoMembers(demoOrgs);
  for (let i = 0; i < members.length; i += 5000) {
    const chunk = members.slice(i, i + 5000);
    await tx.query(
      `INSERT INTO members (org_id, code, full_name, given_name, gender, birth_date, joined_date, status, is_non_state_enterprise, phone, email, is_sample)
       SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::date[], $7::date[], $8::text[], $9::boolean[], $10::text[], $11::text[], $12::boolean[])`,
      [
        chunk.map((m) => ctx.orgs.get(m.orgCode)!.id),
        chunk.map((m) => m.code),
        chunk.map((m) => m.fullName),
        chunk.map((m) => givenNameOf(m.fullName)),
        chunk.map((m) => m.gender),
        chunk.map((m) => m.birthDate),
        chunk.map((m) => m.joinedDate),
        chunk.map((m) => m.status),
        chunk.map((m) => m.isNonStateEnterprise),
        chunk.map((m) => m.phone),
        chunk.map((m) => m.email),
        chunk.map(() => true),
      ],
    );
  }
  ctx.log(`Dữ liệu mẫu: ${demoOrgs.length} tổ chức, ${formatVnNumber(members.length)} đảng viên (dữ liệu mẫu).`);
}
