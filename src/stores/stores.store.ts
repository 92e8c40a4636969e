import type { Db } from '../db/database.js';
import type { Platform, Role } from '../db/schema.js';
import type { StoreId, UserId } from '../shared/ids.js';
import type { Instant } from '../shared/time.js';

export interface NewStoreFields {
  readonly name: string;
  readonly platform: Platform;
  readonly currency: string;
  readonly timeZone: string;
  readonly isDemo?: boolean;
}

export async function insertStore(db: Db, store: NewStoreFields, now: Instant): Promise<StoreId> {
  const row = await db
    .insertInto('stores')
    .values({
      name: store.name,
      platform: store.platform,
      currency: store.currency,
      time_zone: store.timeZone,
      is_demo: store.isDemo ? 1 : 0,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export function findStoreById(db: Db, storeId: StoreId) {
  return db.selectFrom('stores').selectAll().where('id', '=', storeId).executeTakeFirst();
}

export function findStoreByName(db: Db, name: string) {
  return db.selectFrom('stores').selectAll().where('name', '=', name).executeTakeFirst();
}

export function listAllStores(db: Db) {
  return db.selectFrom('stores').selectAll().orderBy('id').execute();
}

export async function countStores(db: Db): Promise<number> {
  const row = await db
    .selectFrom('stores')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function updateStore(
  db: Db,
  storeId: StoreId,
  changes: { name?: string; platform?: Platform; currency?: string; time_zone?: string; settings?: string },
  now: Instant,
) {
  await db
    .updateTable('stores')
    .set({ ...changes, updated_at: now })
    .where('id', '=', storeId)
    .execute();
}

/** The stores a user belongs to, with the user's role in each. */
export function listStoresOfUser(db: Db, userId: UserId) {
  return db
    .selectFrom('store_members')
    .innerJoin('stores', 'stores.id', 'store_members.store_id')
    .select([
      'stores.id',
      'stores.name',
      'stores.platform',
      'stores.currency',
      'stores.time_zone',
      'stores.is_demo',
      'store_members.role',
    ])
    .where('store_members.user_id', '=', userId)
    .orderBy('stores.id')
    .execute();
}

export function findMembership(db: Db, storeId: StoreId, userId: UserId) {
  return db
    .selectFrom('store_members')
    .select(['role'])
    .where('store_id', '=', storeId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
}

export async function insertMember(db: Db, storeId: StoreId, userId: UserId, role: Role, now: Instant) {
  await db
    .insertInto('store_members')
    .values({ store_id: storeId, user_id: userId, role, created_at: now })
    .execute();
}

export function listMembers(db: Db, storeId: StoreId) {
  return db
    .selectFrom('store_members')
    .innerJoin('users', 'users.id', 'store_members.user_id')
    .select([
      'users.id as user_id',
      'users.login',
      'users.display_name',
      'users.last_login_at',
      'store_members.role',
      'store_members.created_at',
    ])
    .where('store_members.store_id', '=', storeId)
    .orderBy('users.id')
    .execute();
}

export async function updateMemberRole(db: Db, storeId: StoreId, userId: UserId, role: Role) {
  await db
    .updateTable('store_members')
    .set({ role })
    .where('store_id', '=', storeId)
    .where('user_id', '=', userId)
    .execute();
}

export async function deleteMember(db: Db, storeId: StoreId, userId: UserId) {
  await db
    .deleteFrom('store_members')
    .where('store_id', '=', storeId)
    .where('user_id', '=', userId)
    .execute();
}

export async function countOwners(db: Db, storeId: StoreId): Promise<number> {
  const row = await db
    .selectFrom('store_members')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('store_id', '=', storeId)
    .where('role', '=', 'owner')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
