import { type CreateTableBuilder, type Kysely, sql } from 'kysely';
import {
  clusteredByPrimaryKey,
  dialectOf,
  identityPrimaryKey,
  jsonColumnDefault,
} from '../dialect/schema-ddl.js';

// The first schema. Every store-owned table has store_id first in its primary key and indexes
// (ready for PostgreSQL distributed by store_id); the exceptions are named where they occur.

type Table = CreateTableBuilder<string, string>;

/** store_id + per-store id, the primary key shape of every store-owned entity. */
function storeOwned(table: Table, name: string): Table {
  return table
    .addColumn('store_id', 'integer', (c) => c.notNull().references('stores.id').onDelete('cascade'))
    .addColumn('id', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint(`${name}_pk`, ['store_id', 'id']);
}

export async function up(db: Kysely<unknown>): Promise<void> {
  const identity = identityPrimaryKey[dialectOf(db)];

  await db.schema
    .createTable('stores')
    .addColumn('id', 'integer', identity)
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('platform', 'text', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull().defaultTo('CNY'))
    .addColumn('time_zone', 'text', (c) => c.notNull().defaultTo('Asia/Shanghai'))
    .addColumn('settings', 'text', (c) => c.notNull().defaultTo(jsonColumnDefault))
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('users')
    .addColumn('id', 'integer', identity)
    .addColumn('login', 'text', (c) => c.notNull().unique())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('locale', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('last_login_at', 'bigint')
    .addColumn('disabled_at', 'bigint')
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('last_seen_at', 'bigint', (c) => c.notNull())
    .addColumn('ip', 'text')
    .addColumn('user_agent', 'text')
    .execute();
  await db.schema.createIndex('sessions_user_idx').on('sessions').columns(['user_id']).execute();

  await db.schema
    .createTable('store_members')
    .addColumn('store_id', 'integer', (c) => c.notNull().references('stores.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('owner', 'operator', 'service')`))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('store_members_pk', ['store_id', 'user_id'])
    .execute();
  // Exception to store_id-first: "which stores may this user open" is asked at every sign-in.
  await db.schema.createIndex('store_members_user_idx').on('store_members').columns(['user_id']).execute();

  await storeOwned(db.schema.createTable('api_tokens'), 'api_tokens')
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull())
    .addColumn('token_prefix', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('owner', 'operator', 'service')`))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('last_used_at', 'bigint')
    .addColumn('expires_at', 'bigint')
    .addColumn('revoked_at', 'bigint')
    .execute();
  // Exception to store_id-first: a bearer token arrives alone and is looked up by its hash.
  await db.schema
    .createIndex('api_tokens_hash_idx')
    .unique()
    .on('api_tokens')
    .columns(['token_hash'])
    .execute();

  await db.schema
    .createTable('id_sequences')
    .addColumn('store_id', 'integer', (c) => c.notNull().references('stores.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('next_id', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('id_sequences_pk', ['store_id', 'name'])
    .execute();

  await createCustomers(db);
  await createCatalogAndOrders(db);
  await createOperations(db);
}

async function createCustomers(db: Kysely<unknown>): Promise<void> {
  await storeOwned(db.schema.createTable('customers'), 'customers')
    .addColumn('customer_key', 'text', (c) => c.notNull())
    .addColumn('nick', 'text')
    .addColumn('name', 'text')
    .addColumn('gender', 'text', (c) => c.check(sql`gender in ('female', 'male')`))
    .addColumn('birth_year', 'integer')
    .addColumn('birth_month', 'integer', (c) => c.check(sql`birth_month between 1 and 12`))
    .addColumn('birth_day', 'integer', (c) => c.check(sql`birth_day between 1 and 31`))
    .addColumn('phone', 'text')
    .addColumn('phone_last4', 'text')
    .addColumn('phone_masked', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('email', 'text')
    .addColumn('address', 'text')
    .addColumn('province', 'text')
    .addColumn('city', 'text')
    .addColumn('district', 'text')
    .addColumn('occupation', 'text')
    .addColumn('credit_level', 'text')
    .addColumn('preferences', 'text', (c) => c.notNull().defaultTo(jsonColumnDefault))
    .addColumn('notes', 'text')
    .addColumn('consent_sms', 'integer')
    .addColumn('consent_email', 'integer')
    .addColumn('consent_wechat', 'integer')
    .addColumn('consent_call', 'integer')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('first_order_at', 'bigint')
    .addColumn('last_order_at', 'bigint')
    .addColumn('order_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('total_spent', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('item_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('erased_at', 'bigint')
    .addColumn('merged_into_id', 'integer')
    .addUniqueConstraint('customers_key_uq', ['store_id', 'customer_key'])
    .execute();
  // Search by the last four phone digits and by email. Analysis reads all of a store's customers
  // in key order, so the roll-up columns (first/last order) need no index of their own.
  for (const column of ['phone_last4', 'email']) {
    await db.schema
      .createIndex(`customers_${column}_idx`)
      .on('customers')
      .columns(['store_id', column])
      .execute();
  }

  const clustered = clusteredByPrimaryKey[dialectOf(db)];
  await clustered(db.schema.createTable('customer_tags'))
    .addColumn('store_id', 'integer', (c) => c.notNull())
    .addColumn('customer_id', 'integer', (c) => c.notNull())
    .addColumn('tag', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('customer_tags_pk', ['store_id', 'customer_id', 'tag'])
    .addForeignKeyConstraint(
      'customer_tags_customer_fk',
      ['store_id', 'customer_id'],
      'customers',
      ['store_id', 'id'],
      (fk) => fk.onDelete('cascade'),
    )
    .execute();
  await db.schema
    .createIndex('customer_tags_tag_idx')
    .on('customer_tags')
    .columns(['store_id', 'tag'])
    .execute();
}

async function createCatalogAndOrders(db: Kysely<unknown>): Promise<void> {
  await storeOwned(db.schema.createTable('products'), 'products')
    .addColumn('product_key', 'text', (c) => c.notNull())
    .addColumn('sku', 'text')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('category', 'text')
    .addColumn('price', 'bigint')
    .addColumn('attributes', 'text', (c) => c.notNull().defaultTo(jsonColumnDefault))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('products_key_uq', ['store_id', 'product_key'])
    .execute();

  await clusteredByPrimaryKey[dialectOf(db)](storeOwned(db.schema.createTable('orders'), 'orders'))
    .addColumn('external_id', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('is_purchase', 'integer', (c) => c.notNull())
    .addColumn('ordered_at', 'bigint', (c) => c.notNull())
    .addColumn('paid_at', 'bigint')
    .addColumn('goods_amount', 'bigint', (c) => c.notNull())
    .addColumn('shipping_fee', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('discount_amount', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('paid_amount', 'bigint', (c) => c.notNull())
    .addColumn('refund_amount', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('net_amount', 'bigint', (c) => c.notNull())
    .addColumn('item_count', 'integer', (c) => c.notNull())
    .addColumn('discount_code', 'text')
    .addColumn('buyer_message', 'text')
    .addColumn('seller_note', 'text')
    .addColumn('receiver_name', 'text')
    .addColumn('receiver_phone', 'text')
    .addColumn('receiver_address', 'text')
    .addColumn('province', 'text')
    .addColumn('city', 'text')
    .addColumn('import_run_id', 'integer')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('orders_external_uq', ['store_id', 'external_id'])
    .addForeignKeyConstraint('orders_customer_fk', ['store_id', 'customer_id'], 'customers', [
      'store_id',
      'id',
    ])
    .execute();
  await db.schema
    .createIndex('orders_customer_idx')
    .on('orders')
    .columns(['store_id', 'customer_id', 'ordered_at'])
    .execute();
  await db.schema
    .createIndex('orders_ordered_at_idx')
    .on('orders')
    .columns(['store_id', 'ordered_at'])
    .execute();

  await clusteredByPrimaryKey[dialectOf(db)](db.schema.createTable('order_items'))
    .addColumn('store_id', 'integer', (c) => c.notNull())
    .addColumn('order_id', 'integer', (c) => c.notNull())
    .addColumn('line_no', 'integer', (c) => c.notNull())
    .addColumn('product_id', 'integer')
    .addColumn('sku', 'text')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('attributes', 'text')
    .addColumn('unit_price', 'bigint', (c) => c.notNull())
    .addColumn('quantity', 'integer', (c) => c.notNull())
    .addColumn('amount', 'bigint', (c) => c.notNull())
    .addColumn('refund_amount', 'bigint', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('order_items_pk', ['store_id', 'order_id', 'line_no'])
    .addForeignKeyConstraint(
      'order_items_order_fk',
      ['store_id', 'order_id'],
      'orders',
      ['store_id', 'id'],
      (fk) => fk.onDelete('cascade'),
    )
    .addForeignKeyConstraint('order_items_product_fk', ['store_id', 'product_id'], 'products', [
      'store_id',
      'id',
    ])
    .execute();
  await db.schema
    .createIndex('order_items_product_idx')
    .on('order_items')
    .columns(['store_id', 'product_id'])
    .execute();
}

async function createOperations(db: Kysely<unknown>): Promise<void> {
  await storeOwned(db.schema.createTable('import_runs'), 'import_runs')
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text')
    .addColumn('file_sha256', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('rows_read', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('rows_imported', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('rows_rejected', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('orders_created', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('orders_updated', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('customers_created', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('error', 'text')
    .addColumn('created_by', 'integer')
    .addColumn('started_at', 'bigint', (c) => c.notNull())
    .addColumn('finished_at', 'bigint')
    .execute();

  await db.schema
    .createTable('import_rejections')
    .addColumn('store_id', 'integer', (c) => c.notNull())
    .addColumn('import_run_id', 'integer', (c) => c.notNull())
    .addColumn('line', 'integer', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('raw', 'text')
    .addPrimaryKeyConstraint('import_rejections_pk', ['store_id', 'import_run_id', 'line'])
    .addForeignKeyConstraint(
      'import_rejections_run_fk',
      ['store_id', 'import_run_id'],
      'import_runs',
      ['store_id', 'id'],
      (fk) => fk.onDelete('cascade'),
    )
    .execute();

  await storeOwned(db.schema.createTable('jobs'), 'jobs')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('max_attempts', 'integer', (c) => c.notNull().defaultTo(3))
    .addColumn('run_after', 'bigint', (c) => c.notNull())
    .addColumn('lease_owner', 'text')
    .addColumn('lease_expires_at', 'bigint')
    .addColumn('progress', 'real', (c) => c.notNull().defaultTo(0))
    .addColumn('progress_note', 'text')
    .addColumn('result', 'text')
    .addColumn('error', 'text')
    .addColumn('created_by', 'integer')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('finished_at', 'bigint')
    .execute();
  // Exception to store_id-first: workers look for due work across all stores.
  await db.schema.createIndex('jobs_due_idx').on('jobs').columns(['state', 'run_after']).execute();
  await db.schema
    .createIndex('jobs_store_created_idx')
    .on('jobs')
    .columns(['store_id', 'created_at'])
    .execute();

  await storeOwned(db.schema.createTable('audit_log'), 'audit_log')
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('actor_user_id', 'integer')
    .addColumn('actor_token_id', 'integer')
    .addColumn('actor_label', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('subject_type', 'text')
    .addColumn('subject_id', 'text')
    .addColumn('details', 'text', (c) => c.notNull().defaultTo(jsonColumnDefault))
    .addColumn('request_id', 'text')
    .addColumn('ip', 'text')
    .execute();
  // Infrastructure, not store data: see src/db/deferred-indexes.ts.
  await db.schema
    .createTable('deferred_indexes')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('table_name', 'text', (c) => c.notNull())
    .addColumn('definition', 'text', (c) => c.notNull())
    .execute();

  await db.schema.createIndex('audit_log_at_idx').on('audit_log').columns(['store_id', 'at']).execute();
  await db.schema
    .createIndex('audit_log_subject_idx')
    .on('audit_log')
    .columns(['store_id', 'subject_type', 'subject_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  const tables = [
    'deferred_indexes',
    'audit_log',
    'jobs',
    'import_rejections',
    'import_runs',
    'order_items',
    'orders',
    'products',
    'customer_tags',
    'customers',
    'id_sequences',
    'api_tokens',
    'store_members',
    'sessions',
    'users',
    'stores',
  ];
  for (const table of tables) await db.schema.dropTable(table).execute();
}
