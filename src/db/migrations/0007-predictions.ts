import { type Kysely, sql } from 'kysely';
import { dialectOf } from '../dialect/schema-ddl.js';

// Predicted customer value (issue 6): each buyer's predictions from the latest refresh. A table of
// its own beside customer_scores: the predictions move a little every day for every customer (the
// customer ages), so a refresh rewrites them all, while customer_scores changes for a few percent.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('customer_predictions')
    .addColumn('store_id', 'integer', (c) => c.notNull())
    .addColumn('customer_id', 'integer', (c) => c.notNull())
    .addColumn('p_alive', 'double precision', (c) => c.notNull())
    .addColumn('expected_30', 'double precision', (c) => c.notNull())
    .addColumn('expected_90', 'double precision', (c) => c.notNull())
    .addColumn('expected_365', 'double precision', (c) => c.notNull())
    .addColumn('average_value', 'bigint', (c) => c.notNull()) // fen per purchase
    .addColumn('clv', 'bigint', (c) => c.notNull()) // fen over the store's horizon, discounted
    .addColumn('clv_percentile', 'integer', (c) => c.notNull()) // 100: the most valuable
    // The CLV if still active (CLV / P(alive)): the value at stake, for win-back lists
    .addColumn('potential_value', 'bigint', (c) => c.notNull())
    .addColumn('potential_percentile', 'integer', (c) => c.notNull())
    .addColumn('next_order_date', 'text') // yyyy-MM-dd, null beyond three years
    .addColumn('computed_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('customer_predictions_pk', ['store_id', 'customer_id'])
    .addForeignKeyConstraint(
      'customer_predictions_customer_fk',
      ['store_id', 'customer_id'],
      'customers',
      ['store_id', 'id'],
      (fk) => fk.onDelete('cascade'),
    )
    // On SQLite the rows live in the key's own b-tree: one tree to rewrite each night, not two.
    .$call((table) => (dialectOf(db) === 'sqlite' ? table.modifyEnd(sql`without rowid`) : table))
    .execute();
  // No secondary index: audiences filter customers and probe this table by its key (an EXISTS per
  // customer), and every refresh rewrites every row, where each index would cost seconds.
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('customer_predictions').execute();
}
