import { sql } from 'kysely';
import type { z } from 'zod';
import type { Actor } from '../audit/actor.js';
import { insertAuditEntry } from '../audit/audit.store.js';
import type { AppContext } from '../context.js';
import { recomputeRollups } from '../customers/rollups.store.js';
import type { CustomerRow, CustomerUpdate } from '../db/schema.js';
import { LaokeError } from '../shared/errors.js';
import type { CustomerId } from '../shared/ids.js';
import type { StoreAccess } from '../stores/access.js';
import { applyCustomerFilter, getCustomer, tagsOf } from './archive.store.js';
import type { bulkTagSchema, CustomerProfile, CustomerSummary, duplicateReasons } from './schemas.js';
import { assertEditable, customerProfile, parsePreferences, toSummary } from './service.js';

// Changes to many customers or to a customer's identity: bulk tags, merging, erasure.

type BulkTag = z.infer<typeof bulkTagSchema>;

/** Adds and removes tags on a selection or on every customer a filter matches; one audit entry. */
export async function bulkTag(
  ctx: AppContext,
  access: StoreAccess,
  actor: Actor,
  request: BulkTag,
): Promise<{ affected: number }> {
  const { storeId } = access;
  const { db } = ctx.database;
  return db.transaction().execute(async (trx) => {
    const now = ctx.clock.now();
    // The customers in question, as a subquery both statements share.
    const targets = () => {
      let query = applyCustomerFilter(
        ctx.database,
        trx.selectFrom('customers'),
        storeId,
        request.filter ?? {},
        access.store.time_zone,
      ).where('customers.erased_at', 'is', null);
      if (request.ids) query = query.where('customers.id', 'in', request.ids as CustomerId[]);
      return query;
    };
    const counted = await trx
      .selectFrom(targets().select('customers.id').as('t'))
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .executeTakeFirstOrThrow();
    for (const tag of request.add) {
      await trx
        .insertInto('customer_tags')
        .columns(['store_id', 'customer_id', 'tag', 'created_at'])
        .expression(
          targets().select([
            'customers.store_id',
            'customers.id as customer_id',
            sql<string>`${tag}`.as('tag'),
            sql<number>`${now}`.as('created_at'),
          ]),
        )
        .onConflict((conflict) => conflict.columns(['store_id', 'customer_id', 'tag']).doNothing())
        .execute();
    }
    if (request.remove.length > 0) {
      await trx
        .deleteFrom('customer_tags')
        .where('store_id', '=', storeId)
        .where('tag', 'in', request.remove)
        .where('customer_id', 'in', targets().select('customers.id'))
        .execute();
    }
    const affected = Number(counted.n);
    await insertAuditEntry(
      trx,
      storeId,
      actor,
      {
        action: 'customer.bulk_tag',
        subjectType: 'customer',
        details: {
          add: request.add,
          remove: request.remove,
          customers: affected,
          ...(request.ids ? { ids: request.ids.slice(0, 100) } : { filter: request.filter }),
        },
      },
      now,
    );
    return { affected };
  });
}

type DuplicateReason = (typeof duplicateReasons)[number];

/**
 * Likely duplicates: the same unmasked phone number, the same email, or the same name at the
 * same address. Merged-away and erased records are left out. At most `limit` groups per reason.
 */
export async function findDuplicates(
  ctx: AppContext,
  access: StoreAccess,
  limit = 50,
): Promise<{ reason: DuplicateReason; customers: CustomerSummary[] }[]> {
  const { db } = ctx.database;
  const { storeId } = access;
  const live = db
    .selectFrom('customers')
    .where('store_id', '=', storeId)
    .where('merged_into_id', 'is', null)
    .where('erased_at', 'is', null);
  const keys: Record<DuplicateReason, Promise<{ key: string | null }[]>> = {
    phone: live
      .select('phone as key')
      .where('phone', 'is not', null)
      .where('phone_masked', '=', 0)
      .groupBy('phone')
      .having((eb) => eb.fn.countAll(), '>', 1)
      .limit(limit)
      .execute(),
    email: live
      .select(sql<string>`lower(email)`.as('key'))
      .where('email', 'is not', null)
      .groupBy(sql`lower(email)`)
      .having((eb) => eb.fn.countAll(), '>', 1)
      .limit(limit)
      .execute(),
    name_address: live
      .select(sql<string>`name || '|' || address`.as('key'))
      .where('name', 'is not', null)
      .where('address', 'is not', null)
      .groupBy(['name', 'address'])
      .having((eb) => eb.fn.countAll(), '>', 1)
      .limit(limit)
      .execute(),
  };
  const groups: { reason: DuplicateReason; customers: CustomerSummary[] }[] = [];
  for (const reason of ['phone', 'email', 'name_address'] as const) {
    for (const { key } of await keys[reason]) {
      if (key === null) continue;
      let query = live.selectAll();
      if (reason === 'phone') query = query.where('phone', '=', key);
      else if (reason === 'email') query = query.where(sql`lower(email)`, '=', key);
      else {
        const [name, ...address] = key.split('|');
        query = query.where('name', '=', name ?? '').where('address', '=', address.join('|'));
      }
      const rows = await query.orderBy('id').limit(20).execute();
      const tags = await tagsOf(
        ctx.database,
        storeId,
        rows.map((row) => row.id),
      );
      groups.push({ reason, customers: rows.map((row) => toSummary(row, tags.get(row.id) ?? [])) });
    }
  }
  return groups;
}

const profileColumns = [
  'nick',
  'name',
  'gender',
  'phone',
  'phone_last4',
  'email',
  'address',
  'province',
  'city',
  'district',
  'occupation',
  'credit_level',
  'notes',
  'consent_sms',
  'consent_email',
  'consent_wechat',
  'consent_call',
] as const satisfies readonly (keyof CustomerRow)[];

/**
 * Merges `duplicateId` into `keepId`: orders, tags, contact records and after-sales cases move; the kept record's
 * empty fields take the duplicate's values, and preferences are united (the kept record's win);
 * roll-ups are recomputed; the duplicate stays, pointing at the kept record, so later imports of
 * its key find the right customer.
 */
export async function mergeCustomers(
  ctx: AppContext,
  access: StoreAccess,
  actor: Actor,
  keepId: CustomerId,
  duplicateId: CustomerId,
): Promise<CustomerProfile> {
  const { storeId } = access;
  if (keepId === duplicateId)
    throw new LaokeError('customer.merge_invalid', 'A customer cannot be merged into itself.');
  await ctx.database.db.transaction().execute(async (trx) => {
    const keep = await getCustomer(trx, storeId, keepId);
    const duplicate = await getCustomer(trx, storeId, duplicateId);
    assertEditable(keep);
    assertEditable(duplicate);
    const now = ctx.clock.now();
    const fill: CustomerUpdate = {};
    const filled: string[] = [];
    for (const column of profileColumns) {
      if (keep[column] === null && duplicate[column] !== null) {
        (fill as Record<string, unknown>)[column] = duplicate[column];
        filled.push(column);
      }
    }
    if (keep.birth_month === null && duplicate.birth_month !== null) {
      fill.birth_year = duplicate.birth_year;
      fill.birth_month = duplicate.birth_month;
      fill.birth_day = duplicate.birth_day;
      filled.push('birthday');
    }
    if (fill.phone !== undefined) fill.phone_masked = duplicate.phone_masked;
    const preferences = { ...parsePreferences(duplicate.preferences), ...parsePreferences(keep.preferences) };
    const moved = await trx
      .updateTable('orders')
      .set({ customer_id: keepId })
      .where('store_id', '=', storeId)
      .where('customer_id', '=', duplicateId)
      .executeTakeFirst();
    await trx
      .insertInto('customer_tags')
      .columns(['store_id', 'customer_id', 'tag', 'created_at'])
      .expression(
        trx
          .selectFrom('customer_tags')
          .select(['store_id', sql`${keepId}`.as('customer_id'), 'tag', 'created_at'])
          .where('store_id', '=', storeId)
          .where('customer_id', '=', duplicateId),
      )
      .onConflict((conflict) => conflict.columns(['store_id', 'customer_id', 'tag']).doNothing())
      .execute();
    await trx
      .deleteFrom('customer_tags')
      .where('store_id', '=', storeId)
      .where('customer_id', '=', duplicateId)
      .execute();
    await trx
      .updateTable('customer_contacts')
      .set({ customer_id: keepId })
      .where('store_id', '=', storeId)
      .where('customer_id', '=', duplicateId)
      .execute();
    await trx
      .updateTable('after_sales_cases')
      .set({ customer_id: keepId })
      .where('store_id', '=', storeId)
      .where('customer_id', '=', duplicateId)
      .execute();
    await trx
      .updateTable('customers')
      .set({ ...fill, preferences: JSON.stringify(preferences), updated_at: now })
      .where('store_id', '=', storeId)
      .where('id', '=', keepId)
      .execute();
    await trx
      .updateTable('customers')
      .set({ merged_into_id: keepId, updated_at: now })
      .where('store_id', '=', storeId)
      .where('id', '=', duplicateId)
      .execute();
    await recomputeRollups(trx, storeId, [keepId, duplicateId]);
    const details = {
      duplicateId,
      duplicateKey: duplicate.customer_key,
      ordersMoved: Number(moved.numUpdatedRows),
      filled,
    };
    for (const subjectId of [keepId, duplicateId]) {
      await insertAuditEntry(
        trx,
        storeId,
        actor,
        { action: 'customer.merge', subjectType: 'customer', subjectId, details: { keepId, ...details } },
        now,
      );
    }
  });
  return customerProfile(ctx, access, keepId);
}

/**
 * Erases a customer's personal data on request (PIPL/GDPR): profile fields, tags, preferences
 * and contact and after-sales notes go; the orders stay, without the receiver's name, phone, address and message,
 * so sales figures stay right. Earlier audit entries about the customer keep who did what and
 * when, with their details (which held edited values) cleared. The customer key becomes
 * `erased:<id>`, so the nick no longer finds the record.
 */
export async function eraseCustomer(
  ctx: AppContext,
  access: StoreAccess,
  actor: Actor,
  id: CustomerId,
): Promise<CustomerProfile> {
  const { storeId } = access;
  await ctx.database.db.transaction().execute(async (trx) => {
    const row = await getCustomer(trx, storeId, id);
    if (row.erased_at !== null) return;
    assertEditable(row);
    const now = ctx.clock.now();
    await trx
      .updateTable('customers')
      .set({
        customer_key: `erased:${id}`,
        nick: null,
        name: null,
        gender: null,
        birth_year: null,
        birth_month: null,
        birth_day: null,
        phone: null,
        phone_last4: null,
        phone_masked: 0,
        email: null,
        address: null,
        district: null,
        occupation: null,
        credit_level: null,
        preferences: '{}',
        notes: null,
        consent_sms: 0,
        consent_email: 0,
        consent_wechat: 0,
        consent_call: 0,
        erased_at: now,
        updated_at: now,
      })
      .where('store_id', '=', storeId)
      .where('id', '=', id)
      .execute();
    await trx
      .updateTable('orders')
      .set({ receiver_name: null, receiver_phone: null, receiver_address: null, buyer_message: null })
      .where('store_id', '=', storeId)
      .where('customer_id', '=', id)
      .execute();
    await trx
      .deleteFrom('customer_tags')
      .where('store_id', '=', storeId)
      .where('customer_id', '=', id)
      .execute();
    await trx
      .deleteFrom('customer_contacts')
      .where('store_id', '=', storeId)
      .where('customer_id', '=', id)
      .execute();
    // After-sales cases stay (kind, status, dates) as the orders do; their free text goes.
    await trx
      .updateTable('after_sales_cases')
      .set({ note: '', resolution: null })
      .where('store_id', '=', storeId)
      .where('customer_id', '=', id)
      .execute();
    await trx
      .updateTable('audit_log')
      .set({ details: JSON.stringify({ redacted: 'customer erased' }) })
      .where('store_id', '=', storeId)
      .where('subject_type', '=', 'customer')
      .where('subject_id', '=', String(id))
      .execute();
    await insertAuditEntry(
      trx,
      storeId,
      actor,
      { action: 'customer.erase', subjectType: 'customer', subjectId: id, details: {} },
      now,
    );
  });
  return customerProfile(ctx, access, id);
}

/** Keys and common values of the store's preferences, with the usual keys first. */
export async function preferenceSuggestions(ctx: AppContext, access: StoreAccess) {
  const usual = ['颜色', '风格', '尺码', '材质', '爱好', '肤质', '口味'];
  const rows = await ctx.database.db
    .selectFrom('customers')
    .select('preferences')
    .where('store_id', '=', access.storeId)
    .where('preferences', '<>', '{}')
    .orderBy('updated_at', 'desc')
    .limit(2_000)
    .execute();
  const counts = new Map<string, Map<string, number>>(usual.map((key) => [key, new Map()]));
  for (const row of rows) {
    for (const [key, value] of Object.entries(parsePreferences(row.preferences))) {
      const values = counts.get(key) ?? new Map<string, number>();
      values.set(value, (values.get(value) ?? 0) + 1);
      counts.set(key, values);
    }
  }
  return [...counts.entries()].map(([key, values]) => ({
    key,
    values: [...values.entries()]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .slice(0, 20)
      .map(([value]) => value),
  }));
}
