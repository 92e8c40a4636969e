import { statSync } from 'node:fs';
import { basename } from 'node:path';
import { DateTime } from 'luxon';
import type { Actor } from '../audit/actor.js';
import { insertAuditEntry } from '../audit/audit.store.js';
import type { AppContext } from '../context.js';
import type { Db } from '../db/database.js';
import { inList } from '../db/dialect/in-list.js';
import type { CustomerRow, CustomerUpdate } from '../db/schema.js';
import { type ColumnSpec, locate, missingColumns, normaliseHeader, text } from '../orders/formats/columns.js';
import { finishRun, insertRun } from '../orders/import.store.js';
import { cleanCell } from '../orders/parse/cells.js';
import { fileSha256, sniffFileKind } from '../orders/sniff.js';
import { openTextSource } from '../orders/source/text.js';
import type { Cell, Rejection, SourceRecord } from '../orders/source/types.js';
import { reject } from '../orders/source/types.js';
import { openXlsxSource } from '../orders/source/xlsx.js';
import { LaokeError } from '../shared/errors.js';
import type { ImportRunId, JobId, StoreId } from '../shared/ids.js';
import { type Instant, instant } from '../shared/time.js';
import { findStoreById } from '../stores/stores.store.js';
import type { AttributeMatchKey } from './schemas.js';
import { parsePreferences } from './service.js';

// Profile fields from a CSV or XLSX (客户属性导入): birthday, gender, occupation, credit level,
// preferences and tags, matched to existing customers by buyer nick, email or customer key.
// Rows are read and written a batch at a time; every row either updates a customer or is
// rejected with its line and reason, reported like the order import's (import_runs with format
// "customer-attributes"). Importing the same file twice changes nothing the second time: fields
// are set, and tags are added, never duplicated.

export const ATTRIBUTE_FORMAT = 'customer-attributes';
const BATCH = 1_000;
const MAX_TEXT = 200;

const columns = {
  nick: ['买家会员名', '买家昵称', '会员名', 'nick', 'buyer nick'],
  email: ['邮箱', '电子邮箱', 'email', 'e-mail'],
  key: ['客户编号', '客户标识', 'customer key', 'customer id', 'key'],
  name: ['姓名', '客户姓名', 'name'],
  gender: ['性别', 'gender'],
  birthday: ['生日', '出生日期', 'birthday', 'date of birth'],
  occupation: ['职业', 'occupation'],
  creditLevel: ['信用等级', 'credit level'],
  phone: ['手机', '手机号', '联系电话', 'phone', 'mobile'],
  tags: ['标签', 'tags'],
  preferences: ['偏好', 'preferences'],
} as const satisfies ColumnSpec;

const attributeKeys = [
  'name',
  'gender',
  'birthday',
  'occupation',
  'creditLevel',
  'phone',
  'tags',
  'preferences',
] as const;

/** A column "偏好:颜色" or "preference:colour" holds one preference by its key. */
const PREFERENCE_COLUMN = /^(?:偏好|preference)\s*[:：]\s*(.+)$/i;

export interface AttributeImportSummary {
  readonly runId: ImportRunId;
  readonly fileName: string;
  readonly read: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly rejected: number;
}

interface RowChange {
  readonly line: number;
  readonly raw: string;
  readonly key: string;
  readonly set: CustomerUpdate;
  readonly preferences: Record<string, string>;
  readonly tags: string[];
}

const genders: Record<string, 'female' | 'male'> = {
  女: 'female',
  f: 'female',
  female: 'female',
  男: 'male',
  m: 'male',
  male: 'male',
};

function cellText(value: Cell): string {
  if (value === null) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return cleanCell(String(value));
}

/** yyyy-MM-dd, yyyy/M/d, yyyy年M月d日, M-d / M月d日 (no year), or a spreadsheet date. */
export function parseBirthday(value: Cell): { year: number | null; month: number; day: number } | string {
  if (value instanceof Date)
    return { year: value.getUTCFullYear(), month: value.getUTCMonth() + 1, day: value.getUTCDate() };
  const textValue = cellText(value);
  const full = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(textValue);
  const partial = /^(\d{1,2})[-/.月](\d{1,2})日?$/.exec(textValue);
  const [year, month, day] = full
    ? [Number(full[1]), Number(full[2]), Number(full[3])]
    : partial
      ? [null, Number(partial[1]), Number(partial[2])]
      : [null, 0, 0];
  if (month === 0) return `"${textValue}" is not a birthday; expected e.g. 1990-03-08 or 03-08`;
  if (!DateTime.fromObject({ year: year ?? 2000, month, day }).isValid)
    return `"${textValue}" is not a day of the year`;
  if (year !== null && (year < 1900 || year > new Date().getUTCFullYear()))
    return `${year} is not a plausible birth year`;
  return { year, month, day };
}

function splitTags(value: string): string[] {
  return [
    ...new Set(
      value
        .split(/[,，、;；|]/)
        .map((tag) => tag.trim())
        .filter((tag) => tag !== ''),
    ),
  ];
}

/** "颜色:藏青; 尺码:M" → { 颜色: 藏青, 尺码: M } */
function splitPreferences(value: string): Record<string, string> | string {
  const result: Record<string, string> = {};
  for (const part of value.split(/[;；\n]/)) {
    if (part.trim() === '') continue;
    const match = /^\s*([^:：=]+?)\s*[:：=]\s*(.+?)\s*$/.exec(part);
    if (!match) return `"${part.trim()}" is not a preference; expected key:value, e.g. 颜色:藏青`;
    result[match[1]!] = match[2]!;
  }
  return result;
}

/** Reads one record into the change it asks for, or the reason it cannot be used. */
function readRow(
  record: SourceRecord,
  positions: Record<keyof typeof columns, number>,
  preferenceColumns: readonly { key: string; position: number }[],
  matchBy: AttributeMatchKey,
): RowChange | Rejection {
  const fields = record.fields;
  const fail = (code: 'missing_value' | 'bad_value' | 'too_long', message: string) =>
    reject(record.line, code, `Line ${record.line}: ${message}`, record.raw);
  const keyText = cleanCell(text(fields, positions[matchBy]));
  if (keyText === '') return fail('missing_value', `${columns[matchBy][0]} is empty`);
  const set: CustomerUpdate = {};
  for (const [key, column] of [
    ['name', 'name'],
    ['occupation', 'occupation'],
    ['creditLevel', 'credit_level'],
  ] as const) {
    const value = cellText(fields[positions[key]] ?? null);
    if (value === '') continue;
    if (value.length > MAX_TEXT)
      return fail('too_long', `${columns[key][0]} is longer than ${MAX_TEXT} characters`);
    set[column] = value;
  }
  const gender = cellText(fields[positions.gender] ?? null);
  if (gender !== '') {
    const known = genders[gender.toLowerCase()];
    if (!known) return fail('bad_value', `性别 "${gender}" is not a gender; expected 男/女 or male/female`);
    set.gender = known;
  }
  const birthdayCell = positions.birthday < 0 ? null : (fields[positions.birthday] ?? null);
  if (birthdayCell !== null && cellText(birthdayCell) !== '') {
    const birthday = parseBirthday(birthdayCell);
    if (typeof birthday === 'string') return fail('bad_value', `生日: ${birthday}`);
    set.birth_year = birthday.year;
    set.birth_month = birthday.month;
    set.birth_day = birthday.day;
  }
  const phone = cellText(fields[positions.phone] ?? null);
  if (phone !== '') {
    if (!/^\+?[\d*\- ]{5,20}$/.test(phone)) return fail('bad_value', `手机 "${phone}" is not a phone number`);
    const digits = phone.replace(/\D/g, '');
    set.phone = phone;
    set.phone_last4 = digits.length >= 4 ? digits.slice(-4) : null;
    set.phone_masked = phone.includes('*') ? 1 : 0;
  }
  const tags = splitTags(cellText(fields[positions.tags] ?? null));
  if (tags.some((tag) => tag.length > 40))
    return fail('too_long', '标签: a tag is longer than 40 characters');
  let preferences: Record<string, string> = {};
  const listed = cellText(fields[positions.preferences] ?? null);
  if (listed !== '') {
    const parsed = splitPreferences(listed);
    if (typeof parsed === 'string') return fail('bad_value', `偏好: ${parsed}`);
    preferences = parsed;
  }
  for (const { key, position } of preferenceColumns) {
    const value = cellText(fields[position] ?? null);
    if (value !== '') preferences[key] = value;
  }
  if (Object.values(preferences).some((value) => value.length > MAX_TEXT))
    return fail('too_long', `偏好: a value is longer than ${MAX_TEXT} characters`);
  const key = matchBy === 'email' ? keyText.toLowerCase() : keyText;
  return { line: record.line, raw: record.raw, key, set, preferences, tags };
}

const matchColumn = { nick: 'nick', email: 'email', key: 'customer_key' } as const;

export async function importCustomerAttributes(
  ctx: AppContext,
  storeId: StoreId,
  actor: Actor,
  path: string,
  options: {
    readonly matchBy: AttributeMatchKey;
    readonly fileName?: string | undefined;
    readonly jobId?: JobId | undefined;
    /** Rows read so far, and the share of the file's bytes. */
    readonly onProgress?: ((read: number, fraction: number) => void) | undefined;
  },
): Promise<AttributeImportSummary> {
  const store = await findStoreById(ctx.database.db, storeId);
  if (!store) throw new LaokeError('store.not_found', `No store ${storeId}.`);
  const fileName = options.fileName ?? basename(path);
  const source =
    sniffFileKind(path) === 'xlsx' ? await openXlsxSource(path) : openTextSource(path, { layout: 'csv' });
  const records = source.records[Symbol.asyncIterator]();
  let first = await records.next();
  while (!first.done && first.value.kind !== 'record') first = await records.next();
  if (first.done || first.value.kind !== 'record')
    throw new LaokeError('import.empty_file', `${fileName} has no header row.`);
  const header = first.value.fields;
  const positions = locate(header, columns);
  if (positions[options.matchBy] < 0) {
    throw new LaokeError(
      'import.unknown_format',
      `${fileName}: no column to match customers by ${options.matchBy}; expected one of ${columns[options.matchBy].join(', ')}. Found: ${header.map(normaliseHeader).join(', ')}.`,
      { expected: columns[options.matchBy], found: header.map(normaliseHeader) },
    );
  }
  const preferenceColumns = header.flatMap((cell, position) => {
    const match = PREFERENCE_COLUMN.exec(normaliseHeader(cell));
    return match ? [{ key: match[1]!.trim(), position }] : [];
  });
  if (attributeKeys.every((key) => positions[key] < 0) && preferenceColumns.length === 0) {
    throw new LaokeError(
      'import.unknown_format',
      `${fileName}: no profile column found; expected some of ${missingColumns(header, columns, attributeKeys).join(', ')}, or 偏好:<名称> columns.`,
    );
  }

  const { db } = ctx.database;
  const now = ctx.clock.now();
  const runId = await insertRun(
    db,
    storeId,
    {
      format: ATTRIBUTE_FORMAT,
      fileName,
      sha256: await fileSha256(path),
      bytesTotal: statSync(path).size,
      mapName: null,
      createdBy: actor.userId,
      jobId: options.jobId ?? null,
    },
    now,
    instant(now + ctx.config.import.leaseMs),
  );
  const totals = { read: 0, updated: 0, unchanged: 0, rejected: 0 };
  try {
    let batch: (RowChange | Rejection)[] = [];
    const flush = async () => {
      const counts = await writeAttributeBatch(ctx, storeId, runId, options.matchBy, batch);
      totals.updated += counts.updated;
      totals.unchanged += counts.unchanged;
      totals.rejected += counts.rejected;
      batch = [];
      const stats = source.stats();
      options.onProgress?.(
        totals.read,
        stats.totalBytes > 0 ? Math.min(1, stats.bytesRead / stats.totalBytes) : 0,
      );
    };
    for (let next = await records.next(); !next.done; next = await records.next()) {
      totals.read += 1;
      const entry = next.value;
      batch.push(
        entry.kind === 'rejected' ? entry : readRow(entry, positions, preferenceColumns, options.matchBy),
      );
      if (batch.length >= BATCH) await flush();
    }
    await flush();
    const finished = ctx.clock.now();
    await db.transaction().execute(async (trx) => {
      await finishRun(
        trx,
        storeId,
        runId,
        { status: 'succeeded', error: null, encoding: source.stats().encoding },
        finished,
      );
      await insertAuditEntry(
        trx,
        storeId,
        actor,
        {
          action: 'customer.attributes_import',
          subjectType: 'import_run',
          subjectId: runId,
          details: { fileName, ...totals },
        },
        finished,
      );
    });
  } catch (thrown) {
    const message = thrown instanceof Error ? thrown.message : String(thrown);
    await finishRun(
      db,
      storeId,
      runId,
      { status: 'failed', error: message, encoding: null },
      ctx.clock.now(),
    );
    throw thrown;
  }
  return { runId, fileName, ...totals };
}

/** One batch in one transaction: the matched customers' updates, the rejections, the counters. */
async function writeAttributeBatch(
  ctx: AppContext,
  storeId: StoreId,
  runId: ImportRunId,
  matchBy: AttributeMatchKey,
  batch: readonly (RowChange | Rejection)[],
) {
  const counts = { updated: 0, unchanged: 0, rejected: 0 };
  const { database } = ctx;
  await database.db.transaction().execute(async (trx) => {
    const changes = batch.filter((entry): entry is RowChange => !('kind' in entry));
    const column = matchColumn[matchBy];
    const keys = [...new Set(changes.map((change) => change.key))];
    const found =
      keys.length === 0
        ? []
        : await trx
            .selectFrom('customers')
            .selectAll()
            .where('store_id', '=', storeId)
            .where(column, 'in', inList[database.dialect](keys, 'text') as never)
            .where('merged_into_id', 'is', null)
            .where('erased_at', 'is', null)
            .orderBy('id')
            .execute();
    const byKey = new Map<string, CustomerRow>();
    for (const row of found) {
      const key = matchBy === 'email' ? (row.email ?? '').toLowerCase() : (row[column] ?? '');
      if (!byKey.has(key)) byKey.set(key, row);
    }
    const rejections: Rejection[] = batch.filter((entry): entry is Rejection => 'kind' in entry);
    const now = ctx.clock.now();
    for (const change of changes) {
      const row = byKey.get(change.key);
      if (!row) {
        rejections.push(
          reject(
            change.line,
            'customer_not_found',
            `Line ${change.line}: no customer with ${matchBy} "${change.key}"`,
            change.raw,
          ),
        );
        continue;
      }
      const result = await applyChange(trx, storeId, row, change, now);
      if (result) counts.updated += 1;
      else counts.unchanged += 1;
    }
    counts.rejected = rejections.length;
    for (let start = 0; start < rejections.length; start += 400) {
      await trx
        .insertInto('import_rejections')
        .values(
          rejections.slice(start, start + 400).map((r) => ({
            store_id: storeId,
            import_run_id: runId,
            line: r.line,
            code: r.code,
            message: r.message.slice(0, 2_000),
            raw: r.raw.slice(0, 2_000),
          })),
        )
        .onConflict((conflict) => conflict.columns(['store_id', 'import_run_id', 'line']).doNothing())
        .execute();
    }
    await trx
      .updateTable('import_runs')
      .set((eb) => ({
        rows_read: eb('rows_read', '+', batch.length),
        rows_rejected: eb('rows_rejected', '+', counts.rejected),
        rows_imported: eb('rows_imported', '+', counts.updated),
        orders_unchanged: eb('orders_unchanged', '+', counts.unchanged),
      }))
      .where('store_id', '=', storeId)
      .where('id', '=', runId)
      .execute();
  });
  return counts;
}

/** Writes what differs; true when anything did. Tags are added; preferences merged, the file's win. */
async function applyChange(
  trx: Db,
  storeId: StoreId,
  row: CustomerRow,
  change: RowChange,
  now: Instant,
): Promise<boolean> {
  const set: CustomerUpdate = {};
  for (const [column, value] of Object.entries(change.set) as [keyof CustomerRow, unknown][]) {
    if (row[column] !== value) (set as Record<string, unknown>)[column] = value;
  }
  const before = parsePreferences(row.preferences);
  const merged = { ...before, ...change.preferences };
  if (JSON.stringify(Object.entries(merged).sort()) !== JSON.stringify(Object.entries(before).sort()))
    set.preferences = JSON.stringify(
      Object.fromEntries(Object.entries(merged).sort(([a], [b]) => a.localeCompare(b))),
    );
  let tagsAdded = 0;
  if (change.tags.length > 0) {
    const result = await trx
      .insertInto('customer_tags')
      .values(change.tags.map((tag) => ({ store_id: storeId, customer_id: row.id, tag, created_at: now })))
      .onConflict((conflict) => conflict.columns(['store_id', 'customer_id', 'tag']).doNothing())
      .executeTakeFirst();
    tagsAdded = Number(result.numInsertedOrUpdatedRows ?? 0);
  }
  if (Object.keys(set).length > 0)
    await trx
      .updateTable('customers')
      .set({ ...set, updated_at: now })
      .where('store_id', '=', storeId)
      .where('id', '=', row.id)
      .execute();
  return Object.keys(set).length > 0 || tagsAdded > 0;
}
