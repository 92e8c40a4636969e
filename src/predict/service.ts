import { loadPurchaseLogs } from '../analytics/purchase-log.js';
import { dateOfDay, dayOfDate, dayOfInstant } from '../analytics/purchases.js';
import { readBuyers } from '../analytics/rfm-refresh.js';
import type { AppContext } from '../context.js';
import { LaokeError } from '../shared/errors.js';
import type { StoreId } from '../shared/ids.js';
import { type PredictionSettings, parseStoreSettings } from '../stores/settings.js';
import { findStoreById } from '../stores/stores.store.js';
import type { TimeUnit } from './schemas.js';
import { type RepeatSummary, summarizePurchases } from './summary.js';

// A store's model input as of a calibration end, for the CLI (the refresh builds its own from the
// purchases it has already read).

export interface StoreSummary {
  readonly summary: RepeatSummary;
  readonly calibrationEnd: string;
  readonly unit: TimeUnit;
  readonly settings: PredictionSettings;
}

export async function storeSummary(
  ctx: AppContext,
  storeId: StoreId,
  options: { readonly calibrationEnd?: string; readonly unit?: TimeUnit },
  onProgress: (fraction: number) => void = () => undefined,
): Promise<StoreSummary> {
  const store = await findStoreById(ctx.database.db, storeId);
  if (!store) throw new LaokeError('store.not_found', `No store ${storeId}.`);
  const settings = parseStoreSettings(store.settings).predictions;
  const today = dayOfInstant(ctx.clock.now(), store.time_zone);
  let end = today;
  if (options.calibrationEnd !== undefined) {
    end = /^\d{4}-\d{2}-\d{2}$/.test(options.calibrationEnd) ? dayOfDate(options.calibrationEnd) : Number.NaN;
    if (!Number.isFinite(end) || dateOfDay(end) !== options.calibrationEnd)
      throw new LaokeError(
        'cli.invalid_argument',
        `--calibration-end expects a date as yyyy-MM-dd, e.g. 2026-06-30, got "${options.calibrationEnd}".`,
      );
    if (end > today)
      throw new LaokeError(
        'cli.invalid_argument',
        `--calibration-end ${options.calibrationEnd} is after today (${dateOfDay(today)}) in the store's time zone.`,
      );
  }
  const buyers = await readBuyers(ctx, storeId);
  const { purchases } = await loadPurchaseLogs(ctx, storeId, store.time_zone, buyers, onProgress);
  const unit = options.unit ?? settings.unit;
  const summary = summarizePurchases(purchases, end, unit);
  if (!summary.x.some((x) => x > 0))
    throw new LaokeError(
      'predict.not_enough_data',
      `${summary.count} customers bought by ${dateOfDay(end)} and none of them bought twice: the models need repeat purchases.`,
      { customers: summary.count },
    );
  return { summary, calibrationEnd: dateOfDay(end), unit, settings };
}
