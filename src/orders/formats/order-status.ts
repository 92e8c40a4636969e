import type { OrderStatus } from '../../db/schema.js';

/** Whether an order in this state counts as a purchase (roll-ups, analysis). */
export function isPurchaseStatus(status: OrderStatus): boolean {
  return status === 'paid' || status === 'shipped' || status === 'completed';
}

/**
 * A fully refunded order is no purchase, whatever the platform calls it; a partly refunded
 * one stays a purchase at its net amount.
 */
export function settleRefund(status: OrderStatus, paidAmount: number, refundAmount: number): OrderStatus {
  if (paidAmount > 0 && refundAmount >= paidAmount && status !== 'pending_payment') return 'refunded';
  return status;
}
