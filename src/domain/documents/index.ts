/** Pure rules of documents and the cascade: kinds, numbering, item trees, checks, suggestions, history. */
export * from './document-kinds';
export * from './document-number';
export * from './item-tree';
export * from './vn-fold';
export * from './cascade-checks';
export * from './link-suggestions';
export * from './version-diff';
export * from './plan-duty';
