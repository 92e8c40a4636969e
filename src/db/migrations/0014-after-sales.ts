import type { Kysely } from 'kysely';

// After-sales cases (售后, issue 8): refunds, returns, exchanges and complaints, open until someone
// resolves them. Audiences ask "has an open case" and "had a case in the last N days".

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('after_sales_cases')
    .addColumn('store_id', 'integer', (c) => c.notNull())
    .addColumn('id', 'integer', (c) => c.notNull())
    .addColumn('customer_id', 'integer', (c) => c.notNull())
    .addColumn('order_id', 'integer') // the order it is about, if any
    .addColumn('kind', 'text', (c) => c.notNull()) // refund, return, exchange, complaint
    .addColumn('status', 'text', (c) => c.notNull()) // open, resolved
    .addColumn('opened_at', 'bigint', (c) => c.notNull())
    .addColumn('resolved_at', 'bigint')
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('resolution', 'text') // what was done, when resolved
    .addColumn('opened_by', 'text', (c) => c.notNull()) // login, readable after the user is gone
    .addColumn('resolved_by', 'text')
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('after_sales_cases_pk', ['store_id', 'id'])
    .addForeignKeyConstraint(
      'after_sales_cases_customer_fk',
      ['store_id', 'customer_id'],
      'customers',
      ['store_id', 'id'],
      (fk) => fk.onDelete('cascade'),
    )
    .execute();
  // The customer's cases (profile, audience conditions) and the store's open queue.
  await db.schema
    .createIndex('after_sales_cases_customer_idx')
    .on('after_sales_cases')
    .columns(['store_id', 'customer_id', 'opened_at'])
    .execute();
  await db.schema
    .createIndex('after_sales_cases_status_idx')
    .on('after_sales_cases')
    .columns(['store_id', 'status', 'opened_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('after_sales_cases').execute();
}
