// Numbers, money and shares as the dashboard shows them. Pure and import-free: the browser test
// imports this file to format the API's figures exactly as the page does.

// Big figures switch to the units readers count in: 万/亿 in Chinese from 十万 up, K/M/B in
// English from a million up. Below that the exact figure is shorter to read than its rounding.
const COMPACT_FROM: Record<string, number> = { zh: 100_000, en: 1_000_000 };

function compactFrom(locale: string): number {
  return COMPACT_FROM[locale.slice(0, 2)] ?? 1_000_000;
}

/** How many minor units make a major one for a currency: 100 for CNY, 1 for JPY. */
export function minorUnitsPerMajor(currency: string): number {
  const digits =
    new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  return 10 ** digits;
}

/** Converts integer minor units (fen, cents) to major units (yuan, dollars). */
export function toMajorUnits(minor: number, currency: string): number {
  return minor / minorUnitsPerMajor(currency);
}

export interface FormatOptions {
  /** Use 万/亿 (zh) or K/M (en) for big values, as on the KPI cards. */
  readonly compact?: boolean;
}

/** Money in minor units, shown in the store's currency: `¥1,234.50`, `¥12.35万`. */
export function formatMoney(
  minor: number,
  currency: string,
  locale: string,
  options: FormatOptions = {},
): string {
  const major = toMajorUnits(minor, currency);
  const compact = options.compact === true && Math.abs(major) >= compactFrom(locale);
  return new Intl.NumberFormat(locale, {
    style: 'currency',
    currency,
    currencyDisplay: 'narrowSymbol',
    ...(compact ? { notation: 'compact', minimumFractionDigits: 0, maximumFractionDigits: 2 } : {}),
  }).format(major);
}

/** A count of customers or orders: `12,345`, `123.46万`. */
export function formatCount(value: number, locale: string, options: FormatOptions = {}): string {
  const compact = options.compact === true && Math.abs(value) >= compactFrom(locale);
  return new Intl.NumberFormat(
    locale,
    compact ? { notation: 'compact', maximumFractionDigits: 2 } : {},
  ).format(value);
}

/** A share between 0 and 1 as a percentage with one decimal: `23.4%`. */
export function formatShare(share: number, locale: string): string {
  return new Intl.NumberFormat(locale, {
    style: 'percent',
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  }).format(share);
}

/** An average or a ratio with up to `digits` decimals: `2.35`, `1.5`. */
export function formatDecimal(value: number, locale: string, digits = 2): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(value);
}

/** A compact axis label for money: `¥120万`, `¥1.2M`; no decimals unless small. */
export function formatMoneyAxis(major: number, currency: string, locale: string): string {
  const big = Math.abs(major) >= (locale.startsWith('zh') ? 10_000 : 1_000);
  return new Intl.NumberFormat(locale, {
    style: 'currency',
    currency,
    currencyDisplay: 'narrowSymbol',
    minimumFractionDigits: 0,
    maximumFractionDigits: big ? 1 : 0,
    ...(big ? { notation: 'compact' } : {}),
  }).format(major);
}

const byteUnits = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;

/** A file size in the largest fitting unit (1024-based): `820 byte`, `3.4 MB`. */
export function formatBytes(bytes: number, locale: string): string {
  let value = bytes;
  let index = 0;
  while (value >= 1024 && index < byteUnits.length - 1) {
    value /= 1024;
    index += 1;
  }
  return new Intl.NumberFormat(locale, {
    style: 'unit',
    unit: byteUnits[index],
    unitDisplay: 'short',
    maximumFractionDigits: index === 0 || value >= 100 ? 0 : 1,
  }).format(value);
}
