import { DateTime } from 'luxon';
import { z } from 'zod';
import type { AppContext } from '../context.js';
import { LaokeError } from '../shared/errors.js';
import type { StoreId } from '../shared/ids.js';
import { startOfLocalDay } from '../shared/time.js';
import { type TrafficTotals, trafficTotals } from './traffic.store.js';

// Products many look at and few buy (高流量低转化): imported traffic next to the purchases of the
// same days. Conversion is buyers / visitors; those under the store's median come first, the
// most visited first, since that is where a better page or price pays most.

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected yyyy-MM-dd, e.g. 2026-11-11');

export const lowConversionQuery = z.object({ from: isoDate, to: isoDate });

export const lowConversionSchema = z.object({
  from: z.string(),
  to: z.string(),
  medianConversion: z.number().nullable().describe('over the products with visitors; null without any'),
  products: z.array(
    z.object({
      productId: z.number().int(),
      key: z.string(),
      title: z.string(),
      views: z.number().int(),
      visitors: z.number().int(),
      addToCart: z.number().int(),
      orders: z.number().int().describe('purchases with the product in the range (store time zone)'),
      buyers: z.number().int(),
      conversion: z.number().nullable().describe('buyers / visitors; null without visitors'),
      belowMedian: z.boolean(),
    }),
  ),
});
export type LowConversion = z.infer<typeof lowConversionSchema>;

function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Ranks products: under the median conversion first, then by visitors and views. */
export function rankLowConversion(totals: readonly TrafficTotals[]): Omit<LowConversion, 'from' | 'to'> {
  const withConversion = totals.map((row) => ({
    ...row,
    conversion: row.visitors > 0 ? row.buyers / row.visitors : null,
  }));
  const middle = median(withConversion.flatMap((row) => (row.conversion === null ? [] : [row.conversion])));
  const products = withConversion
    .map((row) => ({
      ...row,
      belowMedian: middle !== null && row.conversion !== null && row.conversion < middle,
    }))
    .sort(
      (a, b) =>
        Number(b.belowMedian) - Number(a.belowMedian) ||
        b.visitors - a.visitors ||
        b.views - a.views ||
        a.productId - b.productId,
    );
  return { medianConversion: middle, products };
}

/** The low-conversion list for the days from..to (inclusive) in the store's time zone. */
export async function lowConversionProducts(
  ctx: AppContext,
  storeId: StoreId,
  timeZone: string,
  range: z.infer<typeof lowConversionQuery>,
): Promise<LowConversion> {
  const start = startOfLocalDay(range.from, timeZone);
  const dayAfter = DateTime.fromISO(range.to).plus({ days: 1 }).toISODate();
  const end = dayAfter ? startOfLocalDay(dayAfter, timeZone) : null;
  if (start === null || end === null)
    throw new LaokeError('request.invalid', `${range.from}..${range.to} is not a range of calendar days.`);
  if (range.from > range.to)
    throw new LaokeError('request.invalid', `from (${range.from}) is after to (${range.to}).`);
  const totals = await trafficTotals(ctx.database.db, storeId, { ...range, start, end });
  return { ...range, ...rankLowConversion(totals) };
}
