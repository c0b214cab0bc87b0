import type { z } from 'zod';
import { api, downloadUrl, type Page } from '../../lib/api';
import type {
  AdoptInput,
  CirculateInput,
  Comment,
  Comparison,
  ConferenceCommentInput,
  CreateCommentInput,
  DisposeInput,
  GroupedComments,
  Inbox,
  People,
  VersionDetail,
  Workspace,
  noteOutSchema,
  roundSchema,
} from '../../../contracts/consultation';
import type { TeamRole } from '../../../domain/consultation';

export type { Comment, Comparison, GroupedComments, Inbox, VersionDetail, Workspace };
export type Round = z.infer<typeof roundSchema>;
export type Note = z.infer<typeof noteOutSchema>;
export type OrgChoice = { id: number; name: string; kind: string };
export type UserChoice = { id: number; fullName: string; username: string };

export const consultationKeys = {
  all: ['consultation'] as const,
  inbox: ['consultation', 'inbox'] as const,
  workspace: (id: number) => ['consultation', 'workspace', id] as const,
  comments: (id: number) => ['consultation', 'comments', id] as const,
  commentPage: (id: number, item: string, page: number) => ['consultation', 'comments', id, item, page] as const,
  version: (id: number) => ['consultation', 'version', id] as const,
  compare: (id: number, from: number, to: number) => ['consultation', 'compare', id, from, to] as const,
  notes: (id: number) => ['consultation', 'notes', id] as const,
};

export const fetchInbox = () => api.get<Inbox>('/consultation/inbox');
export const fetchWorkspace = (id: number) => api.get<Workspace>(`/documents/${id}/consultation`);
export const fetchComments = (id: number) => api.get<GroupedComments>(`/documents/${id}/consultation/comments`);
/** One page of one item's comments (`document`: those on the whole draft). */
export const fetchCommentPage = (id: number, item: string, page: number) =>
  api.get<GroupedComments>(`/documents/${id}/consultation/comments`, { item, page });
export const fetchVersion = (id: number) => api.get<VersionDetail>(`/consultation/versions/${id}`);
export const fetchComparison = (id: number, from: number, to: number) =>
  api.get<Comparison>(`/documents/${id}/consultation/compare`, { from, to });
export const fetchNotes = (id: number) => api.get<{ items: Note[] }>(`/documents/${id}/consultation/notes`);
export const formTeam = (id: number, members: { userId: number; role: TeamRole }[]) =>
  api.put<Workspace>(`/documents/${id}/consultation/team`, { members });
export const issueVersion = (id: number, note: string | null) =>
  api.post<VersionDetail>(`/documents/${id}/consultation/versions`, { note });
export const circulate = (versionId: number, input: CirculateInput) => api.post<Round>(`/consultation/versions/${versionId}/rounds`, input);
export const createComment = (input: CreateCommentInput) => api.post<Comment>('/consultation/comments', input);
export const approveComment = (id: number) => api.post<Comment>(`/consultation/comments/${id}/approve`);
export const enterConferenceComment = (id: number, input: ConferenceCommentInput) =>
  api.post<Comment>(`/documents/${id}/consultation/conference-comments`, input);
export const disposeComment = (id: number, commentId: number, input: DisposeInput) =>
  api.post<Comment>(`/documents/${id}/consultation/comments/${commentId}/disposition`, input);
export const reviseItem = (id: number, key: string, input: { text: string; value?: number | null; version: number }) =>
  api.patch<{ id: number; version: number }>(`/documents/${id}/consultation/items/${key}`, input);
export const publishSynthesis = (id: number) => api.post<{ ok: true }>(`/documents/${id}/consultation/synthesis/publish`);
export const addNote = (id: number, body: string) => api.post<Note>(`/documents/${id}/consultation/notes`, { body });
export const adopt = (id: number, input: AdoptInput) => api.post<Workspace>(`/documents/${id}/consultation/adopt`, input);

/** Orgs under the issuing org, the usual recipients. */
export const fetchChildOrgs = (parentId: number) => api.get<OrgChoice[]>('/orgs/tree', { parentId });
/** Users the caller manages, to form the group (the issuing org's leadership holds users.read). */
export const fetchUsers = () => api.get<Page<UserChoice>>('/users', { pageSize: 200 }).then((p) => p.items);

/** People the group may send the draft to (roles in the issuing org's subtree), by name. */
export const fetchPeople = (id: number, q: string) => api.get<People>(`/documents/${id}/consultation/people`, q ? { q } : undefined);
/** The Word file of a version sent for comments; line numbers on request. */
export const draftDocxUrl = (versionId: number, lineNumbers = false) =>
  downloadUrl(`/consultation/versions/${versionId}/draft.docx`, lineNumbers ? { lineNumbers: 'true' } : undefined);
/** The synthesis report (báo cáo tổng hợp, tiếp thu, giải trình ý kiến góp ý) in Word. */
export const synthesisDocxUrl = (id: number) => downloadUrl(`/documents/${id}/consultation/synthesis.docx`);
