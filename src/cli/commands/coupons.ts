import type { Command } from 'commander';
import { cliActor } from '../../audit/actor.js';
import { matchRedemptions } from '../../loyalty/coupons-redeem.js';
import { couponReport } from '../../loyalty/coupons-report.js';
import { couponBatchInputSchema, issueInputSchema } from '../../loyalty/coupons-schemas.js';
import { createBatch, issueToAudience } from '../../loyalty/coupons-service.js';
import { LaokeError } from '../../shared/errors.js';
import { cliAccess, createRuntime, requireStore } from '../runtime.js';

// laoke coupons create|issue|report|match: coupon batches from a terminal, acting as the store's
// owner (audited as "cli"). Amounts are typed in yuan and stored in fen.

const yuan = (text: string | undefined, option: string): number | undefined => {
  if (text === undefined) return undefined;
  if (!/^\d+(\.\d{1,2})?$/.test(text))
    throw new LaokeError(
      'cli.invalid_argument',
      `${option} expects an amount in yuan like 30 or 29.90, got "${text}".`,
    );
  return Math.round(Number(text) * 100);
};

const wholeNumber = (text: string | undefined, option: string): number | undefined => {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text))
    throw new LaokeError('cli.invalid_argument', `${option} expects a whole number, got "${text}".`);
  return Number(text);
};

/** The first problem zod found, as the CLI's argument error. */
function parsed<T>(
  result:
    | { success: true; data: T }
    | { success: false; error: { issues: readonly { path: PropertyKey[]; message: string }[] } },
): T {
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  throw new LaokeError('cli.invalid_argument', `${issue.path.join('.') || 'input'}: ${issue.message}`);
}

const percent = (rate: number | null) => (rate === null ? '–' : `${(rate * 100).toFixed(1)}%`);
const money = (fen: number) => `¥${(fen / 100).toLocaleString('en', { minimumFractionDigits: 2 })}`;

interface CreateOptions {
  name: string;
  amountOff?: string;
  percentOff?: string;
  threshold?: string;
  from: string;
  to: string;
  perCustomer?: string;
  total: string;
}

export function registerCoupons(program: Command): void {
  const coupons = program.command('coupons').description('Coupons / 优惠券: create, issue, report, match');

  coupons
    .command('create')
    .description('Create a coupon batch / 创建优惠券批次')
    .requiredOption('--name <name>', 'the batch name')
    .option('--amount-off <yuan>', 'amount off (满减), in yuan')
    .option('--percent-off <n>', 'percent off (折扣), 1–99')
    .option('--threshold <yuan>', 'the goods amount an order must reach, in yuan', '0')
    .requiredOption('--from <yyyy-MM-dd>', 'first valid day (store time)')
    .requiredOption('--to <yyyy-MM-dd>', 'last valid day (store time)')
    .option('--per-customer <n>', 'codes one customer may hold', '1')
    .requiredOption('--total <n>', 'codes in the batch')
    .action(async (options: CreateOptions, command: Command) => {
      const runtime = createRuntime(command);
      const amountOff = yuan(options.amountOff, '--amount-off');
      const percentOff = wholeNumber(options.percentOff, '--percent-off');
      const input = parsed(
        couponBatchInputSchema.safeParse({
          name: options.name,
          kind: percentOff === undefined ? 'amount' : 'percent',
          ...(amountOff === undefined ? {} : { amountOff }),
          ...(percentOff === undefined ? {} : { percentOff }),
          threshold: yuan(options.threshold, '--threshold'),
          validFrom: options.from,
          validTo: options.to,
          perCustomerLimit: wholeNumber(options.perCustomer, '--per-customer'),
          totalCount: wholeNumber(options.total, '--total'),
        }),
      );
      await runtime.withContext(async (ctx) => {
        const storeId = await requireStore(ctx, runtime.options.store);
        const batch = await createBatch(ctx, await cliAccess(ctx, storeId), cliActor(), input);
        runtime.output.result(
          batch,
          () =>
            `Created coupon batch ${batch.id} “${batch.name}”: ${batch.faceValue}, ${batch.validFrom} – ${batch.validTo}, ${batch.totalCount} codes.`,
        );
      });
    });

  coupons
    .command('issue <batchId>')
    .description('Issue codes to a saved audience’s members / 向人群发券')
    .requiredOption('--audience <id>', 'a saved audience of the store')
    .option('--per-customer <n>', 'codes each member should hold', '1')
    .action(async (batchId: string, options: { audience: string; perCustomer: string }, command: Command) => {
      const runtime = createRuntime(command);
      const id = wholeNumber(batchId, 'batchId')!;
      const input = parsed(
        issueInputSchema.safeParse({
          audienceId: wholeNumber(options.audience, '--audience'),
          perCustomer: wholeNumber(options.perCustomer, '--per-customer'),
        }),
      );
      await runtime.withContext(async (ctx) => {
        const storeId = await requireStore(ctx, runtime.options.store);
        const result = await issueToAudience(ctx, await cliAccess(ctx, storeId), cliActor(), id, input);
        runtime.output.result(
          result,
          () =>
            `Issued ${result.issued} codes to ${result.customers} of ${result.members} members; ${result.atLimit} already at their limit, ${result.outOfStock} left short; ${result.remaining} codes remain.`,
        );
      });
    });

  coupons
    .command('report <batchId>')
    .description('Issued, redeemed, rate, revenue and cost of a batch / 优惠券效果')
    .action(async (batchId: string, _options: unknown, command: Command) => {
      const runtime = createRuntime(command);
      const id = wholeNumber(batchId, 'batchId')!;
      await runtime.withContext(async (ctx) => {
        const storeId = await requireStore(ctx, runtime.options.store);
        const report = await couponReport(ctx, await cliAccess(ctx, storeId), id);
        const { redemptions: _, ...summary } = report;
        runtime.output.result(summary, () =>
          [
            `${report.batch.name} (${report.batch.faceValue}, ${report.batch.validFrom} – ${report.batch.validTo})`,
            `  issued 发放     ${report.issued}`,
            `  redeemed 核销   ${report.redeemed} (${percent(report.rate)})`,
            `  revenue 带动销售 ${money(report.revenue)}`,
            `  cost 优惠成本    ${money(report.cost)}`,
            `  rejected 拒绝   ${
              Object.entries(report.rejected)
                .filter(([, n]) => n > 0)
                .map(([reason, n]) => `${reason} ${n}`)
                .join(', ') || '0'
            }`,
          ].join('\n'),
        );
      });
    });

  coupons
    .command('match')
    .description('Match the discount codes of all imported orders again / 重新核对订单券码')
    .action(async (_options: unknown, command: Command) => {
      const runtime = createRuntime(command);
      await runtime.withContext(async (ctx) => {
        const storeId = await requireStore(ctx, runtime.options.store);
        const result = await matchRedemptions(ctx, storeId, cliActor());
        runtime.output.result(
          result,
          () =>
            `${result.orders} orders with codes: ${result.accepted} redeemed, ${result.rejected} rejected, ${result.unknown} not this store’s coupons.`,
        );
      });
    });
}
