/** Pure rules of reorganizing the tree: checks before writing, and carrying figures across. */
export * from './combine';
export * from './operations';
export * from './versions';
