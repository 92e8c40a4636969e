import { randomInt } from 'node:crypto';
import type { CustomerId, OrderId } from '../shared/ids.js';
import type { Fen } from '../shared/money.js';
import type { Instant } from '../shared/time.js';

// Coupons, the pure part: codes, what a coupon gives an order, and whether an order may redeem a
// code. No I/O and no clock: the service brings the rows.

/**
 * Digits and capitals without the look-alikes (0/O, 1/I/L) and U (V): 30 symbols a customer reads
 * off an SMS and types without a doubt.
 */
export const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ';
/** 12 symbols of 30: log2(30) × 12 ≈ 58.9 bits, so guessing a live code out of 10⁶ takes ~10¹¹ tries. */
export const CODE_LENGTH = 12;

/** A fresh code from the operating system's cryptographic random source (randomInt is unbiased). */
export function newCouponCode(): string {
  let code = '';
  for (let i = 0; i < CODE_LENGTH; i += 1) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}

const codeShape = new RegExp(`^[${CODE_ALPHABET}]{${CODE_LENGTH}}$`);

/** A code as typed or exported (lower case, spaces, dashes) in its stored form; null if it cannot be one. */
export function normaliseCode(text: string): string | null {
  const code = text.replace(/[\s-]/g, '').toUpperCase();
  return codeShape.test(code) ? code : null;
}

/** The codes in an order's discount-code cell: platforms join several with commas or semicolons. */
export function codesInCell(cell: string | null): string[] {
  if (!cell) return [];
  const codes = cell
    .split(/[,;，；|\s]+/)
    .map(normaliseCode)
    .filter((c): c is string => c !== null);
  return [...new Set(codes)];
}

export interface CouponTerms {
  readonly kind: 'amount' | 'percent';
  readonly amountOff: Fen | null;
  readonly percentOff: number | null;
  readonly threshold: Fen;
}

/** What the coupon takes off an order's goods: the amount (never more than the goods) or the percent. */
export function discountFor(terms: CouponTerms, goodsAmount: Fen): Fen {
  if (terms.kind === 'amount') return Math.min(terms.amountOff ?? 0, goodsAmount) as Fen;
  return Math.round((goodsAmount * (terms.percentOff ?? 0)) / 100) as Fen;
}

/** The face of a coupon in a message, e.g. 满300减30 or 9折 (the {券面额} template variable). */
export function faceValue(terms: CouponTerms): string {
  const yuan = (amount: number) => String(amount / 100);
  const off =
    terms.kind === 'amount'
      ? terms.threshold > 0
        ? `减${yuan(terms.amountOff ?? 0)}`
        : `${yuan(terms.amountOff ?? 0)}元`
      : `${(100 - (terms.percentOff ?? 0)) / 10}折`;
  return terms.threshold > 0 ? `满${yuan(terms.threshold)}${off}` : off;
}

export const rejectReasons = [
  'already_redeemed',
  'other_customer',
  'order_not_paid',
  'not_yet_valid',
  'expired',
  'below_threshold',
] as const;
export type RejectReason = (typeof rejectReasons)[number];

export interface CodeState {
  readonly customerId: CustomerId | null;
  readonly redeemedByOrder: OrderId | null;
}

export interface BatchWindow extends CouponTerms {
  readonly startsAt: Instant;
  readonly endsAt: Instant; // exclusive
}

export interface OrderFacts {
  readonly id: OrderId;
  readonly customerId: CustomerId;
  readonly orderedAt: Instant;
  readonly goodsAmount: Fen;
  readonly isPurchase: boolean;
}

/**
 * Why an order may not redeem a code, or null when it may. A code issued to a customer redeems only
 * on that customer's orders (a code passed on to a friend is rejected, and stays its owner's).
 */
export function rejectionOf(code: CodeState, batch: BatchWindow, order: OrderFacts): RejectReason | null {
  if (code.redeemedByOrder !== null && code.redeemedByOrder !== order.id) return 'already_redeemed';
  if (code.customerId !== null && code.customerId !== order.customerId) return 'other_customer';
  if (!order.isPurchase) return 'order_not_paid';
  if (order.orderedAt < batch.startsAt) return 'not_yet_valid';
  if (order.orderedAt >= batch.endsAt) return 'expired';
  if (order.goodsAmount < batch.threshold) return 'below_threshold';
  return null;
}

export interface IssuePlan {
  /** Codes to make per customer, in the order given. */
  readonly give: ReadonlyMap<CustomerId, number>;
  readonly total: number;
  /** Customers who already held as many codes as they may. */
  readonly atLimit: number;
  /** Customers who got fewer than they should because the batch ran out. */
  readonly outOfStock: number;
}

/**
 * Who gets how many codes: each customer is topped up to `perCustomer` (never past the batch's
 * per-customer limit) in the order given, until the batch's total is reached. Issuing the same
 * again gives nothing more, which is what makes a retried issue harmless.
 */
export function planIssue(
  customers: readonly CustomerId[],
  held: ReadonlyMap<CustomerId, number>,
  perCustomer: number,
  limit: number,
  remaining: number,
): IssuePlan {
  const want = Math.min(perCustomer, limit);
  const give = new Map<CustomerId, number>();
  let total = 0;
  let atLimit = 0;
  let outOfStock = 0;
  for (const customer of customers) {
    const missing = want - (held.get(customer) ?? 0);
    if (missing <= 0) {
      atLimit += 1;
      continue;
    }
    const n = Math.min(missing, remaining - total);
    if (n < missing) outOfStock += 1;
    if (n > 0) {
      give.set(customer, n);
      total += n;
    }
  }
  return { give, total, atLimit, outOfStock };
}
