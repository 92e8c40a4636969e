import type { AppContext } from '../context.js';
import type { StoreId } from '../shared/ids.js';
import { listColumnMaps } from './column-maps.store.js';
import type { FormatName } from './formats/format.js';
import { detectFormat } from './formats/index.js';
import { sniffFileKind } from './sniff.js';
import { openTextSource } from './source/text.js';

/**
 * The files in the order to import them: order reports before item reports (lines need their
 * orders), otherwise as given. Files that cannot be detected keep their place; the import of
 * each says why it failed.
 */
export async function orderFilesForImport(
  ctx: AppContext,
  storeId: StoreId,
  files: readonly string[],
  options: { format?: FormatName | undefined },
): Promise<string[]> {
  if (options.format || files.length < 2) return [...files];
  const maps = await listColumnMaps(ctx.database.db, storeId);
  const rank = async (file: string) => {
    try {
      if (sniffFileKind(file) !== 'text') return 0;
      for await (const entry of openTextSource(file, { layout: 'csv' }).records) {
        if (entry.kind !== 'record') continue;
        return detectFormat(entry.fields, maps).format.name === 'taobao-items' ? 1 : 0;
      }
    } catch {
      // Unreadable or undetectable: left in place for the import to report.
    }
    return 0;
  };
  const ranked = await Promise.all(
    files.map(async (file, index) => ({ file, index, rank: await rank(file) })),
  );
  return ranked.sort((a, b) => a.rank - b.rank || a.index - b.index).map((entry) => entry.file);
}
