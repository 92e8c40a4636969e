import type { Language } from '../i18n/languages.js';

export type Direction = 'up' | 'down' | 'flat';

/** Up, down, or flat when the change would print as zero at one decimal. */
export function directionOf(change: number): Direction {
  if (Math.abs(change) < 0.0005) return 'flat';
  return change > 0 ? 'up' : 'down';
}

const RED = '#cf1322';
const GREEN = '#389e0d';
const GREY = '#8c8c8c';

// Chinese readers see a rise in red and a fall in green, as on every stock ticker in China;
// English readers expect the reverse. The colour tells direction, not good or bad.
const trendColors: Record<Language, Record<Direction, string>> = {
  'zh-CN': { up: RED, down: GREEN, flat: GREY },
  en: { up: GREEN, down: RED, flat: GREY },
};

export function trendColor(direction: Direction, language: Language): string {
  return trendColors[language][direction];
}
