import { cliActor } from '../audit/actor.js';
import { createUser } from '../auth/service.js';
import { findUserByLogin } from '../auth/users.store.js';
import type { AppContext } from '../context.js';
import { withDeferredIndexes } from '../db/deferred-indexes.js';
import { bulkSession } from '../db/dialect/bulk-insert.js';
import { seedDemoMessaging } from '../messaging/demo.js';
import type { StoreId, UserId } from '../shared/ids.js';
import type { Instant } from '../shared/time.js';
import { DAY_MS } from '../shared/time.js';
import { createStore } from '../stores/service.js';
import { countStores } from '../stores/stores.store.js';
import { promoDaysBetween } from './calendar.js';
import type { DemoWindow } from './generator.js';
import { type BatchRequest, buildBatch } from './rows.js';
import { writeBatchRows, writeCatalog } from './writer.js';

export const DEMO_STORE_NAME = '老客母婴旗舰店';
export const DEMO_TIME_ZONE = 'Asia/Shanghai';
const DEMO_YEARS = 3;
const BATCH_CUSTOMERS = 5_000;
const DEMO_TABLES = ['customers', 'customer_tags', 'orders', 'order_items'] as const;

export interface DemoOptions {
  readonly customers: number;
  readonly seed: number;
  /** The last day of history (default: now). Same seed + same until = same store. */
  readonly until?: number | undefined;
  readonly storeName?: string | undefined;
  readonly login?: string | undefined;
  /** Needed when the demo user does not exist yet. */
  readonly password?: string | undefined;
  readonly onProgress?: ((done: number, total: number) => void) | undefined;
  /** Build secondary indexes after the load when the tables are empty (default). */
  readonly deferIndexes?: boolean | undefined;
}

export interface DemoStore {
  readonly storeId: StoreId;
  readonly storeName: string;
  readonly userId: UserId;
  readonly login: string;
  readonly customers: number;
  readonly orders: number;
}

/**
 * Builds a realistic mother-and-baby store (母婴店) with three years of history, owned by the demo
 * user: customers stream through generation and the database in batches, so memory stays flat.
 */
export async function createDemoStore(ctx: AppContext, options: DemoOptions): Promise<DemoStore> {
  const login = options.login ?? 'demo';
  const userId = await ensureUser(ctx, login, options.password);
  const storeName = options.storeName ?? DEMO_STORE_NAME;
  const storeId = await createStore(ctx, cliActor(userId), userId, {
    name: storeName,
    platform: 'tmall',
    currency: 'CNY',
    timeZone: DEMO_TIME_ZONE,
    isDemo: true,
  });
  const until = options.until ?? ctx.clock.now();
  const window: DemoWindow = {
    from: until - DEMO_YEARS * 365 * DAY_MS,
    until,
    promoDays: promoDaysBetween(until - DEMO_YEARS * 365 * DAY_MS, until, DEMO_TIME_ZONE),
  };
  const { database } = ctx;
  const firstProductId = await bulkSession(database, (session) =>
    writeCatalog(session, storeId, window.from),
  );

  const requests: BatchRequest[] = [];
  for (let start = 0; start < options.customers; start += BATCH_CUSTOMERS) {
    const end = Math.min(options.customers, start + BATCH_CUSTOMERS);
    requests.push({ seed: options.seed, window, start, end, storeId, firstProductId });
  }
  const progress = (end: number) => options.onProgress?.(end, options.customers);
  let orders = 0;
  const load = async () => {
    for (const request of requests) {
      const rows = buildBatch(request);
      orders += await bulkSession(database, (session) => writeBatchRows(session, storeId, rows));
      progress(request.end);
    }
  };
  // Into empty tables, building the indexes once at the end takes a million-customer load from
  // ~158 s to ~86 s on SQLite (bench/README.md, "demo store").
  await ((options.deferIndexes ?? true) ? withDeferredIndexes(database, DEMO_TABLES, load) : load());
  await seedDemoMessaging(database.db, storeId, userId, until as Instant);
  return { storeId, storeName, userId, login, customers: options.customers, orders };
}

async function ensureUser(ctx: AppContext, login: string, password: string | undefined): Promise<UserId> {
  const existing = await findUserByLogin(ctx.database.db, login);
  if (existing) return existing.id;
  return createUser(ctx, {
    login,
    displayName: '演示店主 Demo',
    password: password ?? ctx.config.demo.password,
    locale: null,
  });
}

export interface ProgressBar {
  update(done: number): void;
  stop(): void;
}

/** On a first start (no stores at all) with LAOKE_DEMO=auto, builds the demo store. */
export async function loadDemoIfEmpty(
  ctx: AppContext,
  progress: (total: number) => ProgressBar,
): Promise<DemoStore | undefined> {
  if (ctx.config.demo.mode !== 'auto' || (await countStores(ctx.database.db)) > 0) return undefined;
  const bar = progress(ctx.config.demo.customers);
  try {
    return await createDemoStore(ctx, {
      customers: ctx.config.demo.customers,
      seed: ctx.config.demo.seed,
      password: ctx.config.demo.password,
      onProgress: (done) => bar.update(done),
    });
  } finally {
    bar.stop();
  }
}
