import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { compressRows, fitBgNbd } from '../../src/predict/bgnbd.js';
import { fitGammaGamma } from '../../src/predict/gamma-gamma.js';
import { predictValues, spendModel } from '../../src/predict/value.js';
import { peakRssMiB } from '../lib.js';

// One measured run of Laoke's predicted value on a summary CSV (bench/clv/make-summary.ts): read
// (timed on its own), then group the rows, fit BG/NBD, fit Gamma-Gamma, predict for every
// customer. Prints the figures as one JSON line; `seconds` is fit + predict, without the read.

const { values } = parseArgs({ options: { file: { type: 'string' } } });
const HORIZONS = [30, 90, 365];

function readSummary(path: string) {
  const text = readFileSync(path, 'latin1');
  const lines = text.split('\n', Number.MAX_SAFE_INTEGER);
  let n = 0;
  const x = new Float64Array(lines.length);
  const tx = new Float64Array(lines.length);
  const T = new Float64Array(lines.length);
  const m = new Float64Array(lines.length);
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (line === '') continue;
    const c1 = line.indexOf(',');
    const c2 = line.indexOf(',', c1 + 1);
    const c3 = line.indexOf(',', c2 + 1);
    const c4 = line.indexOf(',', c3 + 1);
    x[n] = Number(line.slice(c1 + 1, c2));
    tx[n] = Number(line.slice(c2 + 1, c3));
    T[n] = Number(line.slice(c3 + 1, c4));
    m[n] = Number(line.slice(c4 + 1));
    n += 1;
  }
  return { x: x.subarray(0, n), tx: tx.subarray(0, n), T: T.subarray(0, n), m: m.subarray(0, n) };
}

const clock = () => performance.now() / 1000;
let at = clock();
const lap = () => {
  const now = clock();
  const seconds = now - at;
  at = now;
  return seconds;
};

const { x, tx, T, m } = readSummary(values.file ?? 'bench/out/clv-summary.csv');
const readSeconds = lap();
const readPeakRssMiB = peakRssMiB();

const rows = compressRows(x, tx, T);
const compressSeconds = lap();
const bg = fitBgNbd(rows);
const bgNbdSeconds = lap();

// Gamma-Gamma is fitted on the repeat buyers with a positive mean spend.
let repeatBuyers = 0;
for (let i = 0; i < x.length; i++) if (x[i]! > 0 && m[i]! > 0) repeatBuyers += 1;
const ggX = new Float64Array(repeatBuyers);
const ggM = new Float64Array(repeatBuyers);
let observedTotal = 0;
for (let i = 0, j = 0; i < x.length; i++) {
  if (!(x[i]! > 0 && m[i]! > 0)) continue;
  ggX[j] = x[i]!;
  ggM[j] = m[i]!;
  observedTotal += m[i]!;
  j += 1;
}
const gg = fitGammaGamma(ggX, ggM);
const gammaGammaSeconds = lap();

const predicted = predictValues(bg.params, rows, m, spendModel(gg.params, observedTotal / repeatBuyers), {
  horizons: HORIZONS,
  clvMonths: 12,
  monthLength: 30,
  monthlyDiscount: 0.01,
});
const predictSeconds = lap();

// Totals over the customers, to compare the predictions with the reference's.
const total = (values: Float64Array) => values.reduce((s, v) => s + v, 0);
console.log(
  JSON.stringify({
    seconds: compressSeconds + bgNbdSeconds + gammaGammaSeconds + predictSeconds,
    peakRssMiB: peakRssMiB(),
    readPeakRssMiB,
    customers: x.length,
    distinctRows: rows.count,
    repeatBuyers,
    phases: {
      read: readSeconds,
      compress: compressSeconds,
      bgNbd: bgNbdSeconds,
      gammaGamma: gammaGammaSeconds,
      predict: predictSeconds,
    },
    bgNbd: {
      params: bg.params,
      standardErrors: bg.standardErrors,
      logLikelihood: bg.logLikelihood,
      iterations: bg.iterations,
      converged: bg.converged,
    },
    gammaGamma: {
      params: gg.params,
      standardErrors: gg.standardErrors,
      logLikelihood: gg.logLikelihood,
      iterations: gg.iterations,
      converged: gg.converged,
    },
    totals: {
      pAlive: total(predicted.pAlive),
      expected30: total(predicted.expected[0]!),
      expected90: total(predicted.expected[1]!),
      expected365: total(predicted.expected[2]!),
      averageValue: total(predicted.averageValue),
      clv: total(predicted.clv),
    },
  }),
);
