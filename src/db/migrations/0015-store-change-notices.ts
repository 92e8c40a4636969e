import { type Kysely, sql } from 'kysely';
import { dialectOf } from '../dialect/schema-ddl.js';

// PostgreSQL only: every statement that writes a table the live audience count reads notifies
// `laoke_store_changes` with "<schema>:<store id>" for each store it touched. NOTIFY is delivered
// at commit and only then, so a listener learns of exactly the committed changes, from any
// process (src/db/store-changes.ts). Statement-level triggers with a transition table: one notice
// per statement and store, however many rows; PostgreSQL folds repeats within a transaction.
// SQLite needs none: its database-wide data_version and total_changes() say the same.

export const watchedTables = [
  'customers',
  'customer_tags',
  'orders',
  'order_items',
  'products',
  'customer_scores',
  'customer_predictions',
  'messages',
  'customer_contacts',
  'customer_tiers',
  'tier_changes',
  'after_sales_cases',
] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  if (dialectOf(db) !== 'postgres') return;
  await sql`
    create function laoke_notify_store_changes() returns trigger language plpgsql as $$
    declare
      store bigint;
    begin
      for store in select distinct store_id from changed loop
        perform pg_notify('laoke_store_changes', current_schema() || ':' || store);
      end loop;
      return null;
    end
    $$`.execute(db);
  for (const table of watchedTables) {
    for (const [event, rows] of [
      ['insert', 'new'],
      ['update', 'new'],
      ['delete', 'old'],
    ] as const) {
      await sql`
        create trigger ${sql.id(`${table}_${event}_notice`)}
        after ${sql.raw(event)} on ${sql.table(table)}
        referencing ${sql.raw(rows)} table as changed
        for each statement execute function laoke_notify_store_changes()`.execute(db);
    }
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (dialectOf(db) !== 'postgres') return;
  for (const table of watchedTables)
    for (const event of ['insert', 'update', 'delete'])
      await sql`drop trigger ${sql.id(`${table}_${event}_notice`)} on ${sql.table(table)}`.execute(db);
  await sql`drop function laoke_notify_store_changes()`.execute(db);
}
