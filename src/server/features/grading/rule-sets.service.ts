/**
 * The rule sets a round may use: the built-ins from the domain rules and the versions an
 * administrator added (copies with changes, kept in grading_rule_sets and never edited).
 */
import { inTransaction, type Db, type Queryable } from '../../db/pool';
import { BUILT_IN_RULE_SETS, ruleSetFor, ruleSetProblems, type GradingPeriodKind, type RuleSet } from '../../../domain/grading';
import type { Actor } from '../../lib/actor';
import { recordAudit } from '../../lib/audit';
import { AppError } from '../../lib/errors';
import { requireAddRuleSet } from './grading.policy';

export async function findRuleSets(db: Queryable): Promise<RuleSet[]> {
  const { rows } = await db.query<{ definition: RuleSet }>('SELECT definition FROM grading_rule_sets ORDER BY code, version');
  return [...BUILT_IN_RULE_SETS, ...rows.map((r) => r.definition)];
}

/** The rule set in force for a period, or null (see ruleSetFor). */
export async function ruleSetInForce(db: Queryable, kind: GradingPeriodKind, periodEnd: string): Promise<RuleSet | null> {
  return ruleSetFor(await findRuleSets(db), kind, periodEnd);
}

/**
 * Adds a version of a rule set (an administrator's copy with changes): it gets the next
 * version number of its code and is used for periods from its effective date. Refuses a set
 * with problems (400, each in Vietnamese) and a caller who is not an administrator (403).
 */
export async function addRuleSetVersion(db: Db, actor: Actor, input: Omit<RuleSet, 'version'>) {
  requireAddRuleSet(actor);
  return inTransaction(db, async (tx) => {
    // One version at a time per code: the number is the count so far plus one.
    await tx.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`grading-rule-set:${input.code}`]);
    const existing = (await findRuleSets(tx)).filter((s) => s.code === input.code);
    const definition: RuleSet = { ...input, version: Math.max(0, ...existing.map((s) => s.version)) + 1 };
    const problems = ruleSetProblems(definition);
    if (problems.length)
      throw new AppError(
        'validation_failed',
        { vi: problems.join('; '), en: 'The rule set is not sound.' },
        { fields: problems.map((message) => ({ field: 'body', message })) },
      );
    const { rows } = await tx.query<{ id: number }>(
      'INSERT INTO grading_rule_sets (code, version, definition, created_by) VALUES ($1, $2, $3, $4) RETURNING id',
      [definition.code, definition.version, JSON.stringify(definition), actor.userId],
    );
    await recordAudit(tx, actor, {
      action: 'create',
      entity: 'grading_rule_set',
      entityId: rows[0]!.id,
      orgId: null,
      orgPath: null,
      summary: `Thêm phiên bản ${definition.version} của ${definition.code}`,
      after: definition,
    });
    return definition;
  });
}
