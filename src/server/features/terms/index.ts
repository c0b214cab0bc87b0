/** What other features may use of the terms feature. */
export { getOrgTerms, openTerm, openTermTx } from './terms.service';
