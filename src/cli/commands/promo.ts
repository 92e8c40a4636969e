import type { Command } from 'commander';
import { cliActor } from '../../audit/actor.js';
import { eventKeys, phaseNames } from '../../promotions/events.js';
import { planProgress, planTargets } from '../../promotions/figures.js';
import { percentText, yuanText } from '../../promotions/review-labels.js';
import { createPlan, findPlanId, getPlan } from '../../promotions/service.js';
import { cliAccess, createRuntime, integerOption, requireStore } from '../runtime.js';
import { eventOption, requirePlanId } from './promo-plan.js';
import { registerPromoReview } from './promo-review.js';

// laoke promo plan|progress: a big promotion's plan, targets and live progress from a terminal,
// acting as the store's owner (audited as "cli"). `plan` creates the plan when there is none
// (a copy of last year's when it exists), then shows it with its targets.

interface PromoOptions {
  event: string;
  year: number;
}

const money = (fen: number) => yuanText(fen);
const percent = percentText;

export function registerPromo(program: Command): void {
  const promo = program.command('promo').description('Big promotions / 大促: plan, progress, review');

  promo
    .command('plan')
    .description('Create or show the plan of an event and year, with its targets / 大促计划与目标')
    .requiredOption('--event <key>', `the event: ${eventKeys.join(', ')}`, eventOption)
    .requiredOption('--year <yyyy>', 'the year', integerOption('year', 2000, 2100))
    .action(async (options: PromoOptions, command: Command) => {
      const runtime = createRuntime(command);
      await runtime.withContext(async (ctx) => {
        const storeId = await requireStore(ctx, runtime.options.store);
        const access = await cliAccess(ctx, storeId);
        const { db } = ctx.database;
        let planId = await findPlanId(db, storeId, options.event, options.year);
        const created = planId === undefined;
        if (planId === undefined) {
          const copyLastYear = (await findPlanId(db, storeId, options.event, options.year - 1)) !== undefined;
          planId = (
            await createPlan(ctx, access, cliActor(), {
              event: options.event,
              year: options.year,
              copyLastYear,
            })
          ).id;
        }
        const plan = await getPlan(db, storeId, planId);
        const targets = await planTargets(ctx, access, planId);
        runtime.output.result({ created, plan, targets }, () =>
          [
            `${plan.eventName.zh} ${plan.year} (plan ${plan.id}${created ? ', created' : ''})`,
            ...plan.phases.map(
              (p) => `${phaseNames[p.phase].zh} ${phaseNames[p.phase].en}\t${p.from} … ${p.to}\t${p.goal}`,
            ),
            `Tasks: ${plan.tasks.length}`,
            `Last year (${targets.lastYear.year}): old ${targets.lastYear.whole.old.buyers} buyers ${money(targets.lastYear.whole.old.revenue)}, new ${targets.lastYear.whole.new.buyers} buyers ${money(targets.lastYear.whole.new.revenue)}`,
            `Forecast: old ${targets.forecast.oldBuyers} buyers ${money(targets.forecast.oldRevenue)}, new ${targets.forecast.newBuyers} buyers ${money(targets.forecast.newRevenue)}`,
            plan.target
              ? `Target: old ${plan.target.oldBuyers} buyers ${money(plan.target.oldRevenue)}, new ${plan.target.newBuyers} buyers ${money(plan.target.newRevenue)}`
              : 'Target: not set (the forecast stands in)',
            'Old-customer target by segment:',
            ...targets.segments.map(
              (s) =>
                `  ${s.segment}\t${s.customers} × ${percent(s.responseRate)} × ${s.aov === null ? '–' : money(Math.round(s.aov))} = ${money(s.expectedRevenue)}`,
            ),
            `  Sum ${money(targets.segmentsRevenue)} of ${money(targets.oldRevenueTarget)}`,
          ].join('\n'),
        );
      });
    });

  promo
    .command('progress')
    .description('Live progress against the target, by phase and day / 大促实时进度')
    .requiredOption('--event <key>', `the event: ${eventKeys.join(', ')}`, eventOption)
    .requiredOption('--year <yyyy>', 'the year', integerOption('year', 2000, 2100))
    .action(async (options: PromoOptions, command: Command) => {
      const runtime = createRuntime(command);
      await runtime.withContext(async (ctx) => {
        const storeId = await requireStore(ctx, runtime.options.store);
        const access = await cliAccess(ctx, storeId);
        const planId = await requirePlanId(ctx.database.db, storeId, options.event, options.year);
        const progress = await planProgress(ctx, access, planId);
        runtime.output.result(progress, () =>
          [
            progress.through === null ? 'Not started yet.' : `Through ${progress.through}`,
            `Old: ${progress.total.old.buyers} buyers ${money(progress.total.old.revenue)} (${percent(progress.total.oldRevenueShare)} of target)`,
            `New: ${progress.total.new.buyers} buyers ${money(progress.total.new.revenue)} (${percent(progress.total.newRevenueShare)} of target)`,
            ...progress.phases.map(
              (p) =>
                `${phaseNames[p.phase].zh} ${phaseNames[p.phase].en}\told ${p.old.buyers} ${money(p.old.revenue)}\tnew ${p.new.buyers} ${money(p.new.revenue)}`,
            ),
          ].join('\n'),
        );
      });
    });

  registerPromoReview(promo);
}
