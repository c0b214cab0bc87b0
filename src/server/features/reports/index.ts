/** What other features may use of the reports feature. */
export { getDashboard } from './dashboard.service';
export { evaluateDocumentTargets } from './dashboard.service';
export { startRollupFolder } from './rollup-fold';
export { flagReportForReapproval, type ReapprovalDifference } from './reapprovals.service';
