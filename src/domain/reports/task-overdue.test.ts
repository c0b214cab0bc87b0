import { describe, expect, it } from 'vitest';
import { isTaskOverdue, taskBucket } from './task-overdue';

describe('overdue tasks', () => {
  it('counts an unfinished task past its due date as overdue, and only that', () => {
    expect(isTaskOverdue({ status: 'in_progress', dueDate: '2025-03-31' }, '2025-04-01')).toBe(true);
    expect(isTaskOverdue({ status: 'in_progress', dueDate: '2025-03-31' }, '2025-03-31')).toBe(false);
    expect(isTaskOverdue({ status: 'done', dueDate: '2025-03-31' }, '2025-05-01')).toBe(false);
    expect(isTaskOverdue({ status: 'cancelled', dueDate: '2025-03-31' }, '2025-05-01')).toBe(false);
    expect(isTaskOverdue({ status: 'not_started', dueDate: null }, '2025-05-01')).toBe(false);
  });
  it('puts a task typed "overdue" but not yet due among those in progress', () => {
    expect(taskBucket({ status: 'overdue', dueDate: '2026-01-01' }, '2025-05-01')).toBe('in_progress');
    expect(taskBucket({ status: 'overdue', dueDate: '2025-01-01' }, '2025-05-01')).toBe('overdue');
    expect(taskBucket({ status: 'not_started', dueDate: '2025-01-01' }, '2025-05-01')).toBe('overdue');
    expect(taskBucket({ status: 'done', dueDate: '2025-01-01' }, '2025-05-01')).toBe('done');
  });
});
