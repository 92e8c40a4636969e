import fc from 'fast-check';
import { DateTime } from 'luxon';
import type { AudienceDefinition, AudienceNode, Condition } from '../../src/audiences/definition.js';
import type { Db } from '../../src/db/database.js';
import type { StoreId } from '../../src/shared/ids.js';

// A small random store held in memory (customers, tags, scores, predictions, orders, lines,
// products, messages, contacts, after-sales cases, campaigns and their members, saved audiences), random audience definitions over it, and a
// brute-force evaluator written apart from src/audiences/compile.ts: it works on local calendar
// days with luxon where the compiler compares instants, so the two only agree if both are right.

export const ZONE = 'Asia/Shanghai';
/** 2026-11-24 10:00 in Asia/Shanghai. */
export const NOW = Date.UTC(2026, 10, 24, 2, 0, 0);
export const PROMOTION = { name: '双11', fromDate: '2026-11-01', toDate: '2026-11-11' } as const;

const provinces = ['浙江省', '江苏省', '广东省'];
const cities = ['杭州市', '南京市', '广州市', '宁波市'];
const occupations = ['教师', '医生', '工程师'];
const credits = ['3心', '1钻', '2钻'];
const tagNames = ['VIP', '宝妈', '差评'];
const categories = ['奶粉/1段', '奶粉/2段', '玩具'];
const skus = ['S1', 'S2', 'S3'];
const segmentsCn = ['重要价值', '重要挽留', '一般发展'] as const;
const segmentsEn = ['Champions', 'At Risk', 'Lost'] as const;
const lifecycles = ['new', 'active', 'silent', 'churned', 'won_back'] as const;
const messageChannels = ['sms', 'email'];
const contactChannels = ['phone', 'wechat'] as const;
const caseKinds = ['refund', 'return', 'exchange', 'complaint'] as const;
/** Every world has campaigns 1..3; each customer is a target, in the control group or neither. */
const CAMPAIGNS = 3;

export interface WorldCustomer {
  id: number;
  gender: 'female' | 'male' | null;
  birth: { year: number | null; month: number; day: number } | null;
  province: string | null;
  city: string | null;
  occupation: string | null;
  credit: string | null;
  preferences: Record<string, string>;
  consent: { sms: 0 | 1 | null; email: 0 | 1 | null; wechat: 0 | 1 | null; call: 0 | 1 | null };
  firstOrderAt: number | null;
  lastOrderAt: number | null;
  orderCount: number;
  totalSpent: number;
  merged: boolean;
  erased: boolean;
  tags: string[];
  score: {
    r: number;
    f: number;
    m: number;
    cn: (typeof segmentsCn)[number];
    en: (typeof segmentsEn)[number];
    lifecycle: (typeof lifecycles)[number] | null;
    core: boolean;
  } | null;
  prediction: {
    pAlive: number;
    e30: number;
    e90: number;
    e365: number;
    clv: number;
    clvPct: number;
    potPct: number;
  } | null;
  orders: { at: number; purchase: boolean; lines: { product: number; sku: string | null }[] }[];
  messages: { channel: string; sentAt: number | null }[];
  contacts: { channel: (typeof contactChannels)[number]; at: number }[];
  /** The membership tier (ids 1–3), or none. */
  tier: number | null;
  tierChanges: { at: number; direction: 'up' | 'down'; to: number | null }[];
  cases: { kind: (typeof caseKinds)[number]; openedAt: number; open: boolean }[];
  /** Per campaign 1..3. */
  campaigns: ('none' | 'target' | 'control')[];
}

export interface WorldCampaign {
  frozenAt: number | null;
  startsAt: number | null;
  attributionDays: number;
}

export interface World {
  readonly customers: WorldCustomer[];
  /** Product id → category (ids 1..6). */
  readonly products: (string | null)[];
  /** Saved audiences 1 and 2 (they refer to no others). */
  readonly saved: AudienceDefinition[];
  /** Campaigns 1..3. */
  readonly campaigns: WorldCampaign[];
}

const DAY = 86_400_000;
// Instants near Shanghai midnights (16:00 UTC) and a few hours around, over ±400 days.
// Days cluster in the last two weeks and around month edges, where off-by-one errors would show.
const dayOffsetArb = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: -12, max: 2 }) },
  { weight: 2, arbitrary: fc.constantFrom(-30, -31, -32, -61, -62, -183, -184, -214, -215) },
  { weight: 1, arbitrary: fc.integer({ min: -400, max: 2 }) },
);
const instantArb = fc
  .tuple(dayOffsetArb, fc.constantFrom(-1, 0, 1, 3_600_000, -3_600_000, 28_800_000))
  .map(([days, offset]) => Date.UTC(2026, 10, 24, 16, 0, 0) + days * DAY + offset);
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null, freq: 3 });
const flag = fc.constantFrom<0 | 1 | null>(0, 1, null);

const customerArb = fc.record({
  gender: maybe(fc.constantFrom('female' as const, 'male' as const)),
  birth: maybe(
    fc.record({
      year: maybe(fc.integer({ min: 1995, max: 2000 })),
      // Today is 11-24: birthdays cluster around it.
      month: fc.oneof(fc.constant(11), fc.integer({ min: 1, max: 12 })),
      day: fc.constantFrom(1, 23, 24, 25, 28),
    }),
  ),
  province: maybe(fc.constantFrom(...provinces)),
  city: maybe(fc.constantFrom(...cities)),
  occupation: maybe(fc.constantFrom(...occupations)),
  credit: maybe(fc.constantFrom(...credits)),
  preferences: fc.dictionary(fc.constantFrom('颜色', '风格'), fc.constantFrom('红', '蓝'), { maxKeys: 2 }),
  consent: fc.record({ sms: flag, email: flag, wechat: flag, call: flag }),
  firstOrderAt: maybe(instantArb),
  lastOrderAt: maybe(instantArb),
  orderCount: fc.integer({ min: 0, max: 5 }),
  totalSpent: fc.integer({ min: 0, max: 50_000 }),
  tags: fc.uniqueArray(fc.constantFrom(...tagNames), { maxLength: 2 }),
  score: maybe(
    fc.record({
      r: fc.integer({ min: 1, max: 5 }),
      f: fc.integer({ min: 1, max: 5 }),
      m: fc.integer({ min: 1, max: 5 }),
      cn: fc.constantFrom(...segmentsCn),
      en: fc.constantFrom(...segmentsEn),
      lifecycle: maybe(fc.constantFrom(...lifecycles)),
      core: fc.boolean(),
    }),
  ),
  prediction: maybe(
    fc.record({
      pAlive: fc.constantFrom(0, 0.1, 0.3, 0.5, 0.9, 1),
      e30: fc.constantFrom(0, 0.2, 1),
      e90: fc.constantFrom(0, 0.5, 2),
      e365: fc.constantFrom(0, 1, 4),
      clv: fc.constantFrom(0, 5_000, 20_000),
      clvPct: fc.integer({ min: 1, max: 100 }),
      potPct: fc.integer({ min: 1, max: 100 }),
    }),
  ),
  orders: fc.array(
    fc.record({
      at: instantArb,
      purchase: fc.boolean(),
      lines: fc.array(
        fc.record({ product: fc.integer({ min: 1, max: 6 }), sku: maybe(fc.constantFrom(...skus)) }),
        { minLength: 1, maxLength: 2 },
      ),
    }),
    { maxLength: 3 },
  ),
  messages: fc.array(fc.record({ channel: fc.constantFrom(...messageChannels), sentAt: maybe(instantArb) }), {
    maxLength: 2,
  }),
  contacts: fc.array(fc.record({ channel: fc.constantFrom(...contactChannels), at: instantArb }), {
    maxLength: 2,
  }),
  cases: fc.array(
    fc.record({ kind: fc.constantFrom(...caseKinds), openedAt: instantArb, open: fc.boolean() }),
    { maxLength: 2 },
  ),
  campaigns: fc.array(
    fc.constantFrom('none' as const, 'target' as const, 'target' as const, 'control' as const),
    {
      minLength: CAMPAIGNS,
      maxLength: CAMPAIGNS,
    },
  ),
  state: fc.constantFrom('live', 'live', 'live', 'live', 'live', 'merged', 'erased'),
  tier: maybe(fc.integer({ min: 1, max: 3 })),
  tierChanges: fc.array(
    fc.record({
      at: instantArb,
      direction: fc.constantFrom('up' as const, 'down' as const),
      to: maybe(fc.integer({ min: 1, max: 3 })),
    }),
    { maxLength: 2 },
  ),
});

const campaignArb: fc.Arbitrary<WorldCampaign> = fc.record({
  frozenAt: fc.option(instantArb, { nil: null, freq: 5 }),
  startsAt: maybe(instantArb),
  attributionDays: fc.constantFrom(1, 3, 7, 30),
});

// --- definitions -------------------------------------------------------------------------------

const dateBoundArb = fc.oneof(
  dayOffsetArb.map((days) => DateTime.fromMillis(NOW, { zone: ZONE }).plus({ days }).toISODate()!),
  fc.record({ daysAgo: dayOffsetArb.map((days) => Math.max(0, -days)) }),
  fc.record({ monthsAgo: fc.constantFrom(0, 1, 2, 6, 7, 13) }),
  fc.record({ lastPromotion: fc.constantFrom('start' as const, 'end' as const) }),
);
const rangeArb = fc
  .record({ from: dateBoundArb, to: dateBoundArb }, { requiredKeys: [] })
  .filter((range) => range.from !== undefined || range.to !== undefined);
const bounds = (min: number, max: number) =>
  fc
    .record({ min: fc.integer({ min, max }), max: fc.integer({ min, max }) }, { requiredKeys: [] })
    .filter((b) => b.min !== undefined || b.max !== undefined);
const whatArb = fc.oneof(
  fc.record({ products: fc.uniqueArray(fc.integer({ min: 1, max: 6 }), { minLength: 1, maxLength: 2 }) }),
  fc.record({ categories: fc.uniqueArray(fc.constantFrom(...categories), { minLength: 1, maxLength: 2 }) }),
  fc.record({ skus: fc.uniqueArray(fc.constantFrom(...skus), { minLength: 1, maxLength: 2 }) }),
);
const some = <T>(values: readonly T[]) =>
  fc.uniqueArray(fc.constantFrom(...values), { minLength: 1, maxLength: 2 });

const conditionArb: fc.Arbitrary<Condition> = fc.oneof(
  fc.record({
    type: fc.constant('gender' as const),
    is: fc.constantFrom('female' as const, 'male' as const, 'unknown' as const),
  }),
  bounds(26, 31).map((b) => ({ type: 'age' as const, ...b })),
  fc.record({
    type: fc.constant('birthdayMonth' as const),
    month: fc.oneof(fc.integer({ min: 1, max: 12 }), fc.constantFrom('current' as const, 'next' as const)),
  }),
  fc
    .record({ provinces: some(provinces), cities: some(cities) }, { requiredKeys: [] })
    .filter((r) => r.provinces !== undefined || r.cities !== undefined)
    .map((r) => ({ type: 'region' as const, ...r })),
  some(occupations).map((values) => ({ type: 'occupation' as const, in: values })),
  some(credits).map((values) => ({ type: 'creditLevel' as const, in: values })),
  fc.record({
    type: fc.constant('preference' as const),
    key: fc.constantFrom('颜色', '风格'),
    value: fc.constantFrom('红', '蓝'),
  }),
  fc.record({ type: fc.constant('tag' as const), tag: fc.constantFrom(...tagNames), has: fc.boolean() }),
  fc.record({
    type: fc.constant('consent' as const),
    channel: fc.constantFrom('sms' as const, 'email' as const, 'wechat' as const, 'call' as const),
    is: fc.constantFrom('allowed' as const, 'refused' as const, 'unknown' as const),
  }),
  bounds(0, 5).map((b) => ({ type: 'orderCount' as const, ...b })),
  bounds(0, 50_000).map((b) => ({ type: 'totalSpent' as const, ...b })),
  rangeArb.map((r) => ({ type: 'firstOrderDate' as const, ...r })),
  rangeArb.map((r) => ({ type: 'lastOrderDate' as const, ...r })),
  bounds(0, 16).map((b) => ({ type: 'daysSinceLastOrder' as const, ...b })),
  fc
    .record({ score: fc.constantFrom('r' as const, 'f' as const, 'm' as const), ...{} })
    .chain((r) => bounds(1, 5).map((b) => ({ type: 'rfm' as const, score: r.score, ...b }))),
  some([...segmentsCn, ...segmentsEn]).map((values) => ({ type: 'segment' as const, in: values })),
  some(lifecycles).map((values) => ({ type: 'lifecycle' as const, in: values })),
  fc.constant({ type: 'core' as const }),
  fc
    .record(
      {
        field: fc.constantFrom(
          'pAlive' as const,
          'expected30' as const,
          'expected90' as const,
          'expected365' as const,
          'clv' as const,
        ),
        gte: fc.constantFrom(0, 0.1, 0.5, 1, 5_000),
        lt: fc.constantFrom(0.3, 1, 2, 20_000),
      },
      { requiredKeys: ['field'] },
    )
    .filter((r) => r.gte !== undefined || r.lt !== undefined)
    .map((r) => ({ type: 'prediction' as const, ...r })),
  fc.record({
    type: fc.constant('percentile' as const),
    of: fc.constantFrom('clv' as const, 'potential' as const),
    top: fc.integer({ min: 1, max: 100 }),
  }),
  fc
    .tuple(whatArb, fc.option(rangeArb, { nil: undefined }), fc.integer({ min: 1, max: 3 }))
    .map(([what, range, atLeast]) => ({ type: 'bought' as const, ...what, ...(range ?? {}), atLeast })),
  fc
    .tuple(whatArb, fc.option(rangeArb, { nil: undefined }))
    .map(([what, range]) => ({ type: 'neverBought' as const, ...what, ...(range ?? {}) })),
  fc.record(
    {
      type: fc.constant('messaged' as const),
      channel: fc.constantFrom(...messageChannels),
      withinDays: fc.integer({ min: 1, max: 16 }),
    },
    { requiredKeys: ['type', 'withinDays'] },
  ),
  fc.record(
    {
      type: fc.constant('contacted' as const),
      channel: fc.constantFrom(...contactChannels),
      withinDays: fc.integer({ min: 1, max: 16 }),
    },
    { requiredKeys: ['type', 'withinDays'] },
  ),
  fc.record(
    {
      type: fc.constant('afterSales' as const),
      open: fc.boolean(),
      kinds: some(caseKinds),
      withinDays: fc.integer({ min: 1, max: 16 }),
    },
    { requiredKeys: ['type'] },
  ),
  fc.record(
    {
      type: fc.constant('answeredCampaign' as const),
      campaigns: fc.uniqueArray(fc.integer({ min: 1, max: CAMPAIGNS }), { minLength: 1, maxLength: 2 }),
      withinDays: fc.integer({ min: 1, max: 16 }),
    },
    { requiredKeys: ['type'] },
  ),
  fc
    .uniqueArray(fc.constantFrom<number | 'none'>(1, 2, 3, 4, 'none'), { minLength: 1, maxLength: 3 })
    .map((values) => ({ type: 'tier' as const, in: values })),
  fc.record(
    {
      type: fc.constant('tierChanged' as const),
      direction: fc.constantFrom('up' as const, 'down' as const),
      to: fc.uniqueArray(fc.integer({ min: 1, max: 3 }), { minLength: 1, maxLength: 2 }),
      withinDays: fc.integer({ min: 1, max: 16 }),
    },
    { requiredKeys: ['type', 'withinDays'] },
  ),
) as fc.Arbitrary<Condition>;

/** A random tree; `references` adds conditions on saved audiences 1 and 2. */
export function nodeArb(references: boolean): fc.Arbitrary<AudienceNode> {
  const leaf = references
    ? fc.oneof(
        { weight: 6, arbitrary: conditionArb },
        {
          weight: 1,
          arbitrary: fc.record({ type: fc.constant('audience' as const), id: fc.constantFrom(1, 2) }),
        },
      )
    : conditionArb;
  const { node } = fc.letrec<{ node: AudienceNode }>((tie) => ({
    node: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      leaf as fc.Arbitrary<AudienceNode>,
      fc.record({
        type: fc.constantFrom('and' as const, 'or' as const),
        conditions: fc.array(tie('node'), { minLength: 1, maxLength: 3 }),
      }),
      fc.record({ type: fc.constant('not' as const), condition: tie('node') }),
    ),
  }));
  return node;
}

export const definitionArb: fc.Arbitrary<AudienceDefinition> = fc
  .tuple(
    nodeArb(true),
    fc.option(fc.uniqueArray(fc.constantFrom(1, 2), { minLength: 1, maxLength: 2 }), { freq: 4 }),
  )
  .map(([where, exclude]) => (exclude ? { where, exclude } : { where }));

export const worldArb: fc.Arbitrary<World> = fc
  .record({
    customers: fc.array(customerArb, { minLength: 5, maxLength: 40 }),
    products: fc.array(maybe(fc.constantFrom(...categories)), { minLength: 6, maxLength: 6 }),
    saved: fc.array(fc.record({ where: nodeArb(false) }), { minLength: 2, maxLength: 2 }),
    campaigns: fc.array(campaignArb, { minLength: CAMPAIGNS, maxLength: CAMPAIGNS }),
  })
  .map(({ customers, products, saved, campaigns }) => ({
    products,
    saved,
    campaigns,
    customers: customers.map(({ state, ...c }, i) => ({
      ...c,
      id: i + 1,
      merged: state === 'merged',
      erased: state === 'erased',
    })),
  }));

// --- the brute-force evaluator ------------------------------------------------------------------

const localDay = (at: number) => DateTime.fromMillis(at, { zone: ZONE }).toISODate()!;
const today = () => DateTime.fromMillis(NOW, { zone: ZONE });
/** Whole calendar days from `date` to today (positive in the past). */
const daysBefore = (date: string) =>
  Math.round(
    today()
      .startOf('day')
      .setZone('UTC', { keepLocalTime: true })
      .diff(DateTime.fromISO(date, { zone: 'UTC' }), 'days').days,
  );

function boundDay(bound: NonNullable<Extract<Condition, { type: 'lastOrderDate' }>['from']>): string {
  if (typeof bound === 'string') return bound;
  if ('daysAgo' in bound) return today().minus({ days: bound.daysAgo }).toISODate()!;
  if ('monthsAgo' in bound) return today().minus({ months: bound.monthsAgo }).toISODate()!;
  return bound.lastPromotion === 'start' ? PROMOTION.fromDate : PROMOTION.toDate;
}

function inRange(
  at: number,
  range: { from?: Parameters<typeof boundDay>[0]; to?: Parameters<typeof boundDay>[0] },
) {
  const day = localDay(at);
  if (range.from !== undefined && day < boundDay(range.from)) return false;
  if (range.to !== undefined && day > boundDay(range.to)) return false;
  return true;
}

function within(min: number | undefined, max: number | undefined, value: number) {
  return (min === undefined || value >= min) && (max === undefined || value <= max);
}

function condition(world: World, c: WorldCustomer, cond: Condition, stack: number[]): boolean {
  switch (cond.type) {
    case 'gender':
      return cond.is === 'unknown' ? c.gender === null : c.gender === cond.is;
    case 'age': {
      if (!c.birth || c.birth.year === null) return false;
      const t = today();
      const had = t.month > c.birth.month || (t.month === c.birth.month && t.day >= c.birth.day);
      return within(cond.min, cond.max, t.year - c.birth.year - (had ? 0 : 1));
    }
    case 'birthdayMonth': {
      const month =
        cond.month === 'current'
          ? today().month
          : cond.month === 'next'
            ? today().plus({ months: 1 }).month
            : cond.month;
      return c.birth?.month === month;
    }
    case 'region':
      return (
        (!cond.provinces || (c.province !== null && cond.provinces.includes(c.province))) &&
        (!cond.cities || (c.city !== null && cond.cities.includes(c.city)))
      );
    case 'occupation':
      return c.occupation !== null && cond.in.includes(c.occupation);
    case 'creditLevel':
      return c.credit !== null && cond.in.includes(c.credit);
    case 'preference':
      return c.preferences[cond.key] === cond.value;
    case 'tag':
      return c.tags.includes(cond.tag) === (cond.has !== false);
    case 'consent': {
      const v = c.consent[cond.channel];
      return cond.is === 'unknown' ? v === null : v === (cond.is === 'allowed' ? 1 : 0);
    }
    case 'orderCount':
      return within(cond.min, cond.max, c.orderCount);
    case 'totalSpent':
      return within(cond.min, cond.max, c.totalSpent);
    case 'firstOrderDate':
      return c.firstOrderAt !== null && inRange(c.firstOrderAt, cond);
    case 'lastOrderDate':
      return c.lastOrderAt !== null && inRange(c.lastOrderAt, cond);
    case 'daysSinceLastOrder':
      return c.lastOrderAt !== null && within(cond.min, cond.max, daysBefore(localDay(c.lastOrderAt)));
    case 'rfm':
      return c.score !== null && within(cond.min, cond.max, c.score[cond.score]);
    case 'segment':
      return (
        c.score !== null &&
        ((cond.in as string[]).includes(c.score.cn) || (cond.in as string[]).includes(c.score.en))
      );
    case 'lifecycle':
      return c.score?.lifecycle != null && (cond.in as string[]).includes(c.score.lifecycle);
    case 'core':
      return c.score?.core === true;
    case 'prediction': {
      if (!c.prediction) return false;
      const value = {
        pAlive: c.prediction.pAlive,
        expected30: c.prediction.e30,
        expected90: c.prediction.e90,
        expected365: c.prediction.e365,
        clv: c.prediction.clv,
      }[cond.field];
      return (cond.gte === undefined || value >= cond.gte) && (cond.lt === undefined || value < cond.lt);
    }
    case 'percentile':
      return (
        c.prediction !== null &&
        (cond.of === 'clv' ? c.prediction.clvPct : c.prediction.potPct) >= 101 - cond.top
      );
    case 'bought':
    case 'neverBought': {
      const lineMatches = (line: { product: number; sku: string | null }) =>
        cond.products
          ? cond.products.includes(line.product)
          : cond.skus
            ? line.sku !== null && cond.skus.includes(line.sku)
            : cond.categories!.includes(world.products[line.product - 1] ?? '\u0000');
      const times = c.orders.filter(
        (o) => o.purchase && inRange(o.at, cond) && o.lines.some(lineMatches),
      ).length;
      return cond.type === 'bought' ? times >= (cond.atLeast ?? 1) : times === 0;
    }
    case 'messaged':
      return c.messages.some(
        (m) =>
          m.sentAt !== null &&
          (cond.channel === undefined || m.channel === cond.channel) &&
          daysBefore(localDay(m.sentAt)) <= cond.withinDays - 1,
      );
    case 'contacted':
      return c.contacts.some(
        (k) =>
          (cond.channel === undefined || k.channel === cond.channel) &&
          daysBefore(localDay(k.at)) <= cond.withinDays - 1,
      );
    case 'audience':
      return inDefinition(world, c, world.saved[cond.id - 1]!, [...stack, cond.id]);
    case 'afterSales':
      return c.cases.some(
        (k) =>
          (cond.open === undefined || k.open === cond.open) &&
          (cond.kinds === undefined || cond.kinds.includes(k.kind)) &&
          (cond.withinDays === undefined || daysBefore(localDay(k.openedAt)) <= cond.withinDays - 1),
      );
    case 'answeredCampaign':
      return world.campaigns.some((campaign, i) => {
        if (campaign.frozenAt === null || c.campaigns[i] !== 'target') return false;
        if (cond.campaigns !== undefined && !cond.campaigns.includes(i + 1)) return false;
        const from = Math.max(campaign.frozenAt, campaign.startsAt ?? 0);
        if (cond.withinDays !== undefined && daysBefore(localDay(from)) > cond.withinDays - 1) return false;
        const to = from + campaign.attributionDays * DAY;
        return c.orders.some((o) => o.purchase && o.at >= from && o.at < to);
      });
    case 'tier':
      return cond.in.some((value) => (value === 'none' ? c.tier === null : c.tier === value));
    case 'tierChanged':
      return c.tierChanges.some(
        (change) =>
          daysBefore(localDay(change.at)) <= cond.withinDays - 1 &&
          (cond.direction === undefined || change.direction === cond.direction) &&
          (cond.to === undefined || (change.to !== null && cond.to.includes(change.to))),
      );
  }
}

function node(world: World, c: WorldCustomer, n: AudienceNode, stack: number[]): boolean {
  if (n.type === 'and') return n.conditions.every((child) => node(world, c, child, stack));
  if (n.type === 'or') return n.conditions.some((child) => node(world, c, child, stack));
  if (n.type === 'not') return !node(world, c, n.condition, stack);
  return condition(world, c, n as Condition, stack);
}

function inDefinition(world: World, c: WorldCustomer, d: AudienceDefinition, stack: number[]): boolean {
  return (
    node(world, c, d.where, stack) &&
    !(d.exclude ?? []).some((id) => inDefinition(world, c, world.saved[id - 1]!, [...stack, id]))
  );
}

/** The ids the definition selects, by brute force. */
export function evaluate(world: World, definition: AudienceDefinition): number[] {
  return world.customers
    .filter((c) => !c.merged && !c.erased && inDefinition(world, c, definition, []))
    .map((c) => c.id);
}

// --- into the database ---------------------------------------------------------------------------

/** Writes the world as store `storeId` (already created, empty). */
export async function insertWorld(db: Db, storeId: StoreId, world: World): Promise<void> {
  const at = NOW;
  await db
    .insertInto('products')
    .values(
      world.products.map((category, i) => ({
        store_id: storeId,
        id: i + 1,
        product_key: `P${i + 1}`,
        sku: null,
        title: `商品${i + 1}`,
        category,
        price: null,
        created_at: at,
        updated_at: at,
      })) as never,
    )
    .execute();
  const customers = world.customers;
  await db
    .insertInto('customers')
    .values(
      customers.map((c) => ({
        store_id: storeId,
        id: c.id,
        customer_key: `k${c.id}`,
        nick: `n${c.id}`,
        gender: c.gender,
        birth_year: c.birth?.year ?? null,
        birth_month: c.birth?.month ?? null,
        birth_day: c.birth?.day ?? null,
        province: c.province,
        city: c.city,
        occupation: c.occupation,
        credit_level: c.credit,
        preferences: JSON.stringify(c.preferences),
        consent_sms: c.consent.sms,
        consent_email: c.consent.email,
        consent_wechat: c.consent.wechat,
        consent_call: c.consent.call,
        source: 'test',
        first_order_at: c.firstOrderAt,
        last_order_at: c.lastOrderAt,
        order_count: c.orderCount,
        total_spent: c.totalSpent,
        created_at: at,
        updated_at: at,
        erased_at: c.erased ? at : null,
        merged_into_id: null,
      })) as never,
    )
    .execute();
  // Merged-away records point at a live one (customer 1 may point at itself: it is still merged).
  for (const c of customers.filter((c) => c.merged))
    await db
      .updateTable('customers')
      .set({ merged_into_id: 1 as never })
      .where('store_id', '=', storeId)
      .where('id', '=', c.id as never)
      .execute();
  const tags = customers.flatMap((c) =>
    c.tags.map((tag) => ({ store_id: storeId, customer_id: c.id, tag, created_at: at })),
  );
  if (tags.length)
    await db
      .insertInto('customer_tags')
      .values(tags as never)
      .execute();
  const scores = customers.flatMap((c) =>
    c.score
      ? [
          {
            store_id: storeId,
            customer_id: c.id,
            rfm_r: c.score.r,
            rfm_f: c.score.f,
            rfm_m: c.score.m,
            segment_cn: c.score.cn,
            segment_en: c.score.en,
            computed_at: at,
            lifecycle: c.score.lifecycle,
            is_core: c.score.core ? 1 : 0,
          },
        ]
      : [],
  );
  if (scores.length)
    await db
      .insertInto('customer_scores')
      .values(scores as never)
      .execute();
  const predictions = customers.flatMap((c) =>
    c.prediction
      ? [
          {
            store_id: storeId,
            customer_id: c.id,
            p_alive: c.prediction.pAlive,
            expected_30: c.prediction.e30,
            expected_90: c.prediction.e90,
            expected_365: c.prediction.e365,
            average_value: 0,
            clv: c.prediction.clv,
            clv_percentile: c.prediction.clvPct,
            potential_value: 0,
            potential_percentile: c.prediction.potPct,
            next_order_date: null,
            computed_at: at,
          },
        ]
      : [],
  );
  if (predictions.length)
    await db
      .insertInto('customer_predictions')
      .values(predictions as never)
      .execute();
  let orderId = 0;
  const orders: Record<string, unknown>[] = [];
  const lines: Record<string, unknown>[] = [];
  for (const c of customers) {
    for (const o of c.orders) {
      orderId++;
      orders.push({
        store_id: storeId,
        id: orderId,
        external_id: `E${orderId}`,
        customer_id: c.id,
        status: o.purchase ? 'completed' : 'closed',
        is_purchase: o.purchase ? 1 : 0,
        ordered_at: o.at,
        paid_at: null,
        goods_amount: 100,
        paid_amount: 100,
        net_amount: 100,
        item_count: o.lines.length,
        created_at: at,
        updated_at: at,
      });
      for (const [i, line] of o.lines.entries()) {
        lines.push({
          store_id: storeId,
          order_id: orderId,
          line_no: i + 1,
          product_id: line.product,
          sku: line.sku,
          title: 't',
          unit_price: 100,
          quantity: 1,
          amount: 100,
        });
      }
    }
  }
  if (orders.length)
    await db
      .insertInto('orders')
      .values(orders as never)
      .execute();
  if (lines.length)
    await db
      .insertInto('order_items')
      .values(lines as never)
      .execute();
  let messageId = 0;
  const messages = customers.flatMap((c) =>
    c.messages.map((m) => {
      messageId++;
      return {
        store_id: storeId,
        id: messageId,
        customer_id: c.id,
        channel: m.channel,
        class: 'marketing',
        source: 'test',
        idempotency_key: `m${messageId}`,
        recipient: 'r',
        content: '{}',
        status: m.sentAt === null ? 'failed' : 'sent',
        next_attempt_at: at,
        created_at: at,
        updated_at: at,
        sent_at: m.sentAt,
      };
    }),
  );
  if (messages.length)
    await db
      .insertInto('messages')
      .values(messages as never)
      .execute();
  let contactId = 0;
  const contacts = customers.flatMap((c) =>
    c.contacts.map((k) => {
      contactId++;
      return {
        store_id: storeId,
        id: contactId,
        customer_id: c.id,
        user_id: null,
        staff_label: 'cli',
        channel: k.channel,
        outcome: 'reached',
        note: '',
        contacted_at: k.at,
        follow_up_on: null,
        follow_up_done_at: null,
        created_at: at,
      };
    }),
  );
  if (contacts.length)
    await db
      .insertInto('customer_contacts')
      .values(contacts as never)
      .execute();
  let caseId = 0;
  const cases = customers.flatMap((c) =>
    c.cases.map((k) => {
      caseId++;
      return {
        store_id: storeId,
        id: caseId,
        customer_id: c.id,
        order_id: null,
        kind: k.kind,
        status: k.open ? 'open' : 'resolved',
        opened_at: k.openedAt,
        resolved_at: k.open ? null : k.openedAt,
        note: '',
        resolution: null,
        opened_by: 'cli',
        resolved_by: null,
        updated_at: at,
      };
    }),
  );
  if (cases.length)
    await db
      .insertInto('after_sales_cases')
      .values(cases as never)
      .execute();
  await db
    .insertInto('campaigns')
    .values(
      world.campaigns.map((campaign, i) => ({
        store_id: storeId,
        id: i + 1,
        name: `campaign ${i + 1}`,
        audience_id: null,
        definition: '{"where":{"type":"core"}}',
        template_id: 1,
        channel: 'sms',
        class: 'marketing',
        schedule: campaign.startsAt === null ? 'now' : 'at',
        starts_at: campaign.startsAt,
        ends_at: null,
        control_share: 0.1,
        seed: 1,
        attribution_days: campaign.attributionDays,
        status: 'scheduled',
        estimated_members: null,
        members: null,
        control: null,
        queued: null,
        unreachable: null,
        sms_parts: null,
        sms_price_fen: 4.5,
        approved_by: null,
        approved_at: null,
        frozen_at: campaign.frozenAt,
        created_at: at,
        created_by: 'test',
        updated_at: at,
      })) as never,
    )
    .execute();
  const campaignMembers = customers.flatMap((c) =>
    c.campaigns.flatMap((role, i) =>
      role === 'none'
        ? []
        : [
            {
              store_id: storeId,
              campaign_id: i + 1,
              customer_id: c.id,
              is_control: role === 'control' ? 1 : 0,
              segment: null,
            },
          ],
    ),
  );
  if (campaignMembers.length)
    await db
      .insertInto('campaign_members')
      .values(campaignMembers as never)
      .execute();
  let changeId = 0;
  const tierChanges = customers.flatMap((c) =>
    c.tierChanges.map((change) => ({
      store_id: storeId,
      id: ++changeId,
      customer_id: c.id,
      from_tier_id: null,
      to_tier_id: change.to,
      from_name: null,
      to_name: null,
      direction: change.direction,
      reason: 'refresh',
      at: change.at,
    })),
  );
  if (tierChanges.length)
    await db
      .insertInto('tier_changes')
      .values(tierChanges as never)
      .execute();
  const tiers = customers.flatMap((c) =>
    c.tier === null ? [] : [{ store_id: storeId, customer_id: c.id, tier_id: c.tier, since: at }],
  );
  if (tiers.length)
    await db
      .insertInto('customer_tiers')
      .values(tiers as never)
      .execute();
  await db
    .insertInto('audiences')
    .values(
      world.saved.map((definition, i) => ({
        store_id: storeId,
        id: i + 1,
        name: `saved ${i + 1}`,
        definition: JSON.stringify(definition),
        created_at: at,
        created_by: 'test',
        updated_at: at,
        updated_by: 'test',
      })) as never,
    )
    .execute();
}
