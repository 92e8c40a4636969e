import { lesserRole } from '../auth/permissions.js';
import type { Principal } from '../auth/principal.js';
import type { Db } from '../db/database.js';
import type { Role, StoreRow } from '../db/schema.js';
import { LaokeError } from '../shared/errors.js';
import type { StoreId } from '../shared/ids.js';
import { parseStoreSettings, type StoreSettings } from './settings.js';
import { findMembership, findStoreById } from './stores.store.js';

/** What a request may do in one store: the store, the caller's effective role, its settings. */
export interface StoreAccess {
  readonly store: StoreRow;
  readonly storeId: StoreId;
  readonly role: Role;
  readonly settings: StoreSettings;
}

/**
 * The caller's access to a store, or store.not_found: a non-member learns nothing, not even that
 * the store exists. A token reaches only its own store, with the lesser of its role and its
 * owner's current role (a demoted or removed owner takes their tokens down with them).
 */
export async function resolveStoreAccess(
  db: Db,
  principal: Principal,
  storeId: StoreId,
): Promise<StoreAccess> {
  const notFound = () => new LaokeError('store.not_found', `No store ${storeId} that you are a member of.`);
  if (principal.kind === 'token' && principal.storeId !== storeId) throw notFound();
  const membership = await findMembership(db, storeId, principal.userId);
  if (!membership) throw notFound();
  const store = await findStoreById(db, storeId);
  if (!store) throw notFound();
  const role = principal.kind === 'token' ? lesserRole(principal.role, membership.role) : membership.role;
  return { store, storeId, role, settings: parseStoreSettings(store.settings) };
}

/** The store as the system acts on it in a job (no person, owner rights): its settings, read now. */
export async function systemStoreAccess(
  ctx: { readonly database: { readonly db: Db } },
  storeId: StoreId,
): Promise<StoreAccess> {
  const store = await findStoreById(ctx.database.db, storeId);
  if (!store) throw new LaokeError('store.not_found', `No store ${storeId}.`);
  return { store, storeId, role: 'owner', settings: parseStoreSettings(store.settings) };
}
