import type { Db } from '../db/database.js';
import type { UserRow } from '../db/schema.js';
import type { UserId } from '../shared/ids.js';
import type { Instant } from '../shared/time.js';

export type PublicUser = Pick<UserRow, 'id' | 'login' | 'display_name' | 'locale'>;

/** Logins compare case-insensitively and without surrounding spaces. */
export function normaliseLogin(login: string): string {
  return login.trim().toLowerCase();
}

export function findUserByLogin(db: Db, login: string) {
  return db.selectFrom('users').selectAll().where('login', '=', normaliseLogin(login)).executeTakeFirst();
}

export function findUserById(db: Db, userId: UserId) {
  return db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirst();
}

export async function insertUser(
  db: Db,
  user: { login: string; displayName: string; passwordHash: string; locale: string | null },
  now: Instant,
): Promise<UserId> {
  const row = await db
    .insertInto('users')
    .values({
      login: normaliseLogin(user.login),
      display_name: user.displayName,
      password_hash: user.passwordHash,
      locale: user.locale,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updatePasswordHash(db: Db, userId: UserId, passwordHash: string, now: Instant) {
  await db
    .updateTable('users')
    .set({ password_hash: passwordHash, updated_at: now })
    .where('id', '=', userId)
    .execute();
}

export async function recordLogin(db: Db, userId: UserId, now: Instant) {
  await db.updateTable('users').set({ last_login_at: now }).where('id', '=', userId).execute();
}

export async function updateUserProfile(
  db: Db,
  userId: UserId,
  changes: { displayName?: string | undefined; locale?: string | null | undefined },
  now: Instant,
) {
  await db
    .updateTable('users')
    .set({
      ...(changes.displayName !== undefined ? { display_name: changes.displayName } : {}),
      ...(changes.locale !== undefined ? { locale: changes.locale } : {}),
      updated_at: now,
    })
    .where('id', '=', userId)
    .execute();
}
