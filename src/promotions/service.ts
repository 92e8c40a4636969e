import type { Updateable } from 'kysely';
import { DateTime } from 'luxon';
import type { z } from 'zod';
import type { Actor } from '../audit/actor.js';
import { insertAuditEntry } from '../audit/audit.store.js';
import { createCampaign } from '../campaigns/service.js';
import type { AppContext } from '../context.js';
import type { Db } from '../db/database.js';
import type { PromotionPlansTable } from '../db/schema.js';
import { allocateIds } from '../db/sequences.js';
import { memberDaysOfYear } from '../loyalty/member-day-service.js';
import { getTemplate } from '../messaging/templates.store.js';
import { LaokeError } from '../shared/errors.js';
import type { StoreId } from '../shared/ids.js';
import type { Fen } from '../shared/money.js';
import { type Instant, localDateOf } from '../shared/time.js';
import type { StoreAccess } from '../stores/access.js';
import {
  defaultPhases,
  type Phase,
  type PhaseWindow,
  type PresetEvent,
  phaseNames,
  phaseWindowProblem,
  presetEvent,
  presetEvents,
} from './events.js';
import type {
  calendarSchema,
  createPlanSchema,
  eventInputSchema,
  eventPatchSchema,
  lessonsInputSchema,
  Plan,
  phasesInputSchema,
  planCampaignInputSchema,
  planCampaignSchema,
  targetInputSchema,
  taskInputSchema,
  taskPatchSchema,
  taskSchema,
} from './schemas.js';

// Big-promotion plans: one per event and year, its four phases and their goals, the actions as
// tasks. Every change is audited; a bad request changes nothing.

type Task = z.infer<typeof taskSchema>;

/** A preset event, or the store's own event "custom-<id>"; promotion.invalid for neither. */

/** The audit row of a change to a plan (its phases, tasks, target) or to an own event, in its transaction. */
function audit(
  trx: Db,
  by: { readonly storeId: StoreId; readonly actor: Actor; readonly now: Instant },
  action: `promotion.${string}`,
  subject: { readonly plan: number } | { readonly event: number },
  details: Record<string, unknown>,
) {
  const [subjectType, subjectId] =
    'plan' in subject ? ['promotion_plan', subject.plan] : ['promotion_event', subject.event];
  return insertAuditEntry(trx, by.storeId, by.actor, { action, subjectType, subjectId, details }, by.now);
}

export async function eventOf(db: Db, storeId: StoreId, key: string): Promise<PresetEvent> {
  const preset = presetEvent(key);
  if (preset) return preset;
  const id = /^custom-(\d+)$/.exec(key)?.[1];
  const row =
    id === undefined || Number(id) > 2_147_483_647
      ? undefined
      : await db
          .selectFrom('promotion_events')
          .select(['name', 'month_day'])
          .where('store_id', '=', storeId)
          .where('id', '=', Number(id))
          .executeTakeFirst();
  if (!row)
    throw new LaokeError(
      'promotion.invalid',
      `Unknown event "${key}": a preset or one of this store's own events.`,
    );
  return { key, zh: row.name, en: row.name, monthDay: row.month_day };
}

/** The preset events and the store's own of a year, with their default phase windows, by date. */
export async function calendar(
  ctx: AppContext,
  access: StoreAccess,
  year: number,
): Promise<z.infer<typeof calendarSchema>> {
  const own = await ctx.database.db
    .selectFrom('promotion_events')
    .selectAll()
    .where('store_id', '=', access.storeId)
    .orderBy('id')
    .execute();
  const events: PresetEvent[] = [
    ...presetEvents,
    ...own.map((e) => ({ key: `custom-${e.id}`, zh: e.name, en: e.name, monthDay: e.month_day })),
  ];
  return {
    year,
    timeZone: access.store.time_zone,
    events: events
      .filter((event) => event.monthDay !== '02-29' || DateTime.fromISO(`${year}-02-29`).isValid)
      .map((event) => ({
        key: event.key,
        zh: event.zh,
        en: event.en,
        date: `${year}-${event.monthDay}`,
        phases: defaultPhases(event, year),
      }))
      .sort((a, b) => a.date.localeCompare(b.date) || a.key.localeCompare(b.key)),
    memberDays: await memberDaysOfYear(ctx.database.db, access.storeId, year),
  };
}

/** Adds one of the store's own events (店庆 …), on the same month and day every year; audited. */
export async function createEvent(
  ctx: AppContext,
  access: StoreAccess,
  actor: Actor,
  input: z.infer<typeof eventInputSchema>,
) {
  const { storeId } = access;
  checkMonthDay(input.monthDay);
  const now = ctx.clock.now();
  return ctx.database.db.transaction().execute(async (trx) => {
    const id = await allocateIds(trx, storeId, 'promotion_events');
    await trx
      .insertInto('promotion_events')
      .values({
        store_id: storeId,
        id,
        name: input.name,
        month_day: input.monthDay,
        created_at: now,
        created_by: actor.label,
      })
      .execute();
    await audit(trx, { storeId, actor, now }, 'promotion.event_create', { event: id }, { ...input });
    return { key: `custom-${id}`, name: input.name, monthDay: input.monthDay };
  });
}

/** The row of one of the store's own events; presets and unknown keys are refused. */
async function ownEventRow(db: Db, storeId: StoreId, key: string) {
  if (presetEvent(key))
    throw new LaokeError(
      'promotion.invalid',
      `"${key}" is a preset event: only the store's own events (custom-<id>) can be changed or deleted.`,
    );
  const id = /^custom-(\d{1,10})$/.exec(key)?.[1];
  const row =
    id === undefined || Number(id) > 2_147_483_647
      ? undefined
      : await db
          .selectFrom('promotion_events')
          .selectAll()
          .where('store_id', '=', storeId)
          .where('id', '=', Number(id))
          .executeTakeFirst();
  if (!row) throw new LaokeError('promotion.not_found', `No event "${key}" of this store.`);
  return row;
}

const checkMonthDay = (monthDay: string) => {
  if (!DateTime.fromISO(`2024-${monthDay}`).isValid)
    throw new LaokeError('promotion.invalid', `monthDay: "${monthDay}" is not a day of the year (MM-dd).`);
};

/** Renames or moves one of the store's own events (its plans keep their own windows); audited. */
export async function updateEvent(
  ctx: AppContext,
  access: StoreAccess,
  actor: Actor,
  key: string,
  patch: z.infer<typeof eventPatchSchema>,
) {
  const { storeId } = access;
  if (patch.monthDay !== undefined) checkMonthDay(patch.monthDay);
  const now = ctx.clock.now();
  return ctx.database.db.transaction().execute(async (trx) => {
    const row = await ownEventRow(trx, storeId, key);
    const next = { name: patch.name ?? row.name, monthDay: patch.monthDay ?? row.month_day };
    await trx
      .updateTable('promotion_events')
      .set({ name: next.name, month_day: next.monthDay })
      .where('store_id', '=', storeId)
      .where('id', '=', row.id)
      .execute();
    await audit(
      trx,
      { storeId, actor, now },
      'promotion.event_update',
      { event: row.id },
      { before: { name: row.name, monthDay: row.month_day }, after: next },
    );
    return { key, ...next };
  });
}

/** Sets columns of a plan's row (its target, lessons, updated_at). */
function updatePlanRow(db: Db, storeId: StoreId, planId: number, set: Updateable<PromotionPlansTable>) {
  return db
    .updateTable('promotion_plans')
    .set(set)
    .where('store_id', '=', storeId)
    .where('id', '=', planId)
    .execute();
}

/** Deletes one of the store's own events; refused while a plan uses it (promotion.event_in_use). */
export async function deleteEvent(ctx: AppContext, access: StoreAccess, actor: Actor, key: string) {
  const { storeId } = access;
  const now = ctx.clock.now();
  await ctx.database.db.transaction().execute(async (trx) => {
    const row = await ownEventRow(trx, storeId, key);
    const plans = await trx
      .selectFrom('promotion_plans')
      .select('year')
      .where('store_id', '=', storeId)
      .where('event', '=', key)
      .orderBy('year')
      .execute();
    if (plans.length > 0)
      throw new LaokeError(
        'promotion.event_in_use',
        `"${row.name}" has plans (${plans.map((p) => p.year).join(', ')}); delete those plans first or keep the event.`,
        { years: plans.map((p) => p.year) },
      );
    await trx
      .deleteFrom('promotion_events')
      .where('store_id', '=', storeId)
      .where('id', '=', row.id)
      .execute();
    await audit(
      trx,
      { storeId, actor, now },
      'promotion.event_delete',
      { event: row.id },
      { name: row.name, monthDay: row.month_day },
    );
  });
}

async function planRow(db: Db, storeId: StoreId, planId: number) {
  const row = await db
    .selectFrom('promotion_plans')
    .selectAll()
    .where('store_id', '=', storeId)
    .where('id', '=', planId)
    .executeTakeFirst();
  if (!row) throw new LaokeError('promotion.not_found', `No promotion plan ${planId} in this store.`);
  return row;
}

/** The plan's phase windows, in order. */
export async function phaseWindows(db: Db, storeId: StoreId, planId: number) {
  const rows = await db
    .selectFrom('promotion_phases')
    .selectAll()
    .where('store_id', '=', storeId)
    .where('plan_id', '=', planId)
    .orderBy('position')
    .execute();
  return rows.map((r) => ({ phase: r.phase as Phase, from: r.from_date, to: r.to_date, goal: r.goal }));
}

/** The plan's phases with the saved audiences each aims at, in the planner's order. */
async function phasesWithAudiences(db: Db, storeId: StoreId, planId: number) {
  const links = await db
    .selectFrom('promotion_phase_audiences as l')
    .innerJoin('audiences as a', (join) =>
      join.onRef('a.store_id', '=', 'l.store_id').onRef('a.id', '=', 'l.audience_id'),
    )
    .select(['l.phase', 'a.id', 'a.name'])
    .where('l.store_id', '=', storeId)
    .where('l.plan_id', '=', planId)
    .orderBy('l.phase')
    .orderBy('l.position')
    .execute();
  return (await phaseWindows(db, storeId, planId)).map((window) => ({
    ...window,
    audiences: links.filter((l) => l.phase === window.phase).map((l) => ({ id: l.id, name: l.name })),
  }));
}

function toTask(row: {
  id: number;
  phase: string;
  kind: string;
  title: string;
  owner_user_id: number | null;
  due_date: string;
  status: string;
  campaign_id: number | null;
  coupon_batch_id: number | null;
  gift_plan_id: number | null;
}): Task {
  return {
    id: row.id,
    phase: row.phase as Task['phase'],
    kind: row.kind as Task['kind'],
    title: row.title,
    ownerUserId: row.owner_user_id,
    dueDate: row.due_date,
    status: row.status as Task['status'],
    campaignId: row.campaign_id,
    couponBatchId: row.coupon_batch_id,
    giftPlanId: row.gift_plan_id,
  };
}

/**
 * The lessons of the store's plan that ended last before this one ends and has some: what the last
 * 双十一's review taught, shown while planning 双十二 (whose build-up overlaps 双十一's window).
 */
async function earlierLessons(db: Db, storeId: StoreId, planId: number): Promise<Plan['earlierLessons']> {
  const own = await db
    .selectFrom('promotion_phases')
    .select((eb) => eb.fn.max('to_date').as('ends'))
    .where('store_id', '=', storeId)
    .where('plan_id', '=', planId)
    .executeTakeFirst();
  if (!own?.ends) return null;
  const row = await db
    .selectFrom('promotion_plans as p')
    .innerJoin('promotion_phases as ph', (join) =>
      join.onRef('ph.store_id', '=', 'p.store_id').onRef('ph.plan_id', '=', 'p.id'),
    )
    .select(['p.id', 'p.event', 'p.year', 'p.lessons', (eb) => eb.fn.max('ph.to_date').as('ends')])
    .where('p.store_id', '=', storeId)
    .where('p.id', '!=', planId)
    .where('p.lessons', 'is not', null)
    .groupBy(['p.id', 'p.event', 'p.year', 'p.lessons'])
    .having((eb) => eb.fn.max('ph.to_date'), '<', own.ends)
    .orderBy('ends', 'desc')
    .orderBy('p.id', 'desc')
    .executeTakeFirst();
  if (!row?.lessons) return null;
  const event = await eventOf(db, storeId, row.event);
  return {
    planId: row.id,
    event: row.event,
    eventName: { zh: event.zh, en: event.en },
    year: row.year,
    text: row.lessons,
  };
}

export async function getPlan(db: Db, storeId: StoreId, planId: number): Promise<Plan> {
  const row = await planRow(db, storeId, planId);
  const event = await eventOf(db, storeId, row.event);
  const tasks = await db
    .selectFrom('promotion_tasks')
    .selectAll()
    .where('store_id', '=', storeId)
    .where('plan_id', '=', planId)
    .orderBy('due_date')
    .orderBy('id')
    .execute();
  return {
    id: row.id,
    event: row.event,
    eventName: { zh: event.zh, en: event.en },
    year: row.year,
    phases: await phasesWithAudiences(db, storeId, planId),
    tasks: tasks.map(toTask),
    target:
      row.target_old_revenue === null
        ? null
        : {
            oldRevenue: Number(row.target_old_revenue),
            newRevenue: Number(row.target_new_revenue),
            oldBuyers: Number(row.target_old_buyers),
            newBuyers: Number(row.target_new_buyers),
          },
    responseRates: JSON.parse(row.response_rates) as Record<string, number>,
    lessons: row.lessons ?? null,
    earlierLessons: await earlierLessons(db, storeId, planId),
    createdAt: Number(row.created_at),
    createdBy: row.created_by,
  };
}

export async function listPlans(db: Db, storeId: StoreId) {
  const rows = await db
    .selectFrom('promotion_plans')
    .select(['id', 'event', 'year'])
    .where('store_id', '=', storeId)
    .orderBy('year', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return rows.map((r) => ({ id: r.id, event: r.event, year: r.year }));
}

/** The plan of an event and year, or undefined. */
export async function findPlanId(db: Db, storeId: StoreId, event: string, year: number) {
  const row = await db
    .selectFrom('promotion_plans')
    .select('id')
    .where('store_id', '=', storeId)
    .where('event', '=', event)
    .where('year', '=', year)
    .executeTakeFirst();
  return row?.id;
}

const nextYear = (date: string) => DateTime.fromISO(date).plus({ years: 1 }).toISODate()!;

/** Creates a plan with the default phases, or a copy of last year's plan a year later. */
export async function createPlan(
  ctx: AppContext,
  access: StoreAccess,
  actor: Actor,
  input: z.infer<typeof createPlanSchema>,
): Promise<Plan> {
  const { storeId } = access;
  const now = ctx.clock.now();
  return ctx.database.db.transaction().execute(async (trx) => {
    const event = await eventOf(trx, storeId, input.event);
    if ((await findPlanId(trx, storeId, input.event, input.year)) !== undefined)
      throw new LaokeError('promotion.exists', `${event.zh} ${input.year} already has a plan.`, {
        event: input.event,
        year: input.year,
      });
    let windows: (PhaseWindow & { goal: string; audienceIds?: readonly number[] })[] = defaultPhases(
      event,
      input.year,
    ).map((w) => ({
      ...w,
      goal: '',
    }));
    let source: Plan | undefined;
    if (input.copyLastYear) {
      const lastId = await findPlanId(trx, storeId, input.event, input.year - 1);
      if (lastId === undefined)
        throw new LaokeError(
          'promotion.not_found',
          `${event.zh} ${input.year - 1} has no plan to copy; create this one without copyLastYear.`,
        );
      source = await getPlan(trx, storeId, lastId);
      windows = source.phases.map((p) => ({
        ...p,
        from: nextYear(p.from),
        to: nextYear(p.to),
        audienceIds: p.audiences.map((a) => a.id),
      }));
    }
    const id = await allocateIds(trx, storeId, 'promotion_plans');
    await trx
      .insertInto('promotion_plans')
      .values({
        store_id: storeId,
        id,
        event: input.event,
        year: input.year,
        target_old_revenue: null,
        target_new_revenue: null,
        target_old_buyers: null,
        target_new_buyers: null,
        response_rates: JSON.stringify(source?.responseRates ?? {}),
        created_at: now,
        created_by: actor.label,
        updated_at: now,
      })
      .execute();
    await writePhases(trx, storeId, id, windows);
    if (source && source.tasks.length > 0) {
      const first = await allocateIds(trx, storeId, 'promotion_tasks', source.tasks.length);
      await trx
        .insertInto('promotion_tasks')
        .values(
          source.tasks.map((t, i) => ({
            store_id: storeId,
            id: first + i,
            plan_id: id,
            phase: t.phase,
            kind: t.kind,
            title: t.title,
            owner_user_id: t.ownerUserId,
            due_date: nextYear(t.dueDate),
            status: 'todo',
            // Last year's campaign, coupon batch and gifts are done; this year's are linked when made.
            campaign_id: null,
            coupon_batch_id: null,
            gift_plan_id: null,
            updated_at: now,
          })),
        )
        .execute();
    }
    await audit(
      trx,
      { storeId, actor, now },
      'promotion.plan_create',
      { plan: id },
      { event: input.event, year: input.year, copiedFrom: source?.id ?? null },
    );
    return getPlan(trx, storeId, id);
  });
}

async function writePhases(
  db: Db,
  storeId: StoreId,
  planId: number,
  windows: readonly (PhaseWindow & { goal: string; audienceIds?: readonly number[] })[],
) {
  await db
    .deleteFrom('promotion_phase_audiences')
    .where('store_id', '=', storeId)
    .where('plan_id', '=', planId)
    .execute();
  await db
    .deleteFrom('promotion_phases')
    .where('store_id', '=', storeId)
    .where('plan_id', '=', planId)
    .execute();
  await db
    .insertInto('promotion_phases')
    .values(
      windows.map((w, position) => ({
        store_id: storeId,
        plan_id: planId,
        phase: w.phase,
        position,
        from_date: w.from,
        to_date: w.to,
        goal: w.goal,
      })),
    )
    .execute();
  const links = windows.flatMap((w) =>
    [...new Set(w.audienceIds ?? [])].map((audienceId, position) => ({
      store_id: storeId,
      plan_id: planId,
      phase: w.phase,
      audience_id: audienceId,
      position,
    })),
  );
  if (links.length > 0) await db.insertInto('promotion_phase_audiences').values(links).execute();
}

/** Refuses audience ids that are not saved audiences of this store, naming the first. */
async function checkPhaseAudiences(
  db: Db,
  storeId: StoreId,
  windows: readonly { audienceIds: readonly number[] }[],
) {
  const wanted = [...new Set(windows.flatMap((w) => w.audienceIds))];
  if (wanted.length === 0) return;
  const found = new Set(
    (
      await db
        .selectFrom('audiences')
        .select('id')
        .where('store_id', '=', storeId)
        .where('id', 'in', wanted)
        .execute()
    ).map((row) => row.id),
  );
  const missing = wanted.find((id) => !found.has(id));
  if (missing !== undefined)
    throw new LaokeError(
      'promotion.invalid',
      `audienceIds: ${missing} is not a saved audience of this store.`,
      {
        audienceId: missing,
      },
    );
}

/** Replaces the four phase windows and goals: in order, each a valid span, none overlapping. */
export async function updatePhases(
  ctx: AppContext,
  access: StoreAccess,
  actor: Actor,
  planId: number,
  input: z.infer<typeof phasesInputSchema>,
): Promise<Plan> {
  const { storeId } = access;
  const now = ctx.clock.now();
  return ctx.database.db.transaction().execute(async (trx) => {
    await planRow(trx, storeId, planId);
    const problem = phaseWindowProblem(input.phases);
    if (problem) throw new LaokeError('promotion.invalid', `phases: ${problem}.`);
    const current = await phasesWithAudiences(trx, storeId, planId);
    const windows = input.phases.map((p) => ({
      ...p,
      audienceIds:
        p.audienceIds ?? current.find((c) => c.phase === p.phase)?.audiences.map((a) => a.id) ?? [],
    }));
    await checkPhaseAudiences(trx, storeId, windows);
    await writePhases(trx, storeId, planId, windows);
    await updatePlanRow(trx, storeId, planId, { updated_at: now });
    await audit(
      trx,
      { storeId, actor, now },
      'promotion.phases_update',
      { plan: planId },
      {
        phases: input.phases.map((p) => `${p.phase} ${p.from}..${p.to}`),
        audiences: Object.fromEntries(windows.map((p) => [p.phase, p.audienceIds])),
      },
    );
    return getPlan(trx, storeId, planId);
  });
}

const taskLinks = [
  ['campaignId', 'campaigns', 'campaign'],
  ['couponBatchId', 'coupon_batches', 'coupon batch'],
  ['giftPlanId', 'gift_plans', 'gift plan'],
] as const;

/** Refuses a task whose owner, campaign, coupon batch or gift plan is not this store's. */
async function checkTaskLinks(
  db: Db,
  storeId: StoreId,
  task: {
    ownerUserId?: number | null;
    campaignId?: number | null;
    couponBatchId?: number | null;
    giftPlanId?: number | null;
    dueDate?: string;
  },
) {
  if (task.dueDate !== undefined && DateTime.fromISO(task.dueDate).toISODate() !== task.dueDate)
    throw new LaokeError(
      'promotion.invalid',
      `dueDate: "${task.dueDate}" is not a calendar day (yyyy-MM-dd).`,
    );
  if (task.ownerUserId != null) {
    const member = await db
      .selectFrom('store_members')
      .select('user_id')
      .where('store_id', '=', storeId)
      .where('user_id', '=', task.ownerUserId as never)
      .executeTakeFirst();
    if (!member)
      throw new LaokeError(
        'promotion.invalid',
        `ownerUserId: user ${task.ownerUserId} is not a member of this store.`,
      );
  }
  // The linked campaign, coupon batch and gift plan must be this store's.
  for (const [field, table, what] of taskLinks) {
    const id = task[field];
    if (id == null) continue;
    const row = await db
      .selectFrom(table as 'campaigns')
      .select('id')
      .where('store_id', '=', storeId)
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) throw new LaokeError('promotion.invalid', `${field}: no ${what} ${id} in this store.`);
  }
}

export async function addTask(
  ctx: AppContext,
  access: StoreAccess,
  actor: Actor,
  planId: number,
  input: z.infer<typeof taskInputSchema>,
): Promise<Task> {
  const { storeId } = access;
  const now = ctx.clock.now();
  return ctx.database.db.transaction().execute(async (trx) => {
    await planRow(trx, storeId, planId);
    await checkTaskLinks(trx, storeId, input);
    const id = await allocateIds(trx, storeId, 'promotion_tasks');
    await trx
      .insertInto('promotion_tasks')
      .values({
        store_id: storeId,
        id,
        plan_id: planId,
        phase: input.phase,
        kind: input.kind,
        title: input.title,
        owner_user_id: input.ownerUserId,
        due_date: input.dueDate,
        status: input.status,
        campaign_id: input.campaignId,
        coupon_batch_id: input.couponBatchId,
        gift_plan_id: input.giftPlanId,
        updated_at: now,
      })
      .execute();
    await audit(
      trx,
      { storeId, actor, now },
      'promotion.task_add',
      { plan: planId },
      { taskId: id, kind: input.kind, title: input.title },
    );
    return toTask((await taskRow(trx, storeId, planId, id))!);
  });
}

function taskRow(db: Db, storeId: StoreId, planId: number, taskId: number) {
  return db
    .selectFrom('promotion_tasks')
    .selectAll()
    .where('store_id', '=', storeId)
    .where('plan_id', '=', planId)
    .where('id', '=', taskId)
    .executeTakeFirst();
}

export async function updateTask(
  ctx: AppContext,
  access: StoreAccess,
  actor: Actor,
  planId: number,
  taskId: number,
  patch: z.infer<typeof taskPatchSchema>,
): Promise<Task> {
  const { storeId } = access;
  const now = ctx.clock.now();
  return ctx.database.db.transaction().execute(async (trx) => {
    if (!(await taskRow(trx, storeId, planId, taskId)))
      throw new LaokeError('promotion.not_found', `No task ${taskId} in promotion plan ${planId}.`);
    await checkTaskLinks(trx, storeId, patch);
    await trx
      .updateTable('promotion_tasks')
      .set({
        ...(patch.phase === undefined ? {} : { phase: patch.phase }),
        ...(patch.kind === undefined ? {} : { kind: patch.kind }),
        ...(patch.title === undefined ? {} : { title: patch.title }),
        ...(patch.ownerUserId === undefined ? {} : { owner_user_id: patch.ownerUserId }),
        ...(patch.dueDate === undefined ? {} : { due_date: patch.dueDate }),
        ...(patch.status === undefined ? {} : { status: patch.status }),
        ...(patch.campaignId === undefined ? {} : { campaign_id: patch.campaignId }),
        ...(patch.couponBatchId === undefined ? {} : { coupon_batch_id: patch.couponBatchId }),
        ...(patch.giftPlanId === undefined ? {} : { gift_plan_id: patch.giftPlanId }),
        updated_at: now,
      })
      .where('store_id', '=', storeId)
      .where('id', '=', taskId)
      .execute();
    await audit(
      trx,
      { storeId, actor, now },
      'promotion.task_update',
      { plan: planId },
      { taskId, ...patch },
    );
    return toTask((await taskRow(trx, storeId, planId, taskId))!);
  });
}

/** Stores the target (typically the forecast, edited) and the per-plan response-rate overrides. */
export async function setTarget(
  ctx: AppContext,
  access: StoreAccess,
  actor: Actor,
  planId: number,
  input: z.infer<typeof targetInputSchema>,
): Promise<Plan> {
  const { storeId } = access;
  const now = ctx.clock.now();
  return ctx.database.db.transaction().execute(async (trx) => {
    await planRow(trx, storeId, planId);
    await updatePlanRow(trx, storeId, planId, {
      target_old_revenue: input.oldRevenue as Fen,
      target_new_revenue: input.newRevenue as Fen,
      target_old_buyers: input.oldBuyers,
      target_new_buyers: input.newBuyers,
      ...(input.responseRates === undefined ? {} : { response_rates: JSON.stringify(input.responseRates) }),
      updated_at: now,
    });
    await audit(trx, { storeId, actor, now }, 'promotion.target_set', { plan: planId }, { ...input });
    return getPlan(trx, storeId, planId);
  });
}

/** Writes (or, with an empty text, clears) what the plan's review taught; audited. */
export async function setLessons(
  ctx: AppContext,
  access: StoreAccess,
  actor: Actor,
  planId: number,
  input: z.infer<typeof lessonsInputSchema>,
): Promise<Plan> {
  const { storeId } = access;
  const now = ctx.clock.now();
  return ctx.database.db.transaction().execute(async (trx) => {
    const before = await planRow(trx, storeId, planId);
    const lessons = input.lessons === '' ? null : input.lessons;
    await updatePlanRow(trx, storeId, planId, { lessons, updated_at: now });
    await audit(
      trx,
      { storeId, actor, now },
      'promotion.lessons_set',
      { plan: planId },
      {
        before: before.lessons ?? null,
        after: lessons,
      },
    );
    return getPlan(trx, storeId, planId);
  });
}

/** Deletes a task of the plan; audited. */
export async function deleteTask(
  ctx: AppContext,
  access: StoreAccess,
  actor: Actor,
  planId: number,
  taskId: number,
): Promise<void> {
  const { storeId } = access;
  const now = ctx.clock.now();
  await ctx.database.db.transaction().execute(async (trx) => {
    const row = await taskRow(trx, storeId, planId, taskId);
    if (!row) throw new LaokeError('promotion.not_found', `No task ${taskId} in promotion plan ${planId}.`);
    await trx
      .deleteFrom('promotion_tasks')
      .where('store_id', '=', storeId)
      .where('id', '=', taskId)
      .execute();
    await audit(
      trx,
      { storeId, actor, now },
      'promotion.task_delete',
      { plan: planId },
      { taskId, kind: row.kind, title: row.title, campaignId: row.campaign_id },
    );
  });
}

/**
 * Creates a draft campaign for a phase of the plan (createCampaign: the campaign API's checks, its
 * approval rule at send) and, in the same transaction, a task of kind campaign linked to it, due on
 * the schedule's store-local day (the phase's first day for "now"). Audited as both.
 */
export async function createPlanCampaign(
  ctx: AppContext,
  access: StoreAccess,
  actor: Actor,
  planId: number,
  input: z.infer<typeof planCampaignInputSchema>,
): Promise<z.infer<typeof planCampaignSchema>> {
  const { storeId } = access;
  const db = ctx.database.db;
  const plan = await getPlan(db, storeId, planId);
  const window = plan.phases.find((p) => p.phase === input.phase)!;
  const { phase, title, channel, ...fields } = input;
  if (channel !== undefined) {
    const template = await getTemplate(db, storeId, fields.templateId);
    if (template.channel !== channel)
      throw new LaokeError(
        'promotion.invalid',
        `channel: template "${template.name}" sends by ${template.channel}, not ${channel}; pick a ${channel} template.`,
        { templateChannel: template.channel },
      );
  }
  const name = title ?? `${plan.eventName.zh} ${plan.year} ${phaseNames[phase].zh}`;
  const startsAt =
    fields.schedule.kind === 'at'
      ? fields.schedule.at
      : fields.schedule.kind === 'window'
        ? fields.schedule.from
        : null;
  const dueDate = startsAt === null ? window.from : localDateOf(startsAt as Instant, access.store.time_zone);
  let taskId = 0;
  const campaign = await createCampaign(ctx, access, actor, { ...fields, name }, async (trx, campaignId) => {
    const now = ctx.clock.now();
    taskId = await allocateIds(trx, storeId, 'promotion_tasks');
    await trx
      .insertInto('promotion_tasks')
      .values({
        store_id: storeId,
        id: taskId,
        plan_id: planId,
        phase,
        kind: 'campaign',
        title: name,
        owner_user_id: null,
        due_date: dueDate,
        status: 'todo',
        campaign_id: campaignId,
        coupon_batch_id: fields.couponBatchId ?? null,
        gift_plan_id: null,
        updated_at: now,
      })
      .execute();
    await audit(
      trx,
      { storeId, actor, now },
      'promotion.campaign_create',
      { plan: planId },
      { taskId, campaignId, phase, title: name, dueDate },
    );
  });
  const task = toTask((await taskRow(db, storeId, planId, taskId))!);
  return {
    task,
    campaign: { id: campaign.id, name: campaign.name, status: campaign.status, channel: campaign.channel },
  };
}
