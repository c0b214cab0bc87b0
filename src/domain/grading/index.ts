/** Pure rules of evaluation and grading: rule sets, the score sheet, the quota, the workflow, the shares. */
export * from './rule-sets';
export * from './score';
export * from './quota';
export * from './workflow';
export * from './shares';
