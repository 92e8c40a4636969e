import type { TFunction } from 'i18next';
import type { Language } from '../i18n';
import { isApiError } from './client';

export interface ErrorText {
  readonly title: string;
  /** Specifics worth showing: what was invalid, or the request id to quote. */
  readonly detail?: string;
}

/** What to tell a person about a failed request, in their language. */
export function errorText(error: unknown, t: TFunction, language: Language): ErrorText {
  if (!isApiError(error)) return { title: t('errors.unknown') };
  if (error.code === 'network') return { title: t('errors.network') };
  const title = error.title(language) ?? t('errors.unknown');
  if (error.requestId) return { title, detail: t('errors.requestId', { id: error.requestId }) };
  // The catalogue title says it all for most codes; a validation message says which field.
  if (error.code === 'request.invalid' || error.code === 'unknown') return { title, detail: error.message };
  return { title };
}
