import type { TFunction } from 'i18next';
import { errorCatalogue, isErrorCode } from '../../../../src/shared/error-catalogue';
import { formatCount } from '../../format/number';
import type { Language } from '../../i18n';
import {
  type ColumnName,
  type FileSummary,
  type ImportFormat,
  type ImportResult,
  importFormats,
  type OrderStatus,
  type RejectionCode,
} from './types';

// How the import page names what the API answers with codes: formats, encodings, rejection
// reasons, column-map fields. Unknown codes (a newer server) show as they are.

export function formatLabel(format: string, t: TFunction): string {
  if (format === 'customer-attributes') return t('import.formats.customer-attributes');
  return (importFormats as readonly string[]).includes(format)
    ? t(`import.formats.${format as ImportFormat}`)
    : format;
}

const encodingKeys = {
  'utf-8': 'utf-8',
  gb18030: 'gb18030',
  'utf-16le': 'utf-16le',
  'mixed utf-8 and gb18030': 'mixed',
  xlsx: 'xlsx',
} as const;

export function encodingLabel(encoding: string | null, t: TFunction): string {
  if (encoding === null) return t('common.none');
  return Object.hasOwn(encodingKeys, encoding)
    ? t(`import.encodings.${encodingKeys[encoding as keyof typeof encodingKeys]}`)
    : encoding;
}

// Every code the importer gives a rejected row; the Record makes a new code a compile error here.
const rejectionCodeSet: Record<RejectionCode, true> = {
  bad_encoding: true,
  unclosed_quote: true,
  ragged_row: true,
  missing_value: true,
  bad_amount: true,
  bad_time: true,
  bad_quantity: true,
  unknown_status: true,
  duplicate_order: true,
  order_not_found: true,
  currency_mismatch: true,
  inconsistent_amounts: true,
  order_id_precision: true,
  too_long: true,
  customer_not_found: true,
  bad_value: true,
};

export function isRejectionCode(code: string): code is RejectionCode {
  return Object.hasOwn(rejectionCodeSet, code);
}

/** A rejection reason's short title and what to do about it. */
export function reasonText(code: string, t: TFunction): { title: string; hint?: string } {
  if (!isRejectionCode(code)) return { title: code };
  return { title: t(`import.reasons.${code}.title`), hint: t(`import.reasons.${code}.hint`) };
}

/** The server's message for a rejected row without its "Line 8: " prefix (the line has a column). */
export const rejectionDetail = (message: string) => message.replace(/^Line \d+: /, '');

// The column map's fields: the four the server requires, then the optional ones in form order.
const columnRequired: Record<ColumnName, boolean> = {
  orderId: true,
  customerKey: true,
  orderedAt: true,
  amount: true,
  status: false,
  paidAt: false,
  refund: false,
  shipping: false,
  discount: false,
  discountCode: false,
  quantity: false,
  product: false,
  sku: false,
  unitPrice: false,
  nick: false,
  name: false,
  phone: false,
  email: false,
  address: false,
  province: false,
  city: false,
};
const columnNames = Object.keys(columnRequired) as ColumnName[];
export const requiredColumns = columnNames.filter((name) => columnRequired[name]);
export const optionalColumns = columnNames.filter((name) => !columnRequired[name]);

const statusSet: Record<OrderStatus, true> = {
  completed: true,
  paid: true,
  shipped: true,
  pending_payment: true,
  closed: true,
  refunded: true,
};
export const orderStatuses = Object.keys(statusSet) as OrderStatus[];

/** A failed file's or job's error: the catalogue title in the reader's language, and the specifics. */
export function importErrorText(
  code: string,
  message: string,
  language: Language,
): { title: string; detail: string } {
  if (!isErrorCode(code)) return { title: message, detail: '' };
  const entry = errorCatalogue[code];
  return { title: language === 'zh-CN' ? entry.zh : entry.en, detail: message };
}

/** A job's error: the worker writes `code: message` for a refused input, else the message alone. */
export function jobErrorText(error: string, language: Language): { title: string; detail: string } {
  const match = /^([a-z_]+\.[a-z_]+): (.*)$/s.exec(error);
  if (match?.[1] && match[2] !== undefined && isErrorCode(match[1])) {
    return importErrorText(match[1], match[2], language);
  }
  return { title: error, detail: '' };
}

/**
 * The job's progress note in the reader's language. The import job writes `<file>: <n> rows`;
 * any other note is shown as written.
 */
export function jobNote(note: string | null, t: TFunction, language: Language): string | undefined {
  if (note === null) return undefined;
  const match = /^(.*): (\d+) rows$/.exec(note);
  if (!match?.[1] || match[2] === undefined) return note;
  return t('import.job.rows', { file: match[1], rows: formatCount(Number(match[2]), language) });
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function isFileSummary(value: unknown): value is FileSummary {
  return (
    isRecord(value) &&
    typeof value.runId === 'number' &&
    typeof value.fileName === 'string' &&
    typeof value.inserted === 'number' &&
    typeof value.rejected === 'number'
  );
}

function isFailure(value: unknown): value is ImportResult['failures'][number] {
  return isRecord(value) && typeof value.file === 'string' && typeof value.code === 'string';
}

/** What a customer-details job answers: its one file's figures, or why the file was refused. */
export interface AttributeJobResult {
  readonly file: {
    readonly runId: number;
    readonly fileName: string;
    readonly read: number;
    readonly updated: number;
    readonly unchanged: number;
    readonly rejected: number;
  } | null;
  readonly failure: { readonly code: string; readonly message: string } | null;
}

/** A customer-details job's result, checked (src/customers/attribute-import-job.ts). */
export function attributeResultOf(result: unknown): AttributeJobResult | undefined {
  if (!isRecord(result) || !('file' in result) || !('failure' in result)) return undefined;
  const { file, failure } = result;
  const fileOk =
    file === null ||
    (isRecord(file) &&
      typeof file.runId === 'number' &&
      typeof file.fileName === 'string' &&
      ['read', 'updated', 'unchanged', 'rejected'].every((key) => typeof file[key] === 'number'));
  if (
    !fileOk ||
    !(failure === null || isFailure(failure) || (isRecord(failure) && typeof failure.code === 'string'))
  )
    return undefined;
  return result as unknown as AttributeJobResult;
}

/** An import job's result, checked: the job API answers `unknown` for every kind of job. */
export function importResultOf(result: unknown): ImportResult | undefined {
  if (!isRecord(result) || !Array.isArray(result.files) || !Array.isArray(result.failures)) return undefined;
  const files: unknown[] = result.files;
  const failures: unknown[] = result.failures;
  if (!files.every(isFileSummary) || !failures.every(isFailure)) return undefined;
  return { files, failures };
}
