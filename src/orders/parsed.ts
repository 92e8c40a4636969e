import type { OrderStatus } from '../db/schema.js';
import type { Rejection } from './source/types.js';

// What every format turns rows into, before anything touches the database.

export interface ParsedCustomer {
  /** Identity within the store: buyer nick (Taobao), email (Shopify), mapped key (generic). */
  readonly key: string;
  readonly nick: string | null;
  readonly name: string | null;
  readonly phone: string | null;
  readonly phoneLast4: string | null;
  readonly phoneMasked: boolean;
  readonly email: string | null;
  readonly address: string | null;
  readonly province: string | null;
  readonly city: string | null;
  readonly district: string | null;
}

export interface ParsedItem {
  /** 商家编码 / SKU, or the normalised title when there is none. */
  readonly productKey: string;
  readonly sku: string | null;
  readonly title: string;
  readonly attributes: string | null;
  readonly unitPrice: number;
  readonly quantity: number;
  readonly amount: number;
  readonly refundAmount: number;
}

export interface ParsedOrder {
  readonly kind: 'order';
  readonly line: number;
  readonly raw: string;
  readonly externalId: string;
  readonly customer: ParsedCustomer;
  readonly status: OrderStatus;
  readonly isPurchase: boolean;
  readonly orderedAt: number;
  readonly paidAt: number | null;
  readonly goodsAmount: number;
  readonly shippingFee: number;
  readonly discountAmount: number;
  readonly paidAmount: number;
  readonly refundAmount: number;
  readonly itemCount: number;
  readonly discountCode: string | null;
  readonly buyerMessage: string | null;
  readonly sellerNote: string | null;
  readonly receiverName: string | null;
  readonly receiverPhone: string | null;
  readonly receiverAddress: string | null;
  readonly province: string | null;
  readonly city: string | null;
  /** The order's lines, or null when this file says nothing about them (keep what is stored). */
  readonly items: readonly ParsedItem[] | null;
}

/** Lines for an order imported before (Taobao's item report, 宝贝报表). */
export interface ParsedItems {
  readonly kind: 'items';
  readonly line: number;
  readonly raw: string;
  readonly externalId: string;
  readonly items: readonly ParsedItem[];
}

export type ParseOutcome = ParsedOrder | ParsedItems | Rejection;

/** A product key from a seller code or, lacking one, the title with spacing normalised. */
export function productKeyOf(sku: string | null, title: string): string {
  return sku ?? `title:${title.replace(/\s+/g, ' ').trim()}`;
}

export function customerFromKey(key: string): ParsedCustomer {
  return {
    key,
    nick: null,
    name: null,
    phone: null,
    phoneLast4: null,
    phoneMasked: false,
    email: null,
    address: null,
    province: null,
    city: null,
    district: null,
  };
}
