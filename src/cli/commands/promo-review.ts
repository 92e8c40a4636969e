import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { cliActor } from '../../audit/actor.js';
import { eventKeys } from '../../promotions/events.js';
import { exportReview } from '../../promotions/review-export.js';
import { percentText, reviewLabels, yuanText } from '../../promotions/review-labels.js';
import type { Review } from '../../promotions/review-schemas.js';
import { planReview } from '../../promotions/review-service.js';
import { LaokeError } from '../../shared/errors.js';
import { cliAccess, createRuntime, integerOption, requireStore } from '../runtime.js';
import { eventOption, requirePlanId } from './promo-plan.js';

// laoke promo review: a big promotion's review (复盘) in the terminal, and as XLSX or PDF files
// (each file audited as "cli", like the dashboard's downloads).

interface ReviewOptions {
  event: string;
  year: number;
  xlsx?: string;
  pdf?: string;
  lang: 'zh-CN' | 'en';
}

function languageOption(value: string): 'zh-CN' | 'en' {
  if (value !== 'zh-CN' && value !== 'en')
    throw new LaokeError('cli.invalid_argument', `--lang expects zh-CN or en, got "${value}".`);
  return value;
}

function summary(review: Review, language: 'zh-CN' | 'en', files: readonly string[]): string {
  const l = reviewLabels[language];
  const money = (key: string) => key === 'revenue' || key.endsWith('Revenue');
  return [
    `${l.title(review)}  ${review.window.from} … ${review.window.to} (${l.through} ${review.through})`,
    `${l.targetSource[review.target.source]}: ${l.met[review.target.met ? 1 : 0]}`,
    ...review.target.figures.map(
      (f) =>
        `  ${l.figures[f.key]}\t${money(f.key) ? yuanText(f.target) : f.target}\t${money(f.key) ? yuanText(f.actual) : f.actual}\t${percentText(f.share)}\t${l.met[f.met ? 1 : 0]}`,
    ),
    ...review.phases.map(
      (p) =>
        `${l.phase(p.key)}\t${l.sides.old} ${p.old.buyers} ${yuanText(p.old.revenue)}\t${l.sides.new} ${p.new.buyers} ${yuanText(p.new.revenue)}`,
    ),
    ...review.channels.map(
      (c) =>
        `${c.channel}\t${c.campaigns}\t${c.targets} → ${c.responders} (${percentText(c.responseRate)})\t${yuanText(c.revenue)}\t${yuanText(c.cost)}`,
    ),
    // 短信成本 … 总成本: the cost rows' first four labels, in the exports' order.
    `${[review.cost.messages, review.cost.coupons, review.cost.gifts, review.cost.total]
      .map((fen, i) => `${l.costRows[i]} ${yuanText(fen)}`)
      .join('  ')}  ROI ${percentText(review.roi.roi)}`,
    `${l.newCustomers}: ${review.newCustomers.count} (${review.newCustomers.audienceName})`,
    ...files.map((file) => `→ ${file}`),
  ].join('\n');
}

/** `promo review` under `laoke promo`. */
export function registerPromoReview(promo: Command): void {
  promo
    .command('review')
    .description('The review of an event (复盘): target met, new/old, channels, ROI; --xlsx/--pdf files')
    .requiredOption('--event <key>', `the event: ${eventKeys.join(', ')}`, eventOption)
    .requiredOption('--year <yyyy>', 'the year', integerOption('year', 2000, 2100))
    .option('--xlsx <file>', 'also write the review as XLSX (audited)')
    .option(
      '--pdf <file>',
      'also write the review as PDF (audited; needs a Chinese font, see LAOKE_PDF_FONT)',
    )
    .option('--lang <language>', 'the files’ and summary’s language: zh-CN or en', languageOption, 'zh-CN')
    .action(async (options: ReviewOptions, command: Command) => {
      const runtime = createRuntime(command);
      await runtime.withContext(async (ctx) => {
        const storeId = await requireStore(ctx, runtime.options.store);
        const access = await cliAccess(ctx, storeId);
        const planId = await requirePlanId(ctx.database.db, storeId, options.event, options.year);
        const review = await planReview(ctx, access, planId);
        const files: string[] = [];
        for (const format of ['xlsx', 'pdf'] as const) {
          const path = options[format];
          if (path === undefined) continue;
          const file = await exportReview(ctx, access, cliActor(), planId, {
            format,
            language: options.lang,
          });
          writeFileSync(path, file.body);
          files.push(path);
        }
        runtime.output.result({ review, files }, () => summary(review, options.lang, files));
      });
    });
}
