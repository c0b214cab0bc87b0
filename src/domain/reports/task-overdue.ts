/**
 * The one definition of an overdue task, used by every figure and heading of the dashboard:
 * a task is overdue at a date when it is neither done nor cancelled and its due date is before
 * that date. The status a reporter typed ("overdue") does not count by itself: a figure must
 * mean the same at any "as of" date, and a task due next month is not late today.
 */
export type TaskBucket = 'not_started' | 'in_progress' | 'done' | 'overdue' | 'cancelled';
export const TASK_BUCKETS: readonly TaskBucket[] = ['not_started', 'in_progress', 'done', 'overdue', 'cancelled'];

export type TaskForBucket = { status: string; dueDate: string | null };

/** Whether a task is overdue on `asOf` (`YYYY-MM-DD`, a Vietnamese day). */
export function isTaskOverdue(task: TaskForBucket, asOf: string): boolean {
  return task.status !== 'done' && task.status !== 'cancelled' && task.dueDate !== null && task.dueDate < asOf;
}

/**
 * The one bucket a task is counted in on `asOf`, so that the buckets add up to all tasks and
 * the overdue bucket equals the overdue figure. A task typed "overdue" but not past its due
 * date is counted as in progress.
 */
export function taskBucket(task: TaskForBucket, asOf: string): TaskBucket {
  if (isTaskOverdue(task, asOf)) return 'overdue';
  if (task.status === 'done' || task.status === 'cancelled' || task.status === 'not_started') return task.status;
  return 'in_progress';
}
