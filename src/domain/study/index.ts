export * from './checkin-window';
export * from './coverage';
export * from './messages';
