/** Pure rules for targets (chỉ tiêu): statements, parsing, evaluation, rollup, periods. */
export * from './target-spec';
export * from './target-goal';
export * from './target-input';
export * from './target-status';
export * from './growth';
export * from './trend';
export * from './rollup';
export * from './periods';
