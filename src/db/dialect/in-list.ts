import { type RawBuilder, sql } from 'kysely';
import type { DialectName } from '../database.js';

// "column IN (thousands of values)" in one parameter. SQLite caps a statement at 32,766
// parameters, so the values travel as one JSON array read by json_each; PostgreSQL takes an
// array parameter and unnests it. Either way the statement text stays the same size, and the
// prepared-statement caches keep working.

type InList = (values: readonly (string | number)[], type: 'text' | 'int4') => RawBuilder<unknown>;

const jsonEach: InList = (values) => sql`(select value from json_each(${JSON.stringify(values)}))`;
const unnestArray: InList = (values, type) => sql`(select unnest(${values}::${sql.raw(type)}[]))`;

export const inList = {
  sqlite: jsonEach,
  postgres: unnestArray,
} satisfies Record<DialectName, InList>;

type KeyJoin = (values: readonly (string | number)[], type: 'text' | 'int4') => RawBuilder<unknown>;

/**
 * The start of `FROM <keys> k JOIN <table> ON … = k.value`: the key list drives the join, so the
 * table's index is probed once per key. SQLite's planner may otherwise pick the primary key for
 * `store_id = ?` and scan a whole store for every batch (an import then slows down as the store
 * grows); CROSS JOIN is SQLite's way to fix the loop order.
 */
export const keysJoin = {
  sqlite: (values) => sql`json_each(${JSON.stringify(values)}) as k cross join`,
  postgres: (values, type) => sql`unnest(${values}::${sql.raw(type)}[]) as k(value) join`,
} satisfies Record<DialectName, KeyJoin>;
