import { api } from '../../lib/api';
import type { AcceptProposalInput, IndicatorProposal, MergeProposalInput } from '../../../contracts/indicator-proposals';

export type { IndicatorProposal };
export const proposalKeys = { all: ['indicator-proposals'] as const };
export const fetchProposals = () => api.get<IndicatorProposal[]>('/indicator-proposals');
export const acceptProposal = (id: number, input: AcceptProposalInput) =>
  api.post<{ id: number; name: string }>(`/indicator-proposals/${id}/accept`, input);
export const mergeProposal = (id: number, input: MergeProposalInput) =>
  api.post<{ indicatorId: number; movedTargets: number }>(`/indicator-proposals/${id}/merge`, input);
