// What the readers hand the formats: records with the physical line they start on and their
// original text, or a rejection the reader itself made (undecodable bytes, an unclosed quote).

export type Cell = string | number | Date | null;

export interface SourceRecord {
  readonly kind: 'record';
  readonly line: number;
  readonly fields: readonly Cell[];
  readonly raw: string;
}

export interface Rejection {
  readonly kind: 'rejected';
  readonly line: number;
  readonly code: RejectionCode;
  readonly message: string;
  readonly raw: string;
}

export type RejectionCode =
  | 'bad_encoding'
  | 'unclosed_quote'
  | 'ragged_row'
  | 'missing_value'
  | 'bad_amount'
  | 'bad_time'
  | 'bad_quantity'
  | 'unknown_status'
  | 'duplicate_order'
  | 'order_not_found'
  | 'currency_mismatch'
  | 'inconsistent_amounts'
  | 'order_id_precision'
  | 'too_long'
  | 'customer_not_found' // customer attribute import: no customer with the row's key
  | 'bad_value'; // customer attribute import: a gender, birthday, phone or preference unreadable

export function reject(line: number, code: RejectionCode, message: string, raw: string): Rejection {
  return { kind: 'rejected', line, code, message, raw };
}

export interface SourceStats {
  readonly bytesRead: number;
  readonly totalBytes: number;
  readonly encoding: string;
  /** Lines read as UTF-8 and as GB18030 (only lines with non-ASCII bytes count). */
  readonly utf8Lines: number;
  readonly gb18030Lines: number;
}

export interface RecordSource {
  readonly records: AsyncIterable<SourceRecord | Rejection>;
  stats(): SourceStats;
}
