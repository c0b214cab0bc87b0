/** Public API of the extraction: callers import from here, not from the step files. */
export { explainItem } from './explain';
export { extractItems } from './extract-items';
export { normalizeText } from './text';
export type { ExtractedItem, ExtractedItemKind, TargetComparator } from './types';
