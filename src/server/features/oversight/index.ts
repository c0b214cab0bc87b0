/** What other features may use of the oversight feature: its coverage as a target's actual values. */
export { OVERSIGHT_RATE_CODE, oversightCoverageSeries } from './coverage-series.service';
