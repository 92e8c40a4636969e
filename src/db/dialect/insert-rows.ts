import { type RawBuilder, sql } from 'kysely';
import type { Db, DialectName } from '../database.js';
import type { BulkTarget } from './bulk-insert.js';
import { dialectOf } from './schema-ddl.js';

// Many rows into one table inside the caller's transaction (a campaign's members and outbox
// messages): not a bulk session of its own, so the rows commit or roll back with the rest of the
// work. Kysely's multi-value INSERT compiles and prepares a statement with a parameter per value
// (26,000 for 2,000 messages) for every batch, which was half of freezing a campaign; here the
// statement text stays the same size, one parameter per column:
// - SQLite: the rows as one JSON array, read by json_each (values keep their JSON types);
// - PostgreSQL: one array per column, `insert … select * from unnest($1::int8[], $2::text[], …)`.
// bench/README.md, "Campaigns", has the figures.

export type InsertValue = string | number | null;
export type InsertRow = readonly InsertValue[];

export interface InsertOptions {
  /** `on conflict (these columns) do nothing`: a row whose key exists is skipped, not an error. */
  readonly skipConflictsOn?: readonly string[];
}

type InsertStatement = (
  target: BulkTarget,
  rows: readonly InsertRow[],
  options: InsertOptions,
) => RawBuilder<unknown>;

const columnsOf = (target: BulkTarget) => sql.join(target.columns.map((column) => sql.ref(column.name)));
const conflictClause = (options: InsertOptions) =>
  options.skipConflictsOn
    ? sql` on conflict (${sql.join(options.skipConflictsOn.map((column) => sql.ref(column)))}) do nothing`
    : sql``;

const jsonEachInsert: InsertStatement = (target, rows, options) => {
  const values = target.columns.map((_, i) => sql`json_extract(value, ${sql.lit(`$[${i}]`)})`);
  return sql`insert into ${sql.table(target.table)} (${columnsOf(target)}) select ${sql.join(values)} from json_each(${JSON.stringify(rows)}) where 1${conflictClause(options)}`;
};

const unnestInsert: InsertStatement = (target, rows, options) => {
  const arrays = target.columns.map((column, i) => {
    const values = rows.map((row) => row[i] ?? null);
    return sql`${values}::${sql.raw(column.pgType)}[]`;
  });
  return sql`insert into ${sql.table(target.table)} (${columnsOf(target)}) select * from unnest(${sql.join(arrays)})${conflictClause(options)}`;
};

export const insertStatement = {
  sqlite: jsonEachInsert,
  postgres: unnestInsert,
} satisfies Record<DialectName, InsertStatement>;

// 10,000 rows a statement: big enough that per-statement costs vanish, small enough that one
// statement's JSON or arrays stay a few megabytes.
const ROWS_PER_STATEMENT = 10_000;

/** Inserts the rows in the caller's transaction; returns how many were inserted (not skipped). */
export async function insertRows(
  db: Db,
  target: BulkTarget,
  rows: readonly InsertRow[],
  options: InsertOptions = {},
): Promise<number> {
  const statement = insertStatement[dialectOf(db as never)];
  let inserted = 0;
  for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
    const result = await statement(target, rows.slice(start, start + ROWS_PER_STATEMENT), options).execute(
      db,
    );
    inserted += Number(result.numAffectedRows ?? 0);
  }
  return inserted;
}
