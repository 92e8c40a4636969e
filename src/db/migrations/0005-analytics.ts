import type { Kysely } from 'kysely';

// Customer analytics (issue 5): each customer's latest scores, and a snapshot per refresh so
// segment movement can be shown over time.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('customer_scores')
    .addColumn('store_id', 'integer', (c) => c.notNull())
    .addColumn('customer_id', 'integer', (c) => c.notNull())
    .addColumn('recency_days', 'integer', (c) => c.notNull())
    .addColumn('rfm_r', 'integer', (c) => c.notNull())
    .addColumn('rfm_f', 'integer', (c) => c.notNull())
    .addColumn('rfm_m', 'integer', (c) => c.notNull())
    .addColumn('segment_cn', 'text', (c) => c.notNull())
    .addColumn('segment_en', 'text', (c) => c.notNull())
    .addColumn('computed_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('customer_scores_pk', ['store_id', 'customer_id'])
    .addForeignKeyConstraint(
      'customer_scores_customer_fk',
      ['store_id', 'customer_id'],
      'customers',
      ['store_id', 'id'],
      (fk) => fk.onDelete('cascade'),
    )
    .execute();
  // Audiences pick customers by segment.
  for (const column of ['segment_cn', 'segment_en']) {
    await db.schema
      .createIndex(`customer_scores_${column}_idx`)
      .on('customer_scores')
      .columns(['store_id', column])
      .execute();
  }

  await db.schema
    .createTable('analysis_snapshots')
    .addColumn('store_id', 'integer', (c) => c.notNull().references('stores.id').onDelete('cascade'))
    .addColumn('id', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('computed_at', 'bigint', (c) => c.notNull())
    .addColumn('result', 'text', (c) => c.notNull()) // JSON
    .addPrimaryKeyConstraint('analysis_snapshots_pk', ['store_id', 'id'])
    .execute();
  await db.schema
    .createIndex('analysis_snapshots_kind_idx')
    .on('analysis_snapshots')
    .columns(['store_id', 'kind', 'computed_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('analysis_snapshots').execute();
  await db.schema.dropTable('customer_scores').execute();
}
