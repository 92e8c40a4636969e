import { type Command, Option } from 'commander';
import { cliActor } from '../../audit/actor.js';
import type { FormatName } from '../../orders/formats/format.js';
import { type ImportSummary, importOrderFile } from '../../orders/importer.js';
import { orderFilesForImport } from '../../orders/service.js';
import { LaokeError } from '../../shared/errors.js';
import { cliProgress } from '../progress.js';
import { createRuntime, requireStore } from '../runtime.js';
import { refreshWithProgress } from './analyze.js';

const formatNames: FormatName[] = ['taobao', 'taobao-items', 'shopify', 'generic', 'cdnow'];

export function registerImport(program: Command): void {
  program
    .command('import')
    .description(
      'Import order exports into --store (Taobao/Tmall, Shopify, CSV/XLSX with a column map, CDNOW) / 导入订单',
    )
    .argument('<files...>', 'export files; order reports are imported before item reports')
    .addOption(new Option('--format <format>', 'skip detection').choices(formatNames))
    .option('--map <name>', 'the saved column map for a generic CSV/XLSX')
    .option('--no-analyze', 'skip the analytics refresh after the import')
    .action(
      async (
        files: string[],
        options: { format?: FormatName; map?: string; analyze: boolean },
        command: Command,
      ) => {
        const runtime = createRuntime(command);
        await runtime.withContext(async (ctx) => {
          const storeId = await requireStore(ctx, runtime.options.store);
          const summaries: ImportSummary[] = [];
          const failures: { file: string; code: string; message: string }[] = [];
          for (const file of await orderFilesForImport(ctx, storeId, files, options)) {
            const bar = cliProgress(runtime.output, file.slice(-40), 100, 'rows');
            const started = performance.now();
            try {
              const summary = await importOrderFile(ctx, storeId, cliActor(), file, {
                format: options.format,
                mapName: options.map,
                onProgress: (progress) => {
                  const fraction = progress.bytesTotal > 0 ? progress.bytesRead / progress.bytesTotal : 0;
                  bar.update(Math.min(99, Math.floor(fraction * 100)), { rows: progress.counts.rows_read });
                },
              });
              bar.update(100, { rows: summary.read });
              bar.stop();
              summaries.push(summary);
              const seconds = (performance.now() - started) / 1000;
              runtime.output.note(
                `${summary.fileName}: ${summary.format}, ${summary.encoding}${summary.resumed ? ', resumed' : ''} — read ${summary.read}, new ${summary.inserted}, updated ${summary.updated}, unchanged ${summary.unchanged}, rejected ${summary.rejected}, new customers ${summary.customers} (${Math.round(summary.read / Math.max(seconds, 0.001)).toLocaleString('en')} rows/s)`,
              );
            } catch (thrown) {
              bar.stop();
              if (!(thrown instanceof LaokeError)) throw thrown;
              failures.push({ file, code: thrown.code, message: thrown.message });
              runtime.output.note(`✖ ${file}: ${thrown.message}`);
            }
          }
          const total = (key: 'read' | 'inserted' | 'updated' | 'unchanged' | 'rejected' | 'customers') =>
            summaries.reduce((sum, summary) => sum + summary[key], 0);
          // The analyses follow the new orders (as the dashboard's import job does).
          const changed = summaries.some((summary) => summary.inserted + summary.updated > 0);
          const analytics =
            options.analyze && changed ? await refreshWithProgress(ctx, runtime.output, storeId) : null;
          const result = {
            read: total('read'),
            inserted: total('inserted'),
            updated: total('updated'),
            unchanged: total('unchanged'),
            rejected: total('rejected'),
            customers: total('customers'),
            files: summaries,
            failures,
            analytics,
          };
          runtime.output.result(
            result,
            () =>
              `Imported ${summaries.length} of ${summaries.length + failures.length} file(s): ${result.inserted} new, ${result.updated} updated, ${result.unchanged} unchanged, ${result.rejected} rejected rows (see the import history for the reasons).`,
          );
          if (failures.length > 0) process.exitCode = 1;
        });
      },
    );
}
