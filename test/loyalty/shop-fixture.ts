import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliActor } from '../../src/audit/actor.js';
import type { AppContext } from '../../src/context.js';
import { importOrderFile } from '../../src/orders/importer.js';
import type { CustomerId, StoreId, UserId } from '../../src/shared/ids.js';

// A hand-made Shopify export for the loyalty tests: one line per order, amounts in yuan, an
// optional discount code, the buyer's shipping name, address and phone.

export interface ShopOrder {
  readonly name: string; // order number, e.g. #2001
  readonly email: string;
  readonly at: string; // 2026-11-10 10:00:00 +0800
  readonly goods: number; // yuan
  readonly discount?: number; // yuan
  readonly code?: string;
  readonly shipTo?: { readonly name: string; readonly address: string; readonly phone: string };
}

const header =
  'Name,Email,Financial Status,Paid at,Created at,Currency,Total,Discount Code,Discount Amount,Lineitem quantity,Lineitem name,Lineitem price,Shipping Name,Shipping Address1,Shipping City,Shipping Province,Shipping Phone';

const quote = (text: string) => (/[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text);

export function shopifyCsv(orders: readonly ShopOrder[]): string {
  const lines = orders.map((o) => {
    const discount = o.discount ?? 0;
    return [
      o.name,
      o.email,
      'paid',
      o.at,
      o.at,
      'CNY',
      (o.goods - discount).toFixed(2),
      o.code ?? '',
      discount.toFixed(2),
      '1',
      '中秋礼盒',
      o.goods.toFixed(2),
      o.shipTo?.name ?? '',
      o.shipTo?.address ?? '',
      o.shipTo?.address ? '杭州' : '',
      o.shipTo?.address ? '浙江' : '',
      o.shipTo?.phone ?? '',
    ]
      .map(quote)
      .join(',');
  });
  return `${header}\n${lines.join('\n')}\n`;
}

/** Imports the orders as a Shopify file, as the owner. */
export async function importShopOrders(
  ctx: AppContext,
  storeId: StoreId,
  owner: UserId,
  orders: readonly ShopOrder[],
  fileName = 'orders.csv',
) {
  const dir = mkdtempSync(join(tmpdir(), 'laoke-loyalty-'));
  const path = join(dir, fileName);
  writeFileSync(path, shopifyCsv(orders));
  return importOrderFile(ctx, storeId, cliActor(owner), path, { format: 'shopify' });
}

/** The store's customer ids by customer key (the e-mail for Shopify). */
export async function customerIdsByKey(ctx: AppContext, storeId: StoreId): Promise<Map<string, CustomerId>> {
  const rows = await ctx.database.db
    .selectFrom('customers')
    .select(['id', 'customer_key'])
    .where('store_id', '=', storeId)
    .execute();
  return new Map(rows.map((r) => [r.customer_key, r.id]));
}

export const emailOf = (i: number) => `c${String(i).padStart(2, '0')}@example.com`;
