import type { Actor } from '../audit/actor.js';
import type { AppContext } from '../context.js';
import type { StoreId } from '../shared/ids.js';
import { systemStoreAccess } from '../stores/access.js';
import { ensureMemberDayReminders, type ReminderRun } from './member-day-service.js';
import type { ApplySummary } from './schemas.js';
import { applyTiers, hasTierScheme } from './tier-service.js';

export interface LoyaltyRefresh {
  readonly tiers: ApplySummary;
  readonly reminders: ReminderRun;
}

/**
 * What follows an analytics refresh (the job, `laoke analyze`, `laoke import`) in a store with
 * tiers: every buyer moved to their tier, then the next member-day reminders drafted for the
 * members of the new tiers. Null for a store without tiers.
 */
export async function refreshLoyalty(
  ctx: AppContext,
  storeId: StoreId,
  actor: Actor,
): Promise<LoyaltyRefresh | null> {
  if (!(await hasTierScheme(ctx, storeId))) return null;
  const tiers = await applyTiers(ctx, storeId, actor, 'refresh');
  const reminders = await ensureMemberDayReminders(ctx, await systemStoreAccess(ctx, storeId), actor);
  return { tiers, reminders };
}
