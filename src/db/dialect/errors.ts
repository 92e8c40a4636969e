import { toError } from '../../shared/errors.js';

// How each database reports a broken unique constraint: a check-then-insert can lose a race to
// another request, and the loser should hear "taken", not "internal error".
// SQLite (better-sqlite3): code SQLITE_CONSTRAINT_UNIQUE or _PRIMARYKEY. PostgreSQL: SQLSTATE 23505.
const uniqueViolationCodes = new Set(['SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_CONSTRAINT_PRIMARYKEY', '23505']);

export function isUniqueViolation(thrown: unknown): boolean {
  const code = (toError(thrown) as Error & { code?: unknown }).code;
  return typeof code === 'string' && uniqueViolationCodes.has(code);
}

/** For `.catch(...)`: turns a unique-constraint failure into the given error, passes others on. */
export function whenUnique(replacement: () => Error) {
  return (thrown: unknown): never => {
    throw isUniqueViolation(thrown) ? replacement() : thrown;
  };
}
