import type { Readable } from 'node:stream';
import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import { DateTime } from 'luxon';
import type { Actor } from '../audit/actor.js';
import { insertAuditEntry } from '../audit/audit.store.js';
import { canSeePersonalData } from '../auth/permissions.js';
import type { AppContext } from '../context.js';
import type { CustomerRow, Schema } from '../db/schema.js';
import { predictionsOf, type StoredPrediction } from '../predict/predictions.store.js';
import type { CustomerId } from '../shared/ids.js';
import { safeCells, spreadsheetStream } from '../shared/spreadsheet.js';
import type { StoreAccess } from '../stores/access.js';
import { applyCustomerFilter, tagsOf } from './archive.store.js';
import { maskAddress, maskPhone } from './mask.js';
import type { CustomerFilter } from './schemas.js';
import { parsePreferences } from './service.js';

// Customers to CSV or XLSX (src/shared/spreadsheet.ts), streamed a chunk of 2,000 at a time in id
// order, so a million customers never sit in memory. Phone and address are in full only for roles
// that may see them; the export itself is audited either way.

export type ExportFormat = 'csv' | 'xlsx';

const CHUNK = 2_000;

const headers = {
  'zh-CN': [
    '客户ID',
    '买家昵称',
    '姓名',
    '性别',
    '生日',
    '手机',
    '邮箱',
    '省份',
    '城市',
    '地址',
    '职业',
    '信用等级',
    '标签',
    '偏好',
    '购买次数',
    '累计消费(元)',
    '首次购买',
    '最近购买',
    '短信许可',
    '邮件许可',
    '仍活跃概率',
    '未来365天预计购买',
    '预测客户价值(元)',
    '若仍活跃的价值(元)',
    '预计下次购买',
  ],
  en: [
    'Customer ID',
    'Buyer nick',
    'Name',
    'Gender',
    'Birthday',
    'Phone',
    'Email',
    'Province',
    'City',
    'Address',
    'Occupation',
    'Credit level',
    'Tags',
    'Preferences',
    'Orders',
    'Total spent',
    'First purchase',
    'Last purchase',
    'SMS consent',
    'Email consent',
    'P(alive)',
    'Expected purchases, 365 days',
    'Predicted value',
    'Value if still active',
    'Next order if active',
  ],
} as const;

const words = {
  'zh-CN': { female: '女', male: '男', yes: '是', no: '否' },
  en: { female: 'female', male: 'male', yes: 'yes', no: 'no' },
} as const;

export interface ExportRequest {
  readonly format: ExportFormat;
  readonly filter: CustomerFilter;
  readonly ids?: readonly number[] | undefined;
  readonly language: 'zh-CN' | 'en';
  /**
   * Instead of the filter: the live (not erased) customers this expression selects, e.g. a saved
   * audience's members (src/audiences), with what the audit entry says about them.
   */
  readonly selection?: {
    readonly where: (eb: ExpressionBuilder<Schema, 'customers'>) => Expression<SqlBool>;
    readonly audit: Readonly<Record<string, unknown>>;
    readonly fileStem: string;
  };
}

/** Starts an export: records it in the audit log, then streams the file. */
export async function exportCustomers(
  ctx: AppContext,
  access: StoreAccess,
  actor: Actor,
  request: ExportRequest,
): Promise<{ stream: Readable; fileName: string; contentType: string }> {
  const unmasked = canSeePersonalData(access.role, access.settings);
  const matching = () => {
    let query = applyCustomerFilter(
      ctx.database,
      ctx.database.db.selectFrom('customers').selectAll('customers'),
      access.storeId,
      request.filter,
      access.store.time_zone,
    );
    if (request.ids) query = query.where('customers.id', 'in', request.ids as CustomerId[]);
    if (request.selection)
      query = query.where('customers.erased_at', 'is', null).where(request.selection.where);
    return query;
  };
  const now = ctx.clock.now();
  await insertAuditEntry(
    ctx.database.db,
    access.storeId,
    actor,
    {
      action: 'customer.export',
      subjectType: 'customer',
      details: {
        format: request.format,
        unmasked,
        ...(request.selection
          ? request.selection.audit
          : request.ids
            ? { ids: request.ids.length }
            : { filter: request.filter }),
      },
    },
    now,
  );

  const zone = access.store.time_zone;
  const word = words[request.language];
  const day = (at: number | null) =>
    at === null ? '' : (DateTime.fromMillis(at, { zone }).toISODate() ?? '');
  const yesNo = (flag: 0 | 1 | null) => (flag === null ? '' : flag === 1 ? word.yes : word.no);
  const toCells = (
    row: CustomerRow,
    tags: readonly string[],
    predicted: StoredPrediction | undefined,
  ): (string | number)[] => [
    row.id,
    row.nick ?? '',
    row.name ?? '',
    row.gender ? word[row.gender] : '',
    row.birth_month === null
      ? ''
      : [row.birth_year, row.birth_month, row.birth_day]
          .filter((part) => part !== null)
          .map((part) => String(part).padStart(2, '0'))
          .join('-'),
    (unmasked ? row.phone : maskPhone(row.phone)) ?? '',
    row.email ?? '',
    row.province ?? '',
    row.city ?? '',
    (unmasked ? row.address : maskAddress(row.address, row)) ?? '',
    row.occupation ?? '',
    row.credit_level ?? '',
    tags.join(','),
    Object.entries(parsePreferences(row.preferences))
      .map(([key, value]) => `${key}:${value}`)
      .join('; '),
    row.order_count,
    row.total_spent / 100,
    day(row.first_order_at),
    day(row.last_order_at),
    yesNo(row.consent_sms),
    yesNo(row.consent_email),
    // Predictions from the latest refresh (blank for customers without a purchase, or before one)
    predicted ? Math.round(predicted.p_alive * 1000) / 1000 : '',
    predicted ? Math.round(predicted.expected_365 * 100) / 100 : '',
    predicted ? predicted.clv / 100 : '',
    predicted ? predicted.potential_value / 100 : '',
    predicted?.next_order_date ?? '',
  ];

  async function* chunks(): AsyncGenerator<(string | number)[][]> {
    let after = 0;
    for (;;) {
      const rows = await matching()
        .where('customers.id', '>', after as CustomerId)
        .orderBy('customers.id')
        .limit(CHUNK)
        .execute();
      if (rows.length === 0) return;
      const ids = rows.map((row) => row.id);
      const tags = await tagsOf(ctx.database, access.storeId, ids);
      const predictions = await predictionsOf(ctx.database.db, access.storeId, ids);
      yield rows.map((row) => safeCells(toCells(row, tags.get(row.id) ?? [], predictions.get(row.id))));
      after = rows[rows.length - 1]!.id;
    }
  }

  const stamp = DateTime.fromMillis(now, { zone }).toFormat('yyyyMMdd-HHmm');
  const fileName = `${request.selection?.fileStem ?? 'customers'}-${access.storeId}-${stamp}.${request.format}`;
  const sheet = request.language === 'en' ? 'Customers' : '客户';
  return { ...spreadsheetStream(request.format, sheet, headers[request.language], chunks()), fileName };
}
