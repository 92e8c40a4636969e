import type { Kysely } from 'kysely';

// Big-promotion plans (大促, issue 10): a plan per event and year, its four phases (蓄势 build-up,
// 预热 warm-up, 冲刺 the day, 余温 afterglow) with editable windows and goals, the actions as tasks,
// and the stored target (old/new revenue and buyers) with per-plan response-rate overrides.

export async function up(db: Kysely<unknown>): Promise<void> {
  // The store's own events (店庆, a brand day …) beside the presets; plans name them "custom-<id>".
  await db.schema
    .createTable('promotion_events')
    .addColumn('store_id', 'integer', (c) => c.notNull())
    .addColumn('id', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('month_day', 'text', (c) => c.notNull()) // MM-dd, every year
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('promotion_events_pk', ['store_id', 'id'])
    .execute();
  await db.schema
    .createTable('promotion_plans')
    .addColumn('store_id', 'integer', (c) => c.notNull())
    .addColumn('id', 'integer', (c) => c.notNull())
    .addColumn('event', 'text', (c) => c.notNull()) // a preset key: 1111, 1212, 618 …
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('target_old_revenue', 'bigint') // fen; null until the forecast is taken or edited
    .addColumn('target_new_revenue', 'bigint')
    .addColumn('target_old_buyers', 'integer')
    .addColumn('target_new_buyers', 'integer')
    .addColumn('response_rates', 'text', (c) => c.notNull()) // JSON {segment: rate}, overrides
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('promotion_plans_pk', ['store_id', 'id'])
    .addUniqueConstraint('promotion_plans_event_year_uq', ['store_id', 'event', 'year'])
    .execute();
  await db.schema
    .createTable('promotion_phases')
    .addColumn('store_id', 'integer', (c) => c.notNull())
    .addColumn('plan_id', 'integer', (c) => c.notNull())
    .addColumn('phase', 'text', (c) => c.notNull()) // buildup, warmup, day, afterglow
    .addColumn('position', 'integer', (c) => c.notNull()) // 0..3
    .addColumn('from_date', 'text', (c) => c.notNull()) // yyyy-MM-dd, store-local
    .addColumn('to_date', 'text', (c) => c.notNull())
    .addColumn('goal', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('promotion_phases_pk', ['store_id', 'plan_id', 'phase'])
    .addForeignKeyConstraint(
      'promotion_phases_plan_fk',
      ['store_id', 'plan_id'],
      'promotion_plans',
      ['store_id', 'id'],
      (fk) => fk.onDelete('cascade'),
    )
    .execute();
  await db.schema
    .createTable('promotion_tasks')
    .addColumn('store_id', 'integer', (c) => c.notNull())
    .addColumn('id', 'integer', (c) => c.notNull())
    .addColumn('plan_id', 'integer', (c) => c.notNull())
    .addColumn('phase', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('owner_user_id', 'integer')
    .addColumn('due_date', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull()) // todo, doing, done
    .addColumn('campaign_id', 'integer')
    .addColumn('coupon_batch_id', 'integer')
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('promotion_tasks_pk', ['store_id', 'id'])
    .addForeignKeyConstraint(
      'promotion_tasks_plan_fk',
      ['store_id', 'plan_id'],
      'promotion_plans',
      ['store_id', 'id'],
      (fk) => fk.onDelete('cascade'),
    )
    .execute();
  await db.schema
    .createIndex('promotion_tasks_plan_idx')
    .on('promotion_tasks')
    .columns(['store_id', 'plan_id', 'due_date'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('promotion_tasks').execute();
  await db.schema.dropTable('promotion_phases').execute();
  await db.schema.dropTable('promotion_plans').execute();
  await db.schema.dropTable('promotion_events').execute();
}
