import { type Kysely, sql } from 'kysely';
import { dialectOf } from '../dialect/schema-ddl.js';

// Customer analytics, second part (issue 5):
// - each buyer's lifecycle state and core-list flag next to their RFM scores; recency in days is
//   no longer stored (it changes every day for everyone: it is computed from last_order_at), so a
//   refresh rewrites only the rows whose scores changed;
// - purchase_logs: each buyer's purchases and order lines packed in one binary value, kept by the
//   analytics refresh, which reads a million of them instead of ten million orders;
// - the product traffic a store may import (views, visitors, add-to-cart per product and day).

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('customer_scores').dropColumn('recency_days').execute();
  await db.schema.alterTable('customer_scores').addColumn('lifecycle', 'text').execute();
  await db.schema
    .alterTable('customer_scores')
    .addColumn('is_core', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  // Audiences pick customers by lifecycle state.
  await db.schema
    .createIndex('customer_scores_lifecycle_idx')
    .on('customer_scores')
    .columns(['store_id', 'lifecycle'])
    .execute();

  await db.schema
    .createTable('purchase_logs')
    .addColumn('store_id', 'integer', (c) => c.notNull())
    .addColumn('customer_id', 'integer', (c) => c.notNull())
    // A hash of the customer's roll-ups when the log was built: it is current while they match.
    .addColumn('fingerprint', 'bigint', (c) => c.notNull())
    .addColumn('built_at', 'bigint', (c) => c.notNull())
    .addColumn('log', dialectOf(db) === 'postgres' ? sql`bytea` : sql`blob`, (c) => c.notNull())
    .addPrimaryKeyConstraint('purchase_logs_pk', ['store_id', 'customer_id'])
    .addForeignKeyConstraint(
      'purchase_logs_customer_fk',
      ['store_id', 'customer_id'],
      'customers',
      ['store_id', 'id'],
      (fk) => fk.onDelete('cascade'),
    )
    .execute();

  await db.schema
    .createTable('product_traffic')
    .addColumn('store_id', 'integer', (c) => c.notNull())
    .addColumn('product_id', 'integer', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull()) // yyyy-MM-dd in the store's time zone
    .addColumn('views', 'integer', (c) => c.notNull())
    .addColumn('visitors', 'integer', (c) => c.notNull())
    .addColumn('add_to_cart', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('product_traffic_pk', ['store_id', 'product_id', 'day'])
    .addForeignKeyConstraint(
      'product_traffic_product_fk',
      ['store_id', 'product_id'],
      'products',
      ['store_id', 'id'],
      (fk) => fk.onDelete('cascade'),
    )
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('product_traffic').execute();
  await db.schema.dropTable('purchase_logs').execute();
  await db.schema.dropIndex('customer_scores_lifecycle_idx').execute();
  await db.schema.alterTable('customer_scores').dropColumn('is_core').execute();
  await db.schema.alterTable('customer_scores').dropColumn('lifecycle').execute();
  await db.schema
    .alterTable('customer_scores')
    .addColumn('recency_days', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}
