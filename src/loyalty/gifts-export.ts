import type { Readable } from 'node:stream';
import type { Actor } from '../audit/actor.js';
import { insertAuditEntry } from '../audit/audit.store.js';
import type { AppContext } from '../context.js';
import { LaokeError } from '../shared/errors.js';
import type { CustomerId } from '../shared/ids.js';
import { type SpreadsheetFormat, safeCells, spreadsheetStream } from '../shared/spreadsheet.js';
import type { StoreAccess } from '../stores/access.js';
import { findPlan } from './gifts.store.js';

// The warehouse's shipping list: one row per recipient with the full name, phone and address (the
// route is for owners and operators only), streamed 2,000 rows at a time. Audited before the
// first byte leaves.

const CHUNK = 2_000;

const headers = {
  'zh-CN': [
    '客户ID',
    '昵称',
    '收件人',
    '手机',
    '省份',
    '城市',
    '区县',
    '收货地址',
    '礼品编码',
    '礼品',
    '状态',
    '快递单号',
  ],
  en: [
    'Customer ID',
    'Nick',
    'Recipient',
    'Phone',
    'Province',
    'City',
    'District',
    'Address',
    'Gift SKU',
    'Gift',
    'Status',
    'Tracking no.',
  ],
} as const;

const statusWords = {
  'zh-CN': { planned: '待打包', packed: '已打包', shipped: '已发货' },
  en: { planned: 'planned', packed: 'packed', shipped: 'shipped' },
} as const;

/** Starts the shipping list's export: the audit entry first, then the file. */
export async function exportShippingList(
  ctx: AppContext,
  access: StoreAccess,
  actor: Actor,
  planId: number,
  options: { readonly format: SpreadsheetFormat; readonly language: 'zh-CN' | 'en' },
): Promise<{ stream: Readable; fileName: string; contentType: string }> {
  const db = ctx.database.db;
  const storeId = access.storeId;
  const plan = await findPlan(db, storeId, planId);
  if (plan.status !== 'confirmed')
    throw new LaokeError(
      'gift.wrong_state',
      `Gift plan ${planId} is a draft: confirm it to get its shipping list.`,
    );
  await insertAuditEntry(
    db,
    storeId,
    actor,
    {
      action: 'gift.export',
      subjectType: 'gift_plan',
      subjectId: planId,
      details: { format: options.format, recipients: plan.recipients, unmasked: true },
    },
    ctx.clock.now(),
  );
  const words = statusWords[options.language];
  async function* chunks() {
    let after = 0;
    for (;;) {
      const rows = await db
        .selectFrom('gift_recipients as g')
        .leftJoin('customers as c', (join) =>
          join.onRef('c.store_id', '=', 'g.store_id').onRef('c.id', '=', 'g.customer_id'),
        )
        .selectAll('g')
        .select('c.nick')
        .where('g.store_id', '=', storeId)
        .where('g.plan_id', '=', planId)
        .where('g.customer_id', '>', after as CustomerId)
        .orderBy('g.customer_id')
        .limit(CHUNK)
        .execute();
      if (rows.length === 0) return;
      after = rows.at(-1)!.customer_id;
      yield rows.map((r) =>
        safeCells([
          r.customer_id,
          r.nick ?? '',
          r.name ?? '',
          r.phone ?? '',
          r.province ?? '',
          r.city ?? '',
          r.district ?? '',
          r.address ?? '',
          plan.gift_sku,
          plan.gift_title,
          words[r.status],
          r.tracking_no ?? '',
        ]),
      );
      if (rows.length < CHUNK) return;
    }
  }
  const { stream, contentType } = spreadsheetStream(
    options.format,
    options.language === 'en' ? 'Shipping list' : '发货清单',
    headers[options.language],
    chunks(),
  );
  return { stream, contentType, fileName: `gift-plan-${planId}-shipping.${options.format}` };
}
