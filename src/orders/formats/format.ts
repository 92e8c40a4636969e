import type { Currency } from '../../shared/money.js';
import type { LocalTime } from '../parse/datetime.js';
import type { ParseOutcome } from '../parsed.js';
import type { Cell, SourceRecord } from '../source/types.js';
import type { ColumnMap } from './generic-map.js';

export type FormatName = 'taobao' | 'taobao-items' | 'shopify' | 'generic' | 'cdnow';

export interface FormatContext {
  readonly local: LocalTime;
  readonly currency: Currency;
  /** Decimal places of the store currency (2 for CNY and USD). */
  readonly currencyDigits: number;
  /** The column map, for the generic format. */
  readonly map?: ColumnMap | undefined;
}

export interface Detection {
  readonly matches: boolean;
  /** True when the first record is already data (files without a header, such as CDNOW's sample). */
  readonly headerIsData: boolean;
}

/** Turns records into orders; may hold records back while an order spans several rows. */
export interface RowMapper {
  push(record: SourceRecord): ParseOutcome[];
  finish(): ParseOutcome[];
  /** The first line of an order still being gathered from several rows, if any. */
  heldFrom?(): number | undefined;
}

export interface OrderFormat {
  readonly name: FormatName;
  readonly label: string;
  readonly layout: 'csv' | 'whitespace';
  /** The columns that identify the format, for the "unknown format" message. */
  readonly expected: readonly string[];
  detect(first: readonly Cell[], map?: ColumnMap): Detection;
  mapper(header: readonly Cell[], context: FormatContext): RowMapper;
}
