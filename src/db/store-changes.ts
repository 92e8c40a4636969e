import pg from 'pg';
import { type Database, type PostgresDatabase, parseDatabaseUrl } from './database.js';

// Whether a store's data may have changed since a moment, by any process: a marker that moves
// with every committed write to the tables the live audience count reads.
//
// - SQLite: the file's data_version (moves when another connection commits) with this
//   connection's total_changes() (moves with every row it writes, committed or not). Exact,
//   and database-wide: a write to any store moves every store's marker.
// - PostgreSQL: migration 0015's statement triggers NOTIFY "<schema>:<store>" at commit; one
//   connection LISTENs and counts the notices per store. Before a marker is read, a round trip
//   on that connection lets every notice of a transaction committed before it arrive, so a
//   change committed before the question is never missed. A lost connection moves every marker.

export interface StoreChanges {
  /** A value that differs from an earlier one if the store's data may have changed between them. */
  marker(storeId: number): Promise<string>;
}

const markers = new WeakMap<Database, StoreChanges>();

/** The change markers of a database; on PostgreSQL the listener lives until the database closes. */
export function storeChangesOf(database: Database): StoreChanges {
  let changes = markers.get(database);
  if (changes) return changes;
  if (database.dialect === 'sqlite') {
    const totalChanges = database.sqlite.prepare('select total_changes()').pluck();
    changes = {
      marker: async () => `${database.sqlite.pragma('data_version', { simple: true })}:${totalChanges.get()}`,
    };
  } else {
    const listener = new ChangeListener(database);
    database.atClose(() => listener.close());
    changes = listener;
  }
  markers.set(database, changes);
  return changes;
}

export const CHANGE_CHANNEL = 'laoke_store_changes';

class ChangeListener implements StoreChanges {
  private client: pg.Client | null = null;
  private connecting: Promise<pg.Client> | null = null;
  private generation = 0;
  private closed = false;
  private readonly notices = new Map<number, number>();

  constructor(private readonly database: PostgresDatabase) {}

  async marker(storeId: number): Promise<string> {
    const client = await this.connected();
    await client.query('select 1'); // notices committed before this arrive before its answer
    return `${this.generation}:${this.notices.get(storeId) ?? 0}`;
  }

  async close(): Promise<void> {
    this.closed = true;
    const client = this.client ?? (await this.connecting?.catch(() => null));
    this.client = null;
    await client?.end().catch(() => {});
  }

  private connected(): Promise<pg.Client> {
    if (this.closed) return Promise.reject(new Error('the database is closed'));
    if (this.client) return Promise.resolve(this.client);
    this.connecting ??= this.connect().finally(() => {
      this.connecting = null;
    });
    return this.connecting;
  }

  private async connect(): Promise<pg.Client> {
    const target = parseDatabaseUrl(this.database.reopen.url);
    if (target.dialect !== 'postgres') throw new Error('not a PostgreSQL database');
    const client = new pg.Client({ connectionString: target.connectionString });
    const prefix = `${this.database.schema}:`;
    client.on('notification', (message) => {
      if (message.channel !== CHANGE_CHANNEL || !message.payload?.startsWith(prefix)) return;
      const storeId = Number(message.payload.slice(prefix.length));
      this.notices.set(storeId, (this.notices.get(storeId) ?? 0) + 1);
    });
    const lost = () => {
      // Notices may have been missed: every marker moves, and the next question reconnects.
      this.generation++;
      if (this.client === client) this.client = null;
    };
    client.on('error', lost);
    client.on('end', lost);
    await client.connect();
    await client.query(`listen ${CHANGE_CHANNEL}`);
    if (this.closed) {
      await client.end();
      throw new Error('the database is closed');
    }
    this.generation++;
    this.client = client;
    return client;
  }
}
