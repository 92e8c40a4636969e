import type { Selectable } from 'kysely';
import type { Actor } from '../audit/actor.js';
import { insertAuditEntry } from '../audit/audit.store.js';
import type { Campaign } from '../campaigns/schemas.js';
import { createCampaign } from '../campaigns/service.js';
import type { AppContext } from '../context.js';
import type { Db } from '../db/database.js';
import { whenUnique } from '../db/dialect/errors.js';
import type { MemberDaysTable } from '../db/schema.js';
import { allocateIds } from '../db/sequences.js';
import { getTemplate } from '../messaging/templates.store.js';
import { LaokeError, toError } from '../shared/errors.js';
import type { StoreId } from '../shared/ids.js';
import { type Instant, localDateOf, startOfLocalDay } from '../shared/time.js';
import type { StoreAccess } from '../stores/access.js';
import { daysBeforeDate, memberDatesInMonth, nextMemberDate, nextMonth } from './member-days.js';
import type { MemberDay, MemberDayCalendar, MemberDayInput } from './schemas.js';
import { listTierRows } from './tiers.store.js';

// Member days (会员日): days of the month with a better discount for some tiers and new products
// shown to members first. The calendar lays them out with their reminder dates; a reminder is a
// draft campaign (src/campaigns) for the eligible tiers, scheduled N days before the next one.

type MemberDayRow = Selectable<MemberDaysTable>;

/** The local hour a member-day reminder is scheduled at. */
export const REMINDER_HOUR = 10;

function toMemberDay(row: MemberDayRow, today: string): MemberDay {
  const days = JSON.parse(row.days) as number[];
  return {
    id: row.id,
    name: row.name,
    days,
    tierIds: JSON.parse(row.tier_ids) as number[],
    pricePercent: row.price_percent,
    newProducts: row.new_products,
    reminder:
      row.reminder_days === null || row.reminder_template_id === null
        ? null
        : { daysBefore: row.reminder_days, templateId: row.reminder_template_id },
    nextDate: nextMemberDate(days, today),
    updatedAt: Number(row.updated_at),
    updatedBy: row.updated_by,
  };
}

async function calendarOf(ctx: AppContext, access: StoreAccess) {
  return { today: localDateOf(ctx.clock.now(), access.store.time_zone), timeZone: access.store.time_zone };
}

async function findRow(db: Db, storeId: StoreId, id: number): Promise<MemberDayRow> {
  const row = await db
    .selectFrom('member_days')
    .selectAll()
    .where('store_id', '=', storeId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw new LaokeError('loyalty.member_day_not_found', `No member day ${id} in this store.`);
  return row;
}

/** The store's member days, by name. */
export async function listMemberDays(ctx: AppContext, access: StoreAccess): Promise<MemberDay[]> {
  const { today } = await calendarOf(ctx, access);
  const rows = await ctx.database.db
    .selectFrom('member_days')
    .selectAll()
    .where('store_id', '=', access.storeId)
    .orderBy('name')
    .execute();
  return rows.map((row) => toMemberDay(row, today));
}

/** Refuses tiers the store does not have and a reminder template it does not have. */
async function checkReferences(ctx: AppContext, storeId: StoreId, input: MemberDayInput): Promise<void> {
  const tiers = new Set((await listTierRows(ctx.database.db, storeId)).map((row) => row.id));
  const unknown = input.tierIds.filter((id) => !tiers.has(id));
  if (unknown.length > 0)
    throw new LaokeError('loyalty.tier_not_found', `No tier ${unknown.join(', ')} in this store.`, {
      tierIds: unknown,
    });
  if (input.reminder) await getTemplate(ctx.database.db, storeId, input.reminder.templateId);
}

function columns(input: MemberDayInput) {
  return {
    name: input.name,
    days: JSON.stringify([...input.days].sort((a, b) => a - b)),
    tier_ids: JSON.stringify(input.tierIds),
    price_percent: input.pricePercent,
    new_products: input.newProducts,
    reminder_days: input.reminder?.daysBefore ?? null,
    reminder_template_id: input.reminder?.templateId ?? null,
  };
}

const nameTaken = (name: string) =>
  new LaokeError('loyalty.member_day_name_taken', `A member day named "${name}" exists in this store.`);

/** Creates a member day. Audited. */
export async function createMemberDay(
  ctx: AppContext,
  access: StoreAccess,
  actor: Actor,
  input: MemberDayInput,
): Promise<MemberDay> {
  await checkReferences(ctx, access.storeId, input);
  const now = ctx.clock.now();
  const row = await ctx.database.db
    .transaction()
    .execute(async (trx) => {
      const id = await allocateIds(trx, access.storeId, 'member_days');
      const inserted = await trx
        .insertInto('member_days')
        .values({
          store_id: access.storeId,
          id,
          ...columns(input),
          created_at: now,
          updated_at: now,
          updated_by: actor.label,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await insertAuditEntry(
        trx,
        access.storeId,
        actor,
        { action: 'member_day.created', subjectType: 'member_day', subjectId: id, details: { ...input } },
        now,
      );
      return inserted;
    })
    .catch(whenUnique(() => nameTaken(input.name)));
  return toMemberDay(row, (await calendarOf(ctx, access)).today);
}

/** Replaces a member day's settings. Audited. */
export async function updateMemberDay(
  ctx: AppContext,
  access: StoreAccess,
  actor: Actor,
  id: number,
  input: MemberDayInput,
): Promise<MemberDay> {
  await findRow(ctx.database.db, access.storeId, id);
  await checkReferences(ctx, access.storeId, input);
  const now = ctx.clock.now();
  await ctx.database.db
    .transaction()
    .execute(async (trx) => {
      await trx
        .updateTable('member_days')
        .set({ ...columns(input), updated_at: now, updated_by: actor.label })
        .where('store_id', '=', access.storeId)
        .where('id', '=', id)
        .execute();
      await insertAuditEntry(
        trx,
        access.storeId,
        actor,
        { action: 'member_day.updated', subjectType: 'member_day', subjectId: id, details: { ...input } },
        now,
      );
    })
    .catch(whenUnique(() => nameTaken(input.name)));
  return toMemberDay(
    await findRow(ctx.database.db, access.storeId, id),
    (await calendarOf(ctx, access)).today,
  );
}

/** Deletes a member day (reminder campaigns already created stay). Audited. */
export async function deleteMemberDay(
  ctx: AppContext,
  access: StoreAccess,
  actor: Actor,
  id: number,
): Promise<void> {
  const row = await findRow(ctx.database.db, access.storeId, id);
  const now = ctx.clock.now();
  await ctx.database.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('member_days').where('store_id', '=', access.storeId).where('id', '=', id).execute();
    await insertAuditEntry(
      trx,
      access.storeId,
      actor,
      { action: 'member_day.deleted', subjectType: 'member_day', subjectId: id, details: { name: row.name } },
      now,
    );
  });
}

/** A month's member days and reminder dates (a reminder for next month's first days may fall in this one). */
export async function memberDayCalendar(
  ctx: AppContext,
  access: StoreAccess,
  month: string | undefined,
): Promise<MemberDayCalendar> {
  const { today } = await calendarOf(ctx, access);
  const shown = month ?? today.slice(0, 7);
  const rows = await ctx.database.db
    .selectFrom('member_days')
    .selectAll()
    .where('store_id', '=', access.storeId)
    .execute();
  const entries: MemberDayCalendar['entries'] = [];
  for (const row of rows) {
    const days = JSON.parse(row.days) as number[];
    for (const date of memberDatesInMonth(days, shown))
      entries.push({ date, kind: 'memberDay', memberDayId: row.id, name: row.name });
    if (row.reminder_days === null) continue;
    const reminderDays = row.reminder_days;
    for (const month of [shown, nextMonth(shown)])
      for (const date of memberDatesInMonth(days, month)) {
        const reminder = daysBeforeDate(date, reminderDays);
        if (reminder.startsWith(shown))
          entries.push({ date: reminder, kind: 'reminder', memberDayId: row.id, name: row.name });
      }
  }
  entries.sort((a, b) => a.date.localeCompare(b.date) || a.memberDayId - b.memberDayId);
  return { month: shown, entries };
}

/**
 * Every member day of a year (for the promotions calendar): its date, name, the names of its tiers
 * ([] is every tier) and the price share members pay (95 is 九五折, 100 none), by date.
 */
export async function memberDaysOfYear(
  db: Db,
  storeId: StoreId,
  year: number,
): Promise<{ date: string; name: string; tiers: string[]; discount: number }[]> {
  const rows = await db.selectFrom('member_days').selectAll().where('store_id', '=', storeId).execute();
  if (rows.length === 0) return [];
  const tierNames = new Map((await listTierRows(db, storeId)).map((row) => [row.id, row.name]));
  const entries: { date: string; name: string; tiers: string[]; discount: number }[] = [];
  for (const row of rows) {
    const days = JSON.parse(row.days) as number[];
    const tiers = (JSON.parse(row.tier_ids) as number[]).flatMap((id) => tierNames.get(id) ?? []);
    for (let month = 1; month <= 12; month++)
      for (const date of memberDatesInMonth(days, `${year}-${String(month).padStart(2, '0')}`))
        entries.push({ date, name: row.name, tiers, discount: row.price_percent });
  }
  return entries.sort((a, b) => a.date.localeCompare(b.date) || a.name.localeCompare(b.name));
}

/** The instant of a reminder for a member day: REMINDER_HOUR local, N days before. */
function reminderInstant(date: string, daysBefore: number, timeZone: string): Instant {
  return (startOfLocalDay(daysBeforeDate(date, daysBefore), timeZone)! +
    REMINDER_HOUR * 3_600_000) as Instant;
}

/**
 * Creates the reminder of the next member day whose reminder time is still ahead: a draft campaign
 * (createCampaign) for the members of the eligible tiers, on the reminder's template, scheduled at
 * REMINDER_HOUR local N days before. Sending it is the campaign's business (and its approval).
 */
export async function createMemberDayReminder(
  ctx: AppContext,
  access: StoreAccess,
  actor: Actor,
  id: number,
): Promise<Campaign> {
  const row = await findRow(ctx.database.db, access.storeId, id);
  if (row.reminder_days === null || row.reminder_template_id === null)
    throw new LaokeError(
      'loyalty.no_reminder',
      `Member day "${row.name}" has no reminder: set the days before and a template first.`,
    );
  const tiers = (await listTierRows(ctx.database.db, access.storeId)).map((tier) => tier.id);
  if (tiers.length === 0)
    throw new LaokeError('loyalty.no_tiers', 'The store has no tiers yet: a reminder goes to tier members.');
  const chosen = JSON.parse(row.tier_ids) as number[];
  const eligible = chosen.length === 0 ? tiers : chosen.filter((tierId) => tiers.includes(tierId));
  if (eligible.length === 0)
    throw new LaokeError('loyalty.tier_not_found', `The tiers of member day "${row.name}" no longer exist.`);
  const { today, timeZone } = await calendarOf(ctx, access);
  const days = JSON.parse(row.days) as number[];
  const now = ctx.clock.now();
  let date = nextMemberDate(days, today);
  while (reminderInstant(date, row.reminder_days, timeZone) <= now)
    date = nextMemberDate(days, daysBeforeDate(date, -1));
  return createCampaign(ctx, access, actor, {
    name: `${row.name} 会员日提醒 ${date}`,
    definition: { where: { type: 'tier', in: eligible } },
    templateId: row.reminder_template_id,
    schedule: { kind: 'at', at: reminderInstant(date, row.reminder_days, timeZone) },
  });
}

export interface ReminderRun {
  /** Names of the draft campaigns created. */
  readonly created: string[];
  /** Member days whose next reminder was already there (made by hand or by an earlier refresh). */
  readonly existing: number;
  /** Member days whose reminder could not be made, with the reason's code (a template deleted…). */
  readonly skipped: { memberDayId: number; code: string; message: string }[];
}

/**
 * At each analytics refresh: the next reminder of every member day that has one, made if it is not
 * there yet, so the draft waits in the campaign list before its time. A member day that cannot
 * have one (its template or tiers gone) is reported in the job's result, and the others still run.
 */
export async function ensureMemberDayReminders(
  ctx: AppContext,
  access: StoreAccess,
  actor: Actor,
): Promise<ReminderRun> {
  const rows = await ctx.database.db
    .selectFrom('member_days')
    .select(['id'])
    .where('store_id', '=', access.storeId)
    .where('reminder_days', 'is not', null)
    .orderBy('id')
    .execute();
  const created: string[] = [];
  const skipped: ReminderRun['skipped'] = [];
  let existing = 0;
  for (const { id } of rows) {
    try {
      created.push((await createMemberDayReminder(ctx, access, actor, id)).name);
    } catch (thrown) {
      const error = toError(thrown);
      if (!(error instanceof LaokeError)) throw error;
      if (error.code === 'campaign.name_taken') existing += 1;
      else skipped.push({ memberDayId: id, code: error.code, message: error.message });
    }
  }
  return { created, existing, skipped };
}
