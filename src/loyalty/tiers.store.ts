import { sql } from 'kysely';
import type { Database, Db } from '../db/database.js';
import { scanNumbers } from '../db/dialect/scan-numbers.js';
import type { CustomerId, StoreId } from '../shared/ids.js';
import type { Instant } from '../shared/time.js';
import type { TierPeriod } from './tiers.js';

// The SQL of membership tiers: the scheme and its tiers, the measures tiers are assigned on, each
// member's current tier, and the history of changes.

/** The store's scheme row, if it has one. */
export function findScheme(db: Db, storeId: StoreId) {
  return db.selectFrom('tier_schemes').selectAll().where('store_id', '=', storeId).executeTakeFirst();
}

/** The store's tiers, lowest first. */
export function listTierRows(db: Db, storeId: StoreId) {
  return db.selectFrom('tiers').selectAll().where('store_id', '=', storeId).orderBy('rank').execute();
}

/** Members per tier id now. */
export async function countMembersPerTier(db: Db, storeId: StoreId): Promise<Map<number, number>> {
  const rows = await db
    .selectFrom('customer_tiers')
    .select(['tier_id', sql<number>`count(*)`.as('n')])
    .where('store_id', '=', storeId)
    .groupBy('tier_id')
    .execute();
  return new Map(rows.map((row) => [row.tier_id, Number(row.n)]));
}

/** Buyers (a purchase ever, not merged away). */
export async function countBuyers(db: Db, storeId: StoreId): Promise<number> {
  const row = await db
    .selectFrom('customers')
    .select(sql<number>`count(*)`.as('n'))
    .where('store_id', '=', storeId)
    .where('merged_into_id', 'is', null)
    .where('order_count', '>', 0)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Each buyer's spend and purchases in the period, in customer id order. */
export interface Measures {
  readonly ids: Float64Array;
  readonly spent: Float64Array;
  readonly orders: Float64Array;
}

/**
 * The measures tiers are assigned on: the roll-ups for the whole history, or the purchases
 * (is_purchase = 1, net amount) ordered at or after `since` for a rolling period.
 */
export async function readMeasures(
  database: Database,
  storeId: StoreId,
  period: TierPeriod,
  since: Instant,
): Promise<Measures> {
  const scan =
    period === 'all'
      ? {
          sql: `select id, total_spent, order_count from customers
                where store_id = ? and merged_into_id is null and order_count > 0 order by id`,
          params: [storeId],
        }
      : {
          sql: `select o.customer_id, sum(o.net_amount), count(*) from orders o
                join customers c on c.store_id = o.store_id and c.id = o.customer_id
                where o.store_id = ? and o.is_purchase = 1 and o.ordered_at >= ? and c.merged_into_id is null
                group by o.customer_id order by o.customer_id`,
          params: [storeId, since],
        };
  const ids: number[] = [];
  const spent: number[] = [];
  const orders: number[] = [];
  await scanNumbers(database, { ...scan, columns: 3 }, (batch, rows) => {
    for (let r = 0; r < rows; r++) {
      ids.push(batch[r * 3]!);
      spent.push(batch[r * 3 + 1]!);
      orders.push(batch[r * 3 + 2]!);
    }
  });
  return { ids: Float64Array.from(ids), spent: Float64Array.from(spent), orders: Float64Array.from(orders) };
}

/** Every member's tier now, in customer id order. */
export async function readCurrentTiers(
  database: Database,
  storeId: StoreId,
): Promise<{ ids: Float64Array; tierIds: Float64Array }> {
  const ids: number[] = [];
  const tierIds: number[] = [];
  await scanNumbers(
    database,
    {
      sql: 'select customer_id, tier_id from customer_tiers where store_id = ? order by customer_id',
      params: [storeId],
      columns: 2,
    },
    (batch, rows) => {
      for (let r = 0; r < rows; r++) {
        ids.push(batch[r * 2]!);
        tierIds.push(batch[r * 2 + 1]!);
      }
    },
  );
  return { ids: Float64Array.from(ids), tierIds: Float64Array.from(tierIds) };
}

/**
 * Customers moving between tiers, as parallel typed arrays (a refresh may move a million at once):
 * entry i moves `customerIds[i]` from `fromTierIds[i]` to `toTierIds[i]` (0: no tier), up when
 * `up[i]` is 1. Only the first `count` entries are used.
 */
export interface TierMoves {
  readonly count: number;
  readonly customerIds: Int32Array;
  readonly fromTierIds: Int32Array;
  readonly toTierIds: Int32Array;
  readonly up: Uint8Array;
}

const BATCH = 1_000;

/**
 * Moves customers to their new tiers and records each move, numbered from `firstId` (the caller
 * allocates the ids in the same transaction). `names` names every tier id a move mentions.
 */
export async function writeMoves(
  trx: Db,
  storeId: StoreId,
  moves: TierMoves,
  names: ReadonlyMap<number, string>,
  firstId: number,
  reason: string,
  now: Instant,
): Promise<void> {
  const tierOrNull = (id: number) => (id === 0 ? null : id);
  const nameOf = (id: number) => (id === 0 ? null : (names.get(id) ?? null));
  for (let start = 0; start < moves.count; start += BATCH) {
    const end = Math.min(start + BATCH, moves.count);
    const customers = Array.from(moves.customerIds.subarray(start, end)) as CustomerId[];
    await trx
      .deleteFrom('customer_tiers')
      .where('store_id', '=', storeId)
      .where('customer_id', 'in', customers)
      .execute();
    const entering = [];
    const changes = [];
    for (let i = start; i < end; i++) {
      const customerId = moves.customerIds[i]! as CustomerId;
      const to = moves.toTierIds[i]!;
      const from = moves.fromTierIds[i]!;
      if (to !== 0) entering.push({ store_id: storeId, customer_id: customerId, tier_id: to, since: now });
      changes.push({
        store_id: storeId,
        id: firstId + i,
        customer_id: customerId,
        from_tier_id: tierOrNull(from),
        to_tier_id: tierOrNull(to),
        from_name: nameOf(from),
        to_name: nameOf(to),
        direction: moves.up[i] === 1 ? ('up' as const) : ('down' as const),
        reason,
        at: now,
      });
    }
    if (entering.length > 0) await trx.insertInto('customer_tiers').values(entering).execute();
    await trx.insertInto('tier_changes').values(changes).execute();
  }
}

export interface ChangeFilter {
  readonly since?: number | undefined;
  readonly afterId?: number | undefined;
  readonly customerId?: CustomerId | undefined;
  readonly limit: number;
  /** Oldest first (the default, for consumers of the event) or newest first. */
  readonly order?: 'asc' | 'desc' | undefined;
}

/** Tier changes in the filter's order (a customer's: newest first). */
export function selectChanges(db: Db, storeId: StoreId, filter: ChangeFilter) {
  let query = db.selectFrom('tier_changes').selectAll().where('store_id', '=', storeId);
  if (filter.since !== undefined) query = query.where('at', '>=', filter.since as Instant);
  if (filter.afterId !== undefined) query = query.where('id', '>', filter.afterId);
  if (filter.customerId !== undefined)
    return query
      .where('customer_id', '=', filter.customerId)
      .orderBy('id', 'desc')
      .limit(filter.limit)
      .execute();
  return query
    .orderBy('id', filter.order ?? 'asc')
    .limit(filter.limit)
    .execute();
}

/** Ups and downs per refresh (every move of one refresh carries its instant), latest `limit`. */
export async function selectMovement(db: Db, storeId: StoreId, limit: number) {
  const rows = await db
    .selectFrom('tier_changes')
    .select([
      'at',
      sql<number>`sum(case when direction = 'up' then 1 else 0 end)`.as('up'),
      sql<number>`sum(case when direction = 'down' then 1 else 0 end)`.as('down'),
    ])
    .where('store_id', '=', storeId)
    .groupBy('at')
    .orderBy('at', 'desc')
    .limit(limit)
    .execute();
  return rows.map((row) => ({ at: Number(row.at), up: Number(row.up), down: Number(row.down) })).reverse();
}
