import type { Readable } from 'node:stream';
import { DateTime } from 'luxon';
import type { Actor } from '../audit/actor.js';
import { insertAuditEntry } from '../audit/audit.store.js';
import type { AppContext } from '../context.js';
import { LaokeError } from '../shared/errors.js';
import type { StoreId } from '../shared/ids.js';
import {
  type SpreadsheetCell,
  type SpreadsheetFormat,
  safeCells,
  spreadsheetStream,
} from '../shared/spreadsheet.js';
import { type LowConversion, lowConversionProducts } from './low-conversion.js';
import { latestProductsSnapshot, type ProductRow, type ProductsSnapshot } from './products.js';

// The products analysis as spreadsheets: the products table, the gateway ranking, and the next
// products (one row per product and next product). Read from the latest snapshot; audited.

export const productTables = ['products', 'gateway', 'next', 'low-conversion'] as const;
export type ProductTable = (typeof productTables)[number];
type Language = 'zh-CN' | 'en';

const rate = (value: number | null): SpreadsheetCell =>
  value === null ? '' : Math.round(value * 10_000) / 10_000;

function productsTable(snapshot: ProductsSnapshot, language: Language) {
  const n = snapshot.windowDays;
  const header =
    language === 'en'
      ? [
          'Product ID',
          'Product key',
          'Title',
          'Category',
          'Buyers',
          'Orders',
          'Units',
          'Revenue (yuan)',
          'Repeat buyers',
          'Repurchase rate',
          `Repeat within ${n} days`,
          `Rate within ${n} days`,
          'Old customers’ revenue share',
          'Old customers’ unit share',
          'First buyers',
          'Gateway return rate',
          'Bought again on the next visit',
        ]
      : [
          '商品ID',
          '商家编码',
          '商品名称',
          '类目',
          '购买人数',
          '订单数',
          '件数',
          '销售额(元)',
          '复购人数',
          '复购率',
          `${n}天内复购人数`,
          `${n}天内复购率`,
          '老客销售额占比',
          '老客件数占比',
          '首购人数',
          '首购回头率',
          '下次再买占比',
        ];
  const rows = snapshot.products.map((row): SpreadsheetCell[] => [
    row.productId,
    row.key,
    row.title,
    row.category ?? '',
    row.buyers,
    row.orders,
    row.units,
    row.revenue / 100,
    row.repeatBuyers,
    rate(row.repurchaseRate),
    row.withinWindow,
    rate(row.withinWindowRate),
    rate(row.oldRevenueShare),
    rate(row.oldUnitShare),
    row.firstBuyers,
    rate(row.gatewayReturnRate),
    rate(row.sameAgainShare),
  ]);
  return { header, rows };
}

function gatewayTable(snapshot: ProductsSnapshot, language: Language) {
  const header =
    language === 'en'
      ? ['Rank', 'Product ID', 'Product key', 'Title', 'First buyers', 'Gateway return rate', 'Buyers']
      : ['排名', '商品ID', '商家编码', '商品名称', '首购人数', '首购回头率', '购买人数'];
  const byId = new Map(snapshot.products.map((row) => [row.productId, row]));
  const ranked = snapshot.gateway.flatMap((id) => byId.get(id) ?? []);
  const rows = ranked.map((row, index): SpreadsheetCell[] => [
    index + 1,
    row.productId,
    row.key,
    row.title,
    row.firstBuyers,
    rate(row.gatewayReturnRate),
    row.buyers,
  ]);
  return { header, rows };
}

function nextTable(snapshot: ProductsSnapshot, language: Language) {
  const header =
    language === 'en'
      ? ['Product ID', 'Title', 'Rank', 'Next product ID', 'Next product', 'Customer visits', 'Share']
      : ['商品ID', '商品名称', '排名', '下一件商品ID', '下一件商品', '人次', '占比'];
  const rows = snapshot.products.flatMap((row: ProductRow) =>
    row.next.map((next, index): SpreadsheetCell[] => [
      row.productId,
      row.title,
      index + 1,
      next.productId,
      next.title,
      next.customers,
      rate(next.share),
    ]),
  );
  return { header, rows };
}

function lowConversionTable(list: LowConversion, language: Language) {
  const header =
    language === 'en'
      ? [
          'Product ID',
          'Product key',
          'Title',
          'Views',
          'Visitors',
          'Add to cart',
          'Orders',
          'Buyers',
          'Conversion',
          'Below median',
        ]
      : [
          '商品ID',
          '商家编码',
          '商品名称',
          '浏览量',
          '访客数',
          '加购',
          '订单数',
          '购买人数',
          '转化率',
          '低于中位数',
        ];
  const yes = language === 'en' ? 'yes' : '是';
  const rows = list.products.map((row): SpreadsheetCell[] => [
    row.productId,
    row.key,
    row.title,
    row.views,
    row.visitors,
    row.addToCart,
    row.orders,
    row.buyers,
    rate(row.conversion),
    row.belowMedian ? yes : '',
  ]);
  return { header, rows };
}

const tables = { products: productsTable, gateway: gatewayTable, next: nextTable } as const;
const sheetNames = {
  'low-conversion': { 'zh-CN': '高流量低转化', en: 'Low conversion' },
  products: { 'zh-CN': '商品复购', en: 'Products' },
  gateway: { 'zh-CN': '引流商品', en: 'Gateway products' },
  next: { 'zh-CN': '下一件商品', en: 'Next products' },
} as const;

/** One table of the latest products snapshot as CSV or XLSX; the export is audited. */
export async function exportProductTable(
  ctx: AppContext,
  store: { readonly storeId: StoreId; readonly timeZone: string },
  actor: Actor,
  request: {
    readonly format: SpreadsheetFormat;
    readonly table: ProductTable;
    readonly language: Language;
    /** The days of the low-conversion table. */
    readonly range?: { readonly from: string; readonly to: string } | undefined;
  },
): Promise<{ stream: Readable; fileName: string; contentType: string }> {
  let table: { header: string[]; rows: SpreadsheetCell[][] };
  let computedAt: number;
  if (request.table === 'low-conversion') {
    if (!request.range) {
      throw new LaokeError(
        'request.invalid',
        'The low-conversion table needs its days: from and to (yyyy-MM-dd).',
      );
    }
    table = lowConversionTable(
      await lowConversionProducts(ctx, store.storeId, store.timeZone, request.range),
      request.language,
    );
    computedAt = ctx.clock.now();
  } else {
    const snapshot = await latestProductsSnapshot(ctx, store.storeId);
    if (!snapshot)
      throw new LaokeError(
        'analytics.not_computed',
        'No products analysis yet; refresh the analytics first.',
      );
    table = tables[request.table](snapshot, request.language);
    computedAt = snapshot.computedAt;
  }
  const now = ctx.clock.now();
  await insertAuditEntry(
    ctx.database.db,
    store.storeId,
    actor,
    {
      action: 'product.export',
      subjectType: 'analysis_snapshot',
      details: { format: request.format, table: request.table, computedAt, ...(request.range ?? {}) },
    },
    now,
  );
  const { header, rows } = table;
  async function* chunks() {
    yield rows.map(safeCells);
  }
  const stamp = DateTime.fromMillis(now, { zone: store.timeZone }).toFormat('yyyyMMdd-HHmm');
  const fileName = `products-${request.table}-${store.storeId}-${stamp}.${request.format}`;
  const sheet = sheetNames[request.table][request.language];
  return { ...spreadsheetStream(request.format, sheet, header, chunks()), fileName };
}
