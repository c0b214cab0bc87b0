import type { z } from 'zod';
import { api } from '../../lib/api';
import type * as C from '../../../contracts/users';

// Types of the answers and bodies come from the API's contracts (src/contracts/users.ts).
export type UserRole = z.infer<typeof C.userRoleSchema>;
export type User = z.infer<typeof C.userSchema>;
export type CreateUserInput = z.input<typeof C.createUserSchema>;
export type RoleInput = CreateUserInput['roles'][number];
export type UpdateUserInput = z.input<typeof C.updateUserSchema>;
export type UserListParams = { q?: string; orgId?: number; page: number; pageSize: number };

export const userKeys = {
  all: ['users'] as const,
  list: (p: UserListParams) => ['users', 'list', p] as const,
};

export const fetchUsers = (p: UserListParams) => api.get<z.infer<typeof C.userPageSchema>>('/users', p);
export const createUser = (input: CreateUserInput) => api.post<z.infer<typeof C.createdUserSchema>>('/users', input);
export const updateUser = (id: number, input: UpdateUserInput) => api.patch<User>(`/users/${id}`, input);
export const resetPassword = (id: number, version: number) =>
  api.post<z.infer<typeof C.resetPasswordResultSchema>>(`/users/${id}/reset-password`, { version });
