import type { Database } from '../../db/database.js';
import { storeChangesOf } from '../../db/store-changes.js';
import type { StoreId } from '../../shared/ids.js';
import type { AudienceDefinition } from '../definition.js';
import { loadAnalysis, loadCare, loadContacts, loadMessages, loadProfile, loadPurchases } from './columns.js';
import {
  type EvaluationContext,
  evaluable,
  evaluateAudience,
  type StoreColumns,
  summarize,
} from './evaluate.js';

// Live counts from columns in memory. The audience builder asks for a count at every edit; on a
// store of a million customers the SQL takes from half a second to seconds (bench/README.md,
// "Audiences"), the columns tens of milliseconds. Members, exports and campaigns always read the
// database; only the count while editing may come from here.
//
// When is a snapshot current? It records the store's change marker (src/db/store-changes.ts) as
// it starts reading; the marker moves with any committed write to the tables the conditions read,
// by any process. An unchanged marker means the snapshot is the database's state and the count is
// exact. When it has moved (an import, a refresh, a dispatcher sending), a snapshot read at most
// `maxAgeMs` ago still answers, marked as of its time, while a new one is read in the background;
// older, the database answers. With `maxAgeMs` 0 every count is exact.

export interface LiveCount {
  readonly count: number;
  readonly sample: number[];
  /** When the data counted was read. */
  readonly asOf: number;
  /** Whether the database is known not to have changed since (the count is exact now). */
  readonly current: boolean;
}

export interface LiveCounterOptions {
  /** How many stores' snapshots to keep (least recently counted go first); 0 turns snapshots off. */
  readonly stores: number;
  /** How old a snapshot may answer after the database has changed; 0: only while unchanged. */
  readonly maxAgeMs: number;
  /** At most one new snapshot per store this often while the database keeps changing. */
  readonly rebuildEveryMs: number;
  readonly now: () => number;
}

interface Snapshot {
  readonly columns: StoreColumns;
  readonly marker: string;
  readonly readAt: number;
}

interface Entry {
  snapshot: Snapshot | null;
  building: Promise<void> | null;
  lastBuildAt: number;
  lastError: unknown;
}

export class LiveCounter {
  private readonly entries = new Map<StoreId, Entry>();

  constructor(
    private readonly database: Database,
    private readonly options: LiveCounterOptions,
  ) {}

  /**
   * The count from a snapshot, or null when there is none fit to answer (the caller counts in
   * the database). Starts reading a new snapshot when the store has none or the database moved.
   */
  async count(
    storeId: StoreId,
    definition: AudienceDefinition,
    context: EvaluationContext,
    sample: number,
  ): Promise<LiveCount | null> {
    if (this.options.stores === 0) return null;
    if (!evaluable(definition, context.saved)) return null;
    const entry = this.entryOf(storeId);
    const marker = await this.marker(storeId);
    const snapshot = entry.snapshot;
    const current = snapshot !== null && snapshot.marker === marker;
    if (!current) this.rebuild(storeId, entry);
    if (snapshot === null) return null;
    if (!current && !(this.options.now() - snapshot.readAt < this.options.maxAgeMs)) return null;
    const mask = evaluateAudience(snapshot.columns, definition, context);
    return { ...summarize(snapshot.columns, mask, sample), asOf: snapshot.readAt, current };
  }

  /** Reads the store's snapshot now (benchmarks, tests, and warming a store up front). */
  async warm(storeId: StoreId): Promise<void> {
    const entry = this.entryOf(storeId);
    if (entry.building) await entry.building;
    const marker = await this.marker(storeId);
    if (entry.snapshot?.marker === marker) return;
    entry.building = this.read(storeId, entry).finally(() => {
      entry.building = null;
    });
    await entry.building;
  }

  /** What the counter holds, for the status page and tests. */
  status(storeId: StoreId): { readAt: number | null; customers: number; lastError: string | null } {
    const entry = this.entries.get(storeId);
    return {
      readAt: entry?.snapshot?.readAt ?? null,
      customers: entry?.snapshot?.columns.roster.size ?? 0,
      lastError: entry?.lastError ? String(entry.lastError) : null,
    };
  }

  /** Drops every snapshot (the database is closing). */
  clear(): void {
    this.entries.clear();
  }

  private entryOf(storeId: StoreId): Entry {
    let entry = this.entries.get(storeId);
    if (entry) {
      // Most recently used last, so eviction takes the first.
      this.entries.delete(storeId);
    } else {
      entry = { snapshot: null, building: null, lastBuildAt: Number.NEGATIVE_INFINITY, lastError: null };
    }
    this.entries.set(storeId, entry);
    while (this.entries.size > this.options.stores) {
      const oldest = this.entries.keys().next().value as StoreId;
      this.entries.delete(oldest);
    }
    return entry;
  }

  private rebuild(storeId: StoreId, entry: Entry): void {
    if (entry.building) return;
    const now = this.options.now();
    if (entry.snapshot !== null && now - entry.lastBuildAt < this.options.rebuildEveryMs) return;
    entry.building = this.read(storeId, entry)
      .catch(() => {
        // Recorded on the entry by read(); the database answers meanwhile.
      })
      .finally(() => {
        entry.building = null;
      });
  }

  private async read(storeId: StoreId, entry: Entry): Promise<void> {
    entry.lastBuildAt = this.options.now();
    try {
      const marker = await this.marker(storeId);
      const readAt = this.options.now();
      const { db } = this.database;
      const { roster, profile } = await loadProfile(db, storeId);
      const analysis = await loadAnalysis(db, storeId, roster);
      const purchases = await loadPurchases(db, storeId, roster);
      const messages = await loadMessages(db, storeId, roster);
      const contacts = await loadContacts(db, storeId, roster);
      const care = await loadCare(db, storeId, roster);
      entry.snapshot = {
        columns: { roster, profile, analysis, purchases, messages, contacts, care },
        marker,
        readAt,
      };
      entry.lastError = null;
    } catch (error) {
      entry.lastError = error;
      throw error;
    }
  }

  private marker(storeId: StoreId): Promise<string> {
    return storeChangesOf(this.database).marker(storeId);
  }
}

const counters = new WeakMap<Database, LiveCounter>();

/** The one counter of a database (snapshots are per process, shared by its requests). */
export function liveCounterOf(database: Database, options: LiveCounterOptions): LiveCounter {
  let counter = counters.get(database);
  if (!counter) {
    counter = new LiveCounter(database, options);
    counters.set(database, counter);
  }
  return counter;
}
