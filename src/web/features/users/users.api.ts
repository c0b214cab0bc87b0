import { api, type Page } from '../../lib/api';
import type { Role } from '../../../domain/access/permissions';

export type UserRole = { orgId: number; orgName: string; orgCode: string; role: Role };
export type User = {
  id: number;
  username: string;
  fullName: string;
  email: string | null;
  isDisabled: boolean;
  memberId: number | null;
  roles: UserRole[];
  version: number;
  createdAt: string;
  abilities: { update: boolean };
};
export type RoleInput = { orgId: number; role: Role };
export type CreateUserInput = { username: string; fullName: string; email?: string | null; password?: string; roles: RoleInput[] };
export type UpdateUserInput = { version: number; fullName?: string; email?: string | null; isDisabled?: boolean; roles?: RoleInput[] };
export type UserListParams = { q?: string; orgId?: number; page: number; pageSize: number };

export const userKeys = {
  all: ['users'] as const,
  list: (p: UserListParams) => ['users', 'list', p] as const,
};

export const fetchUsers = (p: UserListParams) => api.get<Page<User>>('/users', p);
export const createUser = (input: CreateUserInput) => api.post<{ user: User; generatedPassword: string | null }>('/users', input);
export const updateUser = (id: number, input: UpdateUserInput) => api.patch<User>(`/users/${id}`, input);
export const resetPassword = (id: number, version: number) =>
  api.post<{ generatedPassword: string }>(`/users/${id}/reset-password`, { version });
