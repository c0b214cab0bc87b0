/**
 * Escalation of follow-up (issue 12): a report not submitted, an approval not given or an
 * explanation not answered `days` days after its due date is raised to the head of the org
 * above, once. These are the rules the daily job applies in SQL, written once here for the
 * screens and the tests.
 */
import { addDays } from '../targets/periods';

/** Days after a due date before open work is escalated, when no org above sets its own. */
export const DEFAULT_ESCALATION_DAYS = 5;

export type EscalationKind = 'report_submission' | 'report_approval' | 'explanation_answer';
export const ESCALATION_KINDS: readonly EscalationKind[] = ['report_submission', 'report_approval', 'explanation_answer'];

/** The first day (`YYYY-MM-DD`) an item due on `dueDate` and still open is escalated. */
export function escalationDay(dueDate: string, days: number): string {
  return addDays(dueDate, days);
}

/** Whether an item due on `dueDate` and still open is escalated by `today`'s run. */
export function isEscalationDue(dueDate: string, days: number, today: string): boolean {
  return escalationDay(dueDate, days) <= today;
}

/**
 * When an approval is due: the org above reports `levelOffsetDays` after its children (the
 * schedule's offset, src/domain/targets/periods.ts), so it must have approved them by then.
 */
export function approvalDueDate(reportDueDate: string, levelOffsetDays: number): string {
  return addDays(reportDueDate, levelOffsetDays);
}
