import { useMemo } from 'react';
import { currentLanguage } from '../../i18n';
import { useStore } from '../../session/use-session';
import { type Formats, formatsFor } from './formats';

export type { Formats };

/** The page's figures in the reader's language and the store's currency and time zone. */
export function useFormats(): Formats {
  const store = useStore();
  const language = currentLanguage();
  return useMemo(
    () => formatsFor(language, store.currency, store.timeZone),
    [language, store.currency, store.timeZone],
  );
}
