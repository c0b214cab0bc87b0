/**
 * Guided carry-over at the end of a term: the targets not reached and the tasks not finished in
 * the old term are listed; the user picks which become items of the new term's resolution or
 * program, each linked back to where it came from.
 */
import type { TargetStatus } from '../targets/target-status';

export type TaskStatus = 'not_started' | 'in_progress' | 'done' | 'overdue' | 'cancelled';

/** A target is carried when the term closed without reaching it ('achieved' is the only reached status). */
export function isTargetNotReached(status: TargetStatus): boolean {
  return status !== 'achieved';
}

/** A task is unfinished unless done or cancelled. */
export function isTaskUnfinished(status: TaskStatus): boolean {
  return status !== 'done' && status !== 'cancelled';
}

export type CandidateTask = { status: TaskStatus };
/** One item of the old document, with its tasks (for tasks, solutions and breakthroughs). */
export type CandidateItem = { itemId: number; kind: string; targetStatus: TargetStatus | null; tasks: readonly CandidateTask[] };

/**
 * Whether an item of the old document is offered for carry-over: a target not reached, or an
 * item with at least one unfinished task. Items with neither are left out of the checklist.
 */
export function isCarryCandidate(item: CandidateItem): boolean {
  if (item.kind === 'target') return item.targetStatus !== null && isTargetNotReached(item.targetStatus);
  return item.tasks.some((t) => isTaskUnfinished(t.status));
}

export type SelectionProblem = { itemId: number; reason: 'not_candidate' | 'repeated' | 'already_carried' };

/**
 * Checks a selection of source items against the candidates and what was carried already into
 * the same target document. Returns the problems (empty when the selection is good).
 */
export function checkCarrySelection(
  selected: readonly number[],
  candidates: ReadonlySet<number>,
  alreadyCarried: ReadonlySet<number>,
): SelectionProblem[] {
  const problems: SelectionProblem[] = [];
  const seen = new Set<number>();
  for (const id of selected) {
    if (seen.has(id)) problems.push({ itemId: id, reason: 'repeated' });
    else if (!candidates.has(id)) problems.push({ itemId: id, reason: 'not_candidate' });
    else if (alreadyCarried.has(id)) problems.push({ itemId: id, reason: 'already_carried' });
    seen.add(id);
  }
  return problems;
}

export const selectionProblemLabels: Record<SelectionProblem['reason'], string> = {
  not_candidate: 'không phải chỉ tiêu chưa đạt hoặc nhiệm vụ chưa hoàn thành của văn bản nhiệm kỳ trước',
  repeated: 'được chọn hai lần',
  already_carried: 'đã được chuyển tiếp vào văn bản này',
};

/**
 * The kind of the new item: a target stays a target; a task, solution or breakthrough becomes
 * a key task of the new document (the new term decides its own solutions).
 */
export function carriedItemKind(kind: string): 'target' | 'task' {
  return kind === 'target' ? 'target' : 'task';
}
