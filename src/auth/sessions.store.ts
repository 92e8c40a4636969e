import type { Db } from '../db/database.js';
import type { UserId } from '../shared/ids.js';
import type { Instant } from '../shared/time.js';

export async function insertSession(
  db: Db,
  session: {
    idHash: string;
    userId: UserId;
    expiresAt: Instant;
    ip: string | null;
    userAgent: string | null;
  },
  now: Instant,
) {
  await db
    .insertInto('sessions')
    .values({
      id_hash: session.idHash,
      user_id: session.userId,
      created_at: now,
      expires_at: session.expiresAt,
      last_seen_at: now,
      ip: session.ip,
      user_agent: session.userAgent?.slice(0, 300) ?? null,
    })
    .execute();
}

/** The live session with this hash and its user, if the user is not disabled. */
export function findLiveSession(db: Db, idHash: string, now: Instant) {
  return db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select([
      'sessions.id_hash',
      'sessions.expires_at',
      'sessions.last_seen_at',
      'users.id as user_id',
      'users.login',
      'users.display_name',
      'users.locale',
    ])
    .where('sessions.id_hash', '=', idHash)
    .where('sessions.expires_at', '>', now)
    .where('users.disabled_at', 'is', null)
    .executeTakeFirst();
}

export async function extendSession(db: Db, idHash: string, expiresAt: Instant, now: Instant) {
  await db
    .updateTable('sessions')
    .set({ expires_at: expiresAt, last_seen_at: now })
    .where('id_hash', '=', idHash)
    .execute();
}

export async function deleteSession(db: Db, idHash: string) {
  await db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
}

export async function deleteExpiredSessions(db: Db, now: Instant) {
  await db.deleteFrom('sessions').where('expires_at', '<=', now).execute();
}

export async function deleteOtherSessions(db: Db, userId: UserId, keepIdHash: string) {
  await db.deleteFrom('sessions').where('user_id', '=', userId).where('id_hash', '!=', keepIdHash).execute();
}
