import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { bulkSession } from '../../src/db/dialect/bulk-insert.js';
import { allocateIds } from '../../src/db/sequences.js';
import type { StoreId } from '../../src/shared/ids.js';
import { benchDatabase } from '../lib.js';

// Builds the messaging benchmark's database: one store and N queued transactional SMS (a shipping
// notice is exempt from quiet hours and the frequency cap, so none is deferred whatever the hour),
// loaded in bulk (prepared inserts on SQLite, COPY on PostgreSQL) rather than through
// enqueueMessages. Leaves the database in place and prints its URL and the store id as JSON.

const { values } = parseArgs({
  options: {
    database: { type: 'string', default: 'sqlite' },
    messages: { type: 'string', default: '1000000' },
  },
});
const total = Number(values.messages);
const started = performance.now();
const { database, url } = await benchDatabase(values.database, 'messaging');
const now = Date.now();
const store = await database.db
  .insertInto('stores')
  .values({
    name: '发信压测店',
    platform: 'taobao',
    currency: 'CNY',
    time_zone: 'Asia/Shanghai',
    created_at: now as never,
    updated_at: now as never,
  })
  .returning('id')
  .executeTakeFirstOrThrow();
const storeId = store.id as StoreId;
const columns = [
  { name: 'store_id', pgType: 'int4' },
  { name: 'id', pgType: 'int4' },
  { name: 'channel', pgType: 'text' },
  { name: 'class', pgType: 'text' },
  { name: 'source', pgType: 'text' },
  { name: 'idempotency_key', pgType: 'text' },
  { name: 'recipient', pgType: 'text' },
  { name: 'content', pgType: 'text' },
  { name: 'next_attempt_at', pgType: 'int8' },
  { name: 'created_at', pgType: 'int8' },
  { name: 'updated_at', pgType: 'int8' },
] as const;
await bulkSession(database, async (session) => {
  const first = await allocateIds(session.db, storeId, 'messages', total);
  const CHUNK = 50_000;
  for (let start = 0; start < total; start += CHUNK) {
    const rows = [];
    for (let k = start; k < Math.min(total, start + CHUNK); k++) {
      const recipient = `13${String(k).padStart(9, '0')}`;
      rows.push([
        storeId,
        first + k,
        'sms',
        'transactional',
        'bench',
        `bench|to:${recipient}|sms`,
        recipient,
        `{"params":{"n":"${k}"}}`,
        now,
        now,
        now,
      ]);
    }
    await session.insert({ table: 'messages', columns }, rows);
  }
});
if (database.dialect === 'postgres') await sql`analyze messages`.execute(database.db);
await database.close();
process.stdout.write(
  `${JSON.stringify({ url, storeId, messages: total, seconds: (performance.now() - started) / 1000 })}\n`,
);
