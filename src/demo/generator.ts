import { DAY_MS } from '../shared/time.js';
import { type PromoDay, promoAhead } from './calendar.js';
import { catalogIndex, type DemoProduct, diapersFor, extrasFor, formulaFor } from './catalog.js';
import {
  buyerMessages,
  buyerNick,
  creditLevel,
  maskedPhone,
  occupations,
  personName,
  place,
  sellerNotes,
} from './people.js';
import { Random, WeightedChoice } from './random.js';

// How a demo customer behaves. Each customer has a buying rate and a chance of leaving after each
// purchase (the assumptions of the BG/NBD model, so predicted value can be checked on the demo),
// a baby whose age decides the formula stage and diaper size, and a pull towards the big
// promotions. Pure: the same seed and window give the same customers on every machine.

const MONTH_MS = 30.44 * DAY_MS;
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

export interface DemoWindow {
  readonly from: number;
  readonly until: number;
  readonly promoDays: readonly PromoDay[];
}

export interface DemoItem {
  readonly product: DemoProduct;
  readonly productIndex: number;
  readonly quantity: number;
}

export interface DemoOrder {
  readonly externalId: string;
  readonly status: 'paid' | 'shipped' | 'completed' | 'closed' | 'refunded';
  readonly isPurchase: boolean;
  readonly orderedAt: number;
  readonly paidAt: number | null;
  readonly goodsAmount: number;
  readonly discountAmount: number;
  readonly paidAmount: number;
  readonly refundAmount: number;
  readonly netAmount: number;
  readonly itemCount: number;
  readonly discountCode: string | null;
  readonly buyerMessage: string | null;
  readonly sellerNote: string | null;
  readonly items: readonly DemoItem[];
}

export interface DemoCustomer {
  readonly nick: string;
  readonly name: string;
  readonly gender: 'female' | 'male';
  readonly birthYear: number | null;
  readonly birthMonth: number | null;
  readonly birthDay: number | null;
  readonly phone: string;
  readonly phoneLast4: string;
  readonly province: string;
  readonly city: string;
  readonly district: string;
  readonly address: string;
  readonly occupation: string | null;
  readonly creditLevel: string;
  readonly preferences: Readonly<Record<string, string>>;
  readonly notes: string | null;
  readonly consentSms: 0 | 1;
  readonly consentWechat: 1 | null;
  readonly tags: readonly string[];
  readonly createdAt: number;
  readonly orders: readonly DemoOrder[];
  readonly firstOrderAt: number | null;
  readonly lastOrderAt: number | null;
  readonly orderCount: number;
  readonly totalSpent: number;
  readonly itemCount: number;
}

type Shopper = 'formula' | 'diapers' | 'gifts';
const shopperKinds = new WeightedChoice<Shopper>([
  ['formula', 0.6],
  ['diapers', 0.28],
  ['gifts', 0.12],
]);

// Hours of the day people order, Beijing time: a late-morning bump and the evening peak.
const orderHours = new WeightedChoice<number>(
  [
    1, 0.5, 0.3, 0.2, 0.2, 0.3, 0.8, 1.5, 2.5, 3.5, 4, 4, 3.5, 3.5, 3.5, 3.5, 3.5, 3.5, 4, 5, 6.5, 7, 6, 3,
  ].map((w, h) => [h, w] as const),
);

const ageMonthsAt = (babyBirth: number, at: number) => (at - babyBirth) / MONTH_MS;

/** Picks the acquisition time: growing over the window (the store is growing), with promotion spikes. */
function acquisitionTime(random: Random, window: DemoWindow): number {
  if (window.promoDays.length > 0 && random.chance(0.22)) {
    const day = pickPromo(random, window.promoDays);
    const onTheDay = random.chance(0.6);
    const dayStart = onTheDay
      ? day.start
      : day.warmUpStart + random.int(0, Math.round((day.start - day.warmUpStart) / DAY_MS)) * DAY_MS;
    return Math.min(
      window.until - 1,
      dayStart + orderHours.draw(random) * 3_600_000 + random.int(0, 3_599_999),
    );
  }
  // Density rising linearly from 1 to 1.8 across the window: invert the CDF of a trapezoid.
  const low = 1;
  const high = 1.8;
  const u = random.next();
  const share = (Math.sqrt(low * low + (high * high - low * low) * u) - low) / (high - low);
  return Math.floor(window.from + share * (window.until - window.from));
}

function pickPromo(random: Random, days: readonly PromoDay[]): PromoDay {
  const total = days.reduce((sum, day) => sum + day.acquisitionWeight, 0);
  let u = random.next() * total;
  for (const day of days) {
    u -= day.acquisitionWeight;
    if (u <= 0) return day;
  }
  return days[days.length - 1]!;
}

function atLocalHour(random: Random, instant: number): number {
  const localMidnight = Math.floor((instant + SHANGHAI_OFFSET_MS) / DAY_MS) * DAY_MS - SHANGHAI_OFFSET_MS;
  return localMidnight + orderHours.draw(random) * 3_600_000 + random.int(0, 3_599_999);
}

// A 19-digit order number like a Tmall one. It grows with the customer's index, so a batch of
// customers lands at the end of the order-number index instead of all over it.
function orderNumber(serial: number): string {
  return `3${String(serial).padStart(18, '0')}`;
}

/** The purchase instants: a renewal process with drop-out, pulled onto promotion days. */
function purchaseTimes(
  random: Random,
  window: DemoWindow,
  first: number,
  shopper: Shopper,
  babyBirth: number,
): number[] {
  const meanGapDays =
    shopper === 'gifts' ? random.gamma(2, 60) : random.gamma(2.2, shopper === 'formula' ? 16 : 20);
  const dropOut = shopper === 'gifts' ? random.beta(3, 2) : random.beta(1.6, 3.2);
  const stopsAtMonth = shopper === 'gifts' ? 48 : random.int(18, 38); // the baby outgrows formula and diapers
  const times = [first];
  let at = first;
  while (!random.chance(dropOut)) {
    let next = at + Math.round(Math.max(3 * DAY_MS, random.gamma(3, meanGapDays / 3) * DAY_MS));
    const promo = promoAhead(window.promoDays, next, 25 * DAY_MS);
    if (promo && next >= promo.warmUpStart && random.chance(promo.pull))
      next = atLocalHour(random, promo.start);
    if (next >= window.until || ageMonthsAt(babyBirth, next) > stopsAtMonth) break;
    times.push(next);
    at = next;
  }
  return times;
}

function isPromoDay(window: DemoWindow, at: number): boolean {
  return window.promoDays.some((day) => at >= day.start && at < day.start + DAY_MS);
}

function orderItems(
  random: Random,
  shopper: Shopper,
  brand: string,
  ageMonths: number,
  onPromo: boolean,
): DemoItem[] {
  const items: DemoItem[] = [];
  const add = (product: DemoProduct | undefined, quantity: number) => {
    if (!product || items.some((item) => item.product === product)) return;
    items.push({ product, productIndex: catalogIndex.get(product) ?? 0, quantity });
  };
  const age = Math.max(0, ageMonths);
  if (shopper === 'formula' || (shopper === 'diapers' && random.chance(0.15))) {
    add(formulaFor(brand, age), onPromo ? random.int(3, 6) : random.int(1, 3));
  }
  if (shopper === 'diapers' || random.chance(0.3))
    add(diapersFor(age), onPromo ? random.int(2, 4) : random.int(1, 2));
  if (shopper === 'gifts' || items.length === 0 || random.chance(0.14)) {
    // Early in pregnancy and past three years old, the nearest age range of the catalogue.
    const extras = extrasFor(Math.min(Math.max(ageMonths, -2), 35));
    if (extras.length > 0) add(random.pick(extras), 1);
  }
  return items;
}

function buildOrder(
  random: Random,
  window: DemoWindow,
  externalSerial: number,
  orderedAt: number,
  items: readonly DemoItem[],
  onPromo: boolean,
): DemoOrder {
  let goodsAmount = 0;
  for (const item of items) goodsAmount += item.product.price * item.quantity;
  let discountAmount = 0;
  let discountCode: string | null = null;
  if (onPromo) discountAmount = Math.round((goodsAmount * random.int(8, 15)) / 100 / 100) * 100;
  else if (goodsAmount >= 19_900 && random.chance(0.08)) {
    discountAmount = random.pick([1_000, 2_000, 3_000]);
    discountCode = `LK${random.int(100, 999)}`;
  }
  const payable = goodsAmount - discountAmount;
  const paidAt = orderedAt + random.int(10_000, 900_000);
  const recent = window.until - orderedAt < 4 * DAY_MS;
  const fate = random.next();
  // Most orders complete; a few close unpaid, a few are refunded in full or in part.
  const closed = fate < 0.02;
  const refunded = !closed && fate < 0.035;
  const partialRefund =
    !closed && !refunded && fate < 0.045 && items.length > 1 ? items[items.length - 1]!.product.price : 0;
  const paidAmount = closed ? 0 : payable;
  const refundAmount = refunded ? payable : partialRefund;
  let itemCount = 0;
  for (const item of items) itemCount += item.quantity;
  return {
    externalId: orderNumber(externalSerial),
    status: closed
      ? 'closed'
      : refunded
        ? 'refunded'
        : recent
          ? random.chance(0.5)
            ? 'paid'
            : 'shipped'
          : 'completed',
    isPurchase: !closed && !refunded,
    orderedAt,
    paidAt: closed ? null : paidAt,
    goodsAmount,
    discountAmount,
    paidAmount,
    refundAmount,
    netAmount: paidAmount - refundAmount,
    itemCount,
    discountCode,
    buyerMessage: random.chance(0.06) ? random.pick(buyerMessages) : null,
    sellerNote: random.chance(0.02) ? random.pick(sellerNotes) : null,
    items,
  };
}

/** One demo customer with their whole order history; `index` is 0-based and unique in the store. */
export function generateCustomer(seed: number, index: number, window: DemoWindow): DemoCustomer {
  const random = new Random(seed, index + 1);
  const shopper = shopperKinds.draw(random);
  const gender = random.chance(0.88) ? 'female' : 'male';
  const first = acquisitionTime(random, window);
  const pregnant = random.chance(0.15);
  const babyBirth =
    first - (pregnant ? -random.int(1, 4) : random.next() * (shopper === 'gifts' ? 30 : 20)) * MONTH_MS;
  const brand = random.chance(0.68) ? '飞鹤' : '君乐宝';

  const times = purchaseTimes(random, window, first, shopper, babyBirth);
  const orders: DemoOrder[] = [];
  let firstOrderAt: number | null = null;
  let lastOrderAt: number | null = null;
  let totalSpent = 0;
  let itemCount = 0;
  let orderCount = 0;
  times.forEach((orderedAt, k) => {
    const onPromo = isPromoDay(window, orderedAt);
    const items = orderItems(random, shopper, brand, ageMonthsAt(babyBirth, orderedAt), onPromo);
    const order = buildOrder(random, window, index * 1000 + k, orderedAt, items, onPromo);
    orders.push(order);
    if (!order.isPurchase) return;
    firstOrderAt ??= orderedAt;
    lastOrderAt = orderedAt;
    orderCount += 1;
    totalSpent += order.netAmount;
    itemCount += order.itemCount;
  });

  const { phone, last4 } = maskedPhone(random);
  const where = place(random);
  const hasBirthday = random.chance(0.4);
  const birthYear = hasBirthday ? random.int(1984, 2001) : null;
  const inGroup = random.chance(0.3);
  const babyMonth = new Date(babyBirth + SHANGHAI_OFFSET_MS).toISOString().slice(0, 7);
  const tags = [
    ...(pregnant ? ['孕期客户'] : []),
    ...(inGroup ? ['宝妈群'] : []),
    ...(isPromoDay(window, first) ? ['大促新客'] : []),
    ...(random.chance(0.05) ? ['二胎'] : []),
  ];
  return {
    nick: buyerNick(random, index),
    name: personName(random, gender),
    gender,
    birthYear,
    birthMonth: hasBirthday ? random.int(1, 12) : null,
    birthDay: hasBirthday ? random.int(1, 28) : null,
    phone,
    phoneLast4: last4,
    ...where,
    occupation: random.chance(0.25) ? random.pick(occupations) : null,
    creditLevel: creditLevel(random),
    preferences: {
      宝宝出生: babyMonth,
      ...(shopper === 'formula' ? { 奶粉品牌: brand } : {}),
      ...(random.chance(0.2) ? { 喜欢颜色: random.pick(['粉色', '蓝色', '米白', '浅绿']) } : {}),
    },
    notes: random.chance(0.02) ? random.pick(sellerNotes) : null,
    consentSms: random.chance(0.92) ? 1 : 0,
    consentWechat: inGroup ? 1 : null,
    tags,
    createdAt: first,
    orders,
    firstOrderAt,
    lastOrderAt,
    orderCount,
    totalSpent,
    itemCount,
  };
}
