import { dateOfDay, dayOfDate, type Purchases } from '../analytics/purchases.js';
import type { BulkSession, BulkTarget } from '../db/dialect/bulk-insert.js';
import type { StoreId } from '../shared/ids.js';
import type { PredictionSettings } from '../stores/settings.js';
import { compressRows, fitBgNbd } from './bgnbd.js';
import { DAYS_PER_UNIT, fitModels, holdoutRows, predictCustomers } from './model.js';
import type { HoldoutReport, PredictionsSnapshot, PredictionWarning } from './schemas.js';
import { type RepeatSummary, summarizePurchases } from './summary.js';
import type { CustomerValues } from './value.js';

// The predictions step of the analytics refresh: fit both models on every buyer's history up to
// today, predict each buyer, check the model on a holdout, and keep a snapshot for the
// Predictions page and a row per buyer for profiles and audiences.

export interface StorePredictions {
  readonly snapshot: PredictionsSnapshot;
  readonly summary: RepeatSummary;
  readonly values: CustomerValues;
  /** 1–100 per customer: percentile > 100 − N means "in the top N%". */
  readonly clvPercentile: Uint8Array;
  readonly potentialPercentile: Uint8Array;
  readonly today: number;
}

/** Next orders further away than this are not given a date. */
const NEXT_ORDER_LIMIT_DAYS = 3 * 365;
/** The holdout is a third of the history, within these bounds; shorter histories get none. */
const HOLDOUT_DAYS = { minimum: 28, maximum: 365 } as const;
/** Holdout totals further apart than this ratio (with enough purchases to judge) raise a warning. */
const HOLDOUT_TOLERANCE = { ratio: 1.25, minimumPurchases: 30 } as const;

const P_ALIVE_BINS = Array.from({ length: 11 }, (_, i) => i / 10);
const EXPECTED_BINS = [0, 0.25, 0.5, 1, 2, 3, 5, 10];
const CLV_BINS_YUAN = [0, 20, 50, 100, 200, 500, 1_000, 2_000, 5_000, 10_000];
const ALIVE_BANDS = [0, 0.3, 0.7, 1];
const VALUE_PERCENTILE_BANDS = [0, 50, 80, 100];

function histogram(values: Float64Array, edges: readonly number[], closedTop: boolean) {
  const counts = new Array<number>(edges.length - (closedTop ? 1 : 0)).fill(0);
  for (const v of values) {
    let bin = counts.length - 1;
    while (bin > 0 && v < edges[bin]!) bin -= 1;
    counts[bin]! += 1;
  }
  return counts.map((customers, i) => ({
    from: edges[i]!,
    to: i + 1 < edges.length ? edges[i + 1]! : null,
    customers,
  }));
}

/**
 * Each customer's percentile of a value: the share (1–100) of customers whose value is at most
 * theirs, so equal values share a percentile. A native sort of the values, then a binary search.
 */
function percentiles(values: Float64Array): Uint8Array {
  const n = values.length;
  const sorted = values.slice().sort();
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid]! <= v) lo = mid + 1;
      else hi = mid;
    }
    out[i] = Math.max(1, Math.ceil((100 * lo) / n));
  }
  return out;
}

function holdoutReport(
  purchases: Purchases,
  today: number,
  firstDay: number,
  settings: PredictionSettings,
): HoldoutReport | null {
  const span = today - firstDay;
  const holdoutDays = Math.min(HOLDOUT_DAYS.maximum, Math.round(span / 3));
  if (holdoutDays < HOLDOUT_DAYS.minimum) return null;
  const calibrationEnd = today - holdoutDays;
  const summary = summarizePurchases(purchases, calibrationEnd, settings.unit, today);
  const repeaters = summary.x.reduce((s, x) => s + (x > 0 ? 1 : 0), 0);
  if (summary.count < 10 || repeaters === 0) return null;
  const fit = fitBgNbd(compressRows(summary.x, summary.tx, summary.T));
  const report = holdoutRows(fit.params, summary, holdoutDays / DAYS_PER_UNIT[settings.unit]);
  return {
    calibrationEnd: dateOfDay(calibrationEnd),
    holdoutEnd: dateOfDay(today),
    holdoutDays,
    customers: summary.count,
    ...report,
  };
}

/** The holdout check is run again once it is this many days old (it needs a fit of its own). */
const HOLDOUT_REUSE_DAYS = 7;

/**
 * Fits, predicts and summarises; null until the store has a customer who bought twice. `previous`
 * (the last snapshot) gives the fits a starting point, and its holdout check is kept for a week.
 */
export function buildPredictions(
  purchases: Purchases,
  today: number,
  settings: PredictionSettings,
  now: number,
  previous: PredictionsSnapshot | null = null,
): StorePredictions | null {
  const summary = summarizePurchases(purchases, today, settings.unit);
  if (!summary.x.some((x) => x > 0)) return null; // no repeat purchase: nothing to fit a model to
  const comparable = previous !== null && previous.unit === settings.unit;
  const fit = fitModels(
    summary,
    settings.unit,
    comparable ? { bgnbd: previous.bgnbd, gammaGamma: previous.gammaGamma } : undefined,
  );
  const values = predictCustomers(fit, summary, settings);
  const n = summary.count;
  const clvPercentile = percentiles(values.clv);
  const potentialPercentile = percentiles(values.potential);
  const top20 = (value: Float64Array, percentile: Uint8Array) => {
    let line = Number.POSITIVE_INFINITY;
    for (let i = 0; i < n; i++) if (percentile[i]! > 80) line = Math.min(line, value[i]!);
    return Number.isFinite(line) ? line : 0;
  };
  const matrix = ALIVE_BANDS.slice(1).map(() => new Array<number>(VALUE_PERCENTILE_BANDS.length - 1).fill(0));
  const band = (edges: readonly number[], v: number) => {
    let b = edges.length - 2;
    while (b > 0 && v <= edges[b]!) b -= 1;
    return b;
  };
  for (let i = 0; i < n; i++) {
    const alive = values.pAlive[i]!;
    const row = alive < 0.3 ? 0 : alive < 0.7 ? 1 : 2;
    matrix[row]![band(VALUE_PERCENTILE_BANDS, potentialPercentile[i]!)]! += 1;
  }
  let firstDay = today;
  for (let k = 0; k + 1 < purchases.runStart.length; k++)
    firstDay = Math.min(firstDay, purchases.day[purchases.runStart[k]!]!);
  const recent =
    comparable && previous.holdout && today - dayOfDate(previous.holdout.holdoutEnd) < HOLDOUT_REUSE_DAYS;
  const holdout = recent ? previous.holdout : holdoutReport(purchases, today, firstDay, settings);
  const warnings: PredictionWarning[] = [...fit.warnings];
  if (
    holdout &&
    Math.max(holdout.totalActual, holdout.totalExpected) >= HOLDOUT_TOLERANCE.minimumPurchases &&
    (holdout.totalExpected > holdout.totalActual * HOLDOUT_TOLERANCE.ratio ||
      holdout.totalActual > holdout.totalExpected * HOLDOUT_TOLERANCE.ratio)
  )
    warnings.push({
      code: 'holdout_mismatch',
      values: { expected: Math.round(holdout.totalExpected), actual: holdout.totalActual },
    });
  const sum = (v: Float64Array) => v.reduce((s, x) => s + x, 0);
  const round = (v: number, digits: number) => Math.round(v * 10 ** digits) / 10 ** digits;
  const fen = (yuan: number) => Math.round(yuan * 100);
  const { bgnbd, gammaGamma } = fit;
  const snapshot: PredictionsSnapshot = {
    computedAt: now,
    unit: settings.unit,
    calibrationEnd: dateOfDay(today),
    customers: n,
    repeatBuyers: fit.repeatBuyers,
    bgnbd: {
      ...bgnbd.params,
      standardErrors: bgnbd.standardErrors,
      logLikelihood: bgnbd.logLikelihood,
      customers: bgnbd.customers,
      converged: bgnbd.converged,
    },
    gammaGamma: gammaGamma && {
      ...gammaGamma.params,
      standardErrors: gammaGamma.standardErrors,
      logLikelihood: gammaGamma.logLikelihood,
      customers: gammaGamma.customers,
      converged: gammaGamma.converged,
    },
    spendCorrelation: fit.spendCorrelation === null ? null : round(fit.spendCorrelation, 4),
    settings: {
      horizonMonths: settings.horizonMonths,
      monthlyDiscount: settings.monthlyDiscount,
      grossMargin: settings.grossMargin,
    },
    warnings,
    totals: {
      alive: round(sum(values.pAlive), 1),
      expected30: round(sum(values.expected[0]!), 1),
      expected90: round(sum(values.expected[1]!), 1),
      expected365: round(sum(values.expected[2]!), 1),
      clv: fen(sum(values.clv)),
    },
    clvTop20: fen(top20(values.clv, clvPercentile)),
    potentialTop20: fen(top20(values.potential, potentialPercentile)),
    distributions: {
      pAlive: histogram(values.pAlive, P_ALIVE_BINS, true),
      expected365: histogram(values.expected[2]!, EXPECTED_BINS, false),
      clv: histogram(values.clv, CLV_BINS_YUAN, false).map((bin) => ({
        from: fen(bin.from),
        to: bin.to === null ? null : fen(bin.to),
        customers: bin.customers,
      })),
    },
    valueMatrix: { aliveBands: ALIVE_BANDS, potentialBands: VALUE_PERCENTILE_BANDS, customers: matrix },
    holdout,
  };
  return { snapshot, summary, values, clvPercentile, potentialPercentile, today };
}

const predictionsTarget: BulkTarget = {
  table: 'customer_predictions',
  columns: [
    { name: 'store_id', pgType: 'int4' },
    { name: 'customer_id', pgType: 'int4' },
    { name: 'p_alive', pgType: 'float8' },
    { name: 'expected_30', pgType: 'float8' },
    { name: 'expected_90', pgType: 'float8' },
    { name: 'expected_365', pgType: 'float8' },
    { name: 'average_value', pgType: 'int8' },
    { name: 'clv', pgType: 'int8' },
    { name: 'clv_percentile', pgType: 'int4' },
    { name: 'potential_value', pgType: 'int8' },
    { name: 'potential_percentile', pgType: 'int4' },
    { name: 'next_order_date', pgType: 'text' },
    { name: 'computed_at', pgType: 'int8' },
  ],
};

const WRITE_BATCH = 5_000;

/** Replaces the store's rows of customer_predictions (all of them: every prediction moves daily). */
export async function writePredictions(
  session: BulkSession,
  storeId: StoreId,
  predictions: StorePredictions | null,
  unitDays: number,
  onProgress: (fraction: number) => void = () => undefined,
): Promise<void> {
  await session.db.deleteFrom('customer_predictions').where('store_id', '=', storeId).execute();
  if (!predictions) return;
  const { summary, values, clvPercentile, potentialPercentile, today, snapshot } = predictions;
  const sixDigits = (v: number) => Math.round(v * 1e6) / 1e6;
  const rows = [];
  for (let i = 0; i < summary.count; i++) {
    const waitDays = values.medianWait[i]! * unitDays;
    rows.push([
      storeId,
      summary.customerId[i]!,
      sixDigits(values.pAlive[i]!),
      sixDigits(values.expected[0]![i]!),
      sixDigits(values.expected[1]![i]!),
      sixDigits(values.expected[2]![i]!),
      Math.round(values.averageValue[i]! * 100),
      Math.round(values.clv[i]! * 100),
      clvPercentile[i]!,
      Math.round(values.potential[i]! * 100),
      potentialPercentile[i]!,
      waitDays <= NEXT_ORDER_LIMIT_DAYS ? dateOfDay(today + Math.max(1, Math.round(waitDays))) : null,
      snapshot.computedAt,
    ]);
    if (rows.length === WRITE_BATCH || i === summary.count - 1) {
      await session.insert(predictionsTarget, rows);
      rows.length = 0;
      onProgress((i + 1) / summary.count);
    }
  }
}
