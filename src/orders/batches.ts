import type { Currency } from '../shared/money.js';
import type { Batch } from './batch-writer.js';
import type { FormatName } from './formats/format.js';
import type { ColumnMap } from './formats/generic-map.js';
import { formatByName } from './formats/index.js';
import { LocalTime } from './parse/datetime.js';
import type { ParsedItems, ParsedOrder, ParseOutcome } from './parsed.js';
import { openTextSource } from './source/text.js';
import type { RecordSource, Rejection } from './source/types.js';
import { openXlsxSource } from './source/xlsx.js';

// Reading a file into batches of parsed orders: no database, so it runs on the importing thread
// or in a worker thread beside it (read-worker.ts). Everything a batch holds is plain data.

export interface ReadPlan {
  readonly path: string;
  readonly kind: 'xlsx' | 'text';
  readonly layout: 'csv' | 'whitespace';
  readonly format: FormatName;
  readonly map: ColumnMap | undefined;
  readonly headerIsData: boolean;
  readonly timeZone: string;
  readonly currency: Currency;
  readonly currencyDigits: number;
  /** Lines before this one were written by an earlier, interrupted run of the same file. */
  readonly checkpoint: number;
  readonly batchOrders: number;
}

export interface ReadBatch extends Batch {
  readonly bytesRead: number;
  readonly bytesTotal: number;
  readonly encoding: string;
  readonly last: boolean;
}

async function openSource(plan: ReadPlan): Promise<RecordSource> {
  return plan.kind === 'xlsx'
    ? openXlsxSource(plan.path)
    : openTextSource(plan.path, { layout: plan.layout });
}

/** The file's batches, in order; the last one is marked `last` (and may be empty). */
export async function* readBatches(plan: ReadPlan): AsyncGenerator<ReadBatch> {
  const source = await openSource(plan);
  const records = source.records[Symbol.asyncIterator]();
  let header = await records.next();
  while (!header.done && header.value.kind !== 'record') header = await records.next();
  if (header.done || header.value.kind !== 'record') {
    yield {
      orders: [],
      items: [],
      rejections: [],
      recordsRead: 0,
      checkpointLine: plan.checkpoint,
      ...progress(source),
      last: true,
    };
    return;
  }
  const mapper = formatByName(plan.format).mapper(header.value.fields, {
    local: new LocalTime(plan.timeZone),
    currency: plan.currency,
    currencyDigits: plan.currencyDigits,
    map: plan.map,
  });
  let orders: ParsedOrder[] = [];
  let items: ParsedItems[] = [];
  let rejections: Rejection[] = [];
  let recordsRead = 0;
  let nextLine = header.value.line + 1;
  const add = (outcome: ParseOutcome) => {
    if (outcome.line < plan.checkpoint) return; // written before the interrupted run died
    if (outcome.kind === 'order') orders.push(outcome);
    else if (outcome.kind === 'items') items.push(outcome);
    else rejections.push(outcome);
  };
  const take = (entry: typeof header.value | Rejection) => {
    if (entry.line >= plan.checkpoint) recordsRead += 1;
    if (entry.kind === 'rejected') add(entry);
    else for (const outcome of mapper.push(entry)) add(outcome);
    nextLine = entry.line + 1;
  };
  const cut = (checkpointLine: number, last: boolean): ReadBatch => {
    const batch = {
      orders,
      items,
      rejections,
      recordsRead,
      checkpointLine: Math.max(plan.checkpoint, checkpointLine),
      ...progress(source),
      last,
    };
    orders = [];
    items = [];
    rejections = [];
    recordsRead = 0;
    return batch;
  };
  if (plan.headerIsData) take(header.value);
  for (;;) {
    const next = await records.next();
    if (next.done) break;
    take(next.value);
    if (orders.length + items.length >= plan.batchOrders) {
      // Lines held by the mapper (an order spanning rows) are not done yet.
      yield cut(Math.min(nextLine, mapper.heldFrom?.() ?? nextLine), false);
    }
  }
  for (const outcome of mapper.finish()) add(outcome);
  yield cut(nextLine, true);
}

function progress(source: RecordSource) {
  const stats = source.stats();
  return { bytesRead: stats.bytesRead, bytesTotal: stats.totalBytes, encoding: stats.encoding };
}
