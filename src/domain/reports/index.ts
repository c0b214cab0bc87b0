/** Pure rules for periodic reports: the workflow and the completeness arithmetic. */
export * from './report-workflow';
export * from './completeness';
export * from './task-overdue';
export * from './lateness';
export * from './escalation';
