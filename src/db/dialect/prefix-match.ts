import { type RawBuilder, sql } from 'kysely';
import type { DialectName } from '../database.js';

// "column starts with prefix", in a form each database answers from a plain index on
// (store_id, column). SQLite compares text byte by byte (BINARY collation), so a prefix is a
// range: from the prefix itself up to the prefix followed by the largest code point. PostgreSQL
// compares by collation, where that range is not exact; LIKE 'prefix%' with the index built with
// text_pattern_ops (migration 0004) is.

type PrefixMatch = (column: RawBuilder<unknown>, prefix: string) => RawBuilder<boolean>;

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (char) => `\\${char}`);

export const prefixMatch = {
  sqlite: (column, prefix) => sql<boolean>`(${column} >= ${prefix} and ${column} < ${`${prefix}\u{10FFFF}`})`,
  postgres: (column, prefix) => sql<boolean>`${column} like ${`${escapeLike(prefix)}%`}`,
} satisfies Record<DialectName, PrefixMatch>;
