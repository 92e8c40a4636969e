import type { Db } from '../../db/database.js';
import { eventKeyPattern, eventKeys } from '../../promotions/events.js';
import { findPlanId } from '../../promotions/service.js';
import { LaokeError } from '../../shared/errors.js';
import type { StoreId } from '../../shared/ids.js';

// What the promo commands share: the --event option and finding the plan of an event and year.

/** --event: a preset's key or custom-<id>. */
export function eventOption(value: string): string {
  if (!eventKeyPattern.test(value))
    throw new LaokeError(
      'cli.invalid_argument',
      `--event expects one of ${eventKeys.join(', ')} or custom-<id>, got "${value}".`,
    );
  return value;
}

/** The plan of an event and year, or promotion.not_found saying how to create it. */
export async function requirePlanId(db: Db, storeId: StoreId, event: string, year: number): Promise<number> {
  const planId = await findPlanId(db, storeId, event, year);
  if (planId === undefined)
    throw new LaokeError(
      'promotion.not_found',
      `No plan for ${event} ${year}; create it with: laoke promo plan --event ${event} --year ${year}`,
    );
  return planId;
}
