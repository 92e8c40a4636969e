import type { Kysely } from 'kysely';

// Membership tiers and member days (issue 9, first half). A store's tier scheme (the basis and the
// period) with its tiers; each customer's current tier; the history of tier changes (the "tier
// changed" event campaigns and automations read); the store's member days (会员日).

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('tier_schemes')
    .addColumn('store_id', 'integer', (c) => c.notNull().primaryKey())
    .addColumn('basis', 'text', (c) => c.notNull()) // spend, orders, both
    .addColumn('period', 'text', (c) => c.notNull()) // all, 12m
    .addColumn('applied_at', 'bigint') // the last refresh that assigned the tiers
    // Bumped by every save and refresh: a refresh writes only if nothing changed since it read
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('tiers')
    .addColumn('store_id', 'integer', (c) => c.notNull())
    .addColumn('id', 'integer', (c) => c.notNull())
    .addColumn('rank', 'integer', (c) => c.notNull()) // 0 the lowest
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('min_spent', 'bigint', (c) => c.notNull()) // fen
    .addColumn('min_orders', 'integer', (c) => c.notNull())
    .addColumn('price_percent', 'integer', (c) => c.notNull()) // 95: pays 95% (九五折)
    .addColumn('benefits', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('tiers_pk', ['store_id', 'id'])
    .execute();

  await db.schema
    .createTable('customer_tiers')
    .addColumn('store_id', 'integer', (c) => c.notNull())
    .addColumn('customer_id', 'integer', (c) => c.notNull())
    .addColumn('tier_id', 'integer', (c) => c.notNull())
    .addColumn('since', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('customer_tiers_pk', ['store_id', 'customer_id'])
    .execute();
  await db.schema
    .createIndex('customer_tiers_tier_idx')
    .on('customer_tiers')
    .columns(['store_id', 'tier_id'])
    .execute();

  await db.schema
    .createTable('tier_changes')
    .addColumn('store_id', 'integer', (c) => c.notNull())
    .addColumn('id', 'integer', (c) => c.notNull())
    .addColumn('customer_id', 'integer', (c) => c.notNull())
    .addColumn('from_tier_id', 'integer') // null: had no tier
    .addColumn('to_tier_id', 'integer') // null: lost the tier
    .addColumn('from_name', 'text') // the names then, readable after a tier is renamed or removed
    .addColumn('to_name', 'text')
    .addColumn('direction', 'text', (c) => c.notNull()) // up, down
    .addColumn('reason', 'text', (c) => c.notNull()) // refresh, apply, scheme
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('tier_changes_pk', ['store_id', 'id'])
    .execute();
  await db.schema.createIndex('tier_changes_at_idx').on('tier_changes').columns(['store_id', 'at']).execute();
  await db.schema
    .createIndex('tier_changes_customer_idx')
    .on('tier_changes')
    .columns(['store_id', 'customer_id', 'at'])
    .execute();

  await db.schema
    .createTable('member_days')
    .addColumn('store_id', 'integer', (c) => c.notNull())
    .addColumn('id', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('days', 'text', (c) => c.notNull()) // JSON: days of the month, e.g. [8, 18]
    .addColumn('tier_ids', 'text', (c) => c.notNull()) // JSON: eligible tiers, [] every tier
    .addColumn('price_percent', 'integer', (c) => c.notNull())
    .addColumn('new_products', 'text', (c) => c.notNull()) // members-first new products
    .addColumn('reminder_days', 'integer') // remind N days before; null: no reminder
    .addColumn('reminder_template_id', 'integer')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('member_days_pk', ['store_id', 'id'])
    .addUniqueConstraint('member_days_name', ['store_id', 'name'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('member_days').execute();
  await db.schema.dropTable('tier_changes').execute();
  await db.schema.dropTable('customer_tiers').execute();
  await db.schema.dropTable('tiers').execute();
  await db.schema.dropTable('tier_schemes').execute();
}
