import { parseArgs } from 'node:util';
import { refreshAnalytics } from '../../src/analytics/refresh.js';
import { cliActor } from '../../src/audit/actor.js';
import { loadConfig } from '../../src/config.js';
import { openDatabase } from '../../src/db/database.js';
import { planProgress, planTargets } from '../../src/promotions/figures.js';
import { exportReview } from '../../src/promotions/review-export.js';
import { planReview } from '../../src/promotions/review-service.js';
import type { StoreId, UserId } from '../../src/shared/ids.js';
import { fixedClock, type Instant } from '../../src/shared/time.js';
import { systemStoreAccess } from '../../src/stores/access.js';
import { peakRssMiB, timedCall } from '../lib.js';

// One measured call on the store bench/promotions/build-once.ts kept, in a process of its own so
// its peak RSS is its own: --what targets | progress | review | xlsx | pdf (the plan's targets,
// live progress, review, and the review exported), or refresh (the reference: the store's analytics
// refresh, the clock --day days after the bench's day so recency moves as on a real next night).
// Prints JSON with the seconds and a few counts that show the call read the whole store.

const { values } = parseArgs({
  options: {
    url: { type: 'string' },
    store: { type: 'string' },
    plan: { type: 'string' },
    user: { type: 'string' },
    now: { type: 'string' },
    what: { type: 'string' },
    day: { type: 'string', default: '0' },
    // A CPU profile of the call alone (not the process start), for Chrome DevTools
    profile: { type: 'string' },
  },
});
const database = await openDatabase(values.url ?? '');
const storeId = Number(values.store) as StoreId;
const planId = Number(values.plan);
const clock = fixedClock((Number(values.now) + Number(values.day) * 86_400_000) as Instant);
const ctx = {
  database,
  clock,
  config: loadConfig({ LAOKE_LOG_LEVEL: 'silent', LAOKE_DEMO: 'off', LAOKE_WEB_DIR: '/nonexistent' }),
};
const access = await systemStoreAccess(ctx, storeId);
const actor = cliActor(Number(values.user) as UserId);

const calls: Record<string, () => Promise<Record<string, unknown>>> = {
  refresh: async () => {
    const r = await refreshAnalytics(ctx, storeId);
    return { buyers: r.buyers, purchases: r.purchases, scoresWritten: r.scoresWritten };
  },
  targets: async () => {
    const t = await planTargets(ctx, access, planId);
    const last = t.lastYear.whole;
    return { lastYearOrders: last.old.orders + last.new.orders, historyYears: t.history.length };
  },
  progress: async () => {
    const p = await planProgress(ctx, access, planId);
    return { orders: p.total.old.orders + p.total.new.orders, days: p.days.length };
  },
  review: async () => {
    const r = await planReview(ctx, access, planId);
    return {
      orders: r.whole.old.orders + r.whole.new.orders,
      comparisonRows: r.comparison.length,
      segments: r.segments.rows.length,
    };
  },
  xlsx: async () => {
    const file = await exportReview(ctx, access, actor, planId, { format: 'xlsx', language: 'zh-CN' });
    return { bytes: file.body.length };
  },
  pdf: async () => {
    const file = await exportReview(ctx, access, actor, planId, { format: 'pdf', language: 'zh-CN' });
    return { bytes: file.body.length };
  },
};
const call = calls[values.what ?? ''];
if (!call) throw new Error(`--what must be one of ${Object.keys(calls).join(', ')}`);
const { result: figures, seconds } = await timedCall(call, values.profile);
await database.close();
console.log(JSON.stringify({ seconds, peakRssMiB: peakRssMiB(), ...figures }));
