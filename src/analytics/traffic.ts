import { basename } from 'node:path';
import { DateTime } from 'luxon';
import type { Actor } from '../audit/actor.js';
import { insertAuditEntry } from '../audit/audit.store.js';
import type { AppContext } from '../context.js';
import { type ColumnSpec, locate, normaliseHeader } from '../orders/formats/columns.js';
import { cleanCell } from '../orders/parse/cells.js';
import { sniffFileKind } from '../orders/sniff.js';
import { openTextSource } from '../orders/source/text.js';
import type { Cell, SourceRecord } from '../orders/source/types.js';
import { openXlsxSource } from '../orders/source/xlsx.js';
import { LaokeError } from '../shared/errors.js';
import type { ProductId, StoreId } from '../shared/ids.js';
import { type ProductMatcher, productMatcher, upsertTraffic } from './traffic.store.js';

// Product traffic (商品流量: views, visitors, add-to-cart per product and day) from a CSV or XLSX
// export, in Chinese or English headers, UTF-8 or GBK (decoded by the order importer's readers).
// Rows name the product by its 商家编码 (product key), SKU or exact title. Bad rows are reported
// with their line and what was expected; the good ones are written in one transaction with the
// audit entry, so a failure part-way writes nothing.

const columns = {
  date: ['日期', '统计日期', 'date', 'day'],
  product: [
    '商家编码',
    '商品id',
    '商品编码',
    'product key',
    'product id',
    'sku',
    '商品名称',
    '商品标题',
    '商品',
    'title',
    'product',
  ],
  views: ['浏览量', '商品浏览量', 'views', 'page views', 'pv'],
  visitors: ['访客数', '商品访客数', 'visitors', 'unique visitors', 'uv'],
  addToCart: [
    '加购件数',
    '加购人数',
    '商品加购件数',
    '商品加购人数',
    'add to cart',
    'add-to-cart',
    'adds to cart',
  ],
} as const satisfies ColumnSpec;

const required = ['date', 'product', 'views', 'visitors'] as const;
const EXPECTED =
  '日期/date, 商家编码 or 商品ID/product key (or sku, or title), 浏览量/views, 访客数/visitors, and optionally 加购件数 or 加购人数/add to cart';

export interface TrafficRejection {
  readonly line: number;
  readonly reason: string;
}

export interface TrafficImportResult {
  readonly read: number;
  readonly upserted: number;
  readonly rejected: TrafficRejection[];
}

interface TrafficRow {
  readonly line: number;
  readonly product: string;
  readonly day: string;
  readonly views: number;
  readonly visitors: number;
  readonly addToCart: number;
}

function cellText(value: Cell | undefined): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return cleanCell(String(value));
}

/** yyyy-MM-dd, yyyy/M/d, yyyy年M月d日, yyyyMMdd or a spreadsheet date; else what was expected. */
export function parseTrafficDay(value: Cell | undefined): string | { error: string } {
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  const textValue = cellText(value);
  const match =
    /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(textValue) ??
    /^(\d{4})(\d{2})(\d{2})$/.exec(textValue);
  const day = match
    ? DateTime.fromObject({ year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) })
    : null;
  if (!day?.isValid) return { error: `"${textValue}" is not a date; expected yyyy-MM-dd, e.g. 2026-11-11` };
  return day.toISODate()!;
}

/** A whole number ≥ 0 (thousands separators allowed); else what was expected. */
export function parseCount(value: Cell | undefined): number | { error: string } {
  const textValue = cellText(value);
  const digits = /^\d{1,3}(,\d{3})+$/.test(textValue) ? textValue.replaceAll(',', '') : textValue;
  const count = /^\d+(\.0+)?$/.test(digits) ? Number(digits) : Number.NaN;
  if (!Number.isSafeInteger(count) || count > 2_147_483_647)
    return { error: `"${textValue}" is not a count; expected a whole number, 0 or more` };
  return count;
}

function readRow(
  record: SourceRecord,
  at: Record<keyof typeof columns, number>,
): TrafficRow | TrafficRejection {
  const fields = record.fields;
  const fail = (reason: string) => ({ line: record.line, reason: `Line ${record.line}: ${reason}` });
  const product = cellText(fields[at.product]);
  if (product === '') return fail(`${columns.product[0]} is empty; expected the product's key, SKU or title`);
  const day = parseTrafficDay(fields[at.date]);
  if (typeof day !== 'string') return fail(`日期 ${day.error}`);
  const counts: number[] = [];
  for (const key of ['views', 'visitors', 'addToCart'] as const) {
    if (key === 'addToCart' && at.addToCart < 0) {
      counts.push(0);
      continue;
    }
    const count = parseCount(fields[at[key]]);
    if (typeof count !== 'number') return fail(`${columns[key][0]} ${count.error}`);
    counts.push(count);
  }
  const [views, visitors, addToCart] = counts as [number, number, number];
  return { line: record.line, product, day, views, visitors, addToCart };
}

/** Reads a traffic file's rows; throws on a file with no header, the wrong columns or no rows. */
async function readTrafficFile(path: string, fileName: string) {
  const source =
    sniffFileKind(path) === 'xlsx' ? await openXlsxSource(path) : openTextSource(path, { layout: 'csv' });
  const rows: TrafficRow[] = [];
  const rejected: TrafficRejection[] = [];
  let at: Record<keyof typeof columns, number> | undefined;
  let read = 0;
  for await (const entry of source.records) {
    if (entry.kind === 'rejected') {
      if (at) read += 1;
      rejected.push({ line: entry.line, reason: entry.message });
      continue;
    }
    if (!at) {
      const header = entry.fields.map((cell) => normaliseHeader(cell).toLowerCase());
      at = locate(header, columns);
      const missing = required.filter((key) => at![key] < 0).map((key) => columns[key][0]);
      if (missing.length > 0)
        throw new LaokeError(
          'traffic.unknown_columns',
          `${fileName} has no ${missing.join(', ')} column; expected ${EXPECTED}. Found: ${header.join(', ')}.`,
          { missing, found: header },
        );
      continue;
    }
    read += 1;
    const row = readRow(entry, at);
    if ('reason' in row) rejected.push(row);
    else rows.push(row);
  }
  if (!at)
    throw new LaokeError(
      'traffic.empty_file',
      `${fileName} is empty; expected a header row with ${EXPECTED}.`,
    );
  if (read === 0) throw new LaokeError('traffic.empty_file', `${fileName} has a header but no rows.`);
  return { read, rows, rejected };
}

/** Matches rows to products and drops a second row for the same product and day. */
function matchRows(rows: readonly TrafficRow[], match: ProductMatcher, rejected: TrafficRejection[]) {
  const seen = new Map<string, number>();
  const matched: { row: TrafficRow; productId: ProductId }[] = [];
  for (const row of rows) {
    const found = match(row.product);
    if (typeof found !== 'number') {
      rejected.push({ line: row.line, reason: `Line ${row.line}: ${found.error}` });
      continue;
    }
    const key = `${found}:${row.day}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      rejected.push({
        line: row.line,
        reason: `Line ${row.line}: the same product and day as line ${earlier}; expected one row per product and day`,
      });
      continue;
    }
    seen.set(key, row.line);
    matched.push({ row, productId: found });
  }
  return matched;
}

/** Imports a traffic file: upserts a row per product and day; reports the rows it could not use. */
export async function importProductTraffic(
  ctx: AppContext,
  storeId: StoreId,
  actor: Actor,
  path: string,
  options: { readonly fileName?: string | undefined } = {},
): Promise<TrafficImportResult> {
  const fileName = options.fileName ?? basename(path);
  const file = await readTrafficFile(path, fileName);
  const rejected = [...file.rejected];
  const match = await productMatcher(ctx.database.db, storeId);
  const matched = matchRows(file.rows, match, rejected);
  const now = ctx.clock.now();
  await ctx.database.db.transaction().execute(async (trx) => {
    await upsertTraffic(
      trx,
      storeId,
      matched.map(({ row, productId }) => ({ productId, ...row })),
      now,
    );
    await insertAuditEntry(
      trx,
      storeId,
      actor,
      {
        action: 'product.traffic_import',
        subjectType: 'product_traffic',
        details: { fileName, read: file.read, upserted: matched.length, rejected: rejected.length },
      },
      now,
    );
  });
  rejected.sort((a, b) => a.line - b.line);
  return { read: file.read, upserted: matched.length, rejected };
}
