import type { ParsedOrder } from './parsed.js';

/**
 * A digest of everything an import writes about an order, to tell a changed order (new status,
 * a refund) from an unchanged one in a weekly re-import of overlapping dates. cyrb53 (a public
 * domain 53-bit string hash): no security role here, and a crypto hash cost more than parsing
 * the row (bench/README.md, "order import").
 */
export function orderHash(order: ParsedOrder): string {
  let text = `${order.customer.key}\u0001${order.status}\u0001${order.orderedAt}\u0001${order.paidAt}\u0001${order.goodsAmount}\u0001${order.shippingFee}\u0001${order.discountAmount}\u0001${order.paidAmount}\u0001${order.refundAmount}\u0001${order.itemCount}\u0001${order.discountCode}\u0001${order.buyerMessage}\u0001${order.sellerNote}\u0001${order.receiverName}\u0001${order.receiverPhone}\u0001${order.receiverAddress}`;
  if (order.items) {
    for (const item of order.items) {
      text += `\u0002${item.productKey}\u0001${item.title}\u0001${item.attributes}\u0001${item.unitPrice}\u0001${item.quantity}\u0001${item.refundAmount}`;
    }
  }
  return cyrb53(text).toString(36);
}

function cyrb53(text: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ code, 2654435761);
    h2 = Math.imul(h2 ^ code, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}
