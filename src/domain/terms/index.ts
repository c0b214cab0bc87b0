export * from './term-label';
export * from './numbering';
export * from './carry-over';
