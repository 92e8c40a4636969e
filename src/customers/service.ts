import { DateTime } from 'luxon';
import type { LifecycleState } from '../analytics/schemas.js';
import type { Actor } from '../audit/actor.js';
import { insertAuditEntry } from '../audit/audit.store.js';
import { canSeePersonalData } from '../auth/permissions.js';
import type { AppContext } from '../context.js';
import type { Db } from '../db/database.js';
import type { CustomerRow, CustomerUpdate, Flag } from '../db/schema.js';
import { findPrediction } from '../predict/predictions.store.js';
import { LaokeError } from '../shared/errors.js';
import type { CustomerId } from '../shared/ids.js';
import type { Instant } from '../shared/time.js';
import { DAY_MS } from '../shared/time.js';
import type { StoreAccess } from '../stores/access.js';
import { getCustomer, listCustomers, tagsOf } from './archive.store.js';
import { maskAddress, maskPhone } from './mask.js';
import {
  type ConsentChannel,
  type CustomerList,
  type CustomerListQuery,
  type CustomerPatch,
  type CustomerProfile,
  type CustomerSummary,
  consentChannels,
} from './schemas.js';

// The customer archive's rules: what a role sees, what an edit changes and records.

const flagToConsent = (flag: Flag | null): boolean | null => (flag === null ? null : flag === 1);
const consentToFlag = (value: boolean | null): Flag | null => (value === null ? null : value ? 1 : 0);

export function parsePreferences(json: string): Record<string, string> {
  try {
    const value: unknown = JSON.parse(json);
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return {};
    return Object.fromEntries(
      Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
    );
  } catch {
    return {};
  }
}

/** A list row. Phone numbers are always masked in lists: seeing one in full is an audited reveal. */
export function toSummary(row: CustomerRow, tags: readonly string[]): CustomerSummary {
  return {
    id: row.id,
    nick: row.nick,
    name: row.name,
    phone: maskPhone(row.phone),
    email: row.email,
    province: row.province,
    city: row.city,
    tags: [...tags],
    orderCount: row.order_count,
    totalSpent: row.total_spent,
    firstOrderAt: row.first_order_at,
    lastOrderAt: row.last_order_at,
    consent: Object.fromEntries(
      consentChannels.map((channel) => [channel, flagToConsent(row[`consent_${channel}`])]),
    ) as Record<ConsentChannel, boolean | null>,
    erased: row.erased_at !== null,
  };
}

/** Whole years since the birthday, in the store's time zone; null without a birth year. */
export function ageOn(row: CustomerRow, now: Instant, timeZone: string): number | null {
  if (row.birth_year === null || row.birth_month === null || row.birth_day === null) return null;
  const today = DateTime.fromMillis(now, { zone: timeZone });
  const hadBirthday =
    today.month > row.birth_month || (today.month === row.birth_month && today.day >= row.birth_day);
  const age = today.year - row.birth_year - (hadBirthday ? 0 : 1);
  return age >= 0 && age < 150 ? age : null;
}

export function toProfile(
  row: CustomerRow,
  tags: readonly string[],
  access: StoreAccess,
  now: Instant,
  scores: CustomerProfile['scores'] = null,
  prediction: CustomerProfile['prediction'] = null,
): CustomerProfile {
  return {
    ...toSummary(row, tags),
    customerKey: row.customer_key,
    gender: row.gender,
    birthday:
      row.birth_month === null || row.birth_day === null
        ? null
        : { year: row.birth_year, month: row.birth_month, day: row.birth_day },
    age: ageOn(row, now, access.store.time_zone),
    address: maskAddress(row.address, row),
    district: row.district,
    occupation: row.occupation,
    creditLevel: row.credit_level,
    preferences: parsePreferences(row.preferences),
    notes: row.notes,
    itemCount: row.item_count,
    source: row.source,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    mergedIntoId: row.merged_into_id,
    personalDataMasked: true,
    canReveal: canSeePersonalData(access.role, access.settings) && row.erased_at === null,
    scores,
    prediction,
  };
}

export async function customerListPage(
  ctx: AppContext,
  access: StoreAccess,
  query: CustomerListQuery,
): Promise<CustomerList> {
  const page = await listCustomers(ctx.database, access.storeId, {
    ...query,
    timeZone: access.store.time_zone,
  });
  const tags = await tagsOf(
    ctx.database,
    access.storeId,
    page.rows.map((row) => row.id),
  );
  return {
    customers: page.rows.map((row) => toSummary(row, tags.get(row.id) ?? [])),
    total: page.total,
    totalCapped: page.totalCapped,
    page: query.page,
    pageSize: query.pageSize,
  };
}

export async function customerProfile(
  ctx: AppContext,
  access: StoreAccess,
  id: CustomerId,
  db: Db = ctx.database.db,
): Promise<CustomerProfile> {
  const row = await getCustomer(db, access.storeId, id);
  const tags = await tagsOf(ctx.database, access.storeId, [id], db);
  const scores = await db
    .selectFrom('customer_scores')
    .selectAll()
    .where('store_id', '=', access.storeId)
    .where('customer_id', '=', id)
    .executeTakeFirst();
  const predicted = await findPrediction(db, access.storeId, id);
  return toProfile(
    row,
    tags.get(id) ?? [],
    access,
    ctx.clock.now(),
    scores
      ? {
          recencyDays:
            row.last_order_at === null
              ? 0
              : Math.max(0, Math.floor((ctx.clock.now() - row.last_order_at) / DAY_MS)),
          r: scores.rfm_r,
          f: scores.rfm_f,
          m: scores.rfm_m,
          segmentCn: scores.segment_cn,
          segmentEn: scores.segment_en,
          lifecycle: (scores.lifecycle as LifecycleState | null) ?? null,
          core: scores.is_core === 1,
          computedAt: scores.computed_at,
        }
      : null,
    predicted
      ? {
          pAlive: predicted.p_alive,
          expected30: predicted.expected_30,
          expected90: predicted.expected_90,
          expected365: predicted.expected_365,
          averageValue: predicted.average_value,
          clv: predicted.clv,
          clvPercentile: predicted.clv_percentile,
          potentialValue: predicted.potential_value,
          potentialPercentile: predicted.potential_percentile,
          nextOrderDate: predicted.next_order_date,
          computedAt: predicted.computed_at,
        }
      : null,
  );
}

/** Refuses changes to a record that was erased or merged away. */
export function assertEditable(row: CustomerRow): void {
  if (row.erased_at !== null)
    throw new LaokeError(
      'customer.erased',
      `Customer ${row.id}'s personal data was erased; it cannot be edited.`,
    );
  if (row.merged_into_id !== null)
    throw new LaokeError(
      'customer.merged',
      `Customer ${row.id} was merged into customer ${row.merged_into_id}; edit that record.`,
      { mergedIntoId: row.merged_into_id },
    );
}

/** What the audit log keeps of a value: personal data masked, everything else as it is. */
function auditValue(field: string, value: unknown, row: CustomerRow): unknown {
  if (typeof value !== 'string') return value;
  if (field === 'phone') return maskPhone(value);
  if (field === 'address') return maskAddress(value, row);
  return value;
}

/** The columns a patch writes, and per API field the value before and after. */
function diffPatch(row: CustomerRow, patch: CustomerPatch, tagsBefore: readonly string[]) {
  const set: CustomerUpdate = {};
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  const note = (field: string, from: unknown, to: unknown) => {
    if (JSON.stringify(from) !== JSON.stringify(to))
      changes[field] = { from: auditValue(field, from, row), to: auditValue(field, to, row) };
  };
  const text = (value: string | null | undefined) => (value === undefined ? undefined : value || null);
  const columns = [
    ['name', 'name'],
    ['email', 'email'],
    ['address', 'address'],
    ['province', 'province'],
    ['city', 'city'],
    ['district', 'district'],
    ['occupation', 'occupation'],
    ['creditLevel', 'credit_level'],
    ['notes', 'notes'],
  ] as const;
  for (const [field, column] of columns) {
    const value = text(patch[field]);
    if (value === undefined) continue;
    const stored = field === 'email' && value !== null ? value.toLowerCase() : value;
    note(field, row[column], stored);
    set[column] = stored;
  }
  if (patch.gender !== undefined) {
    note('gender', row.gender, patch.gender);
    set.gender = patch.gender;
  }
  if (patch.birthday !== undefined) {
    const birthday = patch.birthday;
    if (birthday !== null) {
      const year = birthday.year ?? 2000; // a leap year: 02-29 is a real birthday
      if (!DateTime.fromObject({ year, month: birthday.month, day: birthday.day }).isValid)
        throw new LaokeError(
          'request.invalid',
          `birthday: ${birthday.month}-${birthday.day} is not a day of the year.`,
        );
    }
    const before =
      row.birth_month === null ? null : { year: row.birth_year, month: row.birth_month, day: row.birth_day };
    note('birthday', before, birthday);
    set.birth_year = birthday?.year ?? null;
    set.birth_month = birthday?.month ?? null;
    set.birth_day = birthday?.day ?? null;
  }
  if (patch.phone !== undefined) {
    const phone = patch.phone || null;
    note('phone', row.phone, phone);
    set.phone = phone;
    const digits = phone?.replace(/\D/g, '') ?? '';
    set.phone_last4 = digits.length >= 4 ? digits.slice(-4) : null;
    set.phone_masked = phone?.includes('*') ? 1 : 0;
  }
  if (patch.preferences !== undefined) {
    const next = Object.fromEntries(
      Object.entries(patch.preferences)
        .filter(([, value]) => value !== '')
        .sort(([a], [b]) => a.localeCompare(b)),
    );
    note('preferences', parsePreferences(row.preferences), next);
    set.preferences = JSON.stringify(next);
  }
  if (patch.consent !== undefined) {
    for (const channel of consentChannels) {
      const value = patch.consent[channel];
      if (value === undefined) continue;
      note(`consent.${channel}`, flagToConsent(row[`consent_${channel}`]), value);
      set[`consent_${channel}`] = consentToFlag(value);
    }
  }
  let tags: string[] | undefined;
  if (patch.tags !== undefined) {
    tags = [...new Set(patch.tags)].sort();
    note('tags', [...tagsBefore].sort(), tags);
  }
  return { set, changes, tags };
}

export async function updateCustomer(
  ctx: AppContext,
  access: StoreAccess,
  actor: Actor,
  id: CustomerId,
  patch: CustomerPatch,
): Promise<CustomerProfile> {
  const { storeId } = access;
  await ctx.database.db.transaction().execute(async (trx) => {
    const row = await getCustomer(trx, storeId, id);
    assertEditable(row);
    const tagsBefore = (await tagsOf(ctx.database, storeId, [id], trx)).get(id) ?? [];
    const { set, changes, tags } = diffPatch(row, patch, tagsBefore);
    if (Object.keys(changes).length === 0) return;
    const now = ctx.clock.now();
    await trx
      .updateTable('customers')
      .set({ ...set, updated_at: now })
      .where('store_id', '=', storeId)
      .where('id', '=', id)
      .execute();
    if (tags !== undefined && changes.tags) {
      await trx
        .deleteFrom('customer_tags')
        .where('store_id', '=', storeId)
        .where('customer_id', '=', id)
        .execute();
      if (tags.length > 0)
        await trx
          .insertInto('customer_tags')
          .values(tags.map((tag) => ({ store_id: storeId, customer_id: id, tag, created_at: now })))
          .execute();
    }
    await insertAuditEntry(
      trx,
      storeId,
      actor,
      {
        action: 'customer.update',
        subjectType: 'customer',
        subjectId: id,
        details: { fields: Object.keys(changes), changes },
      },
      now,
    );
  });
  return customerProfile(ctx, access, id);
}

/** The full phone number and address, for a role that may see them; the reveal is audited. */
export async function revealCustomer(ctx: AppContext, access: StoreAccess, actor: Actor, id: CustomerId) {
  if (!canSeePersonalData(access.role, access.settings))
    throw new LaokeError(
      'auth.forbidden',
      'Your role may not see customers’ full phone numbers and addresses.',
    );
  return ctx.database.db.transaction().execute(async (trx) => {
    const row = await getCustomer(trx, access.storeId, id);
    const now = ctx.clock.now();
    await insertAuditEntry(
      trx,
      access.storeId,
      actor,
      {
        action: 'customer.reveal',
        subjectType: 'customer',
        subjectId: id,
        details: { fields: ['phone', 'address'] },
      },
      now,
    );
    return { phone: row.phone, address: row.address };
  });
}
