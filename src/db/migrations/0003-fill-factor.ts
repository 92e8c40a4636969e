import { type Kysely, sql } from 'kysely';
import { dialectOf } from '../dialect/schema-ddl.js';

// PostgreSQL writes a new row version on every update; with room left on the page and no
// indexed column changed, it is a HOT update that touches no index. Imports update customers'
// roll-ups and mark orders as seen all the time, so those tables keep 20% and 10% of each page
// free (bench/README.md, "order import"). SQLite updates rows in place and has no such setting.

export async function up(db: Kysely<unknown>): Promise<void> {
  if (dialectOf(db) !== 'postgres') return;
  await sql`alter table customers set (fillfactor = 80)`.execute(db);
  await sql`alter table orders set (fillfactor = 90)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (dialectOf(db) !== 'postgres') return;
  await sql`alter table customers reset (fillfactor)`.execute(db);
  await sql`alter table orders reset (fillfactor)`.execute(db);
}
