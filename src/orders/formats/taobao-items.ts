import { cleanOrderNumber, optionalText } from '../parse/cells.js';
import { type ParseOutcome, productKeyOf } from '../parsed.js';
import type { Cell, SourceRecord } from '../source/types.js';
import { cell, locate, missingColumns, text } from './columns.js';
import type { FormatContext, OrderFormat, RowMapper } from './format.js';
import { RowCheck } from './row-check.js';
import { taobaoColumns } from './taobao.js';

// Taobao/Tmall 宝贝报表: one row per order line, joined to orders on 订单编号. Import it after
// (or together with) the order report; lines replace what an earlier import stored for the order.
const columns = {
  orderId: ['订单编号', '主订单编号', '订单号'],
  title: ['标题', '宝贝标题', '商品标题'],
  price: ['价格', '单价', '商品价格'],
  quantity: ['购买数量', '数量'],
  sku: ['商家编码', '商家外部编码', 'SKU'],
  externalSku: ['外部系统编号'],
  attributes: ['商品属性', '销售属性'],
  refund: ['退款金额'],
} as const;

const required = ['orderId', 'title', 'price', 'quantity'] as const;

export const taobaoItemsFormat: OrderFormat = {
  name: 'taobao-items',
  label: 'Taobao/Tmall 宝贝报表',
  layout: 'csv',
  expected: required.map((key) => columns[key][0]),
  detect: (first) => ({
    // The order report also has 订单编号; it has a buyer column, the item report does not.
    matches:
      missingColumns(first, columns, required).length === 0 &&
      locate(first, { buyer: taobaoColumns.buyer }).buyer < 0,
    headerIsData: false,
  }),
  mapper: (header, context) => new TaobaoItemsMapper(header, context),
};

class TaobaoItemsMapper implements RowMapper {
  private readonly at: Record<keyof typeof columns, number>;

  constructor(
    private readonly header: readonly Cell[],
    private readonly context: FormatContext,
  ) {
    this.at = locate(header, columns);
  }

  finish(): ParseOutcome[] {
    return [];
  }

  push(record: SourceRecord): ParseOutcome[] {
    const { at } = this;
    const f = record.fields;
    const check = new RowCheck(record);
    const digits = this.context.currencyDigits;
    check.shape(this.header.length);
    const externalId = check.required('订单编号', cleanOrderNumber(text(f, at.orderId)));
    const title = check.required('标题', optionalText(text(f, at.title)) ?? '');
    const unitPrice = check.money('价格', cell(f, at.price), digits);
    const quantity = check.count('购买数量', cell(f, at.quantity), 1);
    const refundAmount = check.money('退款金额', cell(f, at.refund), digits, 0);
    const sku = check.optional(
      '商家编码',
      optionalText(text(f, at.sku)) ?? optionalText(text(f, at.externalSku)),
    );
    const attributes = check.optional('商品属性', optionalText(text(f, at.attributes)));
    if (check.failed) return [check.rejection()];
    return [
      {
        kind: 'items',
        line: record.line,
        raw: record.raw,
        externalId,
        items: [
          {
            productKey: productKeyOf(sku, title),
            sku,
            title,
            attributes,
            unitPrice,
            quantity,
            amount: unitPrice * quantity,
            refundAmount,
          },
        ],
      },
    ];
  }
}
