import { useMemo } from 'react';
import { formatCount, formatDecimal, formatMoney, formatShare } from '../../format/number';
import { formatDay, formatInstant } from '../../format/time';
import { currentLanguage, type Language } from '../../i18n';
import { useStore } from '../../session/use-session';

export interface Formats {
  readonly language: Language;
  readonly currency: string;
  readonly money: (fen: number) => string;
  readonly count: (value: number) => string;
  /** A share; null (no base) as a dash. */
  readonly share: (value: number | null) => string;
  readonly decimal: (value: number, digits?: number) => string;
  readonly instant: (at: number) => string;
  readonly day: (at: number) => string;
}

/** The page's figures in the reader's language and the store's currency and time zone. */
export function useFormats(): Formats {
  const store = useStore();
  const language = currentLanguage();
  return useMemo(
    () => ({
      language,
      currency: store.currency,
      money: (fen) => formatMoney(fen, store.currency, language),
      count: (value) => formatCount(value, language),
      share: (value) => (value === null ? '—' : formatShare(value, language)),
      decimal: (value, digits) => formatDecimal(value, language, digits),
      instant: (at) => formatInstant(at, store.timeZone, language),
      day: (at) => formatDay(at, store.timeZone, language),
    }),
    [language, store.currency, store.timeZone],
  );
}
