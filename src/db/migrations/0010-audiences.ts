import type { Kysely } from 'kysely';

// Audiences (issue 8): saved audience definitions (src/audiences/definition.ts), named per store.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('audiences')
    .addColumn('store_id', 'integer', (c) => c.notNull())
    .addColumn('id', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('definition', 'text', (c) => c.notNull()) // JSON
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull()) // login, token name or cli
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('audiences_pk', ['store_id', 'id'])
    .addUniqueConstraint('audiences_name', ['store_id', 'name'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('audiences').execute();
}
