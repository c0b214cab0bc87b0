import { api } from '../../lib/api';
import type { TargetComparator } from '../../../domain/targets';
import type { ExtractedItem, ExtractedItemKind } from '../../../domain/extraction/types';

export type ExtractedKind = ExtractedItemKind;
export type IndicatorMatch = { id: number; name: string; unit: string; score: number; isExact: boolean };
/** An item the parser proposed, with the catalog indicator the server thinks it measures. */
export type ProposedItem = ExtractedItem & { indicatorMatch: IndicatorMatch | null };
/** `text` is the normalized text the items' offsets index into. */
export type Proposal = { text: string; items: ProposedItem[] };

export type AcceptedItem = {
  kind: ExtractedKind;
  text: string;
  indicatorId?: number | null;
  indicatorName?: string | null;
  comparator?: TargetComparator | null;
  value?: number | null;
  valueMin?: number | null;
  valueMax?: number | null;
  unit?: string;
  perYear?: boolean;
  byYear?: number | null;
  /** Index in the accepted list of the item this one sits under. */
  parentIndex?: number | null;
};
export type ImportResult = {
  documentId: number;
  items: { id: number; kind: string; text: string; statement: string | null }[];
  /** New indicators the import proposed: they wait for an administrator, outside the shared catalog. */
  proposedIndicators: { id: number; name: string; unit: string }[];
};

export const extractText = (text: string) => api.post<Proposal>('/extract', { text });
export const extractDocx = (file: File) => {
  const form = new FormData();
  form.append('file', file);
  return api.upload<Proposal>('/extract/docx', form);
};
export const importExtracted = (documentId: number, items: AcceptedItem[]) =>
  api.post<ImportResult>(`/documents/${documentId}/import-extracted`, { items });
