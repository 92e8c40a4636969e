import { type Expression, type SqlBool, sql } from 'kysely';
import type { Db } from '../db/database.js';
import type { StoreId } from '../shared/ids.js';
import type { CalendarMonth } from '../shared/time.js';

export interface CustomerCounts {
  readonly customers: number;
  readonly buyers: number;
  readonly repeatBuyers: number;
}

/** Customers, those who bought, and those who bought twice or more; from the roll-ups. */
export async function countCustomers(db: Db, storeId: StoreId): Promise<CustomerCounts> {
  const row = await db
    .selectFrom('customers')
    .select((eb) => [
      eb.fn.countAll<number>().as('customers'),
      eb.fn.sum<number>(eb.case().when('order_count', '>=', 1).then(1).else(0).end()).as('buyers'),
      eb.fn.sum<number>(eb.case().when('order_count', '>=', 2).then(1).else(0).end()).as('repeat_buyers'),
    ])
    .where('store_id', '=', storeId)
    .where('merged_into_id', 'is', null)
    .executeTakeFirstOrThrow();
  return {
    customers: Number(row.customers),
    buyers: Number(row.buyers ?? 0),
    repeatBuyers: Number(row.repeat_buyers ?? 0),
  };
}

export async function sumPurchases(db: Db, storeId: StoreId): Promise<{ orders: number; revenue: number }> {
  const row = await db
    .selectFrom('orders')
    .select((eb) => [eb.fn.countAll<number>().as('orders'), eb.fn.sum<number>('net_amount').as('revenue')])
    .where('store_id', '=', storeId)
    .where('is_purchase', '=', 1)
    .executeTakeFirstOrThrow();
  return { orders: Number(row.orders), revenue: Number(row.revenue ?? 0) };
}

export interface MonthSplitRow {
  readonly monthIndex: number;
  readonly isNew: boolean;
  readonly buyers: number;
  readonly orders: number;
  readonly revenue: number;
}

// Months are calendar months in the store's time zone, so their bounds are computed in code and
// passed in; a CASE over the bounds buckets orders the same way on SQLite and PostgreSQL.
function monthIndexOf(
  column: 'orders.ordered_at' | 'customers.first_order_at',
  months: readonly CalendarMonth[],
) {
  const cases = months.map((month, index) => sql`when ${sql.ref(column)} < ${month.end} then ${index}`);
  return sql<number>`case when ${sql.ref(column)} < ${months[0]!.start} then -1 ${sql.join(cases, sql` `)} else ${months.length} end`;
}

/**
 * Purchases per month split into new customers (whose first purchase falls in that month) and
 * old customers (who had bought before it).
 */
export async function splitPurchasesByMonth(
  db: Db,
  storeId: StoreId,
  months: readonly CalendarMonth[],
): Promise<MonthSplitRow[]> {
  if (months.length === 0) return [];
  const orderMonth = monthIndexOf('orders.ordered_at', months);
  const firstMonth = monthIndexOf('customers.first_order_at', months);
  const isNew: Expression<SqlBool> = sql<SqlBool>`(${firstMonth}) = (${orderMonth})`;
  const rows = await db
    .selectFrom('orders')
    .innerJoin('customers', (join) =>
      join
        .onRef('customers.store_id', '=', 'orders.store_id')
        .onRef('customers.id', '=', 'orders.customer_id'),
    )
    .select((eb) => [
      orderMonth.as('month_index'),
      sql<number>`case when ${isNew} then 1 else 0 end`.as('is_new'),
      eb.fn.count<number>('orders.customer_id').distinct().as('buyers'),
      eb.fn.countAll<number>().as('orders'),
      eb.fn.sum<number>('orders.net_amount').as('revenue'),
    ])
    .where('orders.store_id', '=', storeId)
    .where('orders.is_purchase', '=', 1)
    .where('orders.ordered_at', '>=', months[0]!.start)
    .where('orders.ordered_at', '<', months.at(-1)!.end)
    .groupBy([sql`1`, sql`2`])
    .execute();
  return rows.map((row) => ({
    monthIndex: Number(row.month_index),
    isNew: Number(row.is_new) === 1,
    buyers: Number(row.buyers),
    orders: Number(row.orders),
    revenue: Number(row.revenue ?? 0),
  }));
}
