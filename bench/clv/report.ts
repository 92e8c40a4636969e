import { spawn } from 'node:child_process';
import { type Measurement, median } from '../lib.js';

// The predicted-value benchmark's reference runner and its Markdown tables: phase times of Laoke
// against the numpy/scipy reference, and the fitted parameters side by side.

/** Runs a Python bench script; like runChild, it prints one JSON line with its figures last. */
export function runPython(script: string, args: readonly string[]): Promise<Measurement> {
  return new Promise((resolve, reject) => {
    const child = spawn('python3', [script, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`python3 ${script} ${args.join(' ')} exited with ${code}`));
      resolve(JSON.parse(out.trim().split('\n').at(-1)!) as Measurement);
    });
  });
}

type Phases = Record<string, number>;
type Params = Record<string, number>;
interface ModelFit {
  readonly params: Params;
  readonly standardErrors: Params | null;
  readonly iterations: number;
  readonly converged: boolean;
}

const PHASES = [
  ['read', 'read CSV'],
  ['compress', 'group rows'],
  ['bgNbd', 'BG/NBD fit'],
  ['gammaGamma', 'Gamma-Gamma fit'],
  ['predict', 'predict'],
] as const;

const phasesOf = (run: Measurement) => run.phases as Phases;
const format = (seconds: number | undefined) => (seconds === undefined ? '—' : seconds.toFixed(2));

/** One row per variant: the median of each phase over its runs, fit + predict, peak RSS. */
export function printTimes(laoke: readonly Measurement[], reference: readonly Measurement[]): void {
  const summarise = (runs: readonly Measurement[]) => ({
    phases: Object.fromEntries(
      PHASES.map(([key]) => {
        const values = runs.map((run) => phasesOf(run)[key]).filter((v) => v !== undefined);
        return [key, values.length > 0 ? median(values) : undefined];
      }),
    ),
    total: median(runs.map((run) => run.seconds)),
    runs: runs.map((run) => run.seconds.toFixed(2)).join(', '),
    peak: Math.max(...runs.map((run) => run.peakRssMiB)),
  });
  const ours = summarise(laoke);
  const theirs = summarise(reference);
  const headers = PHASES.map(([, label]) => `${label} s`);
  console.log(`| variant | ${headers.join(' | ')} | **fit + predict s** | runs (s) | peak RSS MiB |`);
  console.log(`|---|${headers.map(() => '---|').join('')}---|---|---|`);
  for (const [label, row] of [
    ['Laoke (TypeScript)', ours],
    ['numpy/scipy as lifetimes (reference)', theirs],
  ] as const) {
    const cells = PHASES.map(([key]) => format(row.phases[key]));
    console.log(
      `| ${label} | ${cells.join(' | ')} | **${row.total.toFixed(2)}** | ${row.runs} | ${row.peak} |`,
    );
  }
  const ratios = PHASES.map(([key]) => {
    const a = theirs.phases[key];
    const b = ours.phases[key];
    return a === undefined || b === undefined ? '—' : (a / b).toFixed(1);
  });
  console.log(
    `| reference / Laoke | ${ratios.join(' | ')} | **${(theirs.total / ours.total).toFixed(1)}** | | ${(theirs.peak / ours.peak).toFixed(2)} |`,
  );
}

/** The figure rounded to `digits` significant figures, as text. */
const significant = (value: number, digits: number) => Number(value.toPrecision(digits)).toString();

/**
 * Agreement to three significant figures: the two differ by less than half a unit in the
 * reference's third significant figure (rounding both can disagree across a boundary).
 */
function agrees(ours: number, reference: number): boolean {
  if (ours === reference) return true;
  const unit = 10 ** (Math.floor(Math.log10(Math.abs(reference))) - 2);
  return Math.abs(ours - reference) < unit / 2;
}

/** The parameters (with standard errors) of Laoke's first run against the reference's. */
export function printParameters(laoke: Measurement, reference: Measurement): void {
  console.log(
    '\n| model | parameter | Laoke | (s.e.) | reference | (s.e.) | relative difference | same to 3 s.f. |',
  );
  console.log('|---|---|---|---|---|---|---|---|');
  for (const [model, key] of [
    ['BG/NBD', 'bgNbd'],
    ['Gamma-Gamma', 'gammaGamma'],
  ] as const) {
    const ours = laoke[key] as ModelFit;
    const theirs = reference[key] as ModelFit;
    for (const [name, value] of Object.entries(ours.params)) {
      const other = theirs.params[name]!;
      const se = (fit: ModelFit) => significant(fit.standardErrors?.[name] ?? Number.NaN, 3);
      console.log(
        `| ${model} | ${name} | ${significant(value, 6)} | ${se(ours)} | ${significant(other, 6)} | ${se(theirs)} | ${((value - other) / other).toExponential(1)} | ${agrees(value, other) ? 'yes' : '**no**'} |`,
      );
    }
  }
  const note = (label: string, run: Measurement, key: 'bgNbd' | 'gammaGamma') => {
    const fit = run[key] as ModelFit & { message?: string };
    return `${label} ${fit.iterations} iterations, ${fit.converged ? 'converged' : `not converged${fit.message ? ` (${fit.message})` : ''}`}`;
  };
  console.log(
    `\nBG/NBD: ${note('Laoke', laoke, 'bgNbd')}; ${note('reference', reference, 'bgNbd')}. Gamma-Gamma: ${note('Laoke', laoke, 'gammaGamma')}; ${note('reference', reference, 'gammaGamma')}.`,
  );
}

/** The predictions summed over all customers, each side with its own fitted parameters. */
export function printTotals(laoke: Measurement, reference: Measurement): void {
  console.log('\n| sum over the customers | Laoke | reference | relative difference |');
  console.log('|---|---|---|---|');
  const ours = laoke.totals as Params;
  const theirs = reference.totals as Params;
  for (const [key, label] of [
    ['pAlive', 'P(alive)'],
    ['expected30', 'expected purchases, 30 days'],
    ['expected90', 'expected purchases, 90 days'],
    ['expected365', 'expected purchases, 365 days'],
    ['averageValue', 'expected spend per purchase (yuan)'],
    ['clv', '12-month CLV, 1%/month discount (yuan)'],
  ] as const) {
    const a = ours[key]!;
    const b = theirs[key]!;
    console.log(
      `| ${label} | ${a.toLocaleString('en', { maximumFractionDigits: 1 })} | ${b.toLocaleString('en', { maximumFractionDigits: 1 })} | ${((a - b) / b).toExponential(1)} |`,
    );
  }
}
