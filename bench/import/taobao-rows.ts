import type { DemoCustomer, DemoOrder } from '../../src/demo/generator.js';
import { DAY_MS } from '../../src/shared/time.js';
import { postcodeOf } from './postcodes.js';

// Demo orders as rows of a Taobao/Tmall seller back office 订单报表 (order report). Pure: the same
// customer, index and seed give the same text. Built for tens of millions of rows: per-customer
// fields are formatted once, dates come from a per-day cache, and nothing but strings is allocated.

export const TAOBAO_HEADER = [
  '订单编号',
  '买家会员名',
  '买家支付宝账号',
  '买家应付货款',
  '买家应付邮费',
  '总金额',
  '买家实际支付金额',
  '订单状态',
  '买家留言',
  '收货人姓名',
  '收货地址',
  '运送方式',
  '联系电话',
  '联系手机',
  '订单创建时间',
  '订单付款时间',
  '宝贝标题',
  '宝贝种类',
  '物流单号',
  '物流公司',
  '订单备注',
  '宝贝总数量',
  '店铺名称',
  '订单关闭原因',
  '退款金额',
  '店铺优惠',
] as const;

// Real exports end lines with CRLF (they are written for Excel on Windows).
export const LINE_END = '\r\n';

const SHOP_NAME = '老客母婴旗舰店';
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
const PAD2 = Array.from({ length: 100 }, (_, n) => String(n).padStart(2, '0'));

const statusText = {
  completed: '交易成功',
  paid: '买家已付款，等待卖家发货',
  shipped: '卖家已发货，等待买家确认',
  closed: '交易关闭',
  refunded: '交易关闭',
} satisfies Record<DemoOrder['status'], string>;

const closeReason = {
  completed: '',
  paid: '',
  shipped: '',
  closed: '买家未付款',
  refunded: '退款',
} satisfies Record<DemoOrder['status'], string>;

// Carriers with the share of parcels they take and the first digits of their waybill numbers.
const carriers = [
  { name: '中通快递', upTo: 35, prefix: '78' },
  { name: '圆通速递', upTo: 60, prefix: '88' },
  { name: '韵达快递', upTo: 80, prefix: '43' },
  { name: '申通快递', upTo: 95, prefix: '77' },
  { name: '顺丰速运', upTo: 100, prefix: '91' },
] as const;
const SF_EXPRESS = carriers[4];
const mailDomains = ['163.com', 'qq.com', '126.com', 'sina.com'] as const;
const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/** The rows of a customer's first `limit` orders, each ending in CRLF. */
export function taobaoRows(customer: DemoCustomer, index: number, seed: number, limit: number): string {
  const nick = csvField(customer.nick);
  const buyer = `,${nick},${alipayAccount(customer, index, seed)},`;
  const consignee = `,${csvField(customer.name)},${csvField(shippingAddress(customer))},快递,,${customer.phone},`;
  let rows = '';
  const count = Math.min(limit, customer.orders.length);
  for (let k = 0; k < count; k++) {
    const order = customer.orders[k]!;
    const refund = order.status === 'refunded' ? order.paidAmount : order.refundAmount;
    const waybill = order.status === 'shipped' || order.status === 'completed';
    const carrier = waybill ? carrierFor(order, mix(seed, index, k)) : undefined;
    rows +=
      `="${order.externalId}"${buyer}${yuan(order.goodsAmount)},0.00,` +
      `${yuan(order.goodsAmount - order.discountAmount)},${yuan(order.paidAmount)},` +
      `${statusText[order.status]},${optionalField(order.buyerMessage)}${consignee}` +
      `${shanghaiTime(order.orderedAt)},${order.paidAt === null ? '' : shanghaiTime(order.paidAt)},` +
      `${csvField(order.items[0]?.product.title ?? '')},${order.items.length},` +
      `${carrier ? waybillNumber(carrier.prefix, seed, index, k) : ''},${carrier?.name ?? ''},` +
      `${optionalField(order.sellerNote)},${order.itemCount},${SHOP_NAME},${closeReason[order.status]},` +
      `${yuan(refund)},${yuan(order.discountAmount)}${LINE_END}`;
  }
  return rows;
}

/** One field as RFC 4180 wants it: quoted only when it holds a comma, a quote or a line break. */
export function csvField(value: string): string {
  if (!/[",\r\n]/.test(value)) return value;
  return `"${value.replaceAll('"', '""')}"`;
}

function optionalField(value: string | null): string {
  return value === null ? '' : csvField(value);
}

/** Fen as yuan with two decimals: 25800 → "258.00". */
export function yuan(fen: number): string {
  if (!Number.isSafeInteger(fen) || fen < 0) throw new RangeError(`Not a fen amount: ${fen}`);
  return `${Math.floor(fen / 100)}.${PAD2[fen % 100]}`;
}

// A 3-year history touches ~1,100 days; formatting each date once keeps Date out of the row loop.
const dateOfDay = new Map<number, string>();

/** An instant as the back office shows it, Beijing time: "2026-11-11 20:05:09". */
export function shanghaiTime(instant: number): string {
  const local = instant + SHANGHAI_OFFSET_MS;
  const day = Math.floor(local / DAY_MS);
  let date = dateOfDay.get(day);
  if (date === undefined) {
    date = new Date(day * DAY_MS).toISOString().slice(0, 10);
    dateOfDay.set(day, date);
  }
  const second = Math.floor((local - day * DAY_MS) / 1000);
  return `${date} ${PAD2[Math.floor(second / 3600)]}:${PAD2[Math.floor(second / 60) % 60]}:${PAD2[second % 60]}`;
}

/** "浙江省 杭州市 西湖区 文三路123号(310000)": the region spaced out, the street, the postcode. */
export function shippingAddress(customer: DemoCustomer): string {
  const region = `${customer.province}${customer.city}${customer.district}`;
  const street = customer.address.startsWith(region)
    ? customer.address.slice(region.length)
    : customer.address;
  return `${customer.province} ${customer.city} ${customer.district} ${street}(${postcodeOf(customer.city)})`;
}

// Most buyers sign in to Alipay with their phone number; the rest with an e-mail address.
// Both are masked in the export, as marketplaces do.
function alipayAccount(customer: DemoCustomer, index: number, seed: number): string {
  const hash = mix(seed, index, 1_000_003);
  if (hash % 10 < 6) return customer.phone;
  return `${LETTERS[hash % 26]}***@${mailDomains[(hash >>> 8) % mailDomains.length]}`;
}

function carrierFor(order: DemoOrder, hash: number) {
  if (order.sellerNote === '要求发顺丰') return SF_EXPRESS;
  const share = hash % 100;
  return carriers.find((carrier) => share < carrier.upTo) ?? SF_EXPRESS;
}

// 14 digits: the carrier's prefix and 12 digits from the order.
function waybillNumber(prefix: string, seed: number, index: number, k: number): string {
  const high = mix(seed, index, k + 7_919) % 1_000_000;
  const low = mix(seed, index, k + 104_729) % 1_000_000;
  return `${prefix}${String(high).padStart(6, '0')}${String(low).padStart(6, '0')}`;
}

// A 32-bit hash of three integers (murmur3's finaliser): stable, cheap, no random state to carry.
function mix(a: number, b: number, c: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(b, 0xc2b2ae35) ^ Math.imul(c, 0x27d4eb2f);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
