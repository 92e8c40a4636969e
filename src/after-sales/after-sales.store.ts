import type { Selectable } from 'kysely';
import type { Db } from '../db/database.js';
import type { AfterSalesCasesTable } from '../db/schema.js';
import type { CustomerId, OrderId, StoreId } from '../shared/ids.js';
import type { CaseListQuery } from './schemas.js';

// The SQL of after-sales cases.

export type CaseRow = Selectable<AfterSalesCasesTable> & { order_external_id: string | null };

function casesWithOrder(db: Db, storeId: StoreId) {
  return db
    .selectFrom('after_sales_cases as a')
    .leftJoin('orders as o', (join) =>
      join.onRef('o.store_id', '=', 'a.store_id').onRef('o.id', '=', 'a.order_id'),
    )
    .selectAll('a')
    .select('o.external_id as order_external_id')
    .where('a.store_id', '=', storeId);
}

/** One case, or undefined when the store has no such case. */
export function findCase(db: Db, storeId: StoreId, id: number): Promise<CaseRow | undefined> {
  return casesWithOrder(db, storeId).where('a.id', '=', id).executeTakeFirst();
}

/** A page of cases, newest first, with the customer's nick and name. */
export function listCases(db: Db, storeId: StoreId, query: CaseListQuery) {
  let q = casesWithOrder(db, storeId)
    .innerJoin('customers as c', (join) =>
      join.onRef('c.store_id', '=', 'a.store_id').onRef('c.id', '=', 'a.customer_id'),
    )
    .select(['c.nick', 'c.name']);
  if (query.status !== undefined) q = q.where('a.status', '=', query.status);
  if (query.kind !== undefined) q = q.where('a.kind', '=', query.kind);
  if (query.customerId !== undefined) q = q.where('a.customer_id', '=', query.customerId as CustomerId);
  if (query.beforeId !== undefined) q = q.where('a.id', '<', query.beforeId);
  return q.orderBy('a.id', 'desc').limit(query.limit).execute();
}

/** How many cases are open, in the store or of one customer. */
export async function countOpen(db: Db, storeId: StoreId, customerId?: CustomerId): Promise<number> {
  let q = db
    .selectFrom('after_sales_cases')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('store_id', '=', storeId)
    .where('status', '=', 'open');
  if (customerId !== undefined) q = q.where('customer_id', '=', customerId);
  const row = await q.executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The customer who placed an order, or undefined when the store has no such order. */
export async function orderCustomer(
  db: Db,
  storeId: StoreId,
  orderId: OrderId,
): Promise<{ customerId: CustomerId } | undefined> {
  const row = await db
    .selectFrom('orders')
    .select('customer_id')
    .where('store_id', '=', storeId)
    .where('id', '=', orderId)
    .executeTakeFirst();
  return row && { customerId: row.customer_id };
}
