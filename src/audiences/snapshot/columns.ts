import type { SelectQueryBuilder } from 'kysely';
import { consentChannels } from '../../customers/schemas.js';
import type { Db } from '../../db/database.js';
import type { Schema } from '../../db/schema.js';
import type { StoreId } from '../../shared/ids.js';

// A store's customers as columns in typed arrays, for live audience counts (evaluate.ts): one
// entry per live customer (not merged away, not erased), in id order, holding what the audience
// conditions read. Loaded from the database in pages by key, in four parts that each read their
// own tables. The values are exactly the database's: the evaluator must agree with the SQL
// compiler to the customer (the property test in test/audiences checks both against brute force).
//
// Size: about 175 bytes per customer and 20 per order line (a 1M-customer store with 5M lines:
// ~270 MiB), so the counter keeps few stores (counter.ts).

/** Text values as small integer codes (−1 for none), with the dictionary to look values up. */
export class Codes {
  readonly values: string[] = [];
  private readonly index = new Map<string, number>();

  code(value: string | null): number {
    if (value === null) return -1;
    let code = this.index.get(value);
    if (code === undefined) {
      code = this.values.length;
      this.values.push(value);
      this.index.set(value, code);
    }
    return code;
  }

  /** The codes of the values a condition lists that occur at all, as a lookup table. */
  lookup(values: readonly string[]): Uint8Array {
    const table = new Uint8Array(this.values.length + 1);
    for (const value of values) {
      const code = this.index.get(value);
      if (code !== undefined) table[code] = 1;
    }
    return table;
  }
}

export interface ProfileColumns {
  readonly gender: Int8Array; // 0 none, 1 female, 2 male
  readonly birthKey: Int32Array; // yyyymmdd, 0 when year, month or day is missing
  readonly birthMonth: Int8Array; // 0 when missing
  readonly province: Int32Array;
  readonly city: Int32Array;
  readonly occupation: Int32Array;
  readonly creditLevel: Int32Array;
  readonly regions: Codes; // provinces and cities share one dictionary
  readonly occupations: Codes;
  readonly creditLevels: Codes;
  /** key → value → the entries holding it (string values only, as the app stores them). */
  readonly preferences: Map<string, Map<string, number[]>>;
  readonly consent: Record<(typeof consentChannels)[number], Int8Array>; // −1 unknown, 0, 1
  readonly firstOrderAt: Float64Array; // NaN when none
  readonly lastOrderAt: Float64Array;
  readonly orderCount: Float64Array;
  readonly totalSpent: Float64Array;
  /** tag → the entries carrying it. */
  readonly tags: Map<string, number[]>;
}

export interface AnalysisColumns {
  readonly scored: Uint8Array;
  readonly rfm: { readonly r: Int8Array; readonly f: Int8Array; readonly m: Int8Array };
  readonly segmentCn: Int32Array;
  readonly segmentEn: Int32Array;
  readonly lifecycle: Int32Array;
  readonly segments: Codes; // both languages and the lifecycle states share one dictionary
  readonly core: Uint8Array;
  readonly predicted: Uint8Array;
  readonly pAlive: Float64Array;
  readonly expected30: Float64Array;
  readonly expected90: Float64Array;
  readonly expected365: Float64Array;
  readonly clv: Float64Array;
  readonly clvPercentile: Int8Array;
  readonly potentialPercentile: Int8Array;
}

/**
 * Every order line of every purchase, laid out by product, the products of a category next to
 * each other: a product's lines and a category's lines are each one slice. Lines without a
 * product (or whose product has no category) come last.
 */
export interface PurchaseColumns {
  readonly length: number;
  readonly entry: Int32Array; // the customer's entry; −1 for a customer who is not live
  readonly order: Int32Array; // the order, numbered 0… within the snapshot
  readonly orders: number;
  readonly at: Float64Array; // ordered_at
  readonly sku: Int32Array;
  readonly skus: Codes;
  /** product id → its lines [start, end). */
  readonly productSlices: Map<number, readonly [number, number]>;
  /** category → its lines [start, end). */
  readonly categorySlices: Map<string, readonly [number, number]>;
}

/** Membership tiers and after-sales cases: the customer's tier, and each tier move and case. */
export interface CareColumns {
  readonly tier: Int32Array; // tier id, −1 for none
  readonly moves: {
    readonly entry: Int32Array;
    readonly at: Float64Array;
    readonly up: Uint8Array; // 1 up, 0 down
    readonly to: Int32Array; // tier id, −1 for none
  };
  readonly cases: {
    readonly entry: Int32Array;
    readonly openedAt: Float64Array;
    readonly open: Uint8Array;
    readonly kind: Int32Array;
    readonly kinds: Codes;
  };
}

/** The latest instant per entry, for "messaged / contacted in the last N days", in total and per channel. */
export interface LatestColumns {
  readonly any: Float64Array; // NaN when never
  readonly byChannel: Map<string, Float64Array>;
}

/** The store's live customers by id, and a way from an id to its entry. */
export class Roster {
  private readonly dense: Int32Array | null;

  constructor(readonly ids: Float64Array) {
    const last = ids.length === 0 ? 0 : ids[ids.length - 1]!;
    // Ids are a store's own sequence, so nearly dense: a direct table when it stays small.
    if (last <= ids.length * 8 + 1024) {
      this.dense = new Int32Array(last + 1).fill(-1);
      for (let i = 0; i < ids.length; i++) this.dense[ids[i]!] = i;
    } else this.dense = null;
  }

  get size(): number {
    return this.ids.length;
  }

  /** The entry of a customer id; −1 when it is not a live customer. */
  entryOf(id: number): number {
    if (this.dense) return id < this.dense.length ? this.dense[id]! : -1;
    let lo = 0;
    let hi = this.ids.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const value = this.ids[mid]!;
      if (value === id) return mid;
      if (value < id) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }
}

const PAGE = 20_000;

/** Rows of a query in pages by an increasing numeric key, so no result holds the whole store. */
async function* pages<Row extends { k: number | string }>(
  page: (after: number, limit: number) => Promise<Row[]>,
): AsyncGenerator<Row[]> {
  let after = 0; // ids start at 1
  for (;;) {
    const rows = await page(after, PAGE);
    if (rows.length === 0) return;
    yield rows;
    after = Number(rows[rows.length - 1]!.k);
    if (rows.length < PAGE) return;
  }
}

/** [from, to) ranges of ids covering 1…last, for tables read by a key that is not unique. */
export function* idRanges(last: number, step = 50_000): Generator<[number, number]> {
  for (let from = 0; from <= last; from += step) yield [from, from + step];
}

const num = (value: number | string | null): number => (value === null ? Number.NaN : Number(value));
const flag = (value: number | null): number => (value === null ? -1 : Number(value));

/** The live customers' ids and profiles (customers, customer_tags). */
export async function loadProfile(
  db: Db,
  storeId: StoreId,
): Promise<{ roster: Roster; profile: ProfileColumns }> {
  const ids: number[] = [];
  const gender: number[] = [];
  const birthKey: number[] = [];
  const birthMonth: number[] = [];
  const province: number[] = [];
  const city: number[] = [];
  const occupation: number[] = [];
  const creditLevel: number[] = [];
  const consent = Object.fromEntries(consentChannels.map((c) => [c, [] as number[]])) as Record<
    (typeof consentChannels)[number],
    number[]
  >;
  const firstOrderAt: number[] = [];
  const lastOrderAt: number[] = [];
  const orderCount: number[] = [];
  const totalSpent: number[] = [];
  const regions = new Codes();
  const occupations = new Codes();
  const creditLevels = new Codes();
  const preferences = new Map<string, Map<string, number[]>>();
  const rows = pages((after, limit) =>
    db
      .selectFrom('customers')
      .select([
        'id as k',
        'gender',
        'birth_year',
        'birth_month',
        'birth_day',
        'province',
        'city',
        'occupation',
        'credit_level',
        'preferences',
        'consent_sms',
        'consent_email',
        'consent_wechat',
        'consent_call',
        'first_order_at',
        'last_order_at',
        'order_count',
        'total_spent',
      ])
      .where('store_id', '=', storeId)
      .where('merged_into_id', 'is', null)
      .where('erased_at', 'is', null)
      .where('id', '>', after as never)
      .orderBy('id')
      .limit(limit)
      .execute(),
  );
  for await (const page of rows) {
    for (const row of page) {
      const entry = ids.length;
      ids.push(Number(row.k));
      gender.push(row.gender === 'female' ? 1 : row.gender === 'male' ? 2 : 0);
      const whole = row.birth_year !== null && row.birth_month !== null && row.birth_day !== null;
      birthKey.push(
        whole ? Number(row.birth_year) * 10_000 + Number(row.birth_month) * 100 + Number(row.birth_day) : 0,
      );
      birthMonth.push(row.birth_month === null ? 0 : Number(row.birth_month));
      province.push(regions.code(row.province));
      city.push(regions.code(row.city));
      occupation.push(occupations.code(row.occupation));
      creditLevel.push(creditLevels.code(row.credit_level));
      consent.sms.push(flag(row.consent_sms));
      consent.email.push(flag(row.consent_email));
      consent.wechat.push(flag(row.consent_wechat));
      consent.call.push(flag(row.consent_call));
      firstOrderAt.push(num(row.first_order_at));
      lastOrderAt.push(num(row.last_order_at));
      orderCount.push(Number(row.order_count));
      totalSpent.push(Number(row.total_spent));
      if (row.preferences !== '{}') addPreferences(preferences, row.preferences, entry);
    }
  }
  const roster = new Roster(Float64Array.from(ids));
  const tags = new Map<string, number[]>();
  for (const [from, to] of idRanges(ids.at(-1) ?? 0)) {
    const found = await db
      .selectFrom('customer_tags')
      .select(['customer_id', 'tag'])
      .where('store_id', '=', storeId)
      .where('customer_id', '>=', from as never)
      .where('customer_id', '<', to as never)
      .execute();
    for (const row of found) {
      const entry = roster.entryOf(Number(row.customer_id));
      if (entry < 0) continue;
      let list = tags.get(row.tag);
      if (!list) {
        list = [];
        tags.set(row.tag, list);
      }
      list.push(entry);
    }
  }
  const int8 = (values: number[]) => Int8Array.from(values);
  return {
    roster,
    profile: {
      gender: int8(gender),
      birthKey: Int32Array.from(birthKey),
      birthMonth: int8(birthMonth),
      province: Int32Array.from(province),
      city: Int32Array.from(city),
      occupation: Int32Array.from(occupation),
      creditLevel: Int32Array.from(creditLevel),
      regions,
      occupations,
      creditLevels,
      preferences,
      consent: {
        sms: int8(consent.sms),
        email: int8(consent.email),
        wechat: int8(consent.wechat),
        call: int8(consent.call),
      },
      firstOrderAt: Float64Array.from(firstOrderAt),
      lastOrderAt: Float64Array.from(lastOrderAt),
      orderCount: Float64Array.from(orderCount),
      totalSpent: Float64Array.from(totalSpent),
      tags,
    },
  };
}

function addPreferences(into: Map<string, Map<string, number[]>>, json: string, entry: number): void {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return; // the SQL reads no key from text that is not JSON either
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return;
  for (const [key, value] of Object.entries(parsed)) {
    if (typeof value !== 'string') continue;
    let byValue = into.get(key);
    if (!byValue) {
      byValue = new Map();
      into.set(key, byValue);
    }
    let list = byValue.get(value);
    if (!list) {
      list = [];
      byValue.set(value, list);
    }
    list.push(entry);
  }
}

/** A page of a table with one row per customer, by customer id. */
function pageOf<T extends 'customer_scores' | 'customer_predictions'>(
  db: Db,
  table: T,
  storeId: StoreId,
  after: number,
  limit: number,
) {
  return db
    .selectFrom(table as 'customer_scores' | 'customer_predictions')
    .where('store_id', '=', storeId)
    .where('customer_id', '>', after as never)
    .orderBy('customer_id')
    .limit(limit) as unknown as SelectQueryBuilder<Schema, T, object>;
}

/** Scores and predictions from the latest refresh (customer_scores, customer_predictions). */
export async function loadAnalysis(db: Db, storeId: StoreId, roster: Roster): Promise<AnalysisColumns> {
  const n = roster.size;
  const segments = new Codes();
  const columns: AnalysisColumns = {
    scored: new Uint8Array(n),
    rfm: { r: new Int8Array(n), f: new Int8Array(n), m: new Int8Array(n) },
    segmentCn: new Int32Array(n).fill(-1),
    segmentEn: new Int32Array(n).fill(-1),
    lifecycle: new Int32Array(n).fill(-1),
    segments,
    core: new Uint8Array(n),
    predicted: new Uint8Array(n),
    pAlive: new Float64Array(n),
    expected30: new Float64Array(n),
    expected90: new Float64Array(n),
    expected365: new Float64Array(n),
    clv: new Float64Array(n),
    clvPercentile: new Int8Array(n),
    potentialPercentile: new Int8Array(n),
  };
  const scores = pages((after, limit) =>
    pageOf(db, 'customer_scores', storeId, after, limit)
      .select([
        'customer_id as k',
        'rfm_r',
        'rfm_f',
        'rfm_m',
        'segment_cn',
        'segment_en',
        'lifecycle',
        'is_core',
      ])
      .execute(),
  );
  for await (const page of scores)
    for (const row of page) {
      const entry = roster.entryOf(Number(row.k));
      if (entry < 0) continue;
      columns.scored[entry] = 1;
      columns.rfm.r[entry] = Number(row.rfm_r);
      columns.rfm.f[entry] = Number(row.rfm_f);
      columns.rfm.m[entry] = Number(row.rfm_m);
      columns.segmentCn[entry] = segments.code(row.segment_cn);
      columns.segmentEn[entry] = segments.code(row.segment_en);
      columns.lifecycle[entry] = segments.code(row.lifecycle);
      columns.core[entry] = Number(row.is_core) === 1 ? 1 : 0;
    }
  const predictions = pages((after, limit) =>
    pageOf(db, 'customer_predictions', storeId, after, limit)
      .select([
        'customer_id as k',
        'p_alive',
        'expected_30',
        'expected_90',
        'expected_365',
        'clv',
        'clv_percentile',
        'potential_percentile',
      ])
      .execute(),
  );
  for await (const page of predictions)
    for (const row of page) {
      const entry = roster.entryOf(Number(row.k));
      if (entry < 0) continue;
      columns.predicted[entry] = 1;
      columns.pAlive[entry] = Number(row.p_alive);
      columns.expected30[entry] = Number(row.expected_30);
      columns.expected90[entry] = Number(row.expected_90);
      columns.expected365[entry] = Number(row.expected_365);
      columns.clv[entry] = Number(row.clv);
      columns.clvPercentile[entry] = Number(row.clv_percentile);
      columns.potentialPercentile[entry] = Number(row.potential_percentile);
    }
  return columns;
}

/** Every line of every purchase (orders that count, with their lines and products' categories). */
export async function loadPurchases(db: Db, storeId: StoreId, roster: Roster): Promise<PurchaseColumns> {
  // Products ranked by category, then id: a category's products take consecutive ranks.
  const products: { id: number; category: string | null }[] = [];
  for await (const page of pages((after, limit) =>
    db
      .selectFrom('products')
      .select(['id as k', 'category'])
      .where('store_id', '=', storeId)
      .where('id', '>', after as never)
      .orderBy('id')
      .limit(limit)
      .execute(),
  ))
    for (const row of page) products.push({ id: Number(row.k), category: row.category });
  products.sort((x, y) =>
    x.category === y.category
      ? x.id - y.id
      : x.category === null
        ? 1
        : y.category === null
          ? -1
          : x.category < y.category
            ? -1
            : 1,
  );
  const rankOf = new Map(products.map((product, rank) => [product.id, rank]));
  const unranked = products.length; // lines without a product
  const last = await db
    .selectFrom('orders')
    .select((eb) => eb.fn.max('id').as('id'))
    .where('store_id', '=', storeId)
    .executeTakeFirst();
  const skus = new Codes();
  let capacity = 1 << 16;
  let length = 0;
  let orders = 0;
  let entry = new Int32Array(capacity);
  let order = new Int32Array(capacity);
  let at = new Float64Array(capacity);
  let sku = new Int32Array(capacity);
  let rank = new Int32Array(capacity);
  const grow = () => {
    capacity *= 2;
    const wider = <T extends Int32Array | Float64Array>(old: T): T => {
      const next = new (old.constructor as new (n: number) => T)(capacity);
      next.set(old);
      return next;
    };
    entry = wider(entry);
    order = wider(order);
    at = wider(at);
    sku = wider(sku);
    rank = wider(rank);
  };
  let previousOrder = -1;
  // Per range of order ids, the purchases and the lines each in key order, merged here: two range
  // scans instead of a probe of the lines' key per order.
  for (const [from, to] of idRanges(Number(last?.id ?? 0))) {
    const purchases = await db
      .selectFrom('orders')
      .select(['id', 'customer_id', 'ordered_at'])
      .where('store_id', '=', storeId)
      .where('is_purchase', '=', 1)
      .where('id', '>=', from as never)
      .where('id', '<', to as never)
      .orderBy('id')
      .execute();
    if (purchases.length === 0) continue;
    const items = await db
      .selectFrom('order_items')
      .select(['order_id', 'product_id', 'sku'])
      .where('store_id', '=', storeId)
      .where('order_id', '>=', from as never)
      .where('order_id', '<', to as never)
      .orderBy('order_id')
      .orderBy('line_no')
      .execute();
    let p = 0;
    for (const item of items) {
      const orderId = Number(item.order_id);
      while (p < purchases.length && Number(purchases[p]!.id) < orderId) p++;
      if (p === purchases.length) break;
      const purchase = purchases[p]!;
      if (Number(purchase.id) !== orderId) continue; // a line of an order that does not count
      if (length === capacity) grow();
      if (orderId !== previousOrder) {
        previousOrder = orderId;
        orders++;
      }
      entry[length] = roster.entryOf(Number(purchase.customer_id));
      order[length] = orders - 1;
      at[length] = Number(purchase.ordered_at);
      sku[length] = skus.code(item.sku);
      rank[length] = item.product_id === null ? unranked : (rankOf.get(Number(item.product_id)) ?? unranked);
      length++;
    }
  }
  // A counting sort by product rank: stable, one pass to count, one to place.
  const starts = new Int32Array(unranked + 2);
  for (let k = 0; k < length; k++) starts[rank[k]! + 1]!++;
  for (let r = 0; r <= unranked; r++) starts[r + 1]! += starts[r]!;
  const next = starts.slice();
  const placed = {
    entry: new Int32Array(length),
    order: new Int32Array(length),
    at: new Float64Array(length),
    sku: new Int32Array(length),
  };
  for (let k = 0; k < length; k++) {
    const to = next[rank[k]!]!++;
    placed.entry[to] = entry[k]!;
    placed.order[to] = order[k]!;
    placed.at[to] = at[k]!;
    placed.sku[to] = sku[k]!;
  }
  const productSlices = new Map<number, readonly [number, number]>();
  const categorySlices = new Map<string, readonly [number, number]>();
  products.forEach((product, r) => {
    const slice = [starts[r]!, starts[r + 1]!] as const;
    productSlices.set(product.id, slice);
    if (product.category === null) return;
    const known = categorySlices.get(product.category);
    categorySlices.set(product.category, known ? [known[0], slice[1]] : slice);
  });
  return { length, orders, ...placed, skus, productSlices, categorySlices };
}

/** The latest sent message per customer, in total and per channel (messages). */
export async function loadMessages(db: Db, storeId: StoreId, roster: Roster): Promise<LatestColumns> {
  const latest = emptyLatest(roster.size);
  const last = roster.ids.at(-1) ?? 0;
  for (const [from, to] of idRanges(last)) {
    const rows = await db
      .selectFrom('messages')
      .select((eb) => ['customer_id', 'channel', eb.fn.max('sent_at').as('at')])
      .where('store_id', '=', storeId)
      .where('customer_id', '>=', from as never)
      .where('customer_id', '<', to as never)
      .where('sent_at', 'is not', null)
      .groupBy(['customer_id', 'channel'])
      .execute();
    for (const row of rows) addLatest(latest, roster, Number(row.customer_id), row.channel, Number(row.at));
  }
  return latest;
}

/** The latest contact per customer, in total and per channel (customer_contacts). */
export async function loadContacts(db: Db, storeId: StoreId, roster: Roster): Promise<LatestColumns> {
  const latest = emptyLatest(roster.size);
  const last = roster.ids.at(-1) ?? 0;
  for (const [from, to] of idRanges(last)) {
    const rows = await db
      .selectFrom('customer_contacts')
      .select((eb) => ['customer_id', 'channel', eb.fn.max('contacted_at').as('at')])
      .where('store_id', '=', storeId)
      .where('customer_id', '>=', from as never)
      .where('customer_id', '<', to as never)
      .groupBy(['customer_id', 'channel'])
      .execute();
    for (const row of rows) addLatest(latest, roster, Number(row.customer_id), row.channel, Number(row.at));
  }
  return latest;
}

function emptyLatest(n: number): LatestColumns {
  return { any: new Float64Array(n).fill(Number.NaN), byChannel: new Map() };
}

function addLatest(latest: LatestColumns, roster: Roster, id: number, channel: string, at: number): void {
  const entry = roster.entryOf(id);
  if (entry < 0) return;
  let column = latest.byChannel.get(channel);
  if (!column) {
    column = new Float64Array(roster.size).fill(Number.NaN);
    latest.byChannel.set(channel, column);
  }
  column[entry] = at;
  const any = latest.any[entry]!;
  if (Number.isNaN(any) || at > any) latest.any[entry] = at;
}

/** Tiers (customer_tiers), tier moves (tier_changes) and after-sales cases (after_sales_cases). */
export async function loadCare(db: Db, storeId: StoreId, roster: Roster): Promise<CareColumns> {
  const tier = new Int32Array(roster.size).fill(-1);
  const moves = { entry: [] as number[], at: [] as number[], up: [] as number[], to: [] as number[] };
  const kinds = new Codes();
  const cases = {
    entry: [] as number[],
    openedAt: [] as number[],
    open: [] as number[],
    kind: [] as number[],
  };
  const last = roster.ids.at(-1) ?? 0;
  for (const [from, to] of idRanges(last)) {
    const inRange = <T extends 'customer_tiers' | 'tier_changes' | 'after_sales_cases'>(table: T) =>
      db
        .selectFrom(table as 'customer_tiers')
        .where('store_id', '=', storeId)
        .where('customer_id', '>=', from as never)
        .where('customer_id', '<', to as never) as unknown as SelectQueryBuilder<Schema, T, object>;
    for (const row of await inRange('customer_tiers').select(['customer_id', 'tier_id']).execute()) {
      const entry = roster.entryOf(Number(row.customer_id));
      if (entry >= 0) tier[entry] = Number(row.tier_id);
    }
    const changes = await inRange('tier_changes')
      .select(['customer_id', 'at', 'direction', 'to_tier_id'])
      .execute();
    for (const row of changes) {
      const entry = roster.entryOf(Number(row.customer_id));
      if (entry < 0) continue;
      moves.entry.push(entry);
      moves.at.push(Number(row.at));
      moves.up.push(row.direction === 'up' ? 1 : 0);
      moves.to.push(row.to_tier_id === null ? -1 : Number(row.to_tier_id));
    }
    const opened = await inRange('after_sales_cases')
      .select(['customer_id', 'opened_at', 'status', 'kind'])
      .execute();
    for (const row of opened) {
      const entry = roster.entryOf(Number(row.customer_id));
      if (entry < 0) continue;
      cases.entry.push(entry);
      cases.openedAt.push(Number(row.opened_at));
      cases.open.push(row.status === 'open' ? 1 : 0);
      cases.kind.push(kinds.code(row.kind));
    }
  }
  return {
    tier,
    moves: {
      entry: Int32Array.from(moves.entry),
      at: Float64Array.from(moves.at),
      up: Uint8Array.from(moves.up),
      to: Int32Array.from(moves.to),
    },
    cases: {
      entry: Int32Array.from(cases.entry),
      openedAt: Float64Array.from(cases.openedAt),
      open: Uint8Array.from(cases.open),
      kind: Int32Array.from(cases.kind),
      kinds,
    },
  };
}
