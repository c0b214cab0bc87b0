/**
 * The rule sets a round may use: the built-ins from the domain rules and the versions an
 * administrator added (copies with changes, kept in grading_rule_sets and never edited).
 */
import type { Queryable } from '../../db/pool';
import { BUILT_IN_RULE_SETS, ruleSetFor, type GradingPeriodKind, type RuleSet } from '../../../domain/grading';

export async function findRuleSets(db: Queryable): Promise<RuleSet[]> {
  const { rows } = await db.query<{ definition: RuleSet }>('SELECT definition FROM grading_rule_sets ORDER BY code, version');
  return [...BUILT_IN_RULE_SETS, ...rows.map((r) => r.definition)];
}

/** The rule set in force for a period, or null (see ruleSetFor). */
export async function ruleSetInForce(db: Queryable, kind: GradingPeriodKind, periodEnd: string): Promise<RuleSet | null> {
  return ruleSetFor(await findRuleSets(db), kind, periodEnd);
}
