import { DateTime } from 'luxon';

// The big promotions (大促) that shape a Chinese store's year. `pull` is how strongly a purchase
// due in the weeks after the warm-up starts is pulled onto the day: operators see sales spike on
// the day and dip before it, as buyers wait for the price.

export interface PromoDay {
  readonly name: string;
  readonly start: number; // local midnight of the day, epoch ms
  readonly warmUpStart: number; // the warm-up before it
  readonly pull: number;
  readonly acquisitionWeight: number;
}

const promotions = [
  { name: '双十一', month: 11, day: 11, warmUpDays: 10, pull: 0.55, acquisitionWeight: 1 },
  { name: '618', month: 6, day: 18, warmUpDays: 17, pull: 0.4, acquisitionWeight: 0.55 },
  { name: '双十二', month: 12, day: 12, warmUpDays: 5, pull: 0.25, acquisitionWeight: 0.3 },
  { name: '38节', month: 3, day: 8, warmUpDays: 3, pull: 0.12, acquisitionWeight: 0.12 },
] as const;

/** The promotion days between two instants, in order. */
export function promoDaysBetween(from: number, to: number, timeZone: string): PromoDay[] {
  const firstYear = DateTime.fromMillis(from, { zone: timeZone }).year;
  const lastYear = DateTime.fromMillis(to, { zone: timeZone }).year;
  const days: PromoDay[] = [];
  for (let year = firstYear; year <= lastYear; year++) {
    for (const promo of promotions) {
      const day = DateTime.fromObject({ year, month: promo.month, day: promo.day }, { zone: timeZone });
      const start = day.toMillis();
      if (start < from || start >= to) continue;
      days.push({
        name: promo.name,
        start,
        warmUpStart: day.minus({ days: promo.warmUpDays }).toMillis(),
        pull: promo.pull,
        acquisitionWeight: promo.acquisitionWeight,
      });
    }
  }
  return days.sort((a, b) => a.start - b.start);
}

/** The first promotion whose warm-up has begun by `at` and whose day is within `horizon` ms. */
export function promoAhead(days: readonly PromoDay[], at: number, horizon: number): PromoDay | undefined {
  for (const day of days) {
    if (day.start + 86_400_000 <= at) continue;
    if (day.start - at > horizon) return undefined;
    return day;
  }
  return undefined;
}
