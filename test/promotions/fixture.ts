import type { Db } from '../../src/db/database.js';
import type { CustomerId, StoreId } from '../../src/shared/ids.js';
import { instant } from '../../src/shared/time.js';
import { type FixtureOrder, insertCustomerWithOrders } from '../helpers/fixtures.js';

// The three-year 11.11 store of the promotion tests (plans, targets, progress, review): customers
// A–G with the orders below, in Asia/Shanghai, where 04:00Z is noon. Each test file takes a fresh
// copy and may add orders or customers before inserting it.

export const noon = (date: string) => `${date}T04:00:00Z`;

export function elevenElevenOrders(): Record<string, FixtureOrder[]> {
  return {
    // A: old every year.
    A: [
      { at: noon('2023-05-01'), net: 10_000 },
      { at: noon('2024-11-11'), net: 20_000, items: 2 },
      { at: noon('2025-11-11'), net: 30_000, items: 3 },
      { at: noon('2026-11-11'), net: 40_000 },
    ],
    // B: new in 2024 (first buy in the 2024 build-up), old in 2025.
    B: [
      { at: noon('2024-10-15'), net: 10_000 },
      { at: noon('2024-11-11'), net: 15_000 },
      { at: noon('2025-11-05'), net: 12_000 },
    ],
    // C: new in 2025 across phases (build-up and the day), old in 2026 (warm-up and afterglow).
    C: [
      { at: noon('2025-09-10'), net: 8_000 },
      { at: noon('2025-11-11'), net: 22_000 },
      { at: noon('2026-11-01'), net: 5_000 },
      { at: noon('2026-11-12'), net: 6_000 },
    ],
    // D: first bought the day before the 2024 window, on its last day, and the day after 2025's.
    D: [
      { at: noon('2024-08-31'), net: 5_000 },
      { at: noon('2024-11-20'), net: 7_000 },
      { at: noon('2025-11-21'), net: 9_999 },
    ],
    E: [
      { at: noon('2025-11-20'), net: 11_000 },
      { at: noon('2026-11-10'), net: 8_000 },
    ],
    F: [
      { at: noon('2026-11-11'), net: 50_000, items: 5 },
      { at: noon('2026-11-11'), net: 10_000 },
    ],
    // G: refunded, never a purchase.
    G: [{ at: noon('2025-11-11'), net: 99_900, status: 'refunded' }],
  };
}

/** Inserts the customers with their orders and roll-ups, in key order; their ids by key. */
export async function insertCustomers(
  db: Db,
  storeId: StoreId,
  orders: Readonly<Record<string, readonly FixtureOrder[]>>,
): Promise<Record<string, CustomerId>> {
  const customers: Record<string, CustomerId> = {};
  for (const [key, list] of Object.entries(orders))
    customers[key] = await insertCustomerWithOrders(db, storeId, key, list);
  return customers;
}

/** The stored RFM segment of each given customer (the targets' segment breakdown reads these). */
export async function insertSegments(
  db: Db,
  storeId: StoreId,
  customers: Readonly<Record<string, CustomerId>>,
  segments: Readonly<Record<string, string>>,
): Promise<void> {
  for (const [key, segment] of Object.entries(segments))
    await db
      .insertInto('customer_scores')
      .values({
        store_id: storeId,
        customer_id: customers[key]!,
        rfm_r: 3,
        rfm_f: 3,
        rfm_m: 3,
        segment_cn: segment,
        segment_en: segment,
        computed_at: instant(Date.UTC(2026, 10, 20)),
        lifecycle: null,
      })
      .execute();
}

/** "warmup old 2/13000 new 0/0" per phase: buyers/revenue of each side, for one-line assertions. */
export function phaseLines(
  phases: readonly {
    key?: string;
    phase?: string;
    old: { buyers: number; revenue: number };
    new: { buyers: number; revenue: number };
  }[],
): string[] {
  return phases.map(
    (p) => `${p.key ?? p.phase} old ${p.old.buyers}/${p.old.revenue} new ${p.new.buyers}/${p.new.revenue}`,
  );
}
