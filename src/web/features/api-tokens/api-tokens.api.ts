import type { ApiToken, IssueApiTokenInput, IssuedApiToken } from '../../../contracts/api-tokens';
import { api } from '../../lib/api';

export type { ApiToken, IssuedApiToken };
export const apiTokensKey = ['api-tokens'] as const;
export const fetchApiTokens = () => api.get<ApiToken[]>('/api-tokens');
export const issueApiToken = (input: IssueApiTokenInput) => api.post<IssuedApiToken>('/api-tokens', input);
export const revokeApiToken = (id: number) => api.post<ApiToken>(`/api-tokens/${id}/revoke`);
