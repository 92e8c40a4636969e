import type { Actor } from '../audit/actor.js';
import { insertAuditEntry } from '../audit/audit.store.js';
import { createUser } from '../auth/service.js';
import { findUserByLogin, normaliseLogin } from '../auth/users.store.js';
import type { AppContext } from '../context.js';
import type { Db } from '../db/database.js';
import { whenUnique } from '../db/dialect/errors.js';
import type { Platform, Role } from '../db/schema.js';
import { LaokeError } from '../shared/errors.js';
import type { StoreId, UserId } from '../shared/ids.js';
import { currencies } from '../shared/money.js';
import { isValidTimeZone } from '../shared/time.js';
import type { StoreAccess } from './access.js';
import { type StoreSettings, storeSettingsSchema } from './settings.js';
import {
  countOwners,
  deleteMember,
  findMembership,
  findStoreByName,
  insertMember,
  insertStore,
  updateMemberRole,
  updateStore as updateStoreRow,
} from './stores.store.js';

export interface StoreInput {
  readonly name: string;
  readonly platform: Platform;
  readonly currency?: string | undefined;
  readonly timeZone?: string | undefined;
  readonly isDemo?: boolean | undefined;
}

function assertStoreFields(fields: { currency?: string | undefined; timeZone?: string | undefined }): void {
  if (fields.currency !== undefined && !Object.hasOwn(currencies, fields.currency)) {
    throw new LaokeError(
      'request.invalid',
      `Unknown currency "${fields.currency}"; expected one of ${Object.keys(currencies).join(', ')}.`,
      {
        field: 'currency',
      },
    );
  }
  if (fields.timeZone !== undefined && !isValidTimeZone(fields.timeZone)) {
    throw new LaokeError(
      'request.invalid',
      `Unknown time zone "${fields.timeZone}"; expected an IANA name such as Asia/Shanghai.`,
      {
        field: 'timeZone',
      },
    );
  }
}

async function assertNameFree(db: Db, name: string, except?: StoreId): Promise<void> {
  const existing = await findStoreByName(db, name);
  if (existing && existing.id !== except)
    throw new LaokeError('store.name_taken', `A store named "${name}" exists.`);
}

/** Creates a store with `ownerId` as its first owner. */
export async function createStore(
  ctx: AppContext,
  actor: Actor,
  ownerId: UserId,
  input: StoreInput,
): Promise<StoreId> {
  const name = input.name.trim();
  assertStoreFields(input);
  const taken = () => new LaokeError('store.name_taken', `A store named "${name}" exists.`);
  return ctx.database.db
    .transaction()
    .execute(async (trx) => {
      await assertNameFree(trx, name);
      const now = ctx.clock.now();
      const storeId = await insertStore(
        trx,
        {
          name,
          platform: input.platform,
          currency: input.currency ?? 'CNY',
          timeZone: input.timeZone ?? 'Asia/Shanghai',
          isDemo: input.isDemo ?? false,
        },
        now,
      );
      await insertMember(trx, storeId, ownerId, 'owner', now);
      await insertAuditEntry(
        trx,
        storeId,
        actor,
        { action: 'store.create', subjectType: 'store', subjectId: storeId, details: { name } },
        now,
      );
      return storeId;
    })
    .catch(whenUnique(taken));
}

export interface StoreChanges {
  readonly name?: string | undefined;
  readonly platform?: Platform | undefined;
  readonly currency?: string | undefined;
  readonly timeZone?: string | undefined;
  readonly settings?: Partial<StoreSettings> | undefined;
}

/** Changes a store's profile or settings and records what changed. */
export async function updateStore(
  ctx: AppContext,
  actor: Actor,
  access: StoreAccess,
  changes: StoreChanges,
): Promise<void> {
  assertStoreFields(changes);
  const name = changes.name?.trim();
  const settings =
    changes.settings === undefined
      ? undefined
      : storeSettingsSchema.parse({ ...access.settings, ...changes.settings });
  await ctx.database.db.transaction().execute(async (trx) => {
    if (name !== undefined) await assertNameFree(trx, name, access.storeId);
    const now = ctx.clock.now();
    await updateStoreRow(
      trx,
      access.storeId,
      {
        ...(name !== undefined ? { name } : {}),
        ...(changes.platform !== undefined ? { platform: changes.platform } : {}),
        ...(changes.currency !== undefined ? { currency: changes.currency } : {}),
        ...(changes.timeZone !== undefined ? { time_zone: changes.timeZone } : {}),
        ...(settings !== undefined ? { settings: JSON.stringify(settings) } : {}),
      },
      now,
    );
    await insertAuditEntry(
      trx,
      access.storeId,
      actor,
      { action: 'store.update', subjectType: 'store', subjectId: access.storeId, details: { ...changes } },
      now,
    );
  });
}

export interface MemberInput {
  readonly login: string;
  readonly role: Role;
  /** Creates the account when no user has this login yet. */
  readonly password?: string | undefined;
  readonly displayName?: string | undefined;
}

/** Adds a staff member to the store, creating the account when a password is given for a new login. */
export async function addMember(
  ctx: AppContext,
  actor: Actor,
  storeId: StoreId,
  input: MemberInput,
): Promise<UserId> {
  const { db } = ctx.database;
  const existing = await findUserByLogin(db, input.login);
  if (!existing && input.password === undefined) {
    throw new LaokeError(
      'user.not_found',
      `No user "${input.login}"; give a password to create the account.`,
    );
  }
  const userId = existing
    ? existing.id
    : await createUser(ctx, {
        login: input.login,
        password: input.password ?? '',
        displayName: input.displayName,
      });
  const login = existing?.login ?? normaliseLogin(input.login);
  await db.transaction().execute(async (trx) => {
    if (await findMembership(trx, storeId, userId)) {
      throw new LaokeError('member.exists', `"${login}" is already a member of this store.`);
    }
    const now = ctx.clock.now();
    await insertMember(trx, storeId, userId, input.role, now);
    await insertAuditEntry(
      trx,
      storeId,
      actor,
      { action: 'member.add', subjectType: 'user', subjectId: userId, details: { login, role: input.role } },
      now,
    );
  });
  return userId;
}

async function assertKeepsAnOwner(
  db: Db,
  storeId: StoreId,
  userId: UserId,
  nextRole: Role | null,
): Promise<Role> {
  const membership = await findMembership(db, storeId, userId);
  if (!membership) throw new LaokeError('member.not_found', `User ${userId} is not a member of this store.`);
  if (membership.role === 'owner' && nextRole !== 'owner' && (await countOwners(db, storeId)) <= 1) {
    throw new LaokeError(
      'member.last_owner',
      'This is the store’s only owner; make someone else owner first.',
    );
  }
  return membership.role;
}

export async function changeMemberRole(
  ctx: AppContext,
  actor: Actor,
  storeId: StoreId,
  userId: UserId,
  role: Role,
) {
  await ctx.database.db.transaction().execute(async (trx) => {
    const previous = await assertKeepsAnOwner(trx, storeId, userId, role);
    const now = ctx.clock.now();
    await updateMemberRole(trx, storeId, userId, role);
    await insertAuditEntry(
      trx,
      storeId,
      actor,
      {
        action: 'member.role',
        subjectType: 'user',
        subjectId: userId,
        details: { from: previous, to: role },
      },
      now,
    );
  });
}

export async function removeMember(ctx: AppContext, actor: Actor, storeId: StoreId, userId: UserId) {
  await ctx.database.db.transaction().execute(async (trx) => {
    const previous = await assertKeepsAnOwner(trx, storeId, userId, null);
    const now = ctx.clock.now();
    await deleteMember(trx, storeId, userId);
    await insertAuditEntry(
      trx,
      storeId,
      actor,
      { action: 'member.remove', subjectType: 'user', subjectId: userId, details: { role: previous } },
      now,
    );
  });
}
