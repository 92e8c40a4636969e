import type { AppContext } from '../context.js';
import { inList } from '../db/dialect/in-list.js';
import type { CustomerId } from '../shared/ids.js';
import type { Instant } from '../shared/time.js';
import type { StoreAccess } from '../stores/access.js';
import { getCustomer } from './archive.store.js';
import { contactsOf, toContact } from './contacts.js';
import type { TimelineEvent } from './schemas.js';

// A customer's history in one list, newest first: orders with their items, contact records, and
// the audit log's entries about the customer (edits, tag changes, merges, erasure). Each source
// is read up to `limit` events older than `before`; the merge keeps the newest `limit`.

const auditKinds: Record<string, TimelineEvent['kind']> = {
  'customer.update': 'change',
  'customer.merge': 'merge',
  'customer.erase': 'erase',
};

export async function customerTimeline(
  ctx: AppContext,
  access: StoreAccess,
  customerId: CustomerId,
  options: { before?: number | undefined; limit: number },
): Promise<{ events: TimelineEvent[]; nextBefore: number | null }> {
  const { db } = ctx.database;
  const { storeId } = access;
  await getCustomer(db, storeId, customerId);
  const before = (options.before ?? Number.MAX_SAFE_INTEGER) as Instant;
  const limit = options.limit;

  const orders = await db
    .selectFrom('orders')
    .select([
      'id',
      'external_id',
      'status',
      'is_purchase',
      'ordered_at',
      'net_amount',
      'refund_amount',
      'item_count',
    ])
    .where('store_id', '=', storeId)
    .where('customer_id', '=', customerId)
    .where('ordered_at', '<', before)
    .orderBy('ordered_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  const items =
    orders.length === 0
      ? []
      : await db
          .selectFrom('order_items')
          .select(['order_id', 'title', 'sku', 'quantity', 'amount'])
          .where('store_id', '=', storeId)
          .where(
            'order_id',
            'in',
            inList[ctx.database.dialect](
              orders.map((order) => order.id),
              'int4',
            ) as never,
          )
          .orderBy('order_id')
          .orderBy('line_no')
          .execute();
  const itemsByOrder = new Map<number, typeof items>();
  for (const item of items) {
    const list = itemsByOrder.get(item.order_id);
    if (list) list.push(item);
    else itemsByOrder.set(item.order_id, [item]);
  }

  const contacts = await contactsOf(db, storeId, customerId, before, limit);
  const audit = await db
    .selectFrom('audit_log')
    .select(['at', 'action', 'actor_label', 'details'])
    .where('store_id', '=', storeId)
    .where('subject_type', '=', 'customer')
    .where('subject_id', '=', String(customerId))
    .where('action', 'in', Object.keys(auditKinds))
    .where('at', '<', before)
    .orderBy('at', 'desc')
    .limit(limit)
    .execute();

  const events: TimelineEvent[] = [
    ...orders.map(
      (order): TimelineEvent => ({
        kind: 'order',
        at: order.ordered_at,
        order: {
          id: order.id,
          externalId: order.external_id,
          status: order.status,
          isPurchase: order.is_purchase === 1,
          netAmount: order.net_amount,
          refundAmount: order.refund_amount,
          itemCount: order.item_count,
          items: (itemsByOrder.get(order.id) ?? []).map((item) => ({
            title: item.title,
            sku: item.sku,
            quantity: item.quantity,
            amount: item.amount,
          })),
        },
      }),
    ),
    ...contacts.map(
      (row): TimelineEvent => ({ kind: 'contact', at: row.contacted_at, contact: toContact(row) }),
    ),
    ...audit.map((entry): TimelineEvent => {
      const details = parseDetails(entry.details);
      const fields = Array.isArray(details.fields) ? details.fields.map(String) : [];
      const kind = auditKinds[entry.action] ?? 'change';
      return {
        kind: kind === 'change' && fields.length === 1 && fields[0] === 'tags' ? 'tags' : kind,
        at: entry.at,
        change: { by: entry.actor_label, fields, details },
      };
    }),
  ].sort((a, b) => b.at - a.at);

  return pageOf(events, [orders, contacts, audit], limit);
}

/**
 * The newest `limit` events, cut so that no instant is split between pages: a source that
 * returned `limit` rows may hold more at its oldest instant, so events there wait for the next
 * page (`before` is exclusive).
 */
function pageOf(events: TimelineEvent[], sources: readonly { length: number }[], limit: number) {
  const full = sources.some((source) => source.length === limit);
  if (!full && events.length <= limit) return { events, nextBefore: null };
  let cutoff = Number.NEGATIVE_INFINITY;
  if (full) {
    // Each full source's oldest event: nothing older than the newest of those is known complete.
    for (const kind of ['order', 'contact', 'audit'] as const) {
      const ofSource = events.filter((event) => (kind === 'audit' ? event.change : event.kind === kind));
      if (ofSource.length === limit) cutoff = Math.max(cutoff, ofSource[ofSource.length - 1]!.at);
    }
  }
  let page = events.filter((event) => event.at > cutoff);
  if (page.length > limit) {
    const boundary = page[limit]!.at;
    page = page.filter((event) => event.at > boundary);
  }
  if (page.length === 0) page = events.slice(0, limit); // one instant holds more than a page
  return { events: page, nextBefore: page[page.length - 1]!.at };
}

function parseDetails(json: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(json);
    return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
