import { sql } from 'kysely';
import type { Database, Db } from '../db/database.js';
import { inList, keysJoin } from '../db/dialect/in-list.js';
import type { ImportRunsTable } from '../db/schema.js';
import { allocateIds } from '../db/sequences.js';
import type { ImportRunId, JobId, StoreId, UserId } from '../shared/ids.js';
import type { Instant } from '../shared/time.js';

// The SQL of order import. Lookups take a whole batch of keys in one statement (in-list seam).

export interface ExistingOrder {
  readonly id: number;
  readonly external_id: string;
  readonly customer_id: number;
  readonly source_hash: string | null;
  readonly import_run_id: number | null;
}

export async function findOrdersByExternalId(
  database: Database,
  db: Db,
  storeId: StoreId,
  ids: readonly string[],
) {
  if (ids.length === 0) return [] as ExistingOrder[];
  const result = await sql<ExistingOrder>`
    select o.id, o.external_id, o.customer_id, o.source_hash, o.import_run_id
    from ${keysJoin[database.dialect](ids, 'text')} orders o on o.store_id = ${storeId} and o.external_id = k.value`.execute(
    db,
  );
  return result.rows;
}

export interface ExistingCustomer {
  readonly id: number;
  readonly customer_key: string;
  readonly nick: string | null;
  readonly name: string | null;
  readonly phone: string | null;
  readonly email: string | null;
  readonly address: string | null;
  readonly province: string | null;
  readonly city: string | null;
  readonly district: string | null;
}

export async function findCustomersByKey(
  database: Database,
  db: Db,
  storeId: StoreId,
  keys: readonly string[],
) {
  if (keys.length === 0) return [] as ExistingCustomer[];
  // A key of a record merged into another (src/customers/operations.ts) finds the kept record.
  const result = await sql<ExistingCustomer>`
    select t.id, c.customer_key, t.nick, t.name, t.phone, t.email, t.address, t.province, t.city, t.district
    from ${keysJoin[database.dialect](keys, 'text')} customers c on c.store_id = ${storeId} and c.customer_key = k.value
    join customers t on t.store_id = c.store_id and t.id = coalesce(c.merged_into_id, c.id)`.execute(db);
  return result.rows;
}

export async function findProductsByKey(
  database: Database,
  db: Db,
  storeId: StoreId,
  keys: readonly string[],
) {
  if (keys.length === 0) return [] as { id: number; product_key: string }[];
  const result = await sql<{ id: number; product_key: string }>`
    select p.id, p.product_key
    from ${keysJoin[database.dialect](keys, 'text')} products p on p.store_id = ${storeId} and p.product_key = k.value`.execute(
    db,
  );
  return result.rows;
}

/** Marks orders as seen by this run without changing them (an unchanged re-import). */
export async function touchOrders(
  database: Database,
  db: Db,
  storeId: StoreId,
  runId: ImportRunId,
  ids: readonly number[],
) {
  if (ids.length === 0) return;
  await db
    .updateTable('orders')
    .set({ import_run_id: runId })
    .where('store_id', '=', storeId)
    .where(sql<boolean>`id in ${inList[database.dialect](ids, 'int4')}`)
    .execute();
}

/**
 * Recomputes the roll-ups of these customers from their orders in one statement: an aggregate
 * over the orders joined back (UPDATE … FROM, on SQLite ≥ 3.33 and PostgreSQL). Customers whose
 * every order stopped counting are reset by the outer coalesces.
 */
export async function refreshRollups(
  database: Database,
  db: Db,
  storeId: StoreId,
  customerIds: readonly number[],
  now: Instant,
) {
  if (customerIds.length === 0) return;
  const ids = inList[database.dialect](customerIds, 'int4');
  await sql`
    update customers set
      first_order_at = agg.first_at,
      last_order_at = agg.last_at,
      order_count = agg.purchases,
      total_spent = agg.spent,
      item_count = agg.items,
      updated_at = ${now}
    from (
      select customer_id,
        min(case when is_purchase = 1 then ordered_at end) as first_at,
        max(case when is_purchase = 1 then ordered_at end) as last_at,
        coalesce(sum(is_purchase), 0) as purchases,
        coalesce(sum(case when is_purchase = 1 then net_amount else 0 end), 0) as spent,
        coalesce(sum(case when is_purchase = 1 then item_count else 0 end), 0) as items
      from orders
      where store_id = ${storeId} and customer_id in ${ids}
      group by customer_id
    ) as agg
    where customers.store_id = ${storeId} and customers.id = agg.customer_id`.execute(db);
}

export type RunCounters = Pick<
  ImportRunsTable,
  | 'rows_read'
  | 'rows_rejected'
  | 'orders_created'
  | 'orders_updated'
  | 'orders_unchanged'
  | 'items_written'
  | 'customers_created'
>;
export type RunCounts = { readonly [K in keyof RunCounters]: number };

/** Adds a batch's counts to the run and moves its checkpoint, in the batch's transaction. */
export async function advanceRun(
  db: Db,
  storeId: StoreId,
  runId: ImportRunId,
  counts: RunCounts,
  checkpointLine: number,
  leaseUntil: Instant,
) {
  await db
    .updateTable('import_runs')
    .set((eb) => ({
      rows_read: eb('rows_read', '+', counts.rows_read),
      rows_rejected: eb('rows_rejected', '+', counts.rows_rejected),
      orders_created: eb('orders_created', '+', counts.orders_created),
      orders_updated: eb('orders_updated', '+', counts.orders_updated),
      orders_unchanged: eb('orders_unchanged', '+', counts.orders_unchanged),
      items_written: eb('items_written', '+', counts.items_written),
      customers_created: eb('customers_created', '+', counts.customers_created),
      rows_imported: eb(
        'rows_imported',
        '+',
        counts.orders_created + counts.orders_updated + counts.orders_unchanged,
      ),
      checkpoint_line: checkpointLine,
      lease_expires_at: leaseUntil,
    }))
    .where('store_id', '=', storeId)
    .where('id', '=', runId)
    .execute();
}

export interface NewRun {
  readonly format: string;
  readonly fileName: string;
  readonly sha256: string;
  readonly bytesTotal: number;
  readonly mapName: string | null;
  readonly createdBy: UserId | null;
  readonly jobId: JobId | null;
}

export async function insertRun(
  db: Db,
  storeId: StoreId,
  run: NewRun,
  now: Instant,
  leaseUntil: Instant,
): Promise<ImportRunId> {
  const id = (await allocateIds(db, storeId, 'import_runs')) as ImportRunId;
  await db
    .insertInto('import_runs')
    .values({
      store_id: storeId,
      id,
      format: run.format,
      file_name: run.fileName,
      file_sha256: run.sha256,
      status: 'running',
      bytes_total: run.bytesTotal,
      map_name: run.mapName,
      created_by: run.createdBy,
      job_id: run.jobId,
      started_at: now,
      lease_expires_at: leaseUntil,
    })
    .execute();
  return id;
}

/** The newest unfinished run of the same file: in progress elsewhere, or left by a dead process. */
export function findUnfinishedRun(db: Db, storeId: StoreId, sha256: string) {
  return db
    .selectFrom('import_runs')
    .selectAll()
    .where('store_id', '=', storeId)
    .where('file_sha256', '=', sha256)
    .where('status', '=', 'running')
    .orderBy('id', 'desc')
    .executeTakeFirst();
}

/** Takes over a run for this process, unless another process took it first. */
export async function claimRun(
  db: Db,
  storeId: StoreId,
  runId: ImportRunId,
  now: Instant,
  leaseUntil: Instant,
): Promise<boolean> {
  const result = await db
    .updateTable('import_runs')
    .set({ lease_expires_at: leaseUntil })
    .where('store_id', '=', storeId)
    .where('id', '=', runId)
    .where('status', '=', 'running')
    .where((eb) => eb.or([eb('lease_expires_at', 'is', null), eb('lease_expires_at', '<', now)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function finishRun(
  db: Db,
  storeId: StoreId,
  runId: ImportRunId,
  outcome: { status: 'succeeded' | 'failed'; error: string | null; encoding: string | null },
  now: Instant,
) {
  await db
    .updateTable('import_runs')
    .set({
      status: outcome.status,
      error: outcome.error,
      encoding: outcome.encoding,
      finished_at: now,
      lease_expires_at: null,
    })
    .where('store_id', '=', storeId)
    .where('id', '=', runId)
    .execute();
}

export function findRun(db: Db, storeId: StoreId, runId: ImportRunId) {
  return db
    .selectFrom('import_runs')
    .selectAll()
    .where('store_id', '=', storeId)
    .where('id', '=', runId)
    .executeTakeFirst();
}
