import { cliActor } from '../../src/audit/actor.js';
import { createUser } from '../../src/auth/service.js';
import type { AppContext } from '../../src/context.js';
import { withDeferredIndexes } from '../../src/db/deferred-indexes.js';
import {
  type BulkColumn,
  type BulkRow,
  type BulkTarget,
  bulkSession,
} from '../../src/db/dialect/bulk-insert.js';
import { allocateIds } from '../../src/db/sequences.js';
import { Random } from '../../src/demo/random.js';
import type { StoreId } from '../../src/shared/ids.js';
import { createStore } from '../../src/stores/service.js';

// A store as dense as the analytics issue asks for (1M customers, ~10M orders, ~17M order lines):
// the demo's mother-and-baby buyers order 3.3 times on average, this one ~10. Behaviour is simple
// but shaped like a real store: 40% buy once, the rest at their own rate over three years, with
// favourite products they come back to; 400 products with a long tail. Orders, items and the
// customers' roll-ups are written directly through the bulk-insert seam, indexes built at the end.

const int4 = (name: string): BulkColumn => ({ name, pgType: 'int4' });
const int8 = (name: string): BulkColumn => ({ name, pgType: 'int8' });
const text = (name: string): BulkColumn => ({ name, pgType: 'text' });

const customers: BulkTarget = {
  table: 'customers',
  columns: [
    int4('store_id'),
    int4('id'),
    text('customer_key'),
    text('nick'),
    text('source'),
    int8('first_order_at'),
    int8('last_order_at'),
    int4('order_count'),
    int8('total_spent'),
    int4('item_count'),
    int8('created_at'),
    int8('updated_at'),
  ],
};
const orders: BulkTarget = {
  table: 'orders',
  columns: [
    int4('store_id'),
    int4('id'),
    text('external_id'),
    int4('customer_id'),
    text('status'),
    int4('is_purchase'),
    int8('ordered_at'),
    int8('paid_at'),
    int8('goods_amount'),
    int8('paid_amount'),
    int8('net_amount'),
    int4('item_count'),
    int8('created_at'),
    int8('updated_at'),
  ],
};
const items: BulkTarget = {
  table: 'order_items',
  columns: [
    int4('store_id'),
    int4('order_id'),
    int4('line_no'),
    int4('product_id'),
    text('title'),
    int8('unit_price'),
    int4('quantity'),
    int8('amount'),
  ],
};
const products: BulkTarget = {
  table: 'products',
  columns: [
    int4('store_id'),
    int4('id'),
    text('product_key'),
    text('title'),
    int8('price'),
    int8('created_at'),
    int8('updated_at'),
  ],
};

const PRODUCTS = 400;
const BATCH = 5_000;
const DAY = 86_400_000;

export async function createDenseStore(
  ctx: AppContext,
  options: { customers: number; seed: number; until: number; onProgress?: (done: number) => void },
): Promise<{ storeId: StoreId; orders: number; items: number }> {
  const userId = await createUser(ctx, { login: 'bench', password: 'bench-password-1' });
  const storeId = await createStore(ctx, cliActor(userId), userId, {
    name: 'dense',
    platform: 'tmall',
    currency: 'CNY',
    timeZone: 'Asia/Shanghai',
  });
  const from = options.until - 3 * 365 * DAY;
  const random = new Random(options.seed, 0);
  const price = Array.from({ length: PRODUCTS }, () => 2_000 + Math.floor(random.next() * 40_000));
  const firstProduct = await bulkSession(ctx.database, async (session) => {
    const first = await allocateIds(session.db, storeId, 'products', PRODUCTS);
    await session.insert(
      products,
      price.map((p, i) => [storeId, first + i, `P${i}`, `商品 ${i}`, p, from, from]),
    );
    return first;
  });
  // A long tail: product k is picked with weight 1 / (k + 8).
  const cumulative = new Float64Array(PRODUCTS);
  for (let k = 0, sum = 0; k < PRODUCTS; k++) cumulative[k] = sum += 1 / (k + 8);
  const pick = () => {
    const x = random.next() * cumulative[PRODUCTS - 1]!;
    let low = 0;
    let high = PRODUCTS - 1;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (cumulative[mid]! < x) low = mid + 1;
      else high = mid;
    }
    return low;
  };

  let orderCount = 0;
  let itemCount = 0;
  const load = async () => {
    for (let start = 0; start < options.customers; start += BATCH) {
      const end = Math.min(options.customers, start + BATCH);
      await bulkSession(ctx.database, async (session) => {
        const firstCustomer = await allocateIds(session.db, storeId, 'customers', end - start);
        const customerRows: BulkRow[] = [];
        const orderRows: BulkRow[] = [];
        const itemRows: BulkRow[] = [];
        const perCustomer: number[][] = [];
        for (let c = start; c < end; c++) {
          const first = from + random.next() * (options.until - from);
          const once = random.next() < 0.4;
          const rate = (1 + random.next() * 18) / 365; // orders per day: ~10 a customer overall
          const gap = () => (-Math.log(1 - random.next()) / rate) * DAY;
          const times = [first];
          if (!once) for (let t = first + gap(); t < options.until; t += gap()) times.push(t);
          perCustomer.push(times);
        }
        const ids = await allocateIds(
          session.db,
          storeId,
          'orders',
          perCustomer.reduce((s, t) => s + t.length, 0),
        );
        let orderId = ids;
        perCustomer.forEach((times, i) => {
          const customerId = firstCustomer + i;
          const favourite = pick();
          let spent = 0;
          let units = 0;
          for (const t of times) {
            const at = Math.floor(t);
            const lines = 1 + Math.floor(random.next() * random.next() * 4);
            let amount = 0;
            let quantityAll = 0;
            for (let line = 1; line <= lines; line++) {
              const product = line === 1 && random.next() < 0.5 ? favourite : pick();
              const quantity = 1 + Math.floor(random.next() * random.next() * 3);
              const lineAmount = price[product]! * quantity;
              amount += lineAmount;
              quantityAll += quantity;
              itemRows.push([
                storeId,
                orderId,
                line,
                firstProduct + product,
                `商品 ${product}`,
                price[product]!,
                quantity,
                lineAmount,
              ]);
            }
            orderRows.push([
              storeId,
              orderId,
              `D${orderId}`,
              customerId,
              'completed',
              1,
              at,
              at,
              amount,
              amount,
              amount,
              quantityAll,
              at,
              at,
            ]);
            spent += amount;
            units += quantityAll;
            orderId += 1;
          }
          const firstAt = Math.floor(times[0]!);
          const lastAt = Math.floor(times.at(-1)!);
          customerRows.push([
            storeId,
            customerId,
            `dense${start + i}`,
            `dense${start + i}`,
            'bench',
            firstAt,
            lastAt,
            times.length,
            spent,
            units,
            firstAt,
            lastAt,
          ]);
        });
        await session.insert(customers, customerRows);
        await session.insert(orders, orderRows);
        await session.insert(items, itemRows);
        orderCount += orderRows.length;
        itemCount += itemRows.length;
      });
      options.onProgress?.(end);
    }
  };
  await withDeferredIndexes(ctx.database, ['customers', 'orders', 'order_items'], load);
  return { storeId, orders: orderCount, items: itemCount };
}
