import { readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import Papa from 'papaparse';
import { cliActor } from '../../audit/actor.js';
import { insertAuditEntry } from '../../audit/audit.store.js';
import type { AppContext } from '../../context.js';
import {
  DAYS_PER_UNIT,
  fitModels,
  HORIZON_DAYS,
  type ModelFit,
  predictCustomers,
} from '../../predict/model.js';
import { type TimeUnit, timeUnits } from '../../predict/schemas.js';
import { storeSummary } from '../../predict/service.js';
import type { RepeatSummary } from '../../predict/summary.js';
import { parseSummaryCsv } from '../../predict/summary-csv.js';
import { describeWarning } from '../../predict/warnings.js';
import { LaokeError } from '../../shared/errors.js';
import { neutralise } from '../../shared/spreadsheet.js';
import type { PredictionSettings } from '../../stores/settings.js';
import { cliProgress } from '../progress.js';
import { type CliRuntime, createRuntime, requireStore } from '../runtime.js';

// laoke clv fit | predict: the predicted-value models (src/predict) on a store's purchases as of a
// calibration end, or on a summary file in the lifetimes format. Nothing is stored: the analytics
// refresh keeps each buyer's predictions (laoke analyze --refresh, nightly, or the dashboard).

interface ModelOptions {
  readonly fromSummary?: string;
  readonly calibrationEnd?: string;
  readonly unit?: TimeUnit;
}

interface Input {
  readonly summary: RepeatSummary;
  /** Row labels: customer ids, or the file's id column. */
  readonly ids: readonly (string | number)[];
  readonly unit: TimeUnit;
  readonly calibrationEnd: string | null;
  readonly settings: PredictionSettings | null;
  readonly storeId: number | null;
}

const defaultSettings: PredictionSettings = {
  unit: 'day',
  horizonMonths: 12,
  monthlyDiscount: 0.01,
  grossMargin: 1,
};

function unitOption(value: string): TimeUnit {
  if (!(timeUnits as readonly string[]).includes(value))
    throw new LaokeError('cli.invalid_argument', `--unit expects day or week, got "${value}".`);
  return value as TimeUnit;
}

function numberOption(name: string, min: number, max: number) {
  return (value: string): number => {
    const parsed = Number(value);
    if (!Number.isFinite(parsed) || parsed < min || parsed > max)
      throw new LaokeError(
        'cli.invalid_argument',
        `--${name} expects a number from ${min} to ${max}, got "${value}".`,
      );
    return parsed;
  };
}

async function readInput(ctx: AppContext | null, runtime: CliRuntime, options: ModelOptions): Promise<Input> {
  if (options.fromSummary) {
    if (options.calibrationEnd)
      throw new LaokeError(
        'cli.invalid_argument',
        '--calibration-end applies to a store’s purchases; a summary file is already as of its own end.',
      );
    let bytes: Buffer;
    try {
      bytes = readFileSync(options.fromSummary);
    } catch (thrown) {
      throw new LaokeError(
        'cli.invalid_argument',
        `Cannot read ${options.fromSummary}: ${(thrown as Error).message}`,
      );
    }
    const file = parseSummaryCsv(bytes, options.fromSummary);
    return {
      summary: file,
      ids: file.ids,
      unit: options.unit ?? 'day',
      calibrationEnd: null,
      settings: null,
      storeId: null,
    };
  }
  if (!ctx) throw new Error('readInput: a store needs the database');
  const storeId = await requireStore(ctx, runtime.options.store);
  const bar = cliProgress(runtime.output, 'Reading purchases / 读取购买记录', 100);
  try {
    const read = await storeSummary(ctx, storeId, options, (f) => bar.update(Math.round(f * 100)));
    return {
      summary: read.summary,
      ids: Array.from(read.summary.customerId),
      unit: read.unit,
      calibrationEnd: read.calibrationEnd,
      settings: read.settings,
      storeId,
    };
  } finally {
    bar.stop();
  }
}

/** Runs `work` with the database only when the input is a store's. */
async function withInput<T>(
  runtime: CliRuntime,
  options: ModelOptions,
  work: (input: Input, ctx: AppContext | null) => Promise<T>,
): Promise<T> {
  if (options.fromSummary) return work(await readInput(null, runtime, options), null);
  return runtime.withContext(async (ctx) => work(await readInput(ctx, runtime, options), ctx));
}

const fixed = (v: number, digits = 4) => (Number.isFinite(v) ? v.toFixed(digits) : String(v));

function fitReport(input: Input, fit: ModelFit) {
  const { bgnbd, gammaGamma } = fit;
  return {
    unit: input.unit,
    calibrationEnd: input.calibrationEnd,
    customers: input.summary.count,
    repeatBuyers: fit.repeatBuyers,
    bgnbd: {
      params: bgnbd.params,
      standardErrors: bgnbd.standardErrors,
      logLikelihood: bgnbd.logLikelihood,
      iterations: bgnbd.iterations,
      converged: bgnbd.converged,
    },
    gammaGamma: gammaGamma && {
      params: gammaGamma.params,
      standardErrors: gammaGamma.standardErrors,
      logLikelihood: gammaGamma.logLikelihood,
      customers: gammaGamma.customers,
      iterations: gammaGamma.iterations,
      converged: gammaGamma.converged,
    },
    spendCorrelation: fit.spendCorrelation,
    warnings: fit.warnings.map((w) => ({ ...w, message: describeWarning(w) })),
  };
}

function renderFit(report: ReturnType<typeof fitReport>): string {
  const row = (name: string, value: number, error: number | undefined) =>
    `  ${name.padEnd(6)} ${fixed(value).padStart(12)}   ± ${error === undefined ? '—' : fixed(error)}`;
  const { bgnbd, gammaGamma } = report;
  const lines = [
    `BG/NBD — ${report.customers.toLocaleString('en')} customers, time unit ${report.unit}${report.calibrationEnd ? `, calibration end ${report.calibrationEnd}` : ''}`,
    row('r', bgnbd.params.r, bgnbd.standardErrors?.r),
    row('α', bgnbd.params.alpha, bgnbd.standardErrors?.alpha),
    row('a', bgnbd.params.a, bgnbd.standardErrors?.a),
    row('b', bgnbd.params.b, bgnbd.standardErrors?.b),
    `  log-likelihood ${bgnbd.logLikelihood.toFixed(4)}, ${bgnbd.converged ? 'converged' : 'NOT converged'} in ${bgnbd.iterations} iterations`,
  ];
  if (gammaGamma) {
    lines.push(
      `Gamma-Gamma — ${gammaGamma.customers.toLocaleString('en')} repeat buyers`,
      row('p', gammaGamma.params.p, gammaGamma.standardErrors?.p),
      row('q', gammaGamma.params.q, gammaGamma.standardErrors?.q),
      row('γ', gammaGamma.params.gamma, gammaGamma.standardErrors?.gamma),
      `  log-likelihood ${gammaGamma.logLikelihood.toFixed(4)}, ${gammaGamma.converged ? 'converged' : 'NOT converged'} in ${gammaGamma.iterations} iterations`,
    );
  } else lines.push('Gamma-Gamma — not fitted (no spend, or too few repeat buyers)');
  for (const w of report.warnings) lines.push(`⚠ ${w.message.zh}\n  ${w.message.en}`);
  return lines.join('\n');
}

const csvColumns = [
  'id',
  'p_alive',
  'expected_30d',
  'expected_90d',
  'expected_365d',
  'expected_average_value',
  'clv',
  'next_purchase_in_days',
] as const;

export function registerClv(program: Command): void {
  const clv = program
    .command('clv')
    .description('Predicted customer value: BG/NBD and Gamma-Gamma / 客户价值预测 (P(alive), 复购次数, CLV)');
  const modelOptions = (command: Command) =>
    command
      .option(
        '--from-summary <file.csv>',
        'a summary file instead of --store: id,frequency,recency,T[,monetary_value] (lifetimes convention)',
      )
      .option('--calibration-end <yyyy-MM-dd>', 'fit on purchases up to this day (default: today)')
      .option(
        '--unit <day|week>',
        'time unit (default: the store’s setting; day for a summary file)',
        unitOption,
      );

  modelOptions(clv.command('fit'))
    .description(
      'Fit both models and print the parameters with standard errors and the log-likelihood / 拟合模型',
    )
    .action(async (options: ModelOptions, command: Command) => {
      const runtime = createRuntime(command);
      await withInput(runtime, options, async (input) => {
        const report = fitReport(input, fitModels(input.summary, input.unit));
        runtime.output.result(report, () => renderFit(report));
      });
    });

  modelOptions(clv.command('predict'))
    .description(
      'Predict every customer: P(alive), purchases in 30/90/365 days, spend per order, CLV / 预测每位客户',
    )
    .option(
      '--months <n>',
      'CLV horizon in months (default: the store’s setting, else 12)',
      numberOption('months', 1, 120),
    )
    .option('--discount <rate>', 'monthly discount rate (default 0.01)', numberOption('discount', 0, 0.5))
    .option(
      '--margin <share>',
      'share of revenue CLV counts, e.g. 0.35 for profit (default 1)',
      numberOption('margin', 0.0001, 1),
    )
    .option('--output <file.csv>', 'write every customer’s predictions to this CSV (audited for a store)')
    .option('--top <n>', 'customers to print, highest CLV first (default 10)', numberOption('top', 0, 1000))
    .action(
      async (
        options: ModelOptions & {
          months?: number;
          discount?: number;
          margin?: number;
          output?: string;
          top?: number;
        },
        command: Command,
      ) => {
        const runtime = createRuntime(command);
        await withInput(runtime, options, async (input, ctx) => {
          const base = input.settings ?? defaultSettings;
          const settings: PredictionSettings = {
            ...base,
            horizonMonths: options.months ?? base.horizonMonths,
            monthlyDiscount: options.discount ?? base.monthlyDiscount,
            grossMargin: options.margin ?? base.grossMargin,
          };
          const fit = fitModels(input.summary, input.unit);
          const values = predictCustomers(fit, input.summary, settings);
          const n = input.summary.count;
          const perUnit = DAYS_PER_UNIT[input.unit];
          const record = (i: number) => ({
            id: input.ids[i]!,
            pAlive: values.pAlive[i]!,
            expected30: values.expected[0]![i]!,
            expected90: values.expected[1]![i]!,
            expected365: values.expected[2]![i]!,
            averageValue: values.averageValue[i]!,
            clv: values.clv[i]!,
            nextPurchaseInDays: values.medianWait[i]! * perUnit,
          });
          if (options.output) {
            const rows: (string | number)[][] = [];
            for (let i = 0; i < n; i++) {
              const r = record(i);
              rows.push([
                typeof r.id === 'string' ? neutralise(r.id) : r.id,
                fixed(r.pAlive, 6),
                fixed(r.expected30, 6),
                fixed(r.expected90, 6),
                fixed(r.expected365, 6),
                fixed(r.averageValue, 2),
                fixed(r.clv, 2),
                fixed(r.nextPurchaseInDays, 1),
              ]);
            }
            writeFileSync(options.output, `${Papa.unparse({ fields: [...csvColumns], data: rows })}\n`);
            if (ctx && input.storeId !== null)
              await insertAuditEntry(
                ctx.database.db,
                input.storeId as never,
                cliActor(),
                {
                  action: 'predictions.export',
                  subjectType: 'predictions',
                  details: { file: options.output, customers: n, calibrationEnd: input.calibrationEnd },
                },
                ctx.clock.now(),
              );
            runtime.output.note(`Wrote ${n.toLocaleString('en')} customers to ${options.output}.`);
          }
          const order = Int32Array.from({ length: n }, (_, i) => i).sort(
            (i, j) => values.clv[j]! - values.clv[i]!,
          );
          const top = Array.from(order.subarray(0, options.top ?? 10), record);
          const sum = (v: Float64Array) => v.reduce((s, x) => s + x, 0);
          const result = {
            ...fitReport(input, fit),
            settings: {
              horizonMonths: settings.horizonMonths,
              monthlyDiscount: settings.monthlyDiscount,
              grossMargin: settings.grossMargin,
            },
            totals: {
              alive: sum(values.pAlive),
              expected30: sum(values.expected[0]!),
              expected90: sum(values.expected[1]!),
              expected365: sum(values.expected[2]!),
              clv: sum(values.clv),
            },
            top,
          };
          runtime.output.result(result, () =>
            [
              renderFit(result),
              '',
              `Expected active customers Σ P(alive): ${fixed(result.totals.alive, 1)} of ${n.toLocaleString('en')}`,
              `Expected purchases in ${HORIZON_DAYS.join(' / ')} days: ${[result.totals.expected30, result.totals.expected90, result.totals.expected365].map((v) => fixed(v, 1)).join(' / ')}`,
              `CLV over ${settings.horizonMonths} months (discount ${settings.monthlyDiscount}/month, margin ${settings.grossMargin}): ${fixed(result.totals.clv, 2)}`,
              '',
              `${'id'.padEnd(12)} ${'P(alive)'.padStart(8)} ${'E[30d]'.padStart(8)} ${'E[365d]'.padStart(8)} ${'spend'.padStart(10)} ${'CLV'.padStart(12)}`,
              ...top.map(
                (r) =>
                  `${String(r.id).slice(0, 12).padEnd(12)} ${fixed(r.pAlive, 3).padStart(8)} ${fixed(r.expected30, 3).padStart(8)} ${fixed(r.expected365, 3).padStart(8)} ${fixed(r.averageValue, 2).padStart(10)} ${fixed(r.clv, 2).padStart(12)}`,
              ),
            ].join('\n'),
          );
        });
      },
    );
}
