import type { Selectable } from 'kysely';
import type { z } from 'zod';
import type { Actor } from '../audit/actor.js';
import type { AppContext } from '../context.js';
import type { Db } from '../db/database.js';
import type { CustomerContactsTable } from '../db/schema.js';
import { allocateIds } from '../db/sequences.js';
import { LaokeError } from '../shared/errors.js';
import type { CustomerId, StoreId, UserId } from '../shared/ids.js';
import { type Instant, localDateOf, startOfLocalDay } from '../shared/time.js';
import type { StoreAccess } from '../stores/access.js';
import { getCustomer } from './archive.store.js';
import type { Contact, contactInputSchema } from './schemas.js';
import { assertEditable } from './service.js';

// The contact log (联系记录): calls, chats and visits, and the follow-ups they promise.

type ContactRow = Selectable<CustomerContactsTable>;

export function toContact(row: ContactRow): Contact {
  return {
    id: row.id,
    customerId: row.customer_id,
    channel: row.channel,
    outcome: row.outcome,
    note: row.note,
    contactedAt: row.contacted_at,
    followUpOn: row.follow_up_on,
    followUpDoneAt: row.follow_up_done_at,
    staff: { userId: row.user_id, name: row.staff_label },
  };
}

export async function addContact(
  ctx: AppContext,
  access: StoreAccess,
  actor: Actor,
  customerId: CustomerId,
  input: z.infer<typeof contactInputSchema>,
): Promise<Contact> {
  const { storeId } = access;
  const now = ctx.clock.now();
  if (input.followUpOn && startOfLocalDay(input.followUpOn, access.store.time_zone) === null)
    throw new LaokeError(
      'request.invalid',
      `followUpOn: "${input.followUpOn}" is not a calendar day (yyyy-MM-dd).`,
    );
  if (input.contactedAt !== undefined && input.contactedAt > now + 60_000)
    throw new LaokeError('request.invalid', 'contactedAt: a contact cannot be in the future.');
  return ctx.database.db.transaction().execute(async (trx) => {
    assertEditable(await getCustomer(trx, storeId, customerId));
    const id = await allocateIds(trx, storeId, 'customer_contacts');
    const row = await trx
      .insertInto('customer_contacts')
      .values({
        store_id: storeId,
        id,
        customer_id: customerId,
        user_id: actor.userId,
        staff_label: actor.label,
        channel: input.channel,
        outcome: input.outcome,
        note: input.note,
        contacted_at: (input.contactedAt ?? now) as Instant,
        follow_up_on: input.followUpOn ?? null,
        follow_up_done_at: null,
        created_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toContact(row);
  });
}

/** Marks a follow-up done; only its author or an owner may, and doing it twice changes nothing. */
export async function markFollowUpDone(
  ctx: AppContext,
  access: StoreAccess,
  actor: Actor,
  contactId: number,
): Promise<Contact> {
  const { db } = ctx.database;
  const row = await db
    .selectFrom('customer_contacts')
    .selectAll()
    .where('store_id', '=', access.storeId)
    .where('id', '=', contactId)
    .executeTakeFirst();
  if (!row) throw new LaokeError('contact.not_found', `No contact record ${contactId} in this store.`);
  if (row.user_id !== actor.userId && access.role !== 'owner')
    throw new LaokeError(
      'auth.forbidden',
      'Only the person who recorded this follow-up, or an owner, may close it.',
    );
  if (row.follow_up_done_at !== null) return toContact(row);
  const updated = await db
    .updateTable('customer_contacts')
    .set({ follow_up_done_at: ctx.clock.now() })
    .where('store_id', '=', access.storeId)
    .where('id', '=', contactId)
    .returningAll()
    .executeTakeFirstOrThrow();
  return toContact(updated);
}

/**
 * Follow-ups due on or before `date` and not done, oldest first: the user's own, or everyone's.
 * Erased customers' records are gone with their contacts; merged ones moved with the customer.
 */
export async function followUpsDue(
  ctx: AppContext,
  access: StoreAccess,
  options: { date?: string | undefined; userId: UserId | null; everyone: boolean },
) {
  const date = options.date ?? localDateOf(ctx.clock.now(), access.store.time_zone);
  let query = ctx.database.db
    .selectFrom('customer_contacts as k')
    .innerJoin('customers as c', (join) =>
      join.onRef('c.store_id', '=', 'k.store_id').onRef('c.id', '=', 'k.customer_id'),
    )
    .selectAll('k')
    .select(['c.nick', 'c.name'])
    .where('k.store_id', '=', access.storeId)
    .where('k.follow_up_on', '<=', date)
    .where('k.follow_up_done_at', 'is', null);
  if (!options.everyone) query = query.where('k.user_id', '=', options.userId);
  const rows = await query.orderBy('k.follow_up_on').orderBy('k.id').limit(500).execute();
  return {
    date,
    followUps: rows.map((row) => ({
      ...toContact(row),
      customer: { id: row.customer_id, nick: row.nick, name: row.name },
      overdue: (row.follow_up_on ?? date) < date,
    })),
  };
}

/** A customer's contact records at or before `before`, newest first. */
export function contactsOf(db: Db, storeId: StoreId, customerId: CustomerId, before: number, limit: number) {
  return db
    .selectFrom('customer_contacts')
    .selectAll()
    .where('store_id', '=', storeId)
    .where('customer_id', '=', customerId)
    .where('contacted_at', '<', before as Instant)
    .orderBy('contacted_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}
