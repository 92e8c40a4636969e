import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { sql } from 'kysely';
import { to as copyTo } from 'pg-copy-streams';
import type { AppContext } from '../context.js';
import { type BulkRow, type BulkTarget, bulkSession } from '../db/dialect/bulk-insert.js';
import { scanNumbers } from '../db/dialect/scan-numbers.js';
import type { CustomerId, StoreId } from '../shared/ids.js';
import { arrangePurchases, clampInt32, type Purchases, type RawPurchases } from './purchases.js';

// Purchase logs: each buyer's purchases and order lines packed into one binary value
// (purchase_logs.log), so a refresh reads a million short values instead of ten million orders
// and seventeen million lines (SQLite hands rows to JavaScript at about a microsecond each: the
// orders alone would take the whole time budget).
//
// A log is current while the customer's roll-ups match the fingerprint it was built with: every
// change to a customer's purchases (an import, a refund, a merge) changes a roll-up. The refresh
// rebuilds the logs that are stale or missing from the orders; after a big import that is most of
// them, and it reads the orders once, in table order.
//
// Layout, 32-bit integers in the machine's byte order (little-endian on x86 and ARM): per
// purchase in time order
//   orderId, local day, net amount (fen), item count, line count,
// then per line: product id (-1: none), quantity, amount less refund (fen).
// Amounts are 32-bit fen (±¥21,474,836 per order or line); larger values are capped.

const HEADER_WORDS = 5;
const LINE_WORDS = 3;

/** A 32-bit hash step (FNV-1a over the value's two 32-bit halves). */
function mix(hash: number, value: number): number {
  let h = hash;
  for (const part of [value % 4_294_967_296, Math.floor(value / 4_294_967_296)]) {
    h = Math.imul(h ^ (part >>> 0), 16_777_619);
    h ^= h >>> 15;
  }
  return h;
}

/** A hash of a time zone's name, mixed into every fingerprint of the store. */
export function zoneSeed(timeZone: string): number {
  let h = 2_166_136_261;
  for (let i = 0; i < timeZone.length; i++) h = Math.imul(h ^ timeZone.charCodeAt(i), 16_777_619);
  return h >>> 0;
}

/**
 * The roll-ups a buyer's log depends on and the time zone that turned instants into days, hashed
 * to 52 bits (two independent 32-bit hashes, so a stale log passes for current about once in
 * 2⁵² changes).
 */
export function fingerprintOf(
  seed: number,
  firstOrderAt: number,
  lastOrderAt: number,
  orderCount: number,
  totalSpent: number,
  itemCount: number,
): number {
  let a = seed ^ 0x9e3779b9;
  let b = Math.imul(seed, 0x85ebca6b) ^ 0xc2b2ae35;
  for (const value of [firstOrderAt, lastOrderAt, orderCount, totalSpent, itemCount]) {
    a = mix(a, value);
    b = mix(b ^ 0x27d4eb2f, value);
  }
  return (a >>> 0) * 1_048_576 + ((b >>> 0) >>> 12);
}

/** Packs purchases [start, end) of `p` (one customer's run) into a log. */
export function encodeLog(p: Purchases, start: number, end: number): Buffer {
  const words = new Int32Array(
    (end - start) * HEADER_WORDS + (p.lineStart[end]! - p.lineStart[start]!) * LINE_WORDS,
  );
  let at = 0;
  for (let i = start; i < end; i++) {
    words[at] = p.orderId[i]!;
    words[at + 1] = p.day[i]!;
    words[at + 2] = clampInt32(p.amount[i]!);
    words[at + 3] = clampInt32(p.items[i]!);
    words[at + 4] = p.lineStart[i + 1]! - p.lineStart[i]!;
    at += HEADER_WORDS;
    for (let l = p.lineStart[i]!; l < p.lineStart[i + 1]!; l++) {
      words[at] = p.lineProduct[l]!;
      words[at + 1] = clampInt32(p.lineQuantity[l]!);
      words[at + 2] = clampInt32(p.lineAmount[l]!);
      at += LINE_WORDS;
    }
  }
  return Buffer.from(words.buffer);
}

function grown<T extends Int32Array | Float64Array>(array: T, needed: number): T {
  if (needed <= array.length) return array;
  const bigger = new (array.constructor as new (n: number) => T)(Math.max(needed, array.length * 2));
  bigger.set(array);
  return bigger;
}

/** Builds Purchases run by run from logs. */
export class PurchasesBuilder {
  private count = 0;
  private lines = 0;
  private runs: number[] = [0];
  private orderId: Int32Array;
  private customerId: Int32Array;
  private day: Int32Array;
  private amount: Int32Array;
  private items: Int32Array;
  private visit: Int32Array;
  private lineStart: Int32Array;
  private lineProduct: Int32Array;
  private lineQuantity: Int32Array;
  private lineAmount: Int32Array;

  constructor(expectedPurchases: number, expectedLines = 2 * expectedPurchases) {
    const n = Math.max(16, expectedPurchases);
    const lines = Math.max(16, expectedLines);
    this.orderId = new Int32Array(n);
    this.customerId = new Int32Array(n);
    this.day = new Int32Array(n);
    this.amount = new Int32Array(n);
    this.items = new Int32Array(n);
    this.visit = new Int32Array(n);
    this.lineStart = new Int32Array(n + 1);
    this.lineProduct = new Int32Array(lines);
    this.lineQuantity = new Int32Array(lines);
    this.lineAmount = new Int32Array(lines);
  }

  /** Appends one customer's log as the next run. */
  append(customerId: number, log: Buffer): void {
    // A view when the bytes are 4-aligned (they usually are), else one copy.
    const words =
      log.byteOffset % 4 === 0
        ? new Int32Array(log.buffer, log.byteOffset, log.length >> 2)
        : new Int32Array(Uint8Array.from(log).buffer);
    // Room for the whole log first, so the loop below works on local arrays without checks.
    const maxPurchases = Math.floor(words.length / HEADER_WORDS);
    if (this.count + maxPurchases > this.orderId.length) this.growPurchases(this.count + maxPurchases);
    const maxLines = Math.floor(words.length / LINE_WORDS);
    if (this.lines + maxLines > this.lineProduct.length) {
      const needed = Math.max(this.lines + maxLines, Math.ceil(this.lineProduct.length * 1.5));
      this.lineProduct = grown(this.lineProduct, needed);
      this.lineQuantity = grown(this.lineQuantity, needed);
      this.lineAmount = grown(this.lineAmount, needed);
    }
    const {
      orderId,
      customerIds,
      day,
      amount,
      items,
      visit,
      lineStart,
      lineProduct,
      lineQuantity,
      lineAmount,
    } = {
      orderId: this.orderId,
      customerIds: this.customerId,
      day: this.day,
      amount: this.amount,
      items: this.items,
      visit: this.visit,
      lineStart: this.lineStart,
      lineProduct: this.lineProduct,
      lineQuantity: this.lineQuantity,
      lineAmount: this.lineAmount,
    };
    let i = this.count;
    let line = this.lines;
    let at = 0;
    let visitNumber = -1;
    let lastDay = Number.NaN;
    while (at < words.length) {
      orderId[i] = words[at]!;
      customerIds[i] = customerId;
      const today = words[at + 1]!;
      day[i] = today;
      amount[i] = words[at + 2]!;
      items[i] = words[at + 3]!;
      const lineCount = words[at + 4]!;
      at += HEADER_WORDS;
      if (today !== lastDay) {
        visitNumber += 1;
        lastDay = today;
      }
      visit[i] = visitNumber;
      for (let l = 0; l < lineCount; l++) {
        lineProduct[line] = words[at]!;
        lineQuantity[line] = words[at + 1]!;
        lineAmount[line] = words[at + 2]!;
        at += LINE_WORDS;
        line += 1;
      }
      i += 1;
      lineStart[i] = line;
    }
    this.count = i;
    this.lines = line;
    this.runs.push(i);
  }

  private growPurchases(needed: number): void {
    this.orderId = grown(this.orderId, needed);
    this.customerId = grown(this.customerId, needed);
    this.day = grown(this.day, needed);
    this.amount = grown(this.amount, needed);
    this.items = grown(this.items, needed);
    this.visit = grown(this.visit, needed);
    this.lineStart = grown(this.lineStart, this.orderId.length + 1);
  }

  build(): Purchases {
    const n = this.count;
    return {
      count: n,
      orderId: this.orderId.subarray(0, n),
      customerId: this.customerId.subarray(0, n),
      day: this.day.subarray(0, n),
      amount: this.amount.subarray(0, n),
      items: this.items.subarray(0, n),
      visit: this.visit.subarray(0, n),
      runStart: Int32Array.from(this.runs),
      lineStart: this.lineStart.subarray(0, n + 1),
      lineProduct: this.lineProduct.subarray(0, this.lines),
      lineQuantity: this.lineQuantity.subarray(0, this.lines),
      lineAmount: this.lineAmount.subarray(0, this.lines),
    };
  }
}

/** Columns grown as rows arrive. */
class RawCollector {
  count = 0;
  orderId = new Int32Array(1 << 16);
  customerId = new Int32Array(1 << 16);
  at = new Float64Array(1 << 16);
  amount = new Float64Array(1 << 16);
  items = new Int32Array(1 << 16);
  lineCount = 0;
  lineOrder = new Int32Array(1 << 16);
  lineProduct = new Int32Array(1 << 16);
  lineQuantity = new Int32Array(1 << 16);
  lineAmount = new Float64Array(1 << 16);

  addOrder(id: number, customerId: number, at: number, amount: number, items: number): void {
    const i = this.count;
    if (i >= this.orderId.length) {
      this.orderId = grown(this.orderId, i + 1);
      this.customerId = grown(this.customerId, i + 1);
      this.at = grown(this.at, i + 1);
      this.amount = grown(this.amount, i + 1);
      this.items = grown(this.items, i + 1);
    }
    this.orderId[i] = id;
    this.customerId[i] = customerId;
    this.at[i] = at;
    this.amount[i] = amount;
    this.items[i] = items;
    this.count += 1;
  }

  addLine(orderId: number, product: number, quantity: number, amount: number): void {
    const l = this.lineCount;
    if (l >= this.lineOrder.length) {
      this.lineOrder = grown(this.lineOrder, l + 1);
      this.lineProduct = grown(this.lineProduct, l + 1);
      this.lineQuantity = grown(this.lineQuantity, l + 1);
      this.lineAmount = grown(this.lineAmount, l + 1);
    }
    this.lineOrder[l] = orderId;
    this.lineProduct[l] = product;
    this.lineQuantity[l] = quantity;
    this.lineAmount[l] = amount;
    this.lineCount += 1;
  }

  raw(): RawPurchases {
    return {
      count: this.count,
      orderId: this.orderId,
      customerId: this.customerId,
      at: this.at,
      amount: this.amount,
      items: this.items,
      lines: {
        count: this.lineCount,
        orderId: this.lineOrder,
        product: this.lineProduct,
        quantity: this.lineQuantity,
        amount: this.lineAmount,
      },
    };
  }
}

const ID_CHUNK = 1_000;

/** Purchases and lines straight from the orders: of some customers, or (null) of everyone. */
export async function readRawPurchases(
  ctx: AppContext,
  storeId: StoreId,
  customerIds: readonly number[] | null,
): Promise<RawPurchases> {
  const collector = new RawCollector();
  if (customerIds === null) {
    await scanNumbers(
      ctx.database,
      {
        sql: 'select id, customer_id, ordered_at, net_amount, item_count from orders where store_id = ? and is_purchase = 1',
        params: [storeId],
        columns: 5,
      },
      (batch, rows) => {
        for (let r = 0; r < rows; r++) {
          const b = r * 5;
          collector.addOrder(batch[b]!, batch[b + 1]!, batch[b + 2]!, batch[b + 3]!, batch[b + 4]!);
        }
      },
    );
    // Lines of every order; those of non-purchases are dropped when they find no purchase.
    await scanNumbers(
      ctx.database,
      {
        sql: 'select order_id, product_id, quantity, amount - refund_amount from order_items where store_id = ?',
        params: [storeId],
        columns: 4,
      },
      (batch, rows) => {
        for (let r = 0; r < rows; r++) {
          const b = r * 4;
          const product = batch[b + 1]!;
          collector.addLine(batch[b]!, Number.isNaN(product) ? -1 : product, batch[b + 2]!, batch[b + 3]!);
        }
      },
    );
    return collector.raw();
  }
  const db = ctx.database.db;
  for (let start = 0; start < customerIds.length; start += ID_CHUNK) {
    const ids = customerIds.slice(start, start + ID_CHUNK) as CustomerId[];
    const orders = await db
      .selectFrom('orders')
      .select(['id', 'customer_id', 'ordered_at', 'net_amount', 'item_count'])
      .where('store_id', '=', storeId)
      .where('is_purchase', '=', 1)
      .where('customer_id', 'in', ids)
      .execute();
    for (const o of orders) {
      collector.addOrder(o.id, o.customer_id, Number(o.ordered_at), Number(o.net_amount), o.item_count);
    }
    const lines = await db
      .selectFrom('order_items as i')
      .innerJoin('orders as o', (join) =>
        join.onRef('o.store_id', '=', 'i.store_id').onRef('o.id', '=', 'i.order_id'),
      )
      .select(['i.order_id', 'i.product_id', 'i.quantity', 'i.amount', 'i.refund_amount'])
      .where('o.store_id', '=', storeId)
      .where('o.is_purchase', '=', 1)
      .where('o.customer_id', 'in', ids)
      .orderBy('i.order_id')
      .orderBy('i.line_no')
      .execute();
    for (const l of lines) {
      collector.addLine(
        l.order_id,
        l.product_id ?? -1,
        l.quantity,
        Number(l.amount) - Number(l.refund_amount),
      );
    }
  }
  return collector.raw();
}

/** The buyers' roll-ups, in customer id order (from readBuyers). */
export interface BuyerRollups {
  readonly ids: Float64Array;
  readonly firstOrderAt: Float64Array;
  readonly lastOrderAt: Float64Array;
  readonly orderCount: Float64Array;
  readonly totalSpent: Float64Array;
  readonly itemCount: Float64Array;
}

const logTarget: BulkTarget = {
  table: 'purchase_logs',
  columns: [
    { name: 'store_id', pgType: 'int4' },
    { name: 'customer_id', pgType: 'int4' },
    { name: 'fingerprint', pgType: 'int8' },
    { name: 'built_at', pgType: 'int8' },
    { name: 'log', pgType: 'bytea' },
  ],
};

const LOG_PAGE = 10_000;

/** Calls `visit` with every stored log of the store, in customer id order. */
async function scanLogs(
  ctx: AppContext,
  storeId: StoreId,
  visit: (customerId: number, fingerprint: number, log: Buffer) => void,
): Promise<void> {
  const database = ctx.database;
  if (database.dialect === 'sqlite') {
    // Ten thousand logs a row, concatenated by SQLite: a value per log would cost a Buffer each
    // (a million of them to collect), and this reads faster too.
    const page = database.sqlite
      .prepare(
        `select group_concat(customer_id), group_concat(fingerprint), group_concat(length(log)),
                cast(group_concat(log, '') as blob), max(customer_id)
         from (select customer_id, fingerprint, log from purchase_logs
               where store_id = ? and customer_id > ? order by customer_id limit ${LOG_PAGE})`,
      )
      .raw(true);
    let after = 0;
    for (;;) {
      const [ids, fingerprints, lengths, logs, last] = page.get(storeId, after) as [
        string | null,
        string,
        string,
        Buffer,
        number,
      ];
      if (ids === null) return;
      const id = ids.split(',');
      const fingerprint = fingerprints.split(',');
      const length = lengths.split(',');
      let offset = 0;
      for (let k = 0; k < id.length; k++) {
        const bytes = Number(length[k]);
        visit(Number(id[k]), Number(fingerprint[k]), logs.subarray(offset, offset + bytes));
        offset += bytes;
      }
      after = last;
    }
  }
  // PostgreSQL: COPY out as text, bytea as hex (decoded natively by Buffer.from): page by page
  // through pg, every bytea is parsed in JavaScript and a warm refresh took 100 s.
  const client = await database.pool.connect();
  let pending = '';
  const line = (text: string) => {
    const first = text.indexOf('\t');
    const second = text.indexOf('\t', first + 1);
    // The log arrives as \\x<hex>: COPY escapes the backslash of bytea's hex format.
    const hex = text.slice(text.indexOf('x', second + 1) + 1);
    visit(Number(text.slice(0, first)), Number(text.slice(first + 1, second)), Buffer.from(hex, 'hex'));
  };
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      const text = pending + chunk.toString('latin1');
      let start = 0;
      for (let end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', start)) {
        line(text.slice(start, end));
        start = end + 1;
      }
      pending = text.slice(start);
      done();
    },
  });
  try {
    await pipeline(
      client.query(
        copyTo(
          `copy (select customer_id, fingerprint, log from purchase_logs where store_id = ${Number(storeId)} order by customer_id) to stdout`,
        ),
      ),
      sink,
    );
  } finally {
    client.release();
  }
}

export interface LoadedPurchases {
  readonly purchases: Purchases;
  /** Logs built anew from the orders in this load (stale or missing). */
  readonly rebuilt: number;
}

/**
 * Every purchase of the buyers, from their current logs, rebuilding the stale ones from the
 * orders and storing them. Runs come in no particular customer order.
 */
export async function loadPurchaseLogs(
  ctx: AppContext,
  storeId: StoreId,
  timeZone: string,
  buyers: BuyerRollups,
  onProgress: (fraction: number) => void = () => undefined,
): Promise<LoadedPurchases> {
  const n = buyers.ids.length;
  const seed = zoneSeed(timeZone);
  const fingerprints = new Float64Array(n);
  let expected = 0;
  for (let b = 0; b < n; b++) {
    fingerprints[b] = fingerprintOf(
      seed,
      buyers.firstOrderAt[b]!,
      buyers.lastOrderAt[b]!,
      buyers.orderCount[b]!,
      buyers.totalSpent[b]!,
      buyers.itemCount[b]!,
    );
    expected += buyers.orderCount[b]!;
  }
  const buyerOfId = new Int32Array((n > 0 ? buyers.ids[n - 1]! : 0) + 1).fill(-1);
  for (let b = 0; b < n; b++) buyerOfId[buyers.ids[b]!] = b;
  // Made at the first current log: a first refresh reads the orders instead and needs none.
  // Sized from the stored logs (their bytes less the purchases' headers are lines), so the line
  // columns are not grown (and copied) on the way.
  let builder = null as PurchasesBuilder | null;
  const stored = await ctx.database.db
    .selectFrom('purchase_logs')
    .select((eb) => eb.fn.sum<number | string>(sql`length(log)`).as('bytes'))
    .where('store_id', '=', storeId)
    .executeTakeFirst();
  const storedWords = Number(stored?.bytes ?? 0) / 4;
  const expectedLines = Math.ceil(Math.max(0, storedWords - HEADER_WORDS * expected) / LINE_WORDS) + 1_024;
  const current = new Uint8Array(n);
  const orphans: number[] = []; // logs of customers who are no longer buyers
  let seen = 0;
  await scanLogs(ctx, storeId, (customerId, fingerprint, log) => {
    const b = customerId < buyerOfId.length ? buyerOfId[customerId]! : -1;
    if (b < 0) orphans.push(customerId);
    else if (fingerprint === fingerprints[b]) {
      builder ??= new PurchasesBuilder(expected, expectedLines);
      builder.append(customerId, log);
      current[b] = 1;
    }
    seen += 1;
    if (seen % 100_000 === 0) onProgress((0.5 * seen) / Math.max(n, 1));
  });
  const stale: number[] = [];
  for (let k = 0; k < n; k++) if (current[k] === 0) stale.push(buyers.ids[k]!);
  if (stale.length === 0 && orphans.length === 0) {
    return { purchases: (builder ?? new PurchasesBuilder(0)).build(), rebuilt: 0 };
  }

  // Most logs stale (the first refresh, a big import): read all orders once, in table order.
  const everyone = stale.length > n / 2;
  if (everyone) builder = null;
  onProgress(0.5);
  const fresh = arrangePurchases(await readRawPurchases(ctx, storeId, everyone ? null : stale), timeZone);
  onProgress(0.8);
  const now = ctx.clock.now();
  let rebuilt = 0;
  await bulkSession(ctx.database, async (session) => {
    const drop = [...(everyone ? [] : stale), ...orphans];
    if (everyone) await session.db.deleteFrom('purchase_logs').where('store_id', '=', storeId).execute();
    for (let start = 0; start < drop.length; start += ID_CHUNK) {
      await session.db
        .deleteFrom('purchase_logs')
        .where('store_id', '=', storeId)
        .where('customer_id', 'in', drop.slice(start, start + ID_CHUNK) as CustomerId[])
        .execute();
    }
    // Encoded and written a batch at a time: a million logs at once would hold 400 MB.
    let rows: BulkRow[] = [];
    for (let k = 0; k < fresh.runStart.length - 1; k++) {
      const start = fresh.runStart[k]!;
      const customerId = fresh.customerId[start]!;
      const b = customerId < buyerOfId.length ? buyerOfId[customerId]! : -1;
      // A customer without roll-ups (an import between the two reads) waits for the next refresh.
      if (b < 0 || current[b] === 1) continue;
      const log = encodeLog(fresh, start, fresh.runStart[k + 1]!);
      if (!everyone) {
        builder ??= new PurchasesBuilder(expected, expectedLines);
        builder.append(customerId, log);
      }
      rows.push([storeId, customerId, fingerprints[b]!, now, log]);
      if (rows.length === 5_000) {
        await session.insert(logTarget, rows);
        rebuilt += rows.length;
        rows = [];
      }
    }
    if (rows.length > 0) await session.insert(logTarget, rows);
    rebuilt += rows.length;
  });
  return { purchases: everyone || builder === null ? fresh : builder.build(), rebuilt };
}
