import type { OrderStatus } from '../../db/schema.js';
import { parseRegion } from '../parse/address.js';
import { cleanOrderNumber, optionalText, phoneOf } from '../parse/cells.js';
import { type ParsedItem, type ParsedOrder, type ParseOutcome, productKeyOf } from '../parsed.js';
import type { Cell, Rejection, SourceRecord } from '../source/types.js';
import { cell, normaliseHeader, text } from './columns.js';
import type { FormatContext, OrderFormat, RowMapper } from './format.js';
import type { ColumnMap } from './generic-map.js';
import { isPurchaseStatus, settleRefund } from './order-status.js';
import { RowCheck } from './row-check.js';
import { taobaoStatus } from './taobao.js';

// Any CSV or XLSX with a column map. One row per order, or, when a product column is mapped,
// one row per line with the rows of an order next to each other.

const englishStatuses: Readonly<Record<string, OrderStatus>> = {
  paid: 'paid',
  shipped: 'shipped',
  completed: 'completed',
  complete: 'completed',
  delivered: 'completed',
  closed: 'closed',
  cancelled: 'closed',
  canceled: 'closed',
  refunded: 'refunded',
  pending: 'pending_payment',
  unpaid: 'pending_payment',
};

export const genericFormat: OrderFormat = {
  name: 'generic',
  label: 'CSV/XLSX with a column map',
  layout: 'csv',
  expected: ['a saved column map (laoke import --map NAME)'],
  detect: (first, map) => {
    if (!map) return { matches: false, headerIsData: false };
    const names = new Set(first.map(normaliseHeader));
    return { matches: Object.values(map.columns).every((name) => names.has(name)), headerIsData: false };
  },
  mapper: (header, context) => {
    if (!context.map) throw new Error('The generic format needs a column map');
    return new GenericMapper(header, context, context.map);
  },
};

type MappedColumn = keyof ColumnMap['columns'];

class GenericMapper implements RowMapper {
  private readonly at: Record<MappedColumn, number>;
  private open:
    | {
        id: string;
        firstLine: number;
        order: ParsedOrder | undefined;
        items: ParsedItem[];
        raw: string[];
        failed: Rejection | undefined;
      }
    | undefined;

  constructor(
    private readonly header: readonly Cell[],
    private readonly context: FormatContext,
    private readonly map: ColumnMap,
  ) {
    const names = header.map(normaliseHeader);
    this.at = Object.fromEntries(
      (Object.keys(map.columns) as MappedColumn[]).map((key) => [key, names.indexOf(map.columns[key] ?? '')]),
    ) as Record<MappedColumn, number>;
    for (const key of [
      'status',
      'paidAt',
      'refund',
      'shipping',
      'discount',
      'discountCode',
      'quantity',
      'product',
      'sku',
      'unitPrice',
      'nick',
      'name',
      'phone',
      'email',
      'address',
      'province',
      'city',
    ] as const) {
      this.at[key] ??= -1;
    }
  }

  private status(check: RowCheck, value: string): OrderStatus | undefined {
    if (this.at.status < 0) return 'completed';
    const trimmed = value.trim();
    const status =
      this.map.statuses?.[trimmed] ?? englishStatuses[trimmed.toLowerCase()] ?? taobaoStatus(trimmed);
    if (!status)
      check.fail('unknown_status', `${this.map.columns.status} "${trimmed}" is not in the map's statuses`);
    return status;
  }

  private line(check: RowCheck, f: readonly Cell[]): ParsedItem | undefined {
    const digits = this.context.currencyDigits;
    const title = check.required(
      this.map.columns.product ?? 'product',
      optionalText(text(f, this.at.product)) ?? '',
    );
    const quantity = check.count(this.map.columns.quantity ?? 'quantity', cell(f, this.at.quantity), 1);
    const unitPrice = check.money(
      this.map.columns.unitPrice ?? 'unit price',
      cell(f, this.at.unitPrice),
      digits,
      0,
    );
    const sku = optionalText(text(f, this.at.sku));
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

  heldFrom(): number | undefined {
    return this.open?.firstLine;
  }

  push(record: SourceRecord): ParseOutcome[] {
    const id = cleanOrderNumber(text(record.fields, this.at.orderId));
    const byLine = this.at.product >= 0;
    if (byLine && this.open && this.open.id === id && id !== '') {
      this.open.raw.push(record.raw);
      if (!this.open.failed) {
        const check = new RowCheck(record);
        const item = this.line(check, record.fields);
        if (item) this.open.items.push(item);
        else this.open.failed = check.rejection();
      }
      return [];
    }
    const done = this.finish();
    const check = new RowCheck(record);
    const order = this.order(check, record);
    const item = byLine && order ? this.line(check, record.fields) : undefined;
    const failed = check.failed ? check.rejection() : undefined;
    if (!byLine) return [...done, failed ?? order!];
    this.open = { id, firstLine: record.line, order, items: item ? [item] : [], raw: [record.raw], failed };
    return done;
  }

  finish(): ParseOutcome[] {
    if (!this.open) return [];
    const { order, items, raw, failed } = this.open;
    this.open = undefined;
    if (failed || !order) return failed ? [failed] : [];
    return [
      {
        ...order,
        items,
        itemCount: items.reduce((sum, item) => sum + item.quantity, 0),
        raw: raw.join('\n'),
      },
    ];
  }

  private order(check: RowCheck, record: SourceRecord): ParsedOrder | undefined {
    const { at, map, context } = this;
    const f = record.fields;
    const c = map.columns;
    const digits = context.currencyDigits;
    check.shape(this.header.length);
    const externalId = check.required(c.orderId, cleanOrderNumber(text(f, at.orderId)));
    const rawId = cell(f, at.orderId);
    if (typeof rawId === 'number' && !Number.isSafeInteger(rawId)) {
      check.fail(
        'order_id_precision',
        `${c.orderId} was stored as a number and lost digits; format the column as text in the spreadsheet`,
      );
    }
    const key = check.required(c.customerKey, optionalText(text(f, at.customerKey)) ?? '');
    const status = this.status(check, text(f, at.status));
    const orderedAt = check.time(c.orderedAt, cell(f, at.orderedAt), context.local, true);
    const paidAt = check.time(c.paidAt ?? 'paid at', cell(f, at.paidAt), context.local, false);
    const amount = check.money(c.amount, cell(f, at.amount), digits);
    const refundAmount = check.money(c.refund ?? 'refund', cell(f, at.refund), digits, 0);
    const shippingFee = check.money(c.shipping ?? 'shipping', cell(f, at.shipping), digits, 0);
    const discountAmount = check.money(c.discount ?? 'discount', cell(f, at.discount), digits, 0);
    const itemCount = at.product >= 0 ? 0 : check.count(c.quantity ?? 'quantity', cell(f, at.quantity), 1);
    if (refundAmount > amount) check.fail('inconsistent_amounts', `${c.refund} is more than ${c.amount}`);
    if (check.failed || !status || orderedAt === null) return undefined;
    const address = optionalText(text(f, at.address));
    const region = parseRegion(address);
    const phone = phoneOf(text(f, at.phone));
    const settled = settleRefund(status, amount, refundAmount);
    const province = optionalText(text(f, at.province)) ?? region.province;
    const city = optionalText(text(f, at.city)) ?? region.city;
    return {
      kind: 'order',
      line: record.line,
      raw: record.raw,
      externalId,
      customer: {
        key,
        nick: optionalText(text(f, at.nick)),
        name: optionalText(text(f, at.name)),
        phone: phone?.phone ?? null,
        phoneLast4: phone?.last4 ?? null,
        phoneMasked: phone?.masked ?? false,
        email: optionalText(text(f, at.email))?.toLowerCase() ?? null,
        address,
        province,
        city,
        district: region.district,
      },
      status: settled,
      isPurchase: isPurchaseStatus(settled),
      orderedAt,
      paidAt,
      goodsAmount: amount + discountAmount - shippingFee > 0 ? amount + discountAmount - shippingFee : amount,
      shippingFee,
      discountAmount,
      paidAmount: status === 'pending_payment' ? 0 : amount,
      refundAmount,
      itemCount,
      discountCode: optionalText(text(f, at.discountCode)),
      buyerMessage: null,
      sellerNote: null,
      receiverName: optionalText(text(f, at.name)),
      receiverPhone: phone?.phone ?? null,
      receiverAddress: address,
      province,
      city,
      items: at.product >= 0 ? [] : null,
    };
  }
}
