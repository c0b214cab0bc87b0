export * from './membership-events';
export * from './candidates';
export * from './period-buckets';
export * from './event-sheet';
