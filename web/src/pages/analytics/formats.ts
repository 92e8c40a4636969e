import { formatCount, formatDecimal, formatMoney, formatShare } from '../../format/number.js';
import { formatDay, formatInstant } from '../../format/time.js';
import type { Language } from '../../i18n/languages.js';

/** The analytics page's formatters, bound to a language and the store's currency and time zone. */
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

/** Pure, so the chart options can be tested without a browser. */
export function formatsFor(language: Language, currency: string, timeZone: string): Formats {
  return {
    language,
    currency,
    money: (fen) => formatMoney(fen, currency, language),
    count: (value) => formatCount(value, language),
    share: (value) => (value === null ? '—' : formatShare(value, language)),
    decimal: (value, digits) => formatDecimal(value, language, digits),
    instant: (at) => formatInstant(at, timeZone, language),
    day: (at) => formatDay(at, timeZone, language),
  };
}
