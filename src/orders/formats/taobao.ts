import type { OrderStatus } from '../../db/schema.js';
import { parseRegion } from '../parse/address.js';
import { cleanOrderNumber, optionalText, phoneOf } from '../parse/cells.js';
import type { ParsedCustomer, ParseOutcome } from '../parsed.js';
import type { Cell, SourceRecord } from '../source/types.js';
import { cell, locate, missingColumns, text } from './columns.js';
import type { FormatContext, OrderFormat, RowMapper } from './format.js';
import { isPurchaseStatus, settleRefund } from './order-status.js';
import { RowCheck } from './row-check.js';

// Taobao/Tmall 订单报表 (seller back office → 已卖出的宝贝 → 导出订单). Column names vary a little
// between export versions; each column lists the names seen in the wild.
export const taobaoColumns = {
  orderId: ['订单编号', '订单号'],
  buyer: ['买家会员名', '买家昵称', '买家账号'],
  goods: ['买家应付货款', '商品总价'],
  shipping: ['买家应付邮费', '运费'],
  total: ['总金额', '订单金额'],
  paid: ['买家实际支付金额', '实付金额', '实际支付金额'],
  status: ['订单状态'],
  message: ['买家留言'],
  receiver: ['收货人姓名', '收货人'],
  address: ['收货地址', '收货人地址'],
  phone: ['联系电话', '收货人电话'],
  mobile: ['联系手机', '收货人手机'],
  createdAt: ['订单创建时间', '下单时间', '创建时间'],
  paidAt: ['订单付款时间', '付款时间'],
  title: ['宝贝标题', '商品标题'],
  quantity: ['宝贝总数量', '商品数量'],
  note: ['订单备注', '卖家备注'],
  refund: ['退款金额'],
  discount: ['店铺优惠', '店铺优惠金额', '卖家优惠'],
  alipay: ['买家支付宝账号'],
} as const;

const required = ['orderId', 'buyer', 'status', 'createdAt'] as const;

const statuses: Readonly<Record<string, OrderStatus>> = {
  交易成功: 'completed',
  '买家已付款,等待卖家发货': 'paid',
  等待卖家发货: 'paid',
  '卖家已发货,等待买家确认': 'shipped',
  等待买家确认收货: 'shipped',
  部分发货: 'shipped',
  等待买家付款: 'pending_payment',
  交易关闭: 'closed',
  '付款以前,卖家或买家主动关闭交易': 'closed',
  '付款以后用户退款成功,交易自动关闭': 'closed',
};

/** The platform status text, with full-width commas and spaces normalised. */
export function taobaoStatus(value: string): OrderStatus | undefined {
  return statuses[value.replaceAll('，', ',').replace(/\s+/g, '')];
}

export const taobaoFormat: OrderFormat = {
  name: 'taobao',
  label: 'Taobao/Tmall 订单报表',
  layout: 'csv',
  expected: required.map((key) => taobaoColumns[key][0]),
  detect: (first) => ({
    matches: missingColumns(first, taobaoColumns, required).length === 0,
    headerIsData: false,
  }),
  mapper: (header, context) => new TaobaoMapper(header, context),
};

class TaobaoMapper implements RowMapper {
  private readonly at: Record<keyof typeof taobaoColumns, number>;

  constructor(
    private readonly header: readonly Cell[],
    private readonly context: FormatContext,
  ) {
    this.at = locate(header, taobaoColumns);
  }

  finish(): ParseOutcome[] {
    return [];
  }

  push(record: SourceRecord): ParseOutcome[] {
    const { at, context } = this;
    const f = record.fields;
    const check = new RowCheck(record);
    const digits = context.currencyDigits;
    check.shape(this.header.length);
    const externalId = check.required('订单编号', cleanOrderNumber(text(f, at.orderId)));
    const buyer = check.required('买家会员名', optionalText(text(f, at.buyer)) ?? '');
    const statusText = text(f, at.status).trim();
    const status = taobaoStatus(statusText);
    if (status === undefined) {
      check.fail(
        'unknown_status',
        `订单状态 "${statusText}" is not a Taobao status; expected 交易成功, 买家已付款，等待卖家发货, 卖家已发货，等待买家确认, 等待买家付款 or 交易关闭`,
      );
    }
    const orderedAt = check.time('订单创建时间', cell(f, at.createdAt), context.local, true);
    const paidAt = check.time('订单付款时间', cell(f, at.paidAt), context.local, false);
    const total = check.money('总金额', cell(f, at.total), digits, -1);
    const shippingFee = check.money('买家应付邮费', cell(f, at.shipping), digits, 0);
    const paidAmount = check.money(
      '买家实际支付金额',
      cell(f, at.paid),
      digits,
      total >= 0 ? total : undefined,
    );
    const goodsAmount = check.money(
      '买家应付货款',
      cell(f, at.goods),
      digits,
      total >= 0 ? Math.max(0, total - shippingFee) : paidAmount,
    );
    const refundAmount = check.money('退款金额', cell(f, at.refund), digits, 0);
    const discountAmount = check.money(
      '店铺优惠',
      cell(f, at.discount),
      digits,
      Math.max(0, goodsAmount + shippingFee - (total >= 0 ? total : paidAmount)),
    );
    const itemCount = check.count('宝贝总数量', cell(f, at.quantity), 1);
    if (refundAmount > paidAmount) {
      check.fail(
        'inconsistent_amounts',
        `退款金额 ${refundAmount / 10 ** digits} is more than 买家实际支付金额 ${paidAmount / 10 ** digits}`,
      );
    }
    const receiverName = check.optional('收货人姓名', optionalText(text(f, at.receiver)));
    const receiverAddress = check.optional('收货地址', optionalText(text(f, at.address)));
    const phone = phoneOf(text(f, at.mobile)) ?? phoneOf(text(f, at.phone));
    const buyerMessage = check.optional('买家留言', optionalText(text(f, at.message)));
    const sellerNote = check.optional('订单备注', optionalText(text(f, at.note)));
    if (check.failed || status === undefined || orderedAt === null) return [check.rejection()];

    const settled = settleRefund(status, paidAmount, refundAmount);
    const region = parseRegion(receiverAddress);
    const customer: ParsedCustomer = {
      key: buyer,
      nick: buyer,
      name: receiverName,
      phone: phone?.phone ?? null,
      phoneLast4: phone?.last4 ?? null,
      phoneMasked: phone?.masked ?? false,
      email: null,
      address: receiverAddress,
      ...region,
    };
    return [
      {
        kind: 'order',
        line: record.line,
        raw: record.raw,
        externalId,
        customer,
        status: settled,
        isPurchase: isPurchaseStatus(settled),
        orderedAt,
        paidAt,
        goodsAmount,
        shippingFee,
        discountAmount,
        paidAmount,
        refundAmount,
        itemCount,
        discountCode: null,
        buyerMessage,
        sellerNote,
        receiverName,
        receiverPhone: phone?.phone ?? null,
        receiverAddress,
        province: region.province,
        city: region.city,
        items: null,
      },
    ];
  }
}
