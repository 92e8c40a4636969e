import type { Kysely } from 'kysely';

// Campaigns (issue 8): an audience, a channel and template, a schedule and a control group; the
// members frozen at send time with their group and segment, for the results against the control.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('campaigns')
    .addColumn('store_id', 'integer', (c) => c.notNull())
    .addColumn('id', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('audience_id', 'integer') // the saved audience it was made from, if any
    .addColumn('definition', 'text', (c) => c.notNull()) // the audience definition (JSON)
    .addColumn('template_id', 'integer', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('class', 'text', (c) => c.notNull()) // marketing, transactional
    .addColumn('schedule', 'text', (c) => c.notNull()) // now, at, window
    .addColumn('starts_at', 'bigint') // at / window start
    .addColumn('ends_at', 'bigint') // window end
    .addColumn('control_share', 'real', (c) => c.notNull())
    .addColumn('seed', 'integer', (c) => c.notNull())
    .addColumn('attribution_days', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull()) // draft, awaiting_approval, scheduled, paused, cancelled
    .addColumn('estimated_members', 'integer')
    .addColumn('members', 'integer')
    .addColumn('control', 'integer')
    .addColumn('queued', 'integer')
    .addColumn('unreachable', 'integer')
    .addColumn('sms_parts', 'integer')
    .addColumn('sms_price_fen', 'real', (c) => c.notNull()) // per billed part, at send time
    .addColumn('approved_by', 'text')
    .addColumn('approved_at', 'bigint')
    .addColumn('frozen_at', 'bigint') // when the members were frozen and the messages queued
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('campaigns_pk', ['store_id', 'id'])
    .addUniqueConstraint('campaigns_name', ['store_id', 'name'])
    .execute();

  await db.schema
    .createTable('campaign_members')
    .addColumn('store_id', 'integer', (c) => c.notNull())
    .addColumn('campaign_id', 'integer', (c) => c.notNull())
    .addColumn('customer_id', 'integer', (c) => c.notNull())
    .addColumn('is_control', 'integer', (c) => c.notNull()) // 1: held out
    .addColumn('segment', 'text') // the RFM segment (Chinese) when frozen
    .addPrimaryKeyConstraint('campaign_members_pk', ['store_id', 'campaign_id', 'customer_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('campaign_members').execute();
  await db.schema.dropTable('campaigns').execute();
}
