import type { Config } from './config.js';
import type { Database } from './db/database.js';
import type { Clock } from './shared/time.js';

/** What services need from the running process: the database, the clock and the settings. */
export interface AppContext {
  readonly database: Database;
  readonly clock: Clock;
  readonly config: Config;
}
