/** API tokens for other systems: issued, listed and revoked by administrators (the bearer check itself is in lib/api-token-auth). */
export { apiTokensRoutes } from './api-tokens.routes';
