/** What other features may use of the grading feature: its results as target values. */
export { GOOD_RATE_CODES, goodRateSeries } from './results.service';
export { sendGradingReminders } from './reminders.service';
