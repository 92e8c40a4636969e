import type { Kysely } from 'kysely';

// Customer analytics, second part (issue 5): each buyer's lifecycle state and spending rank next to
// their RFM scores, and the product traffic a store may import (views, visitors, add-to-cart).

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('customer_scores').addColumn('lifecycle', 'text').execute();
  await db.schema.alterTable('customer_scores').addColumn('value_rank', 'integer').execute();
  await db.schema
    .alterTable('customer_scores')
    .addColumn('is_core', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  // Audiences pick customers by lifecycle state; the core list reads the top spenders in rank order.
  await db.schema
    .createIndex('customer_scores_lifecycle_idx')
    .on('customer_scores')
    .columns(['store_id', 'lifecycle'])
    .execute();
  await db.schema
    .createIndex('customer_scores_rank_idx')
    .on('customer_scores')
    .columns(['store_id', 'value_rank'])
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
  await db.schema.dropIndex('customer_scores_rank_idx').execute();
  await db.schema.dropIndex('customer_scores_lifecycle_idx').execute();
  await db.schema.alterTable('customer_scores').dropColumn('is_core').execute();
  await db.schema.alterTable('customer_scores').dropColumn('value_rank').execute();
  await db.schema.alterTable('customer_scores').dropColumn('lifecycle').execute();
}
