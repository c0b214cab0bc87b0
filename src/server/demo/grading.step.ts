/**
 * Demo grading: yearly rounds 2021–2024 for the bloc and for Dĩ An (QĐ 132 until 2022, QĐ 124
 * from 2023) with every rating decided, and a first-quarter 2026 round under QĐ 366 in the new
 * term's tree (the ward Bến Thành of TP.HCM; the bloc ended on 01/07/2025), part decided and
 * part still in review. Every rating is a SAMPLE made up for the demo, marked is_sample; the
 * shares land near the bloc's reported figures (about 95% of organizations and 90% of members
 * "hoàn thành tốt" or better), real and not perfect.
 */
import type pg from 'pg';
import { BUILT_IN_RULE_SETS, gradingPeriod, ruleSetFor } from '../../domain/grading';
import { createEvaluations } from '../features/grading/rounds.service';
import type { DemoContext } from './demo-builder';

/**
 * Decides a round's evaluations set-based with a fixed spread: a stable hash of the id and the
 * year picks the level, and excellent is given only within each deciding group's 20% quota.
 * `share` is the fraction of evaluations decided (the rest stay proposed).
 */
async function decideRound(tx: pg.PoolClient, roundId: number, year: number, share: number, decidedOn: string) {
  await tx.query(
    `WITH e AS (
       SELECT id, subject_kind, ((id * 7919 + $2 * 104729) % 1000) AS h,
              row_number() OVER (PARTITION BY subject_kind, decider_org_id ORDER BY (id * 7919 + $2 * 104729) % 1000) AS rn,
              count(*) OVER (PARTITION BY subject_kind, decider_org_id) AS size
         FROM grading_evaluations WHERE round_id = $1 AND is_current
     ), lv AS (
       SELECT id, h, CASE
                WHEN rn <= floor(size * 0.2) AND h < 150 THEN 'excellent'
                WHEN subject_kind = 'org' AND h >= 960 THEN 'completed'
                WHEN subject_kind = 'member' AND h >= 985 THEN 'failed'
                WHEN subject_kind = 'member' AND h >= 900 - $2 % 3 * 10 THEN 'completed'
                ELSE 'good' END AS level
         FROM e
     )
     UPDATE grading_evaluations g SET
            status = CASE WHEN lv.h < $3::float8 * 1000 THEN 'decided' ELSE 'proposed' END,
            points = '{}', score = CASE lv.level WHEN 'excellent' THEN 93 WHEN 'good' THEN 80 WHEN 'completed' THEN 62 ELSE 40 END,
            rule_level = lv.level, self_level = lv.level, proposed_level = lv.level,
            comment = 'Chi bộ thống nhất với bản tự kiểm điểm (dữ liệu mẫu).',
            votes = '{"present": 9, "agree": 9, "disagree": 0}',
            decided_level = CASE WHEN lv.h < $3::float8 * 1000 THEN lv.level END,
            decided_at = CASE WHEN lv.h < $3::float8 * 1000 THEN $4::date END
       FROM lv WHERE g.id = lv.id`,
    [roundId, year, share, decidedOn],
  );
}

async function openDemoRound(tx: pg.PoolClient, orgId: number, kind: 'year' | 'quarter', key: string) {
  const period = gradingPeriod(kind, key)!;
  const rules = ruleSetFor(BUILT_IN_RULE_SETS, kind, period.end)!;
  const { rows } = await tx.query<{ id: number }>(
    `INSERT INTO grading_rounds (org_id, name, period_kind, period_key, period_start, period_end, rule_set, self_assess_due, review_due, decide_due, is_sample)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $6::date - 20, $6::date - 10, $6::date, true) RETURNING id`,
    [orgId, `Kiểm điểm, đánh giá, xếp loại chất lượng ${period.label}`, kind, key, period.start, period.end, JSON.stringify(rules)],
  );
  await createEvaluations(tx, rows[0]!.id, true);
  return rows[0]!.id;
}

export async function loadDemoGrading(tx: pg.PoolClient, ctx: DemoContext) {
  for (const code of ['BD.KHOI', 'BD.DIAN']) {
    const org = ctx.orgs.get(code);
    if (!org) continue;
    for (const year of [2021, 2022, 2023, 2024]) {
      const id = await openDemoRound(tx, org.id, 'year', String(year));
      await decideRound(tx, id, year, 1, `${year}-12-28`);
    }
  }
  ctx.log('grading: rounds 2021–2024 (QĐ 132, 124)');
}

/**
 * The first quarter of 2026 under QĐ 366-QĐ/TW (of 30/08/2025, which made quarterly reviews the
 * rule) in the new term's tree: the sample ward Bến Thành grades its cells and their members
 * (those of the new term's step, and after the 2025 reorganization those of the old wards merged
 * into it); about 60% of the ratings are decided, the rest wait in review. Runs after the
 * reorganization, as a round opened in 2026 does: it rates the orgs of the tree of its period.
 */
export async function loadDemoNewTermGrading(tx: pg.PoolClient, ctx: DemoContext) {
  const ward = ctx.orgs.get('HCM.BENTHANH');
  if (!ward) return;
  const id = await openDemoRound(tx, ward.id, 'quarter', '2026-Q1');
  await decideRound(tx, id, 2026, 0.6, '2026-04-10');
  // Those not decided wait at different steps of the review: most with the committee's
  // proposal, some with the cell's comments only, a few with the self-assessment only.
  await tx.query(
    `UPDATE grading_evaluations SET status = 'commented', proposed_level = NULL, votes = NULL
      WHERE round_id = $1 AND status = 'proposed' AND (id * 7919 + 2026 * 104729) % 1000 >= 800`,
    [id],
  );
  await tx.query(
    `UPDATE grading_evaluations SET status = 'self_assessed', comment = NULL
      WHERE round_id = $1 AND status = 'commented' AND (id * 7919 + 2026 * 104729) % 1000 >= 900`,
    [id],
  );
  ctx.log('grading: 2026-Q1 (QĐ 366) of the sample ward Bến Thành, its cells and members, part decided');
}
