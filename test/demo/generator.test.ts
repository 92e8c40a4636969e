import { describe, expect, it } from 'vitest';
import { promoDaysBetween } from '../../src/demo/calendar.js';
import { demoCatalog } from '../../src/demo/catalog.js';
import { type DemoCustomer, type DemoWindow, generateCustomer } from '../../src/demo/generator.js';
import { DAY_MS } from '../../src/shared/time.js';

const until = Date.UTC(2026, 10, 24, 2);
const from = until - 3 * 365 * DAY_MS;
const window: DemoWindow = { from, until, promoDays: promoDaysBetween(from, until, 'Asia/Shanghai') };
const customers: DemoCustomer[] = Array.from({ length: 4000 }, (_, index) =>
  generateCustomer(11, index, window),
);
const orders = customers.flatMap((c) => c.orders);
const shanghaiDay = (at: number) => new Date(at + 8 * 3_600_000).toISOString().slice(0, 10);

describe('the demo generator', () => {
  it('gives the same customer for the same seed and index, and another for another seed', () => {
    expect(generateCustomer(11, 42, window)).toEqual(customers[42]);
    expect(generateCustomer(12, 42, window)).not.toEqual(customers[42]);
  });

  it('keeps each customer’s roll-ups equal to the sums over their purchases', () => {
    for (const c of customers) {
      const purchases = c.orders.filter((o) => o.isPurchase);
      expect(c.orderCount).toBe(purchases.length);
      expect(c.totalSpent).toBe(purchases.reduce((sum, o) => sum + o.netAmount, 0));
      expect(c.itemCount).toBe(purchases.reduce((sum, o) => sum + o.itemCount, 0));
      expect(c.firstOrderAt).toBe(purchases[0]?.orderedAt ?? null);
      expect(c.lastOrderAt).toBe(purchases.at(-1)?.orderedAt ?? null);
    }
  });

  it('makes every order add up: lines, discount, payment and refund', () => {
    for (const o of orders) {
      expect(o.goodsAmount).toBe(o.items.reduce((sum, item) => sum + item.product.price * item.quantity, 0));
      expect(o.items.length).toBeGreaterThan(0);
      expect(o.discountAmount).toBeGreaterThanOrEqual(0);
      expect(o.netAmount).toBe(o.paidAmount - o.refundAmount);
      if (o.status === 'closed') expect([o.paidAmount, o.paidAt, o.isPurchase]).toEqual([0, null, false]);
      if (o.status === 'refunded') expect([o.netAmount, o.isPurchase]).toEqual([0, false]);
      if (o.isPurchase) expect(o.paidAmount).toBe(o.goodsAmount - o.discountAmount);
      expect(Number.isInteger(o.orderedAt) && (o.paidAt === null || Number.isInteger(o.paidAt))).toBe(true);
      expect(o.orderedAt).toBeGreaterThanOrEqual(from);
      expect(o.orderedAt).toBeLessThan(until);
      expect(o.externalId).toMatch(/^\d{19}$/);
    }
  });

  it('orders each customer’s history in time and numbers orders uniquely', () => {
    for (const c of customers) {
      for (let k = 1; k < c.orders.length; k++)
        expect(c.orders[k]!.orderedAt).toBeGreaterThan(c.orders[k - 1]!.orderedAt);
    }
    expect(new Set(orders.map((o) => o.externalId)).size).toBe(orders.length);
    expect(new Set(customers.map((c) => c.nick)).size).toBe(customers.length);
  });

  it('masks phones the way marketplaces export them', () => {
    for (const c of customers) {
      expect(c.phone).toMatch(/^1[3-9]\d\*{4}\d{4}$/);
      expect(c.phone.endsWith(c.phoneLast4)).toBe(true);
    }
  });

  it('sells the formula stage and diaper size that fit the baby’s age', () => {
    let checked = 0;
    for (const c of customers) {
      const birth = Date.parse(`${c.preferences.宝宝出生}-15T00:00:00Z`);
      for (const o of c.orders) {
        for (const item of o.items) {
          if (item.product.line !== 'formula' && item.product.line !== 'diapers') continue;
          const ageMonths = Math.max(0, (o.orderedAt - birth) / (30.44 * DAY_MS));
          // The preference keeps only the birth month: allow half a month either side.
          expect(
            ageMonths + 0.6,
            `${item.product.title} at ${ageMonths.toFixed(1)} months`,
          ).toBeGreaterThanOrEqual(item.product.fromMonth);
          expect(ageMonths - 0.6).toBeLessThan(item.product.toMonth);
          checked += 1;
        }
      }
    }
    expect(checked).toBeGreaterThan(5000);
  });

  it('moves formula buyers on from stage 1 to stage 2 to stage 3', () => {
    const stageSequences = customers
      .map((c) =>
        c.orders.flatMap((o) => o.items.filter((i) => i.product.stage).map((i) => i.product.stage!)),
      )
      .filter((stages) => new Set(stages).size > 1);
    expect(stageSequences.length).toBeGreaterThan(100);
    for (const stages of stageSequences) expect([...stages].sort()).toEqual(stages);
  });

  it('spikes on 11.11, 6.18 and 12.12', () => {
    const perDay = new Map<string, number>();
    for (const o of orders)
      perDay.set(shanghaiDay(o.orderedAt), (perDay.get(shanghaiDay(o.orderedAt)) ?? 0) + 1);
    const counts = [...perDay.values()].sort((a, b) => a - b);
    const median = counts[Math.floor(counts.length / 2)]!;
    for (const day of ['2025-11-11', '2024-11-11', '2025-06-18', '2026-06-18'])
      expect(perDay.get(day), day).toBeGreaterThan(5 * median);
    expect(perDay.get('2025-12-12')).toBeGreaterThan(2 * median);
  });

  it('has one-time buyers, loyal repeaters, silent and churned customers', () => {
    const buyers = customers.filter((c) => c.orderCount > 0);
    const share = (predicate: (c: DemoCustomer) => boolean) =>
      buyers.filter(predicate).length / buyers.length;
    expect(share((c) => c.orderCount === 1)).toBeGreaterThan(0.3);
    expect(share((c) => c.orderCount === 1)).toBeLessThan(0.6);
    expect(share((c) => c.orderCount >= 5)).toBeGreaterThan(0.1);
    expect(share((c) => until - c.lastOrderAt! < 60 * DAY_MS)).toBeGreaterThan(0.1);
    expect(share((c) => until - c.lastOrderAt! > 365 * DAY_MS)).toBeGreaterThan(0.2);
  });

  it('acquires more customers each year as the store grows', () => {
    const firstYear = customers.filter((c) => c.createdAt < from + 365 * DAY_MS).length;
    const lastYear = customers.filter((c) => c.createdAt >= until - 365 * DAY_MS).length;
    expect(lastYear).toBeGreaterThan(firstYear * 1.3);
  });

  it('uses every product of the catalogue', () => {
    const sold = new Set(orders.flatMap((o) => o.items.map((i) => i.product.key)));
    expect([...sold].sort()).toEqual(demoCatalog.map((p) => p.key).sort());
  });
});
