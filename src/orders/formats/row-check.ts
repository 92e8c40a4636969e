import { type LocalTime, parseTime } from '../parse/datetime.js';
import { type MoneyParse, parseMoney } from '../parse/money.js';
import { type Cell, type Rejection, type RejectionCode, reject, type SourceRecord } from '../source/types.js';

const MAX_TEXT = 2_000;

/**
 * Reads one record's values and keeps the first problem, so a mapper reads every field in a
 * straight line and rejects the row once at the end with the reason a person can act on.
 */
export class RowCheck {
  private problem: { code: RejectionCode; message: string } | undefined;

  constructor(readonly record: SourceRecord) {}

  get failed(): boolean {
    return this.problem !== undefined;
  }

  fail(code: RejectionCode, message: string): void {
    this.problem ??= { code, message };
  }

  rejection(): Rejection {
    const problem = this.problem ?? { code: 'missing_value' as const, message: 'The row was refused' };
    return reject(
      this.record.line,
      problem.code,
      `Line ${this.record.line}: ${problem.message}`,
      this.record.raw,
    );
  }

  required(column: string, value: string): string {
    if (value === '') this.fail('missing_value', `${column} is empty`);
    if (value.length > MAX_TEXT) this.fail('too_long', `${column} is longer than ${MAX_TEXT} characters`);
    return value;
  }

  optional(column: string, value: string | null): string | null {
    if (value !== null && value.length > MAX_TEXT) {
      this.fail('too_long', `${column} is longer than ${MAX_TEXT} characters`);
      return null;
    }
    return value;
  }

  /** Money in minor units; `fallback` when the cell is empty (undefined = required). */
  money(column: string, value: Cell, digits: number, fallback?: number): number {
    const parsed: MoneyParse | null =
      value === null || value instanceof Date ? null : parseMoney(value, digits);
    if (parsed === null) {
      if (fallback === undefined) this.fail('missing_value', `${column} is empty`);
      return fallback ?? 0;
    }
    if ('error' in parsed) {
      this.fail('bad_amount', `${column}: ${parsed.error}`);
      return 0;
    }
    return parsed.fen;
  }

  time(column: string, value: Cell, local: LocalTime, required: boolean): number | null {
    const parsed = value === null ? null : parseTime(value, local);
    if (parsed === null) {
      if (required) this.fail('missing_value', `${column} is empty`);
      return null;
    }
    if ('error' in parsed) {
      this.fail('bad_time', `${column}: ${parsed.error}`);
      return null;
    }
    return parsed.at;
  }

  count(column: string, value: Cell, fallback: number): number {
    if (value === null || value === '') return fallback;
    const number = typeof value === 'number' ? value : Number(String(value).trim());
    if (!Number.isInteger(number) || number < 0 || number > 1_000_000) {
      this.fail('bad_quantity', `${column}: "${String(value)}" is not a whole number of items`);
      return fallback;
    }
    return number;
  }

  /** Rows longer than the header with something in the extra cells are misaligned. */
  shape(headerLength: number): void {
    const fields = this.record.fields;
    if (
      fields.length > headerLength &&
      fields.slice(headerLength).some((value) => value !== null && String(value).trim() !== '')
    ) {
      this.fail(
        'ragged_row',
        `${fields.length} fields where the header has ${headerLength}; a comma inside an unquoted value?`,
      );
    }
  }
}
