import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { cliActor } from '../../src/audit/actor.js';
import { createCampaign, sendCampaign } from '../../src/campaigns/service.js';
import { loadConfig } from '../../src/config.js';
import { allocateIds } from '../../src/db/sequences.js';
import { createDemoStore } from '../../src/demo/service.js';
import { fixedClock, type Instant } from '../../src/shared/time.js';
import { parseStoreSettings } from '../../src/stores/settings.js';
import { findStoreById } from '../../src/stores/stores.store.js';
import { benchDatabase, peakRssMiB, timedCall } from '../lib.js';

// Freezing a campaign: a demo store, an audience of every buyer (two conditions), a
// template on the sandbox channel; times sendCampaign (freeze the members, draw the control group,
// record segments, queue one outbox message per target, in one transaction). Prints JSON.

const { values } = parseArgs({
  options: {
    customers: { type: 'string', default: '200000' },
    database: { type: 'string', default: 'sqlite' },
    // A CPU profile of sendCampaign alone (not the demo store's creation), for Chrome DevTools
    profile: { type: 'string' },
  },
});
const { database, cleanup } = await benchDatabase(values.database, 'campaigns');
const now = Date.UTC(2026, 10, 24, 2) as Instant;
const ctx = {
  database,
  clock: fixedClock(now),
  config: loadConfig({ LAOKE_LOG_LEVEL: 'silent', LAOKE_DEMO: 'off', LAOKE_WEB_DIR: '/nonexistent' }),
};
const demo = await createDemoStore(ctx, {
  customers: Number(values.customers),
  seed: 1,
  password: 'bench-password',
});
if (database.dialect === 'postgres') await sql`analyze`.execute(database.db);
const store = (await findStoreById(database.db, demo.storeId))!;
const access = {
  store,
  storeId: demo.storeId,
  role: 'owner' as const,
  settings: parseStoreSettings(store.settings),
};
const templateId = await allocateIds(database.db, demo.storeId, 'message_templates');
await database.db
  .insertInto('message_templates')
  .values({
    store_id: demo.storeId,
    id: templateId,
    name: 'bench',
    channel: 'local',
    class: 'marketing',
    subject: null,
    body: '{昵称|亲}，老客专享券已到账，{店铺名}等您回来',
    provider_template: null,
    created_at: now,
    updated_at: now,
  })
  .execute();
const campaign = await createCampaign(ctx, access, cliActor(demo.userId), {
  name: 'bench',
  templateId,
  definition: {
    where: {
      type: 'and',
      conditions: [
        { type: 'orderCount', min: 1 },
        { type: 'not', condition: { type: 'tag', tag: 'no-such-tag' } },
      ],
    },
  },
  schedule: { kind: 'now' },
  seed: 3,
});
const { result: sent, seconds } = await timedCall(
  () =>
    sendCampaign(
      ctx,
      {
        ...access,
        settings: {
          ...access.settings,
          campaigns: { ...access.settings.campaigns, approvalThreshold: 100_000_000 },
        },
      },
      cliActor(demo.userId),
      campaign.id,
    ),
  values.profile,
);
const queued = await database.db
  .selectFrom('messages')
  .select(sql<number>`count(*)`.as('n'))
  .where('store_id', '=', demo.storeId)
  .where('source', '=', `campaign:${campaign.id}`)
  .executeTakeFirstOrThrow();
await cleanup();
console.log(
  JSON.stringify({
    seconds,
    peakRssMiB: peakRssMiB(),
    members: sent.members,
    control: sent.control,
    queued: Number(queued.n),
  }),
);
