/**
 * What other features may use of the orgs feature. Everything else in this folder is its own:
 * the lint rule in eslint.config.js refuses an import of it from another feature.
 */
export { findOrgInScope } from './orgs.queries';
export { reparentOrgsTx } from './orgs.service';
export { orgSummaryColumns, lockOrg, type OrgRow } from './orgs.queries';
