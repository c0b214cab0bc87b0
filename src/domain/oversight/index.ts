/** Pure rules of inspection and supervision (kiểm tra, giám sát). */
export * from './oversight-kinds';
export * from './oversight-workflow';
export * from './recommendation-status';
export * from './confidentiality';
export * from './coverage';
export * from './oversight-number';
