import { api } from '../api/client';
import type { StoreSummary, User } from '../api/types';
import type { Language } from '../i18n';

export interface Me {
  readonly user: User;
  readonly stores: readonly StoreSummary[];
}

export const meQueryKey = ['me'] as const;

export const fetchMe = (signal?: AbortSignal) => api.get<Me>('/api/auth/me', signal);

export const signIn = (login: string, password: string) =>
  api.post<{ user: User }>('/api/auth/login', { login, password }, { expectUnauthorized: true });

export const signOut = () => api.post<void>('/api/auth/logout');

/** Saves the language with the account, so it follows the user to other browsers. */
export const saveLanguage = (locale: Language) => api.patch<void>('/api/auth/me', { locale });
