/** Route-level shapes of the reorganization feature: the shared contract plus query parameters. */
import { z } from 'zod';
import { isoDate } from '../../../contracts/reorg';
import { queryId } from '../../lib/query-params';

export * from '../../../contracts/reorg';

export const treeAsOfQuery = z.object({ asOf: isoDate, rootId: queryId().optional() });
export const orgParams = z.object({ orgId: queryId() });
export const operationParams = z.object({ id: queryId() });
export const historySearchQuery = z.object({ q: z.string().trim().min(2).max(100) });
export const figuresAsOfQuery = z.object({ orgId: queryId(), asOf: isoDate, tree: z.enum(['as_of', 'current']).default('as_of') });
