import type { Purchases } from '../analytics/purchases.js';
import type { TimeUnit } from './schemas.js';

// The models' input, per customer: repeat purchases x, the time of the last one tₓ and the age T,
// all from the first purchase and in the model's unit, and the mean value of the repeat purchases.
// A purchase is a purchase occasion: every order of one calendar day (unit "day") or one week
// Monday to Sunday (unit "week") counts once, with their amounts added, as lifetimes counts
// periods. Purchases after the calibration end are left out, and counted as the holdout.

export interface RepeatSummary {
  readonly count: number;
  readonly customerId: Int32Array;
  readonly x: Float64Array;
  readonly tx: Float64Array;
  readonly T: Float64Array;
  /** Mean value of the repeat occasions, yuan; 0 without repeats. */
  readonly monetary: Float64Array;
  /** Repeat occasions after the calibration end, up to the holdout end (empty without a holdout). */
  readonly holdout: Float64Array;
}

/** Days since 1970-01-01 → the unit's period number (weeks start on Monday; 1970-01-01 was a Thursday). */
export const periodOf: Readonly<Record<TimeUnit, (day: number) => number>> = {
  day: (day) => day,
  week: (day) => Math.floor((day + 3) / 7),
};

/**
 * Summarises each customer who bought on or before `calibrationEnd` (a local day number), counting
 * holdout occasions in (calibrationEnd, holdoutEnd].
 */
export function summarizePurchases(
  purchases: Purchases,
  calibrationEnd: number,
  unit: TimeUnit,
  holdoutEnd = calibrationEnd,
): RepeatSummary {
  const period = periodOf[unit];
  const end = period(calibrationEnd);
  const runs = purchases.runStart.length - 1;
  const customerId = new Int32Array(runs);
  const x = new Float64Array(runs);
  const tx = new Float64Array(runs);
  const T = new Float64Array(runs);
  const monetary = new Float64Array(runs);
  const holdout = new Float64Array(holdoutEnd > calibrationEnd ? runs : 0);
  let n = 0;
  for (let k = 0; k < runs; k++) {
    const start = purchases.runStart[k]!;
    const stop = purchases.runStart[k + 1]!;
    const firstDay = purchases.day[start]!;
    if (firstDay > calibrationEnd) continue;
    const first = period(firstDay);
    let occasions = 0;
    let last = first;
    let repeatValue = 0;
    let later = 0;
    let lastLater = Number.NaN;
    for (let i = start; i < stop; i++) {
      const day = purchases.day[i]!;
      const p = period(day);
      if (day > calibrationEnd) {
        // Occasions in the holdout: the same period counts once; a period that straddles the
        // calibration end counts for the holdout only if no calibration purchase fell in it.
        if (day <= holdoutEnd && p !== lastLater && p !== last) {
          later += 1;
          lastLater = p;
        }
        continue;
      }
      if (p !== last || i === start) {
        if (i !== start) occasions += 1;
        last = p;
      }
      if (p !== first) repeatValue += purchases.amount[i]! / 100;
    }
    customerId[n] = purchases.customerId[start]!;
    x[n] = occasions;
    tx[n] = last - first;
    T[n] = end - first;
    monetary[n] = occasions > 0 ? repeatValue / occasions : 0;
    if (holdout.length > 0) holdout[n] = later;
    n += 1;
  }
  // Views, not copies: a million customers' columns are 40 MB.
  return {
    count: n,
    customerId: customerId.subarray(0, n),
    x: x.subarray(0, n),
    tx: tx.subarray(0, n),
    T: T.subarray(0, n),
    monetary: monetary.subarray(0, n),
    holdout: holdout.subarray(0, holdout.length > 0 ? n : 0),
  };
}
