import { formatCount } from '../../../format/number.js';

/**
 * The list's total as shown: `1,234`, or `10,000+` when the server stopped counting (it counts
 * matches up to a limit, so a broad filter over a big store answers fast).
 */
export function totalText(total: number, capped: boolean, locale: string): string {
  return capped ? `${formatCount(total, locale)}+` : formatCount(total, locale);
}
