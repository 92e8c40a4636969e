import type { Readable } from 'node:stream';
import { sql } from 'kysely';
import { DateTime } from 'luxon';
import { z } from 'zod';
import type { Actor } from '../audit/actor.js';
import { insertAuditEntry } from '../audit/audit.store.js';
import type { AppContext } from '../context.js';
import { maskPhone } from '../customers/mask.js';
import { LaokeError } from '../shared/errors.js';
import type { CustomerId, StoreId } from '../shared/ids.js';
import type { Fen } from '../shared/money.js';
import {
  type SpreadsheetCell as Cell,
  type SpreadsheetFormat,
  safeCells,
  spreadsheetStream,
} from '../shared/spreadsheet.js';
import { type Instant, startOfLocalDay } from '../shared/time.js';
import type { StoreAccess } from '../stores/access.js';
import { type Totals, toRows } from './new-old.js';
import { dayOfDate } from './purchases.js';
import { rfmSnapshotSchema } from './rfm-refresh.js';
import {
  cohortsSnapshotSchema,
  type LifecycleState,
  lifecycleSnapshotSchema,
  type NewOldRow,
  newOldSnapshotSchema,
  paretoSnapshotSchema,
} from './schemas.js';
import { latestSnapshot } from './snapshots.js';

// What the dashboard, the CLI report and the exports read: the core-customer list, new vs old for
// any date range (plain SQL, so it needs no refresh), and every analysis table as a file.

export const coreCustomerSchema = z.object({
  customerId: z.number().int(),
  displayName: z.string(),
  nick: z.string().nullable(),
  name: z.string().nullable(),
  phone: z.string().nullable().describe('always masked'),
  province: z.string().nullable(),
  city: z.string().nullable(),
  valueRank: z.number().int().describe('1 = the biggest spender'),
  totalSpent: z.number(),
  orderCount: z.number().int(),
  lastOrderAt: z.number().int().nullable(),
  segmentCn: z.string(),
  segmentEn: z.string(),
  lifecycle: z.string().nullable(),
});
export type CoreCustomer = z.infer<typeof coreCustomerSchema>;

function coreQuery(ctx: AppContext, storeId: StoreId) {
  return ctx.database.db
    .selectFrom('customer_scores as s')
    .innerJoin('customers as c', (join) =>
      join.onRef('c.store_id', '=', 's.store_id').onRef('c.id', '=', 's.customer_id'),
    )
    .where('s.store_id', '=', storeId)
    .where('s.is_core', '=', 1);
}

interface CoreCursor {
  readonly spent: number;
  readonly id: number;
}

/** Core customers by spend (biggest first, then id), after `cursor` or from `offset`. */
async function corePage(
  ctx: AppContext,
  storeId: StoreId,
  from: { readonly offset: number } | { readonly after: CoreCursor },
  limit: number,
): Promise<CoreCustomer[]> {
  let query = coreQuery(ctx, storeId).select([
    'c.id',
    'c.nick',
    'c.name',
    'c.phone',
    'c.province',
    'c.city',
    'c.total_spent',
    'c.order_count',
    'c.last_order_at',
    's.segment_cn',
    's.segment_en',
    's.lifecycle',
  ]);
  if ('after' in from) {
    const { spent, id } = from.after;
    query = query.where((eb) =>
      eb.or([
        eb('c.total_spent', '<', spent as Fen),
        eb.and([eb('c.total_spent', '=', spent as Fen), eb('c.id', '>', id as CustomerId)]),
      ]),
    );
  } else query = query.offset(from.offset);
  const rows = await query.orderBy('c.total_spent', 'desc').orderBy('c.id').limit(limit).execute();
  const base = 'offset' in from ? from.offset : 0;
  return rows.map(
    (row, index): CoreCustomer => ({
      customerId: row.id,
      displayName: row.nick ?? row.name ?? `#${row.id}`,
      nick: row.nick,
      name: row.name,
      phone: maskPhone(row.phone),
      province: row.province,
      city: row.city,
      valueRank: base + index + 1,
      totalSpent: Number(row.total_spent),
      orderCount: row.order_count,
      lastOrderAt: row.last_order_at === null ? null : Number(row.last_order_at),
      segmentCn: row.segment_cn,
      segmentEn: row.segment_en,
      lifecycle: row.lifecycle,
    }),
  );
}

/** One page of the core list (the top 20% by spend), biggest spender first. */
export async function coreCustomers(
  ctx: AppContext,
  storeId: StoreId,
  page: number,
  pageSize: number,
): Promise<{ total: number; items: CoreCustomer[] }> {
  const total = await coreQuery(ctx, storeId)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return {
    total: Number(total.n),
    items: await corePage(ctx, storeId, { offset: (page - 1) * pageSize }, pageSize),
  };
}

const MAX_RANGE_DAYS = 3_660;

type RangeFigures = Record<keyof Totals, number>;

async function splitRange(
  ctx: AppContext,
  storeId: StoreId,
  from: Instant,
  until: Instant,
): Promise<RangeFigures> {
  const result = await sql<{ is_new: number; buyers: number; orders: number; revenue: number | null }>`
    select case when c.first_order_at >= ${from} then 1 else 0 end as is_new,
           count(distinct o.customer_id) as buyers,
           count(*) as orders,
           sum(o.net_amount) as revenue
    from orders o
    join customers c on c.store_id = o.store_id and c.id = o.customer_id
    where o.store_id = ${storeId} and o.is_purchase = 1
      and o.ordered_at >= ${from} and o.ordered_at < ${until}
    group by 1`.execute(ctx.database.db);
  const side = (isNew: boolean) => {
    const row = result.rows.find((r) => Number(r.is_new) === (isNew ? 1 : 0));
    return {
      buyers: Number(row?.buyers ?? 0),
      orders: Number(row?.orders ?? 0),
      revenue: Number(row?.revenue ?? 0),
    };
  };
  const fresh = side(true);
  const old = side(false);
  return {
    newBuyers: fresh.buyers,
    oldBuyers: old.buyers,
    newOrders: fresh.orders,
    oldOrders: old.orders,
    newRevenue: fresh.revenue,
    oldRevenue: old.revenue,
  };
}

/** New vs old customers between two local dates (inclusive), and the same dates a year before. */
export async function newOldForRange(
  ctx: AppContext,
  access: StoreAccess,
  fromDate: string,
  toDate: string,
): Promise<NewOldRow> {
  const zone = access.store.time_zone;
  const bounds = (from: string, to: string) => {
    const start = startOfLocalDay(from, zone);
    const end = startOfLocalDay(DateTime.fromISO(to).plus({ days: 1 }).toISODate() ?? '', zone);
    if (start === null || end === null) {
      throw new LaokeError('request.invalid', `Expected dates as yyyy-MM-dd, got "${from}" and "${to}".`);
    }
    return [start, end] as const;
  };
  const span = dayOfDate(toDate) - dayOfDate(fromDate);
  if (!(span >= 0)) {
    throw new LaokeError(
      'request.invalid',
      `The range must end on or after its start (${fromDate} to ${toDate}).`,
    );
  }
  if (span > MAX_RANGE_DAYS) {
    throw new LaokeError('request.invalid', `A range may cover at most ${MAX_RANGE_DAYS} days.`);
  }
  const yearBefore = (date: string) => DateTime.fromISO(date).minus({ years: 1 }).toISODate() ?? date;
  const [now, before] = await Promise.all([
    splitRange(ctx, access.storeId, ...bounds(fromDate, toDate)),
    splitRange(ctx, access.storeId, ...bounds(yearBefore(fromDate), yearBefore(toDate))),
  ]);
  // The range and the year before as two periods, so toRows derives the ratios and the growth.
  const both = (key: keyof Totals) => Float64Array.of(now[key], before[key]);
  const columns: Totals = {
    newBuyers: both('newBuyers'),
    oldBuyers: both('oldBuyers'),
    newOrders: both('newOrders'),
    oldOrders: both('oldOrders'),
    newRevenue: both('newRevenue'),
    oldRevenue: both('oldRevenue'),
  };
  const periods = [
    { key: `${fromDate}..${toDate}`, from: dayOfDate(fromDate), to: dayOfDate(toDate) },
    { key: 'previous year', from: dayOfDate(yearBefore(fromDate)), to: dayOfDate(yearBefore(toDate)) },
  ];
  return toRows(periods, columns, (i) => (i === 0 ? 1 : -1))[0]!;
}

export const exportTables = [
  'rfm-segments',
  'rfm-segments-en',
  'lifecycle',
  'new-old-days',
  'new-old-weeks',
  'new-old-months',
  'promotions',
  'pareto',
  'cohorts',
  'core-customers',
] as const;
export type ExportTable = (typeof exportTables)[number];

type Language = 'zh-CN' | 'en';

const lifecycleNames: Record<Language, Record<LifecycleState, string>> = {
  'zh-CN': { new: '新客', active: '活跃', silent: '沉默', churned: '流失', won_back: '回流' },
  en: { new: 'New', active: 'Active', silent: 'Silent', churned: 'Churned', won_back: 'Won back' },
};

const newOldHeader: Record<Language, string[]> = {
  'zh-CN': [
    '周期',
    '开始',
    '结束',
    '新客人数',
    '老客人数',
    '新客订单',
    '老客订单',
    '新客销售额(元)',
    '老客销售额(元)',
    '新客客单价(元)',
    '老客客单价(元)',
    '老客人数占比',
    '老客销售额占比',
    '新客人数同比',
    '老客人数同比',
    '新客销售额同比',
    '老客销售额同比',
  ],
  en: [
    'Period',
    'From',
    'To',
    'New buyers',
    'Old buyers',
    'New orders',
    'Old orders',
    'New revenue',
    'Old revenue',
    'New AOV',
    'Old AOV',
    'Old buyer share',
    'Old revenue share',
    'New buyers YoY',
    'Old buyers YoY',
    'New revenue YoY',
    'Old revenue YoY',
  ],
};

const yuan = (fen: number | null) => (fen === null ? '' : Math.round(fen) / 100);
const ratio = (value: number | null) => (value === null ? '' : Math.round(value * 10_000) / 10_000);

const newOldCells = (row: NewOldRow): Cell[] => [
  row.period,
  row.from,
  row.to,
  row.newBuyers,
  row.oldBuyers,
  row.newOrders,
  row.oldOrders,
  yuan(row.newRevenue),
  yuan(row.oldRevenue),
  yuan(row.newAov),
  yuan(row.oldAov),
  ratio(row.oldBuyerShare),
  ratio(row.oldRevenueShare),
  ratio(row.yoy.newBuyers),
  ratio(row.yoy.oldBuyers),
  ratio(row.yoy.newRevenue),
  ratio(row.yoy.oldRevenue),
];

async function* once(rows: Cell[][]): AsyncGenerator<Cell[][]> {
  yield rows;
}

function noData(table: ExportTable): never {
  throw new LaokeError('analytics.not_computed', `No analysis to export for "${table}" yet: refresh first.`);
}

/** The header and rows of one analysis table, from the latest snapshots. */
async function tableOf(
  ctx: AppContext,
  access: StoreAccess,
  table: ExportTable,
  language: Language,
): Promise<{ header: string[]; rows: AsyncIterable<Cell[][]> }> {
  const db = ctx.database.db;
  const storeId = access.storeId;
  const zh = language === 'zh-CN';
  switch (table) {
    case 'rfm-segments':
    case 'rfm-segments-en': {
      const rfm = (await latestSnapshot(db, storeId, 'rfm', rfmSnapshotSchema)) ?? noData(table);
      const segments = table === 'rfm-segments' ? rfm.chinese : rfm.english;
      return {
        header: zh
          ? ['客户分群', '人数', '人数占比', '销售额占比', '平均R', '平均F', '平均M']
          : [
              'Segment',
              'Customers',
              'Customer share',
              'Revenue share',
              'Average R',
              'Average F',
              'Average M',
            ],
        rows: once(
          segments.map((s) => [
            s.segment,
            s.customers,
            ratio(rfm.buyers > 0 ? s.customers / rfm.buyers : 0),
            ratio(s.revenueShare),
            s.averageR,
            s.averageF,
            s.averageM,
          ]),
        ),
      };
    }
    case 'lifecycle': {
      const snapshot =
        (await latestSnapshot(db, storeId, 'lifecycle', lifecycleSnapshotSchema)) ?? noData(table);
      return {
        header: zh ? ['生命周期', '人数', '销售额占比'] : ['Lifecycle state', 'Customers', 'Revenue share'],
        rows: once(
          snapshot.states.map((s) => [lifecycleNames[language][s.state], s.customers, ratio(s.revenueShare)]),
        ),
      };
    }
    case 'new-old-days':
    case 'new-old-weeks':
    case 'new-old-months':
    case 'promotions': {
      const snapshot = (await latestSnapshot(db, storeId, 'new_old', newOldSnapshotSchema)) ?? noData(table);
      const rows = {
        'new-old-days': snapshot.days,
        'new-old-weeks': snapshot.weeks,
        'new-old-months': snapshot.months,
        promotions: snapshot.promotions,
      }[table];
      return { header: newOldHeader[language], rows: once(rows.map(newOldCells)) };
    }
    case 'pareto': {
      const snapshot = (await latestSnapshot(db, storeId, 'pareto', paretoSnapshotSchema)) ?? noData(table);
      return {
        header: zh ? ['客户占比', '累计销售额占比'] : ['Share of customers', 'Cumulative revenue share'],
        rows: once(snapshot.curve.map((share, p) => [p / 100, ratio(share)])),
      };
    }
    case 'cohorts': {
      const snapshot = (await latestSnapshot(db, storeId, 'cohorts', cohortsSnapshotSchema)) ?? noData(table);
      const longest = Math.max(0, ...snapshot.cohorts.map((c) => c.retention.length));
      const months = Array.from({ length: longest }, (_, m) =>
        zh ? `第${m}月留存` : `Month ${m} retention`,
      );
      const revenue = Array.from({ length: longest }, (_, m) =>
        zh ? `第${m}月销售额(元)` : `Month ${m} revenue`,
      );
      return {
        header: [zh ? '首购月份' : 'Cohort', zh ? '人数' : 'Customers', ...months, ...revenue],
        rows: once(
          snapshot.cohorts.map((c) => [
            c.month,
            c.customers,
            ...Array.from({ length: longest }, (_, m) => ratio(c.retention[m] ?? null)),
            ...Array.from({ length: longest }, (_, m) => yuan(c.revenue[m] ?? null)),
          ]),
        ),
      };
    }
    case 'core-customers': {
      const zone = access.store.time_zone;
      async function* pages(): AsyncGenerator<Cell[][]> {
        let cursor: CoreCursor | null = null;
        let rank = 0;
        for (;;) {
          const page: CoreCustomer[] = await corePage(
            ctx,
            storeId,
            cursor ? { after: cursor } : { offset: 0 },
            2_000,
          );
          if (page.length === 0) return;
          const first = rank;
          rank += page.length;
          yield page.map((c, index) => [
            first + index + 1,
            c.customerId,
            c.displayName,
            c.phone ?? '',
            c.province ?? '',
            c.city ?? '',
            c.orderCount,
            yuan(c.totalSpent),
            c.lastOrderAt === null ? '' : (DateTime.fromMillis(c.lastOrderAt, { zone }).toISODate() ?? ''),
            zh ? c.segmentCn : c.segmentEn,
            c.lifecycle ? lifecycleNames[language][c.lifecycle as LifecycleState] : '',
          ]);
          cursor = { spent: page.at(-1)!.totalSpent, id: page.at(-1)!.customerId };
        }
      }
      return {
        header: zh
          ? [
              '排名',
              '客户ID',
              '客户',
              '手机',
              '省份',
              '城市',
              '购买次数',
              '累计消费(元)',
              '最近购买',
              'RFM分群',
              '生命周期',
            ]
          : [
              'Rank',
              'Customer ID',
              'Customer',
              'Phone',
              'Province',
              'City',
              'Orders',
              'Total spent',
              'Last purchase',
              'RFM segment',
              'Lifecycle',
            ],
        rows: pages(),
      };
    }
  }
}

/** One analysis table as CSV or XLSX; audited like every export. */
export async function exportAnalyticsTable(
  ctx: AppContext,
  access: StoreAccess,
  actor: Actor,
  request: { table: ExportTable; format: SpreadsheetFormat; language: Language },
): Promise<{ stream: Readable; fileName: string; contentType: string }> {
  const { header, rows } = await tableOf(ctx, access, request.table, request.language);
  const now = ctx.clock.now();
  await insertAuditEntry(
    ctx.database.db,
    access.storeId,
    actor,
    {
      action: 'analytics.export',
      subjectType: 'analysis',
      details: { table: request.table, format: request.format },
    },
    now,
  );
  const stamp = DateTime.fromMillis(now, { zone: access.store.time_zone }).toFormat('yyyyMMdd-HHmm');
  async function* safe(): AsyncGenerator<Cell[][]> {
    for await (const chunk of rows) yield chunk.map(safeCells);
  }
  return {
    ...spreadsheetStream(request.format, request.table, header, safe()),
    fileName: `${request.table}-${access.storeId}-${stamp}.${request.format}`,
  };
}
