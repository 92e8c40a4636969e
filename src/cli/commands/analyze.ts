import type { Command } from 'commander';
import { productsSnapshotSchema } from '../../analytics/products.js';
import { type RefreshSummary, refreshAnalytics } from '../../analytics/refresh.js';
import { rfmSnapshotSchema } from '../../analytics/rfm-refresh.js';
import {
  cohortsSnapshotSchema,
  lifecycleSnapshotSchema,
  newOldSnapshotSchema,
  paretoSnapshotSchema,
} from '../../analytics/schemas.js';
import { latestSnapshot } from '../../analytics/snapshots.js';
import { type AnalyticsReport, renderReport } from '../../analytics/text-report.js';
import { cliActor } from '../../audit/actor.js';
import type { AppContext } from '../../context.js';
import { refreshLoyalty } from '../../loyalty/refresh.js';
import type { StoreId } from '../../shared/ids.js';
import type { Output } from '../output.js';
import { cliProgress } from '../progress.js';
import { createRuntime, requireStore } from '../runtime.js';

/** Recomputes every analysis of the store with a progress bar. */
export async function refreshWithProgress(
  ctx: AppContext,
  output: Output,
  storeId: StoreId,
): Promise<RefreshSummary> {
  const bar = cliProgress(output, 'Analysing / 分析中', 100);
  try {
    const summary = await refreshAnalytics(ctx, storeId, (fraction) =>
      bar.update(Math.round(fraction * 100)),
    );
    // As the refresh job does: membership tiers move with the same figures.
    await refreshLoyalty(ctx, storeId, cliActor());
    return summary;
  } finally {
    bar.stop();
  }
}

export async function readReport(ctx: AppContext, storeId: StoreId): Promise<AnalyticsReport> {
  const db = ctx.database.db;
  const [rfm, lifecycle, newOld, pareto, cohorts, products] = await Promise.all([
    latestSnapshot(db, storeId, 'rfm', rfmSnapshotSchema),
    latestSnapshot(db, storeId, 'lifecycle', lifecycleSnapshotSchema),
    latestSnapshot(db, storeId, 'new_old', newOldSnapshotSchema),
    latestSnapshot(db, storeId, 'pareto', paretoSnapshotSchema),
    latestSnapshot(db, storeId, 'cohorts', cohortsSnapshotSchema),
    latestSnapshot(db, storeId, 'products', productsSnapshotSchema),
  ]);
  return { rfm, lifecycle, newOld, pareto, cohorts, products };
}

export function registerAnalyze(program: Command): void {
  program
    .command('analyze')
    .description(
      'Customer analytics of --store: RFM, lifecycle, new vs old, 80/20, cohorts, products (refreshes first if never run) / 客户分析报告',
    )
    .option('--refresh', 'recompute now even if a refresh exists')
    .action(async (options: { refresh?: boolean }, command: Command) => {
      const runtime = createRuntime(command);
      await runtime.withContext(async (ctx) => {
        const storeId = await requireStore(ctx, runtime.options.store);
        let report = await readReport(ctx, storeId);
        let refreshed: RefreshSummary | null = null;
        if (options.refresh || report.rfm === null) {
          refreshed = await refreshWithProgress(ctx, runtime.output, storeId);
          runtime.output.note(
            `Refreshed in ${refreshed.seconds.toFixed(1)} s: ${refreshed.buyers.toLocaleString('en')} buyers, ${refreshed.purchases.toLocaleString('en')} purchases.`,
          );
          report = await readReport(ctx, storeId);
        }
        runtime.output.result({ refreshed, ...report }, () => renderReport(report));
      });
    });
}
