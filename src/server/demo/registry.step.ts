/**
 * Demo party building from the member registry (issue 13): the Bloc's admissions, reviews,
 * transfers and removals of 2021–2025 written as membership events (SAMPLE DATA, marked
 * is_sample), its enterprise register and candidates in progress. The Bloc's "kết nạp 1.800 /
 * trong đó 300" and "20 tổ chức đảng / 25 tổ chức Đoàn – Hội" targets read these; nothing here
 * is a typed figure. Written on the tree before the 2025 reorganization.
 */
import type pg from 'pg';
import { isYoungOn } from '../../domain/registry/membership-events';
import { givenNameOf } from '../../domain/members/member-fields';
import {
  generateAdmissions,
  generateCandidates,
  generateEnterprises,
  generateTransfers,
  registryDemoEnd,
  type DemoCell,
} from '../../domain/demo/registry-demo';
import type { DemoContext } from './demo-builder';

type EventRow = {
  memberId: number;
  orgId: number;
  kind: string;
  date: string;
  decision: string;
  mode: string | null;
  code: string | null;
  destination: string | null;
  nonState: boolean;
  young: boolean;
  female: boolean;
};

async function insertEvents(tx: pg.PoolClient, rows: EventRow[]): Promise<number[]> {
  const col = <K extends keyof EventRow>(k: K) => rows.map((r) => r[k]);
  const { rows: ids } = await tx.query<{ id: number }>(
    `INSERT INTO membership_events (member_id, org_id, kind, event_date, decision, transfer_mode, transfer_code, destination,
                                    is_non_state, is_young, is_female, is_sample)
     SELECT *, true FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::date[], $5::text[], $6::text[], $7::text[], $8::text[],
                                $9::boolean[], $10::boolean[], $11::boolean[])
     RETURNING id`,
    [
      col('memberId'),
      col('orgId'),
      col('kind'),
      col('date'),
      col('decision'),
      col('mode'),
      col('code'),
      col('destination'),
      col('nonState'),
      col('young'),
      col('female'),
    ],
  );
  return ids.map((r) => r.id);
}

export async function loadDemoRegistry(tx: pg.PoolClient, ctx: DemoContext) {
  const bloc = ctx.orgs.get('BD.KHOI');
  if (!bloc) return;
  const { rows: cells } = await tx.query<DemoCell>(
    `SELECT id, is_non_state_enterprise AS "isNonState" FROM orgs
      WHERE path <@ $1::ltree AND kind IN ('cell','grassroots') AND member_count > 0 ORDER BY id`,
    [bloc.path],
  );
  if (cells.length === 0) return;

  const admissions = generateAdmissions(cells);
  const { rows: members } = await tx.query<{ id: number }>(
    `INSERT INTO members (org_id, code, full_name, given_name, gender, birth_date, joined_date, status, is_non_state_enterprise, is_sample)
     SELECT o, c, n, g, s, b, j, st, nse, true
       FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::date[], $7::date[], $8::text[], $9::boolean[])
            WITH ORDINALITY AS t(o, c, n, g, s, b, j, st, nse, ord)
      ORDER BY ord RETURNING id`,
    [
      admissions.map((a) => a.cellId),
      admissions.map((a) => a.code),
      admissions.map((a) => a.fullName),
      admissions.map((a) => givenNameOf(a.fullName)),
      admissions.map((a) => a.gender),
      admissions.map((a) => a.birthDate),
      admissions.map((a) => a.admittedOn),
      admissions.map((a) => (a.officialOn ? 'official' : 'probationary')),
      admissions.map((a) => a.isNonState),
    ],
  );
  const facts = admissions.map((a, i) => ({
    memberId: members[i]!.id,
    nonState: a.isNonState,
    female: a.gender === 'female',
    birthDate: a.birthDate,
  }));
  const base = (i: number, date: string) => ({
    memberId: facts[i]!.memberId,
    nonState: facts[i]!.nonState,
    female: facts[i]!.female,
    young: isYoungOn(facts[i]!.birthDate, date),
    mode: null,
    code: null,
    destination: null,
  });
  const events: EventRow[] = [];
  admissions.forEach((a, i) => {
    events.push({ ...base(i, a.admittedOn), orgId: a.cellId, kind: 'admission', date: a.admittedOn, decision: a.committeeDecision });
    if (a.officialOn)
      events.push({ ...base(i, a.officialOn), orgId: a.cellId, kind: 'official', date: a.officialOn, decision: a.officialDecision! });
  });
  await insertEvents(tx, events);

  // Transfers, in date order: the transfer out, then (within the Bloc) the receiving cell's
  // transfer in, which moves the member from that day on.
  const transfers = generateTransfers(admissions, cells);
  for (const [n, t] of transfers.entries()) {
    const a = admissions[t.admissionIndex]!;
    const code = `DEMO${String(n + 1).padStart(6, '0')}`;
    const [outId] = await insertEvents(tx, [
      {
        ...base(t.admissionIndex, t.outOn),
        orgId: a.cellId,
        kind: 'transfer_out',
        date: t.outOn,
        decision: `Giấy giới thiệu sinh hoạt đảng số ${100 + n}-GGT/ĐUK`,
        mode: 'official',
        code,
        destination: t.destination,
      },
    ]);
    const memberId = facts[t.admissionIndex]!.memberId;
    if (!t.toCellId || !t.inOn) {
      await tx.query(`UPDATE members SET status = 'transferred' WHERE id = $1`, [memberId]);
      continue;
    }
    await tx.query(
      `INSERT INTO membership_events (member_id, org_id, kind, event_date, decision, transfer_mode, transfer_out_id, is_non_state, is_young, is_female, is_sample)
       VALUES ($1, $2, 'transfer_in', $3, $4, 'official', $5, $6, $7, $8, true)`,
      [
        memberId,
        t.toCellId,
        t.inOn,
        `Tiếp nhận theo giấy giới thiệu số ${100 + n}-GGT/ĐUK`,
        outId,
        a.isNonState,
        isYoungOn(a.birthDate, t.inOn),
        a.gender === 'female',
      ],
    );
    await tx.query(`SELECT set_config('resolute.effective_date', $1, true)`, [t.inOn]);
    await tx.query(`UPDATE members SET org_id = $2 WHERE id = $1`, [memberId, t.toCellId]);
    await tx.query(`SELECT set_config('resolute.effective_date', '', true)`);
    await tx.query(`UPDATE member_placements SET reason = 'transfer' WHERE member_id = $1 AND valid_from = $2 AND reason = 'reorg'`, [
      memberId,
      t.inOn,
    ]);
  }

  // A few members of the old roll leave it: removed from the rolls, one resignation, one death.
  const { rows: leaving } = await tx.query<{ id: number; orgId: number; nse: boolean; female: boolean; birth: string | null }>(
    `SELECT m.id, m.org_id AS "orgId", m.is_non_state_enterprise AS nse, m.gender = 'female' AS female, to_char(m.birth_date, 'YYYY-MM-DD') AS birth
       FROM members m JOIN orgs o ON o.id = m.org_id
      WHERE o.path <@ $1::ltree AND m.status = 'official' AND m.code NOT LIKE 'KN%' ORDER BY m.id LIMIT 8`,
    [bloc.path],
  );
  const leaveKinds = ['removal', 'removal', 'removal', 'removal', 'resignation', 'death', 'removal', 'expulsion'] as const;
  const leaveDates = ['2022-05-12', '2022-11-03', '2023-04-20', '2023-09-14', '2024-03-08', '2024-07-22', '2025-01-16', '2025-05-06'];
  await insertEvents(
    tx,
    leaving.map((m, i) => ({
      memberId: m.id,
      orgId: m.orgId,
      kind: leaveKinds[i]!,
      date: leaveDates[i]!,
      decision: `Quyết định số ${40 + i}-QĐ/ĐUK`,
      mode: null,
      code: null,
      destination: null,
      nonState: m.nse,
      young: isYoungOn(m.birth, leaveDates[i]!),
      female: m.female,
    })),
  );
  await tx.query(
    `UPDATE members m SET status = CASE e.kind WHEN 'death' THEN 'deceased' ELSE 'removed' END
       FROM membership_events e WHERE e.member_id = m.id AND e.kind IN ('removal','resignation','death','expulsion') AND m.id = ANY($1::bigint[])`,
    [leaving.map((m) => m.id)],
  );

  // The enterprise register; the party organization of each is one of the Bloc's non-state cells when there is one.
  const nseCells = cells.filter((c) => c.isNonState);
  const enterprises = generateEnterprises();
  for (const [i, e] of enterprises.entries()) {
    await tx.query(
      `INSERT INTO enterprises (org_id, name, tax_code, ownership, party_org_id, party_org_founded, trade_union_founded, youth_union_founded, is_sample)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, true)`,
      [
        bloc.id,
        e.name,
        e.taxCode,
        e.ownership,
        e.partyOrgFounded && nseCells.length > 0 ? nseCells[i % nseCells.length]!.id : null,
        e.partyOrgFounded,
        e.tradeUnionFounded,
        e.youthUnionFounded,
      ],
    );
  }

  // Candidates in progress: introduced ones name two official members of their cell.
  for (const c of generateCandidates(cells)) {
    const { rows: intro } = await tx.query<{ id: number }>(
      `SELECT id FROM members WHERE org_id = $1 AND status = 'official' AND code NOT LIKE 'KN%' ORDER BY id LIMIT 2`,
      [c.cellId],
    );
    const introduced = c.introductionDate && intro.length === 2;
    await tx.query(
      `INSERT INTO admission_candidates (org_id, full_name, gender, birth_date, is_non_state_enterprise, course_date, introduction_date, introducer_ids,
                                         cell_decision_date, cell_decision, is_sample)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8::bigint[], $9, $10, true)`,
      [
        c.cellId,
        c.fullName,
        c.gender,
        c.birthDate,
        c.isNonState,
        c.courseDate,
        introduced ? c.introductionDate : null,
        introduced ? intro.map((m) => m.id) : [],
        introduced ? c.cellDecisionDate : null,
        introduced && c.cellDecisionDate ? 'Nghị quyết đề nghị kết nạp của chi bộ' : null,
      ],
    );
  }
  ctx.log(
    `Sổ đảng viên: ${admissions.length} lượt kết nạp 2021–${registryDemoEnd.slice(0, 4)}, ${transfers.length} lượt chuyển sinh hoạt (dữ liệu mẫu).`,
  );
}
