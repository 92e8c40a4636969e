import type { Kysely } from 'kysely';
import type { Actor } from '../audit/actor.js';
import { insertAuditEntry } from '../audit/audit.store.js';
import type { AppContext } from '../context.js';
import { tagsOf } from '../customers/archive.store.js';
import { type ExportFormat, exportCustomers } from '../customers/export.js';
import type { CustomerList } from '../customers/schemas.js';
import { toSummary } from '../customers/service.js';
import type { Db } from '../db/database.js';
import { dialectOf } from '../db/dialect/schema-ddl.js';
import type { StoreRow } from '../db/schema.js';
import { LaokeError } from '../shared/errors.js';
import type { CustomerId, StoreId } from '../shared/ids.js';
import type { Instant } from '../shared/time.js';
import type { StoreAccess } from '../stores/access.js';
import { parseStoreSettings } from '../stores/settings.js';
import { findStoreById } from '../stores/stores.store.js';
import {
  type AudienceWhere,
  audienceCustomers,
  audiencesMentioning,
  countAudienceCustomers,
  deleteSavedAudience,
  existingCampaigns,
  findSavedAudiences,
  getSavedAudience,
  insertSavedAudience,
  listSavedAudiences,
  type SavedAudienceRow,
  updateSavedAudience,
} from './audiences.store.js';
import { compileAudience } from './compile.js';
import { type AudienceCalendar, audienceCalendar } from './dates.js';
import {
  type AudienceDefinition,
  audienceDefinitionSchema,
  LIMITS,
  referencedAudiences,
  referencedCampaigns,
} from './definition.js';
import { type LiveCount, type LiveCounter, liveCounterOf } from './snapshot/counter.js';

// Audiences: definitions checked against the store's saved audiences (no cycles, no unknown ids),
// compiled, counted, listed, saved and frozen.

/** A stored definition, read back through the schema (a definition is only ever stored valid). */
export function parseStoredDefinition(row: SavedAudienceRow): AudienceDefinition {
  const parsed = audienceDefinitionSchema.safeParse(JSON.parse(row.definition));
  if (!parsed.success)
    throw new LaokeError('audience.invalid', `Saved audience ${row.id} no longer reads as a definition.`, {
      id: row.id,
      issues: parsed.error.issues.slice(0, 5),
    });
  return parsed.data;
}

/**
 * Every saved audience a definition refers to, directly or through others, by id. Refuses an
 * unknown id, a circle (A leaves out B, B is "members of A") and references nested too deep.
 * `selfId` is the audience being saved, so a definition cannot refer to itself.
 */
export async function resolveReferences(
  db: Db,
  storeId: StoreId,
  definition: AudienceDefinition,
  selfId?: number,
): Promise<Map<number, AudienceDefinition>> {
  await refuseUnknownCampaigns(db, storeId, definition);
  const saved = new Map<number, AudienceDefinition>();
  const root = referencedAudiences(definition);
  const edges = new Map<number, readonly number[]>([[-1, root]]);
  let frontier = root;
  for (let level = 0; frontier.length > 0; level++) {
    if (selfId !== undefined && frontier.includes(selfId))
      throw new LaokeError('audience.cycle', `Saved audience ${selfId} would refer back to itself.`, {
        id: selfId,
      });
    if (level >= LIMITS.references)
      throw new LaokeError(
        'audience.invalid',
        `Saved audiences refer to saved audiences more than ${LIMITS.references} deep.`,
      );
    const rows = await findSavedAudiences(db, storeId, frontier);
    const missing = frontier.find((id) => !rows.some((row) => row.id === id));
    if (missing !== undefined)
      throw new LaokeError('audience.not_found', `No saved audience ${missing} in this store.`, {
        id: missing,
      });
    const next: number[] = [];
    for (const row of rows) {
      const parsed = parseStoredDefinition(row);
      saved.set(row.id, parsed);
      edges.set(row.id, referencedAudiences(parsed));
      next.push(...referencedAudiences(parsed));
    }
    frontier = [...new Set(next)].filter((id) => !saved.has(id));
  }
  refuseCycles(edges);
  return saved;
}

/** An "answered a campaign" condition names campaigns of this store, or none. */
async function refuseUnknownCampaigns(db: Db, storeId: StoreId, definition: AudienceDefinition) {
  const named = referencedCampaigns(definition);
  if (named.length === 0) return;
  const known = new Set(await existingCampaigns(db, storeId, named));
  const missing = named.find((id) => !known.has(id));
  if (missing !== undefined)
    throw new LaokeError('campaign.not_found', `No campaign ${missing} in this store.`, { id: missing });
}

function refuseCycles(edges: ReadonlyMap<number, readonly number[]>): void {
  const done = new Set<number>();
  const visit = (id: number, path: number[]): void => {
    if (path.includes(id))
      throw new LaokeError(
        'audience.cycle',
        `Saved audiences ${[...path, id].join(' → ')} refer in a circle.`,
        {
          path: [...path, id],
        },
      );
    if (done.has(id)) return;
    for (const next of edges.get(id) ?? []) visit(next, [...path, id]);
    done.add(id);
  };
  for (const id of edges.keys()) visit(id, []);
}

/** What a definition is evaluated against: the store's calendar now and its saved audiences. */
export async function audienceScope(
  db: Db,
  store: StoreRow,
  definition: AudienceDefinition,
  now: Instant,
  selfId?: number,
): Promise<{ saved: Map<number, AudienceDefinition>; calendar: AudienceCalendar }> {
  const saved = await resolveReferences(db, store.id, definition, selfId);
  const settings = parseStoreSettings(store.settings);
  return { saved, calendar: audienceCalendar(now, store.time_zone, settings.analytics.promotions) };
}

/** The definition compiled for the store as of `now` (its time zone, its promotions). */
export async function compileForStore(
  db: Db,
  store: StoreRow,
  definition: AudienceDefinition,
  now: Instant,
  selfId?: number,
): Promise<AudienceWhere> {
  const { saved, calendar } = await audienceScope(db, store, definition, now, selfId);
  return compileAudience(definition, {
    storeId: store.id,
    dialect: dialectOf(db as unknown as Kysely<unknown>),
    calendar,
    saved,
  });
}

const SAMPLE = 10;

/**
 * The process's live counter for the context's database (src/audiences/snapshot/counter.ts),
 * made with the settings of the first context that asks.
 */
export function liveCounter(ctx: AppContext): LiveCounter {
  const { stores, maxAgeMs } = ctx.config.liveCount;
  return liveCounterOf(ctx.database, {
    stores,
    maxAgeMs,
    rebuildEveryMs: Math.max(maxAgeMs / 2, 15_000),
    now: () => ctx.clock.now(),
  });
}

/**
 * The count of a definition now, with a few member ids. `live` (the builder's count while
 * editing) may answer from the store's columns in memory when a snapshot fit to answer is there;
 * otherwise, and always for a one-off count (the CLI, a campaign's estimate), the database does.
 */
export async function countAudience(
  ctx: AppContext,
  access: StoreAccess,
  definition: AudienceDefinition,
  options: { live: boolean } = { live: false },
): Promise<LiveCount> {
  const { db } = ctx.database;
  const now = ctx.clock.now();
  const scope = await audienceScope(db, access.store, definition, now);
  if (options.live && ctx.config.liveCount.stores > 0) {
    const live = await liveCounter(ctx).count(access.storeId, definition, scope, SAMPLE);
    if (live) return live;
  }
  const where = compileAudience(definition, {
    storeId: access.storeId,
    dialect: dialectOf(db as unknown as Kysely<unknown>),
    ...scope,
  });
  const count = await countAudienceCustomers(db, access.storeId, where);
  if (count === 0) return { count, sample: [], asOf: now, current: true };
  // Any few members, not the lowest ids: "ORDER BY id" would walk the whole store by id for a
  // rare audience instead of taking the count's plan and stopping after a few.
  const rows = await audienceCustomers(db, access.storeId, where)
    .select('customers.id')
    .limit(SAMPLE)
    .execute();
  return { count, sample: rows.map((row) => Number(row.id)).sort((a, b) => a - b), asOf: now, current: true };
}

/**
 * The audience's members now, in id order: what a campaign freezes at send time. Runs in the
 * caller's transaction, so the members and the rows it writes for them agree.
 */
export async function freezeAudience(
  trx: Db,
  storeId: StoreId,
  definition: AudienceDefinition,
  now: Instant,
): Promise<CustomerId[]> {
  const store = await findStoreById(trx, storeId);
  if (!store) throw new LaokeError('store.not_found', `No store ${storeId}.`);
  const where = await compileForStore(trx, store, definition, now);
  const rows = await audienceCustomers(trx, storeId, where)
    .select('customers.id')
    .orderBy('customers.id')
    .execute();
  return rows.map((row) => row.id);
}

export interface SavedAudience {
  readonly id: number;
  readonly name: string;
  readonly description: string;
  readonly definition: AudienceDefinition;
  readonly createdAt: number;
  readonly createdBy: string;
  readonly updatedAt: number;
  readonly updatedBy: string;
}

function toSaved(row: SavedAudienceRow): SavedAudience {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    definition: parseStoredDefinition(row),
    createdAt: Number(row.created_at),
    createdBy: row.created_by,
    updatedAt: Number(row.updated_at),
    updatedBy: row.updated_by,
  };
}

export async function listAudiences(ctx: AppContext, storeId: StoreId): Promise<SavedAudience[]> {
  return (await listSavedAudiences(ctx.database.db, storeId)).map(toSaved);
}

export async function getAudience(ctx: AppContext, storeId: StoreId, id: number): Promise<SavedAudience> {
  return toSaved(await getSavedAudience(ctx.database.db, storeId, id));
}

/** Saves a new audience after checking its references; audited. */
export async function createAudience(
  ctx: AppContext,
  access: StoreAccess,
  actor: Actor,
  input: { name: string; description?: string | undefined; definition: AudienceDefinition },
): Promise<SavedAudience> {
  return ctx.database.db.transaction().execute(async (trx) => {
    await resolveReferences(trx, access.storeId, input.definition);
    const now = ctx.clock.now();
    const id = await insertSavedAudience(trx, access.storeId, {
      name: input.name,
      description: input.description ?? '',
      definition: JSON.stringify(input.definition),
      by: actor.label,
      now,
    });
    await insertAuditEntry(
      trx,
      access.storeId,
      actor,
      {
        action: 'audience.create',
        subjectType: 'audience',
        subjectId: String(id),
        details: { name: input.name },
      },
      now,
    );
    return toSaved(await getSavedAudience(trx, access.storeId, id));
  });
}

/** Renames, redescribes or redefines a saved audience; a new definition may not make a circle. */
export async function updateAudience(
  ctx: AppContext,
  access: StoreAccess,
  actor: Actor,
  id: number,
  input: {
    name?: string | undefined;
    description?: string | undefined;
    definition?: AudienceDefinition | undefined;
  },
): Promise<SavedAudience> {
  return ctx.database.db.transaction().execute(async (trx) => {
    await getSavedAudience(trx, access.storeId, id);
    if (input.definition) await resolveReferences(trx, access.storeId, input.definition, id);
    const now = ctx.clock.now();
    await updateSavedAudience(trx, access.storeId, id, {
      name: input.name,
      description: input.description,
      definition: input.definition ? JSON.stringify(input.definition) : undefined,
      by: actor.label,
      now,
    });
    await insertAuditEntry(
      trx,
      access.storeId,
      actor,
      {
        action: 'audience.update',
        subjectType: 'audience',
        subjectId: String(id),
        details: {
          fields: Object.keys(input).filter((key) => input[key as keyof typeof input] !== undefined),
        },
      },
      now,
    );
    return toSaved(await getSavedAudience(trx, access.storeId, id));
  });
}

/** Deletes a saved audience no other saved audience refers to; audited. */
export async function deleteAudience(
  ctx: AppContext,
  access: StoreAccess,
  actor: Actor,
  id: number,
): Promise<void> {
  await ctx.database.db.transaction().execute(async (trx) => {
    const row = await getSavedAudience(trx, access.storeId, id);
    for (const other of await audiencesMentioning(trx, access.storeId, id)) {
      if (referencedAudiences(parseStoredDefinition(other)).includes(id))
        throw new LaokeError('audience.in_use', `Saved audience "${other.name}" refers to this one.`, {
          id: other.id,
          name: other.name,
        });
    }
    await deleteSavedAudience(trx, access.storeId, id);
    await insertAuditEntry(
      trx,
      access.storeId,
      actor,
      {
        action: 'audience.delete',
        subjectType: 'audience',
        subjectId: String(id),
        details: { name: row.name },
      },
      ctx.clock.now(),
    );
  });
}

/** A page of a saved audience's members in id order, masked as in the customer list. */
export async function audienceMembers(
  ctx: AppContext,
  access: StoreAccess,
  id: number,
  page: { page: number; pageSize: number },
): Promise<CustomerList> {
  const { db } = ctx.database;
  const audience = await getAudience(ctx, access.storeId, id);
  const where = await compileForStore(db, access.store, audience.definition, ctx.clock.now(), id);
  const [rows, total] = await Promise.all([
    audienceCustomers(db, access.storeId, where)
      .selectAll('customers')
      .orderBy('customers.id')
      .limit(page.pageSize)
      .offset((page.page - 1) * page.pageSize)
      .execute(),
    countAudienceCustomers(db, access.storeId, where),
  ]);
  const tags = await tagsOf(
    ctx.database,
    access.storeId,
    rows.map((row) => row.id),
  );
  return {
    customers: rows.map((row) => toSummary(row, tags.get(row.id) ?? [])),
    total,
    totalCapped: false,
    page: page.page,
    pageSize: page.pageSize,
  };
}

/** Where an audience to export comes from, for the file name and the audit entry. */
export type AudienceSource =
  | { readonly kind: 'saved'; readonly id: number }
  | { readonly kind: 'ready'; readonly key: string; readonly definition: AudienceDefinition }
  | { readonly kind: 'definition'; readonly definition: AudienceDefinition };

/** An audience's members as CSV or XLSX, through the customer export (masking, audit). */
export async function exportAudience(
  ctx: AppContext,
  access: StoreAccess,
  actor: Actor,
  source: AudienceSource,
  options: { format: ExportFormat; language: 'zh-CN' | 'en' },
) {
  const saved = source.kind === 'saved' ? await getAudience(ctx, access.storeId, source.id) : undefined;
  const definition = saved?.definition ?? (source as { definition: AudienceDefinition }).definition;
  const selfId = source.kind === 'saved' ? source.id : undefined;
  const where = await compileForStore(ctx.database.db, access.store, definition, ctx.clock.now(), selfId);
  const audit =
    source.kind === 'saved'
      ? { audience: { id: source.id, name: saved!.name } }
      : source.kind === 'ready'
        ? { audience: { ready: source.key } }
        : { audience: { definition } };
  const fileStem =
    source.kind === 'saved'
      ? `audience-${source.id}`
      : source.kind === 'ready'
        ? `audience-${source.key}`
        : 'audience';
  return exportCustomers(ctx, access, actor, {
    format: options.format,
    filter: {},
    language: options.language,
    selection: { where, audit, fileStem },
  });
}
