import { z } from 'zod';

// A column map tells the generic format which column holds what. Maps are saved per store
// under a name and reused (`laoke import --map NAME`, or picked automatically when a saved map's
// columns are all in the file's header).

const column = z.string().trim().min(1).max(200);
const orderStatuses = ['pending_payment', 'paid', 'shipped', 'completed', 'closed', 'refunded'] as const;

export const columnMapSchema = z
  .object({
    columns: z
      .object({
        orderId: column.describe('the order number'),
        customerKey: column.describe('what identifies the customer: member id, nick or email'),
        orderedAt: column.describe('when the order was placed'),
        amount: column.describe('what the customer paid for the order'),
        status: column.optional(),
        paidAt: column.optional(),
        refund: column.optional(),
        shipping: column.optional(),
        discount: column.optional(),
        discountCode: column
          .optional()
          .describe('the coupon code(s) used, matched against the store’s coupons'),
        quantity: column.optional().describe('items in the order, or in the line when product is mapped'),
        product: column.optional().describe('a line’s product title: one row per line, grouped by order'),
        sku: column.optional(),
        unitPrice: column.optional(),
        nick: column.optional(),
        name: column.optional(),
        phone: column.optional(),
        email: column.optional(),
        address: column.optional(),
        province: column.optional(),
        city: column.optional(),
      })
      .strict(),
    /** Values of the status column and what they mean, e.g. { "已完成": "completed" }. */
    statuses: z.record(z.string().min(1).max(100), z.enum(orderStatuses)).optional(),
  })
  .strict();

export type ColumnMap = z.infer<typeof columnMapSchema>;
