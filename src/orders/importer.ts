import { statSync } from 'node:fs';
import { basename } from 'node:path';
import type { Actor } from '../audit/actor.js';
import { insertAuditEntry } from '../audit/audit.store.js';
import type { AppContext } from '../context.js';
import { bulkSession } from '../db/dialect/bulk-insert.js';
import { matchRedemptions } from '../loyalty/coupons-redeem.js';
import { LaokeError } from '../shared/errors.js';
import type { ImportRunId, JobId, StoreId } from '../shared/ids.js';
import { type Currency, currencies } from '../shared/money.js';
import { type Instant, instant } from '../shared/time.js';
import { findStoreById } from '../stores/stores.store.js';
import { writeBatch } from './batch-writer.js';
import { type ReadPlan, readBatches } from './batches.js';
import { listColumnMaps } from './column-maps.store.js';
import { cdnowFormat } from './formats/cdnow.js';
import type { FormatName, OrderFormat } from './formats/format.js';
import type { ColumnMap } from './formats/generic-map.js';
import { detectFormat, formatByName } from './formats/index.js';
import {
  claimRun,
  findRun,
  findUnfinishedRun,
  finishRun,
  insertRun,
  type RunCounts,
} from './import.store.js';
import { fileSha256, firstLine, sniffFileKind } from './sniff.js';
import { openTextSource } from './source/text.js';
import type { SourceRecord } from './source/types.js';
import { openXlsxSource } from './source/xlsx.js';

// One file into one store: detect the format, then stream records through the format's mapper
// into batches, each written in its own transaction with the run's counters and checkpoint.
// A run whose process died (its lease ran out) is resumed by importing the same file again:
// records before the checkpoint are replayed through the mapper (which may keep state, such as
// CDNOW's per-day numbering) but not written again, so the final counts are those of an
// uninterrupted run.

const BATCH_ORDERS = 5_000;

export interface ImportOptions {
  readonly format?: FormatName | undefined;
  readonly mapName?: string | undefined;
  /** Shown in the history instead of the path's base name (uploads keep the user's file name). */
  readonly fileName?: string | undefined;
  readonly jobId?: JobId | undefined;
  readonly onProgress?: ((progress: ImportProgress) => void) | undefined;
}

export interface ImportProgress {
  readonly runId: ImportRunId;
  readonly bytesRead: number;
  readonly bytesTotal: number;
  readonly counts: RunCounts;
}

export interface ImportSummary {
  readonly runId: ImportRunId;
  readonly format: FormatName;
  readonly fileName: string;
  readonly encoding: string;
  readonly resumed: boolean;
  readonly read: number;
  readonly inserted: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly rejected: number;
  readonly customers: number;
  readonly items: number;
}

interface Opened {
  readonly format: OrderFormat;
  readonly map: { name: string; map: ColumnMap } | undefined;
  readonly kind: 'xlsx' | 'text';
  readonly layout: 'csv' | 'whitespace';
  readonly bytesTotal: number;
  readonly headerIsData: boolean;
}

/** Imports one order file into a store and returns what it did. */
export async function importOrderFile(
  ctx: AppContext,
  storeId: StoreId,
  actor: Actor,
  path: string,
  options: ImportOptions = {},
): Promise<ImportSummary> {
  const store = await findStoreById(ctx.database.db, storeId);
  if (!store) throw new LaokeError('store.not_found', `No store ${storeId}.`);
  const opened = await openAndDetect(ctx, storeId, path, options);
  const fileName = options.fileName ?? basename(path);
  const { runId, resumed, checkpoint } = await startRun(ctx, storeId, actor, path, fileName, opened, options);
  const currency = (Object.hasOwn(currencies, store.currency) ? store.currency : 'CNY') as Currency;
  const plan: ReadPlan = {
    path,
    kind: opened.kind,
    layout: opened.layout,
    format: opened.format.name,
    map: opened.map?.map,
    headerIsData: opened.headerIsData,
    timeZone: store.time_zone,
    currency,
    currencyDigits: currencies[currency],
    checkpoint,
    batchOrders: BATCH_ORDERS,
  };
  try {
    const encoding = await pump(ctx, storeId, runId, plan, options);
    const run = await findRun(ctx.database.db, storeId, runId);
    if (!run) throw new Error(`import run ${runId} vanished`);
    if (run.rows_read === 0)
      throw new LaokeError('import.empty_file', `${fileName} has a header but no order rows.`);
    // The discount codes on the run's orders redeem the store's coupons (src/loyalty). Before the
    // run is finished: should it fail, the import is retried, and matching again is harmless.
    await matchRedemptions(ctx, storeId, actor, { importRunId: runId });
    await ctx.database.db.transaction().execute(async (trx) => {
      await finishRun(trx, storeId, runId, { status: 'succeeded', error: null, encoding }, ctx.clock.now());
      await insertAuditEntry(
        trx,
        storeId,
        actor,
        {
          action: 'import.orders',
          subjectType: 'import_run',
          subjectId: runId,
          details: {
            file: fileName,
            format: opened.format.name,
            read: run.rows_read,
            inserted: run.orders_created,
            updated: run.orders_updated,
            rejected: run.rows_rejected,
          },
        },
        ctx.clock.now(),
      );
    });
    return {
      runId,
      format: opened.format.name,
      fileName,
      encoding,
      resumed,
      read: run.rows_read,
      inserted: run.orders_created,
      updated: run.orders_updated,
      unchanged: run.orders_unchanged,
      rejected: run.rows_rejected,
      customers: run.customers_created,
      items: run.items_written,
    };
  } catch (thrown) {
    const message = thrown instanceof Error ? thrown.message : String(thrown);
    await finishRun(
      ctx.database.db,
      storeId,
      runId,
      { status: 'failed', error: message.slice(0, 2_000), encoding: null },
      ctx.clock.now(),
    );
    throw thrown;
  }
}

async function openAndDetect(
  ctx: AppContext,
  storeId: StoreId,
  path: string,
  options: ImportOptions,
): Promise<Opened> {
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    throw new LaokeError('import.unreadable', `Cannot read ${path}: no such file.`);
  }
  if (size === 0) throw new LaokeError('import.empty_file', `${basename(path)} is empty.`);
  const kind = sniffFileKind(path);
  const forced = options.format ? formatByName(options.format) : undefined;
  const whitespace = forced
    ? forced.layout === 'whitespace'
    : kind === 'text' && cdnowFormat.detect(firstLine(path).trim().split(/\s+/)).matches;
  const source =
    kind === 'xlsx'
      ? await openXlsxSource(path)
      : openTextSource(path, { layout: whitespace ? 'whitespace' : 'csv' });
  const records = source.records[Symbol.asyncIterator]();
  let header: SourceRecord | undefined;
  for (;;) {
    const next = await records.next();
    if (next.done) break;
    if (next.value.kind === 'record') {
      header = next.value;
      break;
    }
  }
  await records.return?.(undefined); // the header is all detection needs
  if (!header) throw new LaokeError('import.empty_file', `${basename(path)} has no rows.`);
  const layout = whitespace ? ('whitespace' as const) : ('csv' as const);
  const maps = await savedMaps(ctx, storeId, options.mapName);
  if (forced) {
    const map = forced.name === 'generic' ? maps[0] : undefined;
    const detection = forced.detect(header.fields, map?.map);
    if (!detection.matches) {
      throw new LaokeError(
        'import.unknown_format',
        `The header does not fit ${forced.label}; expected columns: ${forced.expected.join(', ')}. The header is: ${header.fields.slice(0, 12).join(', ')}`,
        { format: forced.name },
      );
    }
    return { format: forced, map, kind, layout, bytesTotal: size, headerIsData: detection.headerIsData };
  }
  const detected = detectFormat(header.fields, maps);
  return {
    format: detected.format,
    map: detected.map,
    kind,
    layout,
    bytesTotal: size,
    headerIsData: detected.headerIsData,
  };
}

async function savedMaps(ctx: AppContext, storeId: StoreId, mapName: string | undefined) {
  const maps = await listColumnMaps(ctx.database.db, storeId);
  if (mapName === undefined) return maps;
  const chosen = maps.filter((map) => map.name === mapName);
  if (chosen.length === 0)
    throw new LaokeError('import.map_not_found', `No column map "${mapName}" in this store; save one first.`);
  return chosen;
}

async function startRun(
  ctx: AppContext,
  storeId: StoreId,
  actor: Actor,
  path: string,
  fileName: string,
  opened: Opened,
  options: ImportOptions,
) {
  const sha256 = await fileSha256(path);
  const now = ctx.clock.now();
  const leaseUntil = instant(now + ctx.config.import.leaseMs);
  const unfinished = await findUnfinishedRun(ctx.database.db, storeId, sha256);
  if (unfinished) {
    if (await claimRun(ctx.database.db, storeId, unfinished.id, now, leaseUntil)) {
      return { runId: unfinished.id, resumed: true, checkpoint: unfinished.checkpoint_line };
    }
    const seconds = Math.ceil(((unfinished.lease_expires_at ?? now) - now) / 1000);
    throw new LaokeError(
      'import.in_progress',
      `This file is being imported already (import #${unfinished.id}). If that process has died, the import resumes from where it stopped when you import the file again in ${seconds} s.`,
      { runId: unfinished.id },
    );
  }
  const runId = await ctx.database.db.transaction().execute((trx) =>
    insertRun(
      trx,
      storeId,
      {
        format: opened.format.name,
        fileName,
        sha256,
        bytesTotal: opened.bytesTotal,
        mapName: opened.map?.name ?? null,
        createdBy: actor.userId,
        jobId: options.jobId ?? null,
      },
      now,
      leaseUntil,
    ),
  );
  return { runId, resumed: false, checkpoint: 0 };
}

async function pump(
  ctx: AppContext,
  storeId: StoreId,
  runId: ImportRunId,
  plan: ReadPlan,
  options: ImportOptions,
): Promise<string> {
  const totals: Record<keyof RunCounts, number> = {
    rows_read: 0,
    rows_rejected: 0,
    orders_created: 0,
    orders_updated: 0,
    orders_unchanged: 0,
    items_written: 0,
    customers_created: 0,
  };
  let encoding = 'utf-8';
  for await (const batch of readBatches(plan)) {
    const now = ctx.clock.now();
    const counts = await bulkSession(ctx.database, (session) =>
      writeBatch(
        session,
        {
          database: ctx.database,
          storeId,
          runId,
          now,
          leaseUntil: instant(now + ctx.config.import.leaseMs) as Instant,
        },
        batch,
      ),
    );
    for (const key of Object.keys(totals) as (keyof RunCounts)[]) totals[key] += counts[key];
    encoding = batch.encoding;
    options.onProgress?.({
      runId,
      bytesRead: batch.bytesRead,
      bytesTotal: batch.bytesTotal,
      counts: { ...totals },
    });
  }
  return encoding;
}
