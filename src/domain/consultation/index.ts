export * from './consultation-rules';
export * from './synthesis';
