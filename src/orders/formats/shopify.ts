import type { OrderStatus } from '../../db/schema.js';
import { optionalText, phoneOf } from '../parse/cells.js';
import { type ParsedItem, type ParsedOrder, type ParseOutcome, productKeyOf } from '../parsed.js';
import type { Cell, SourceRecord } from '../source/types.js';
import { cell, locate, missingColumns, text } from './columns.js';
import type { FormatContext, OrderFormat, RowMapper } from './format.js';
import { isPurchaseStatus, settleRefund } from './order-status.js';
import { RowCheck } from './row-check.js';

// Shopify's orders export: one row per line item; the first row of an order carries the order's
// own columns, the following rows (same Name) only the line item.
const columns = {
  name: ['Name'],
  email: ['Email'],
  financialStatus: ['Financial Status'],
  fulfillmentStatus: ['Fulfillment Status'],
  paidAt: ['Paid at'],
  createdAt: ['Created at'],
  cancelledAt: ['Cancelled at'],
  currency: ['Currency'],
  shipping: ['Shipping'],
  total: ['Total'],
  discountCode: ['Discount Code'],
  discountAmount: ['Discount Amount'],
  refunded: ['Refunded Amount'],
  notes: ['Notes'],
  quantity: ['Lineitem quantity'],
  itemName: ['Lineitem name'],
  itemPrice: ['Lineitem price'],
  itemSku: ['Lineitem sku'],
  shippingName: ['Shipping Name'],
  billingName: ['Billing Name'],
  shippingAddress: ['Shipping Address1', 'Shipping Street'],
  shippingCity: ['Shipping City'],
  shippingProvince: ['Shipping Province Name', 'Shipping Province'],
  shippingCountry: ['Shipping Country'],
  shippingPhone: ['Shipping Phone'],
  billingPhone: ['Billing Phone'],
  phone: ['Phone'],
} as const;

const required = [
  'name',
  'email',
  'financialStatus',
  'createdAt',
  'total',
  'quantity',
  'itemName',
  'itemPrice',
] as const;

const financialStatuses: Readonly<Record<string, OrderStatus>> = {
  paid: 'paid',
  partially_refunded: 'paid',
  refunded: 'refunded',
  pending: 'pending_payment',
  authorized: 'pending_payment',
  partially_paid: 'pending_payment',
  unpaid: 'pending_payment',
  voided: 'closed',
};

export const shopifyFormat: OrderFormat = {
  name: 'shopify',
  label: 'Shopify orders export',
  layout: 'csv',
  expected: required.map((key) => columns[key][0]),
  detect: (first) => ({
    matches: missingColumns(first, columns, required).length === 0,
    headerIsData: false,
  }),
  mapper: (header, context) => new ShopifyMapper(header, context),
};

interface OpenOrder {
  readonly order: ParsedOrder | undefined;
  readonly items: ParsedItem[];
  readonly lines: SourceRecord[];
  failed: ReturnType<RowCheck['rejection']> | undefined;
}

class ShopifyMapper implements RowMapper {
  private readonly at: Record<keyof typeof columns, number>;
  private open: { name: string; state: OpenOrder } | undefined;

  constructor(
    private readonly header: readonly Cell[],
    private readonly context: FormatContext,
  ) {
    this.at = locate(header, columns);
  }

  heldFrom(): number | undefined {
    return this.open?.state.lines[0]?.line;
  }

  push(record: SourceRecord): ParseOutcome[] {
    const name = text(record.fields, this.at.name).trim();
    if (this.open && name === this.open.name) {
      this.addLine(this.open.state, record);
      return [];
    }
    const done = this.finish();
    this.open = { name, state: this.startOrder(record) };
    return done;
  }

  finish(): ParseOutcome[] {
    if (!this.open) return [];
    const { state } = this.open;
    this.open = undefined;
    if (state.failed || !state.order) return [state.failed ?? new RowCheck(state.lines[0]!).rejection()];
    const itemCount = state.items.reduce((sum, item) => sum + item.quantity, 0);
    const goodsAmount = state.items.reduce((sum, item) => sum + item.amount, 0);
    return [
      {
        ...state.order,
        items: state.items,
        itemCount,
        goodsAmount,
        raw: state.lines.map((l) => l.raw).join('\n'),
      },
    ];
  }

  private lineItem(check: RowCheck, record: SourceRecord): ParsedItem | undefined {
    const f = record.fields;
    const digits = this.context.currencyDigits;
    const title = check.required('Lineitem name', optionalText(text(f, this.at.itemName)) ?? '');
    const quantity = check.count('Lineitem quantity', cell(f, this.at.quantity), 1);
    const unitPrice = check.money('Lineitem price', cell(f, this.at.itemPrice), digits);
    const sku = check.optional('Lineitem sku', optionalText(text(f, this.at.itemSku)));
    if (check.failed) return undefined;
    return {
      productKey: productKeyOf(sku, title),
      sku,
      title,
      attributes: null,
      unitPrice,
      quantity,
      amount: unitPrice * quantity,
      refundAmount: 0,
    };
  }

  private addLine(state: OpenOrder, record: SourceRecord): void {
    state.lines.push(record);
    if (state.failed) return;
    const check = new RowCheck(record);
    const item = this.lineItem(check, record);
    if (item) state.items.push(item);
    else state.failed = check.rejection();
  }

  private startOrder(record: SourceRecord): OpenOrder {
    const { at, context } = this;
    const f = record.fields;
    const digits = context.currencyDigits;
    const check = new RowCheck(record);
    check.shape(this.header.length);
    const externalId = check.required('Name', text(f, at.name).trim());
    const email = check.required('Email', optionalText(text(f, at.email))?.toLowerCase() ?? '');
    const currency = optionalText(text(f, at.currency));
    if (currency && currency.toUpperCase() !== context.currency) {
      check.fail(
        'currency_mismatch',
        `Currency is ${currency}, but the store keeps its books in ${context.currency}`,
      );
    }
    const financial = text(f, at.financialStatus).trim().toLowerCase();
    let status = financialStatuses[financial];
    if (status === undefined)
      check.fail(
        'unknown_status',
        `Financial Status "${financial}" is unknown; expected paid, pending, refunded, partially_refunded, authorized or voided`,
      );
    const cancelled = check.time('Cancelled at', cell(f, at.cancelledAt), context.local, false);
    if (cancelled !== null) status = 'closed';
    if (status === 'paid' && text(f, at.fulfillmentStatus).trim().toLowerCase() === 'fulfilled')
      status = 'completed';
    const orderedAt = check.time('Created at', cell(f, at.createdAt), context.local, true);
    const paidAt = check.time('Paid at', cell(f, at.paidAt), context.local, false);
    const total = check.money('Total', cell(f, at.total), digits);
    const shippingFee = check.money('Shipping', cell(f, at.shipping), digits, 0);
    const discountAmount = check.money('Discount Amount', cell(f, at.discountAmount), digits, 0);
    const refundAmount = check.money('Refunded Amount', cell(f, at.refunded), digits, 0);
    const item = this.lineItem(check, record);
    const paidAmount = status === 'pending_payment' || status === 'closed' ? 0 : total;
    if (refundAmount > total) check.fail('inconsistent_amounts', `Refunded Amount is more than Total`);
    if (check.failed || status === undefined || orderedAt === null || !item) {
      return { order: undefined, items: [], lines: [record], failed: check.rejection() };
    }
    const settled = settleRefund(status, paidAmount, refundAmount);
    const phone =
      phoneOf(text(f, at.shippingPhone)) ?? phoneOf(text(f, at.billingPhone)) ?? phoneOf(text(f, at.phone));
    const province = optionalText(text(f, at.shippingProvince));
    const city = optionalText(text(f, at.shippingCity));
    const address = [
      text(f, at.shippingAddress),
      text(f, at.shippingCity),
      text(f, at.shippingProvince),
      text(f, at.shippingCountry),
    ]
      .map((part) => part.trim())
      .filter((part) => part !== '')
      .join(', ');
    const receiverName = optionalText(text(f, at.shippingName)) ?? optionalText(text(f, at.billingName));
    const order: ParsedOrder = {
      kind: 'order',
      line: record.line,
      raw: record.raw,
      externalId,
      customer: {
        key: email,
        nick: null,
        name: receiverName,
        phone: phone?.phone ?? null,
        phoneLast4: phone?.last4 ?? null,
        phoneMasked: phone?.masked ?? false,
        email,
        address: address || null,
        province,
        city,
        district: null,
      },
      status: settled,
      isPurchase: isPurchaseStatus(settled),
      orderedAt,
      paidAt,
      goodsAmount: 0,
      shippingFee,
      discountAmount,
      paidAmount,
      refundAmount,
      itemCount: 0,
      discountCode: optionalText(text(f, at.discountCode)),
      buyerMessage: optionalText(text(f, at.notes)),
      sellerNote: null,
      receiverName,
      receiverPhone: phone?.phone ?? null,
      receiverAddress: address || null,
      province,
      city,
      items: null,
    };
    return { order, items: [item], lines: [record], failed: undefined };
  }
}
