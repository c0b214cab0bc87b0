/**
 * What other features may use of the reorganization feature: the routes, and the commit inside
 * a caller's transaction (the demo records its 2025 reorganization with it). Other
 * features see its effects through the dated history tables and the live tree.
 */
export { reorgRoutes } from './reorg.routes';
export { commitReorgTx } from './reorg.service';
