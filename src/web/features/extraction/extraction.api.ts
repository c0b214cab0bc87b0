import type { z } from 'zod';
import { api } from '../../lib/api';
import type * as C from '../../../contracts/extraction';

// Types of the answers and bodies come from the API's contracts (src/contracts/extraction.ts).
/** `text` is the normalized text the items' offsets index into. */
export type Proposal = z.infer<typeof C.extractionResponse>;
/** An item the parser proposed, with the catalog indicator the server thinks it measures. */
export type ProposedItem = Proposal['items'][number];
export type IndicatorMatch = NonNullable<ProposedItem['indicatorMatch']>;
export type ExtractedKind = ProposedItem['kind'];
export type AcceptedItem = z.input<typeof C.acceptedItemSchema>;
export type ImportResult = z.infer<typeof C.importExtractedResponse>;

export const extractText = (text: string) => api.post<Proposal>('/extract', { text });
export const extractDocx = (file: File) => {
  const form = new FormData();
  form.append('file', file);
  return api.upload<Proposal>('/extract/docx', form);
};
export const importExtracted = (documentId: number, items: AcceptedItem[]) =>
  api.post<ImportResult>(`/documents/${documentId}/import-extracted`, { items });
