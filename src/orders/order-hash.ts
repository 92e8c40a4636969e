import { createHash } from 'node:crypto';
import type { ParsedOrder } from './parsed.js';

/**
 * A digest of everything an import writes about an order, to tell a changed order (new status,
 * a refund) from an unchanged one in a weekly re-import of overlapping dates.
 */
export function orderHash(order: ParsedOrder): string {
  const parts: (string | number | null | boolean)[] = [
    order.customer.key,
    order.status,
    order.orderedAt,
    order.paidAt,
    order.goodsAmount,
    order.shippingFee,
    order.discountAmount,
    order.paidAmount,
    order.refundAmount,
    order.itemCount,
    order.discountCode,
    order.buyerMessage,
    order.sellerNote,
    order.receiverName,
    order.receiverPhone,
    order.receiverAddress,
  ];
  if (order.items) {
    for (const item of order.items)
      parts.push(
        item.productKey,
        item.title,
        item.attributes,
        item.unitPrice,
        item.quantity,
        item.refundAmount,
      );
  }
  return createHash('sha1').update(JSON.stringify(parts)).digest('base64url').slice(0, 22);
}
