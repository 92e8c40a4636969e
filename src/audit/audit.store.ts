import type { Db } from '../db/database.js';
import { allocateIds } from '../db/sequences.js';
import type { StoreId } from '../shared/ids.js';
import type { Instant } from '../shared/time.js';
import type { Actor } from './actor.js';

export interface AuditEntry {
  readonly action: string;
  readonly subjectType?: string;
  readonly subjectId?: string | number;
  readonly details?: Readonly<Record<string, unknown>>;
}

/** Appends one entry; call it in the transaction that makes the change, so both land or neither. */
export async function insertAuditEntry(
  db: Db,
  storeId: StoreId,
  actor: Actor,
  entry: AuditEntry,
  now: Instant,
) {
  const id = await allocateIds(db, storeId, 'audit_log');
  await db
    .insertInto('audit_log')
    .values({
      store_id: storeId,
      id,
      at: now,
      actor_user_id: actor.userId,
      actor_token_id: actor.tokenId,
      actor_label: actor.label,
      action: entry.action,
      subject_type: entry.subjectType ?? null,
      subject_id: entry.subjectId === undefined ? null : String(entry.subjectId),
      details: JSON.stringify(entry.details ?? {}),
      request_id: actor.requestId,
      ip: actor.ip,
    })
    .execute();
}

/** Newest first, `limit` entries older than the entry `beforeId` (for paging back). */
export function listAuditEntries(
  db: Db,
  storeId: StoreId,
  options: { limit: number; beforeId?: number | undefined; action?: string | undefined },
) {
  let query = db.selectFrom('audit_log').selectAll().where('store_id', '=', storeId);
  if (options.beforeId !== undefined) query = query.where('id', '<', options.beforeId);
  if (options.action !== undefined) query = query.where('action', '=', options.action);
  return query.orderBy('id', 'desc').limit(options.limit).execute();
}
