import type { Db } from '../db/database.js';
import type { Role } from '../db/schema.js';
import { allocateIds } from '../db/sequences.js';
import type { ApiTokenId, StoreId, UserId } from '../shared/ids.js';
import type { Instant } from '../shared/time.js';

export async function insertApiToken(
  db: Db,
  storeId: StoreId,
  token: {
    userId: UserId;
    name: string;
    hash: string;
    prefix: string;
    role: Role;
    expiresAt: Instant | null;
  },
  now: Instant,
): Promise<ApiTokenId> {
  const id = (await allocateIds(db, storeId, 'api_tokens')) as ApiTokenId;
  await db
    .insertInto('api_tokens')
    .values({
      store_id: storeId,
      id,
      user_id: token.userId,
      name: token.name,
      token_hash: token.hash,
      token_prefix: token.prefix,
      role: token.role,
      created_at: now,
      expires_at: token.expiresAt,
    })
    .execute();
  return id;
}

/** An unrevoked, unexpired token with this hash, joined to its (enabled) owner. */
export function findLiveApiToken(db: Db, hash: string, now: Instant) {
  return db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .select([
      'api_tokens.store_id',
      'api_tokens.id',
      'api_tokens.name',
      'api_tokens.role',
      'api_tokens.last_used_at',
      'users.id as user_id',
      'users.login',
      'users.display_name',
      'users.locale',
    ])
    .where('api_tokens.token_hash', '=', hash)
    .where('api_tokens.revoked_at', 'is', null)
    .where((eb) => eb.or([eb('api_tokens.expires_at', 'is', null), eb('api_tokens.expires_at', '>', now)]))
    .where('users.disabled_at', 'is', null)
    .executeTakeFirst();
}

export function listApiTokens(db: Db, storeId: StoreId) {
  return db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .select([
      'api_tokens.id',
      'api_tokens.name',
      'api_tokens.token_prefix',
      'api_tokens.role',
      'api_tokens.created_at',
      'api_tokens.last_used_at',
      'api_tokens.expires_at',
      'api_tokens.revoked_at',
      'users.login as owner_login',
    ])
    .where('api_tokens.store_id', '=', storeId)
    .orderBy('api_tokens.id', 'desc')
    .execute();
}

export async function revokeApiToken(
  db: Db,
  storeId: StoreId,
  tokenId: ApiTokenId,
  now: Instant,
): Promise<boolean> {
  const result = await db
    .updateTable('api_tokens')
    .set({ revoked_at: now })
    .where('store_id', '=', storeId)
    .where('id', '=', tokenId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function touchApiToken(db: Db, storeId: StoreId, tokenId: ApiTokenId, now: Instant) {
  await db
    .updateTable('api_tokens')
    .set({ last_used_at: now })
    .where('store_id', '=', storeId)
    .where('id', '=', tokenId)
    .execute();
}
