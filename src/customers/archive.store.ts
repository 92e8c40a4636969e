import { type ExpressionBuilder, type SelectQueryBuilder, sql } from 'kysely';
import type { Database, Db } from '../db/database.js';
import { inList } from '../db/dialect/in-list.js';
import { prefixMatch } from '../db/dialect/prefix-match.js';
import type { CustomerRow, Schema } from '../db/schema.js';
import { LaokeError } from '../shared/errors.js';
import type { CustomerId, StoreId } from '../shared/ids.js';
import { startOfLocalDay } from '../shared/time.js';
import type { CustomerFilter, CustomerSort } from './schemas.js';

// The customer archive's queries: one filter, used by the list, bulk tagging and export alike,
// so "tag everyone in this list" means exactly the customers the list showed.

type CustomerQuery<O> = SelectQueryBuilder<Schema, 'customers', O>;

const customerFilterKeys: Record<keyof CustomerFilter, true> = {
  q: true,
  province: true,
  city: true,
  tags: true,
  firstOrderFrom: true,
  firstOrderTo: true,
  lastOrderFrom: true,
  lastOrderTo: true,
  spentMin: true,
  spentMax: true,
  ordersMin: true,
  ordersMax: true,
  consent: true,
  pAliveMin: true,
  pAliveMax: true,
  clvTopPercent: true,
  potentialTopPercent: true,
};

/** Matching customers are counted up to this many; the list then says "10,000+". */
export const TOTAL_LIMIT = 10_000;

const sortColumns = {
  lastOrderAt: 'last_order_at',
  firstOrderAt: 'first_order_at',
  totalSpent: 'total_spent',
  orderCount: 'order_count',
  createdAt: 'created_at',
  id: 'id',
} as const satisfies Record<CustomerSort, keyof CustomerRow>;

function dayStart(date: string, timeZone: string, field: string): number {
  const at = startOfLocalDay(date, timeZone);
  if (at === null)
    throw new LaokeError('request.invalid', `${field}: "${date}" is not a calendar day (yyyy-MM-dd).`);
  return at;
}

/** A search by nick, name or tag (not by phone digits or email). */
function isTextSearch(q: string | undefined): boolean {
  const text = q?.trim();
  return !!text && !/^\d{4}$/.test(text) && !text.includes('@');
}

/**
 * Ids of a store's live customers whose nick or name starts with `text`, or who carry the tag
 * `text` (merging moves tags to the kept record, erasing deletes them, so tags are all live).
 */
function searchIds(database: Database, storeId: StoreId, text: string) {
  const { db } = database;
  const prefix = prefixMatch[database.dialect];
  return db
    .selectFrom('customers')
    .select('id')
    .where('store_id', '=', storeId)
    .where('merged_into_id', 'is', null)
    .where(prefix(sql.ref('nick'), text))
    .union(
      db
        .selectFrom('customers')
        .select('id')
        .where('store_id', '=', storeId)
        .where('merged_into_id', 'is', null)
        .where(prefix(sql.ref('name'), text)),
    )
    .union(
      db
        .selectFrom('customer_tags')
        .select('customer_id as id')
        .where('store_id', '=', storeId)
        .where('tag', '=', text),
    );
}

/**
 * Narrows a query over `customers` to the filter's customers of one store. Merged-away records
 * never appear; erased ones do (as erased), so counts agree with the orders they keep.
 */
export function applyCustomerFilter<O>(
  database: Database,
  query: CustomerQuery<O>,
  storeId: StoreId,
  filter: CustomerFilter,
  timeZone: string,
): CustomerQuery<O> {
  let q = query.where('customers.store_id', '=', storeId).where('customers.merged_into_id', 'is', null);
  const text = filter.q?.trim();
  if (text) {
    if (/^\d{4}$/.test(text)) q = q.where('customers.phone_last4', '=', text);
    else if (text.includes('@'))
      q = q.where('customers.email', 'in', [...new Set([text, text.toLowerCase()])]);
    else q = q.where('customers.id', 'in', searchIds(database, storeId, text));
  }
  if (filter.province) q = q.where('customers.province', '=', filter.province);
  if (filter.city) q = q.where('customers.city', '=', filter.city);
  for (const tag of filter.tags ?? []) {
    q = q.where(({ exists, selectFrom }: ExpressionBuilder<Schema, 'customers'>) =>
      exists(
        selectFrom('customer_tags as t')
          .select(sql`1`.as('one'))
          .whereRef('t.store_id', '=', 'customers.store_id')
          .whereRef('t.customer_id', '=', 'customers.id')
          .where('t.tag', '=', tag),
      ),
    );
  }
  const ranges = [
    ['first_order_at', filter.firstOrderFrom, filter.firstOrderTo, 'firstOrder'],
    ['last_order_at', filter.lastOrderFrom, filter.lastOrderTo, 'lastOrder'],
  ] as const;
  for (const [column, from, to, name] of ranges) {
    if (from) q = q.where(`customers.${column}`, '>=', dayStart(from, timeZone, `${name}From`) as never);
    if (to) q = q.where(`customers.${column}`, '<', dayAfter(to, timeZone, `${name}To`) as never);
  }
  if (filter.spentMin !== undefined) q = q.where('customers.total_spent', '>=', filter.spentMin as never);
  if (filter.spentMax !== undefined) q = q.where('customers.total_spent', '<=', filter.spentMax as never);
  if (filter.ordersMin !== undefined) q = q.where('customers.order_count', '>=', filter.ordersMin);
  if (filter.ordersMax !== undefined) q = q.where('customers.order_count', '<=', filter.ordersMax);
  if (filter.consent) q = q.where(`customers.consent_${filter.consent}`, '=', 1);
  const { pAliveMin, pAliveMax, clvTopPercent, potentialTopPercent } = filter;
  if ([pAliveMin, pAliveMax, clvTopPercent, potentialTopPercent].some((v) => v !== undefined)) {
    q = q.where(({ exists, selectFrom }: ExpressionBuilder<Schema, 'customers'>) => {
      let predicted = selectFrom('customer_predictions as p')
        .select(sql`1`.as('one'))
        .whereRef('p.store_id', '=', 'customers.store_id')
        .whereRef('p.customer_id', '=', 'customers.id');
      if (pAliveMin !== undefined) predicted = predicted.where('p.p_alive', '>=', pAliveMin);
      if (pAliveMax !== undefined) predicted = predicted.where('p.p_alive', '<', pAliveMax);
      // Percentiles are 1–100 (100: the top); the top N% are those above 100 − N.
      if (clvTopPercent !== undefined)
        predicted = predicted.where('p.clv_percentile', '>', 100 - clvTopPercent);
      if (potentialTopPercent !== undefined)
        predicted = predicted.where('p.potential_percentile', '>', 100 - potentialTopPercent);
      return exists(predicted);
    });
  }
  return q;
}

/** The start of the day after `date` (yyyy-MM-dd) in the zone: the bound of an inclusive "to" date. */
function dayAfter(date: string, timeZone: string, field: string): number {
  dayStart(date, timeZone, field); // refuses a day that does not exist, e.g. 2026-02-30
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return dayStart(new Date(Date.UTC(year, month - 1, day + 1)).toISOString().slice(0, 10), timeZone, field);
}

export interface ListPage {
  readonly rows: CustomerRow[];
  readonly total: number;
  readonly totalCapped: boolean;
}

/** One page of the filter's customers in the sort order (ties by id), and the capped total. */
export async function listCustomers(
  database: Database,
  storeId: StoreId,
  options: CustomerFilter & {
    sort: CustomerSort;
    order: 'asc' | 'desc';
    page: number;
    pageSize: number;
    timeZone: string;
  },
): Promise<ListPage> {
  const { db } = database;
  const column = sortColumns[options.sort];
  // NULLs (no purchase yet) sort as the smallest value on both databases (see migration 0004).
  const nulls = options.order === 'asc' ? sql.raw('nulls first') : sql.raw('nulls last');
  // A text search matches a few customers: find them by the search's indexes, then sort them.
  // Left to itself, the planner may walk the whole sort index and test every customer against
  // the matches (seen at 1M customers); a unary plus makes the sort key an expression no index
  // provides, on both databases.
  const searched = isTextSearch(options.q);
  const sortKey = searched ? sql`+customers.${sql.ref(column)}` : sql`customers.${sql.ref(column)}`;
  const rows = await applyCustomerFilter(
    database,
    db.selectFrom('customers').selectAll('customers'),
    storeId,
    options,
    options.timeZone,
  )
    .orderBy(sql`${sortKey} ${sql.raw(options.order)} ${nulls}`)
    .orderBy('customers.id', options.order)
    .limit(options.pageSize)
    .offset((options.page - 1) * options.pageSize)
    .execute();
  // A search with no other filter is counted from its own indexes: the matches need not be read.
  const onlySearch =
    searched &&
    Object.entries(options).every(
      ([key, value]) => value === undefined || !(key in customerFilterKeys) || key === 'q',
    );
  const matching = onlySearch
    ? db.selectFrom(
        searchIds(database, storeId, options.q!.trim())
          .limit(TOTAL_LIMIT + 1)
          .as('matching'),
      )
    : db.selectFrom(
        applyCustomerFilter(
          database,
          db.selectFrom('customers').select(sql`1`.as('one')),
          storeId,
          options,
          options.timeZone,
        )
          .limit(TOTAL_LIMIT + 1)
          .as('matching'),
      );
  const counted = await matching
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow();
  const total = Number(counted.n);
  return { rows, total: Math.min(total, TOTAL_LIMIT), totalCapped: total > TOTAL_LIMIT };
}

/** Tags of the given customers, each customer's sorted; `db` is the transaction, if in one. */
export async function tagsOf(
  database: Database,
  storeId: StoreId,
  customerIds: readonly CustomerId[],
  db: Db = database.db,
): Promise<Map<CustomerId, string[]>> {
  const tags = new Map<CustomerId, string[]>(customerIds.map((id) => [id, []]));
  if (customerIds.length === 0) return tags;
  const rows = await db
    .selectFrom('customer_tags')
    .select(['customer_id', 'tag'])
    .where('store_id', '=', storeId)
    .where('customer_id', 'in', inList[database.dialect](customerIds, 'int4') as never)
    .orderBy('customer_id')
    .orderBy('tag')
    .execute();
  for (const row of rows) tags.get(row.customer_id)?.push(row.tag);
  return tags;
}

export async function findCustomer(
  db: Db,
  storeId: StoreId,
  id: CustomerId,
): Promise<CustomerRow | undefined> {
  return db
    .selectFrom('customers')
    .selectAll()
    .where('store_id', '=', storeId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** The customer, or customer.not_found (also for an id of another store). */
export async function getCustomer(db: Db, storeId: StoreId, id: CustomerId): Promise<CustomerRow> {
  const row = await findCustomer(db, storeId, id);
  if (!row) throw new LaokeError('customer.not_found', `No customer ${id} in this store.`);
  return row;
}

/** The store's tags with how many customers carry each, most used first. */
export async function tagCounts(db: Db, storeId: StoreId, limit = 200) {
  const rows = await db
    .selectFrom('customer_tags')
    .select(['tag', (eb) => eb.fn.countAll<number | string>().as('n')])
    .where('store_id', '=', storeId)
    .groupBy('tag')
    .orderBy('n', 'desc')
    .orderBy('tag')
    .limit(limit)
    .execute();
  return rows.map((row) => ({ tag: row.tag, customers: Number(row.n) }));
}
