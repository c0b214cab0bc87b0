/** What other features may use of the terms feature. */
export { getOrgTerms, openTerm } from './terms.service';
