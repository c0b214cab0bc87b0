/** What other features may use of the users feature. */
export { getUser } from './users.service';
