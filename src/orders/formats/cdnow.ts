import { customerFromKey, type ParseOutcome } from '../parsed.js';
import type { Cell, SourceRecord } from '../source/types.js';
import type { FormatContext, OrderFormat, RowMapper } from './format.js';
import { RowCheck } from './row-check.js';

// The CDNOW transaction files, the standard data set of customer-base research: whitespace
// separated `customer date(yyyymmdd) number_of_cds dollar_value`, the master file with a header
// line, the 1/10 sample with a sample id after the master id and no header. Customers are keyed
// by the master id, so the sample and the master agree. CDNOW has no order numbers: an order is
// "customer-date-n", the n-th purchase of that customer that day in the file.

const HEADER = ['customer_id', 'date', 'number_of_cds', 'dollar_value'];
const DATA = /^\d+$/;

function looksLikeData(first: readonly Cell[]): boolean {
  const fields = first.map((value) => String(value ?? ''));
  return (
    (fields.length === 4 || fields.length === 5) &&
    fields.slice(0, -1).every((v) => DATA.test(v)) &&
    /^\d{8}$/.test(fields.at(-3) ?? '')
  );
}

export const cdnowFormat: OrderFormat = {
  name: 'cdnow',
  label: 'CDNOW transactions',
  layout: 'whitespace',
  expected: HEADER,
  detect: (first) => {
    const header = first.map((value) => String(value ?? '').toLowerCase());
    if (HEADER.every((name, index) => header[index] === name)) return { matches: true, headerIsData: false };
    return { matches: looksLikeData(first), headerIsData: true };
  },
  mapper: (_header, context) => new CdnowMapper(context),
};

class CdnowMapper implements RowMapper {
  private readonly purchasesThatDay = new Map<string, number>();

  constructor(private readonly context: FormatContext) {}

  finish(): ParseOutcome[] {
    return [];
  }

  push(record: SourceRecord): ParseOutcome[] {
    const check = new RowCheck(record);
    const f = record.fields;
    if (f.length !== 4 && f.length !== 5) {
      check.fail(
        'ragged_row',
        `${f.length} fields where 4 (customer, date, cds, dollars) or 5 (with a sample id) were expected`,
      );
      return [check.rejection()];
    }
    const customer = String(f[0]);
    const date = String(f.at(-3));
    const orderedAt = check.time('date', date, this.context.local, true);
    const itemCount = check.count('number_of_cds', f.at(-2) ?? null, 1);
    const amount = check.money('dollar_value', f.at(-1) ?? null, this.context.currencyDigits);
    if (!DATA.test(customer)) check.fail('missing_value', `customer id "${customer}" is not a number`);
    if (check.failed || orderedAt === null) return [check.rejection()];
    const day = `${customer}-${date}`;
    const n = (this.purchasesThatDay.get(day) ?? 0) + 1;
    this.purchasesThatDay.set(day, n);
    return [
      {
        kind: 'order',
        line: record.line,
        raw: record.raw,
        externalId: `${day}-${n}`,
        customer: customerFromKey(customer),
        status: 'completed',
        isPurchase: true,
        orderedAt,
        paidAt: orderedAt,
        goodsAmount: amount,
        shippingFee: 0,
        discountAmount: 0,
        paidAmount: amount,
        refundAmount: 0,
        itemCount,
        discountCode: null,
        buyerMessage: null,
        sellerNote: null,
        receiverName: null,
        receiverPhone: null,
        receiverAddress: null,
        province: null,
        city: null,
        items: null,
      },
    ];
  }
}
