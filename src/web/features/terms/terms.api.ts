import type { z } from 'zod';
import { api, type Page } from '../../lib/api';
import type {
  candidatesSchema,
  carryPreviewSchema,
  carryResultSchema,
  documentCarryLinksSchema,
  orgTermsSchema,
  CarryOverInput,
} from '../../../contracts/terms';

export type Candidates = z.infer<typeof candidatesSchema>;
export type Candidate = Candidates['targets'][number];
export type CarryPreview = z.infer<typeof carryPreviewSchema>;
export type CarryResult = z.infer<typeof carryResultSchema>;
export type CarryLinks = z.infer<typeof documentCarryLinksSchema>;
export type OrgTerms = z.infer<typeof orgTermsSchema>;
export type DocumentChoice = {
  id: number;
  symbol: string;
  title: string;
  term: string;
  orgName: string;
  kind: string;
  status: string;
  abilities: { update: boolean };
};

export const termsKeys = {
  documents: ['terms', 'documents'] as const,
  candidates: (id: number) => ['terms', 'candidates', id] as const,
  links: (id: number) => ['terms', 'links', id] as const,
  orgTerms: (id: number) => ['terms', 'org', id] as const,
};

/** Documents the caller reads, for both ends of a carry-over (latest versions). */
export const fetchDocumentChoices = () => api.get<Page<DocumentChoice>>('/documents', { pageSize: 200 }).then((p) => p.items);
export const fetchCandidates = (documentId: number) => api.get<Candidates>(`/documents/${documentId}/carry-over/candidates`);
export const fetchCarryLinks = (documentId: number) => api.get<CarryLinks>(`/documents/${documentId}/carry-overs`);
export const fetchOrgTerms = (orgId: number) => api.get<OrgTerms>(`/orgs/${orgId}/terms`);
export const previewCarry = (input: CarryOverInput) => api.post<CarryPreview>('/carry-overs/preview', input);
export const commitCarry = (input: CarryOverInput) => api.post<CarryResult>('/carry-overs', input);
