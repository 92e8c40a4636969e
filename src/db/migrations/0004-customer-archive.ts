import { type Kysely, sql } from 'kysely';
import { dialectOf } from '../dialect/schema-ddl.js';

// The customer archive (客户档案, issue 4): the contact log, and the indexes that let the list
// sort and search a million customers a page at a time.
//
// The list sorts by last purchase (the default) or by spend, so both have an index; on PostgreSQL
// this costs roll-up updates their HOT path (an indexed column changes), which the import
// benchmark records. Nick and name are searched by prefix: SQLite's BINARY collation keeps a
// range scan on a plain index exact, PostgreSQL needs text_pattern_ops for LIKE 'prefix%' to use
// an index under any collation.

export async function up(db: Kysely<unknown>): Promise<void> {
  // Customers without a purchase sort as the oldest and smallest on both databases: NULLs come
  // first in ascending order, as SQLite always does; PostgreSQL is told so in the index.
  const nullsFirst = dialectOf(db) === 'postgres' ? sql` nulls first` : sql``;
  for (const [name, column] of [
    ['customers_last_order_idx', 'last_order_at'],
    ['customers_total_spent_idx', 'total_spent'],
  ] as const) {
    await sql`create index ${sql.id(name)} on customers (store_id, ${sql.id(column)}${nullsFirst}, id)`.execute(
      db,
    );
  }
  // Partial: merged-away records, which no search shows, are left out, so a search's matches are
  // counted from these indexes alone.
  const patternOps = dialectOf(db) === 'postgres' ? sql` text_pattern_ops` : sql``;
  for (const column of ['nick', 'name']) {
    await sql`create index ${sql.id(`customers_${column}_idx`)} on customers (store_id, ${sql.id(column)}${patternOps}) where merged_into_id is null`.execute(
      db,
    );
  }

  // The list's total counts matching customers up to 10,000; filtered by region, that count reads
  // this small index instead of the customers' rows (288 → 1.5 ms at 1M customers). Partial, so
  // merged-away records, which no list shows, are not in it.
  await sql`create index customers_region_idx on customers (store_id, province, city) where merged_into_id is null`.execute(
    db,
  );

  await db.schema
    .createTable('customer_contacts')
    .addColumn('store_id', 'integer', (c) => c.notNull())
    .addColumn('id', 'integer', (c) => c.notNull())
    .addColumn('customer_id', 'integer', (c) => c.notNull())
    .addColumn('user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('staff_label', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('contacted_at', 'bigint', (c) => c.notNull())
    .addColumn('follow_up_on', 'text') // yyyy-MM-dd in the store time zone
    .addColumn('follow_up_done_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('customer_contacts_pk', ['store_id', 'id'])
    .addForeignKeyConstraint(
      'customer_contacts_customer_fk',
      ['store_id', 'customer_id'],
      'customers',
      ['store_id', 'id'],
      (fk) => fk.onDelete('cascade'),
    )
    .execute();
  await db.schema
    .createIndex('customer_contacts_customer_idx')
    .on('customer_contacts')
    .columns(['store_id', 'customer_id', 'contacted_at'])
    .execute();
  await db.schema
    .createIndex('customer_contacts_follow_up_idx')
    .on('customer_contacts')
    .columns(['store_id', 'follow_up_on'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('customer_contacts').execute();
  for (const name of [
    'customers_region_idx',
    'customers_name_idx',
    'customers_nick_idx',
    'customers_total_spent_idx',
    'customers_last_order_idx',
  ]) {
    await db.schema.dropIndex(name).execute();
  }
}
