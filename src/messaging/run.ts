import type { AppContext } from '../context.js';
import { type AdapterOptions, storeAdapters } from './adapters.js';
import { type DispatchCounts, type RunningDispatcher, startDispatcher } from './dispatcher.js';

// The outbox dispatcher as the server and `laoke dispatch` run it: every store's messages through
// that store's own channels. Several can run at once on PostgreSQL (they claim different rows).

export interface OutboxLog {
  info(object: object, message: string): void;
  error(object: object, message: string): void;
}

export function startOutbox(
  ctx: AppContext,
  log: OutboxLog,
  options: AdapterOptions = {},
): RunningDispatcher {
  return startDispatcher(ctx.database, {
    adapters: storeAdapters(ctx, options),
    now: () => ctx.clock.now(),
    onBatch: (counts: DispatchCounts) => {
      if (counts.claimed > 0) log.info({ ...counts }, 'outbox batch');
    },
  });
}
