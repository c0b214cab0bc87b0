import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, setCsrfToken } from '../../lib/api';
import type { z } from 'zod';
import type * as C from '../../../contracts/auth';

// Types of the answers come from the API's contracts (src/contracts/auth.ts).
export type Grant = z.infer<typeof C.grantSchema>;
/** The logged-in user; `mustEnrolTotp`: an administrator requires a second factor and this account has none yet. */
export type Me = z.infer<typeof C.meSchema>;

export const meKey = ['auth', 'me'] as const;

/** The logged-in user, or null when nobody is (401). */
export async function fetchMe(): Promise<Me | null> {
  try {
    const me = await api.get<Me>('/auth/me');
    setCsrfToken(me.csrfToken);
    return me;
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw e;
  }
}

export function useMe() {
  return useQuery({ queryKey: meKey, queryFn: fetchMe, staleTime: Infinity, retry: 1 });
}

/** The logged-in user; only for pages rendered behind the login gate. */
export function useCurrentUser(): Me {
  const { data } = useMe();
  if (!data) throw new Error('useCurrentUser without a session');
  return data;
}

export async function login(username: string, password: string, totpCode?: string): Promise<Me> {
  const me = await api.post<Me>('/auth/login', { username, password, ...(totpCode ? { totpCode } : {}) });
  setCsrfToken(me.csrfToken);
  return me;
}

export function useLogout() {
  const forget = useForgetSession();
  return async () => {
    try {
      await api.post('/auth/logout');
    } finally {
      forget();
    }
  };
}

/** Changes the caller's password; the server ends every session of the user (204). */
export async function changePassword(currentPassword: string, newPassword: string): Promise<void> {
  await api.post<void>('/auth/password', { currentPassword, newPassword });
}

/** Forgets the session on this page after the server ended it: the login gate shows the form. */
export function useForgetSession() {
  const qc = useQueryClient();
  return () => {
    setCsrfToken(null);
    // The user first (its observer shows the login page at once), then every other cached
    // answer: clearing the whole cache first would drop the query the page is watching, and
    // the page would stay as it was.
    qc.setQueryData(meKey, null);
    qc.removeQueries({ predicate: (q) => !(q.queryKey[0] === meKey[0] && q.queryKey[1] === meKey[1]) });
  };
}

export type SessionItem = z.infer<typeof C.sessionItemSchema>;
export const sessionsKey = ['auth', 'sessions'] as const;
export const fetchSessions = () => api.get<SessionItem[]>('/auth/sessions');
export const endSession = (id: string) => api.delete<void>(`/auth/sessions/${id}`);

export type TotpSetup = z.infer<typeof C.totpSetupSchema>;
export const startTotpSetup = () => api.post<TotpSetup>('/auth/totp/setup');
export const enableTotp = (code: string) => api.post<void>('/auth/totp/enable', { code });
export const disableTotp = (password: string, totpCode: string) => api.post<void>('/auth/totp/disable', { password, totpCode });

export const reauthenticate = (password: string, totpCode?: string) =>
  api.post<void>('/auth/reauth', { password, ...(totpCode ? { totpCode } : {}) });

export type AuthSettings = z.infer<typeof C.authSettingsSchema>;
export const authSettingsKey = ['auth', 'settings'] as const;
export const fetchAuthSettings = () => api.get<AuthSettings>('/auth/settings');
export const saveAuthSettings = (settings: AuthSettings) => api.put<AuthSettings>('/auth/settings', settings);

/** Clears the failed logins that lock a user out (administrators). */
export const unlockUser = (userId: number) => api.post<void>(`/users/${userId}/unlock`);
