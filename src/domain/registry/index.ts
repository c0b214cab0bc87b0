export * from './membership-events';
export * from './candidates';
export * from './period-buckets';
