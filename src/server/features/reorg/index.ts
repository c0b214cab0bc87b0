/**
 * What other features may use of the reorganization feature: the routes only, for now. Other
 * features see its effects through the dated history tables and the live tree.
 */
export { reorgRoutes } from './reorg.routes';
