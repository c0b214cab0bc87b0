export * from './consultation-rules';
