/**
 * What other features may use of the study feature. Everything else in this folder is its own:
 * the lint rule in eslint.config.js refuses an import of it from another feature.
 */
export { getStudyCoverage } from './coverage/coverage.service';
export { startCoverageFolder } from './coverage/coverage-fold';
