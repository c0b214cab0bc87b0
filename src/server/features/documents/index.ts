/**
 * What other features may use of the documents feature. Everything else in this folder is its own:
 * the lint rule in eslint.config.js refuses an import of it from another feature.
 */
export { insertItem, lockDraftDocument, readTarget } from './items.service';
export { countItemTasksByBucket, updateTask } from './tasks.service';
export { findIndicators } from './indicators.service';
export { statementOf } from './documents.service';
export {
  type DocumentRow,
  type ItemRow,
  documentColumns,
  findDocumentReadable,
  findItemReadable,
  findItems,
  latestDocSql,
} from './documents.queries';
export { adoptDraftAtConference, reviseDraftItem } from './drafting.service';
