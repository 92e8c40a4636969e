import type { Kysely } from 'kysely';

// Order import (issue #3): change detection and run bookkeeping, line ownership, column maps.

export async function up(db: Kysely<unknown>): Promise<void> {
  // A digest of the order as last imported: an unchanged re-import writes only its run id.
  await db.schema.alterTable('orders').addColumn('source_hash', 'text').execute();
  // Which import wrote a line: a new import replaces other imports' lines, and lines of one
  // order spread over several batches of the same import add up.
  await db.schema.alterTable('order_items').addColumn('import_run_id', 'integer').execute();

  for (const [column, type] of [
    ['orders_unchanged', 'integer'],
    ['items_written', 'integer'],
    ['checkpoint_line', 'integer'],
    ['bytes_total', 'bigint'],
  ] as const) {
    await db.schema
      .alterTable('import_runs')
      .addColumn(column, type, (c) => c.notNull().defaultTo(0))
      .execute();
  }
  await db.schema.alterTable('import_runs').addColumn('encoding', 'text').execute();
  await db.schema.alterTable('import_runs').addColumn('map_name', 'text').execute();
  await db.schema.alterTable('import_runs').addColumn('lease_expires_at', 'bigint').execute();
  await db.schema.alterTable('import_runs').addColumn('job_id', 'integer').execute();
  await db.schema
    .createIndex('import_runs_file_idx')
    .on('import_runs')
    .columns(['store_id', 'file_sha256', 'status'])
    .execute();

  await db.schema
    .createTable('import_column_maps')
    .addColumn('store_id', 'integer', (c) => c.notNull().references('stores.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('definition', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('import_column_maps_pk', ['store_id', 'name'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('import_column_maps').execute();
  await db.schema.dropIndex('import_runs_file_idx').execute();
  for (const column of [
    'orders_unchanged',
    'items_written',
    'checkpoint_line',
    'bytes_total',
    'encoding',
    'map_name',
    'lease_expires_at',
    'job_id',
  ]) {
    await db.schema.alterTable('import_runs').dropColumn(column).execute();
  }
  await db.schema.alterTable('order_items').dropColumn('import_run_id').execute();
  await db.schema.alterTable('orders').dropColumn('source_hash').execute();
}
