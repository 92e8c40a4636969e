import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeLog, fingerprintOf, PurchasesBuilder, zoneSeed } from '../../src/analytics/purchase-log.js';
import { arrangePurchases, type Purchases } from '../../src/analytics/purchases.js';

// The packed purchase logs: what goes in comes out, and a fingerprint moves with every roll-up.

const order = fc.record({
  customer: fc.integer({ min: 1, max: 6 }),
  at: fc.integer({ min: Date.UTC(2023, 0, 1), max: Date.UTC(2026, 10, 24) }),
  amount: fc.integer({ min: 0, max: 5_000_000 }),
  lines: fc.array(
    fc.record({
      product: fc.integer({ min: -1, max: 400 }),
      quantity: fc.integer({ min: 1, max: 9 }),
      amount: fc.integer({ min: 0, max: 900_000 }),
    }),
    { maxLength: 4 },
  ),
});

function purchasesOf(
  orders: {
    customer: number;
    at: number;
    amount: number;
    lines: { product: number; quantity: number; amount: number }[];
  }[],
): Purchases {
  const lines = orders.flatMap((o, i) => o.lines.map((l) => ({ ...l, orderId: i + 1 })));
  return arrangePurchases(
    {
      count: orders.length,
      orderId: Int32Array.from(orders, (_, i) => i + 1),
      customerId: Int32Array.from(orders, (o) => o.customer),
      at: Float64Array.from(orders, (o) => o.at),
      amount: Float64Array.from(orders, (o) => o.amount),
      items: Int32Array.from(orders, (o) => o.lines.reduce((s, l) => s + l.quantity, 0)),
      lines: {
        count: lines.length,
        orderId: Int32Array.from(lines, (l) => l.orderId),
        product: Int32Array.from(lines, (l) => l.product),
        quantity: Int32Array.from(lines, (l) => l.quantity),
        amount: Float64Array.from(lines, (l) => l.amount),
      },
    },
    'Asia/Shanghai',
  );
}

const columns = (p: Purchases) => ({
  orderId: Array.from(p.orderId),
  customerId: Array.from(p.customerId),
  day: Array.from(p.day),
  amount: Array.from(p.amount),
  items: Array.from(p.items),
  visit: Array.from(p.visit),
  runStart: Array.from(p.runStart),
  lineStart: Array.from(p.lineStart),
  lineProduct: Array.from(p.lineProduct),
  lineQuantity: Array.from(p.lineQuantity),
  lineAmount: Array.from(p.lineAmount),
});

describe('purchase logs', () => {
  it('give back exactly the purchases and lines they were built from', () => {
    fc.assert(
      fc.property(fc.array(order, { minLength: 1, maxLength: 40 }), (orders) => {
        const original = purchasesOf(orders);
        const builder = new PurchasesBuilder(original.count);
        for (let k = 0; k < original.runStart.length - 1; k++) {
          const start = original.runStart[k]!;
          builder.append(original.customerId[start]!, encodeLog(original, start, original.runStart[k + 1]!));
        }
        expect(columns(builder.build())).toEqual(columns(original));
      }),
    );
  });

  it('cap amounts beyond 32 bits instead of wrapping them', () => {
    const p = purchasesOf([{ customer: 1, at: Date.UTC(2026, 0, 1), amount: 3_000_000_000, lines: [] }]);
    const builder = new PurchasesBuilder(1);
    builder.append(1, encodeLog(p, 0, 1));
    expect(builder.build().amount[0]).toBe(2_147_483_647);
  });

  it('fingerprint every roll-up and the time zone: any change makes the log stale', () => {
    const seed = zoneSeed('Asia/Shanghai');
    const base = [1_700_000_000_000, 1_790_000_000_000, 12, 345_600, 20] as const;
    const fingerprint = fingerprintOf(seed, ...base);
    expect(fingerprintOf(seed, ...base)).toBe(fingerprint);
    expect(Number.isSafeInteger(fingerprint)).toBe(true);
    for (let i = 0; i < base.length; i++) {
      const changed = [...base] as [number, number, number, number, number];
      changed[i] = changed[i]! + 1;
      expect(fingerprintOf(seed, ...changed), `roll-up ${i}`).not.toBe(fingerprint);
    }
    expect(fingerprintOf(zoneSeed('America/New_York'), ...base)).not.toBe(fingerprint);
  });
});
