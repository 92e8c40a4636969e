import { type RawBuilder, sql } from 'kysely';
import type { DialectName } from '../database.js';

// One text field of a JSON object kept in a text column (customers.preferences). SQLite reads it
// with json_extract and a JSON path; PostgreSQL casts the text to jsonb and takes ->>. Keys must not
// hold `"` or `\` (the SQLite path quotes the key); callers validate that. A missing key is NULL.

type JsonText = (column: RawBuilder<unknown>, key: string) => RawBuilder<string | null>;

export const jsonText = {
  sqlite: (column, key) => sql<string | null>`json_extract(${column}, ${`$."${key}"`})`,
  postgres: (column, key) => sql<string | null>`(${column}::jsonb ->> ${key})`,
} satisfies Record<DialectName, JsonText>;
