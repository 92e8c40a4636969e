import type { Kysely } from 'kysely';

// The saved audiences a promotion plan aims each phase at (蓄势: the core old customers, 预热: the
// win-back list …); deleting the audience, or rewriting the plan's phases, removes the link. And
// the lessons an operator writes in a plan's review (复盘总结), which the next plans show.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('promotion_plans').addColumn('lessons', 'text').execute();
  await db.schema
    .createTable('promotion_phase_audiences')
    .addColumn('store_id', 'integer', (c) => c.notNull())
    .addColumn('plan_id', 'integer', (c) => c.notNull())
    .addColumn('phase', 'text', (c) => c.notNull())
    .addColumn('audience_id', 'integer', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull()) // the order the planner listed them in
    .addPrimaryKeyConstraint('promotion_phase_audiences_pk', ['store_id', 'plan_id', 'phase', 'audience_id'])
    .addForeignKeyConstraint(
      'promotion_phase_audiences_phase_fk',
      ['store_id', 'plan_id', 'phase'],
      'promotion_phases',
      ['store_id', 'plan_id', 'phase'],
      (fk) => fk.onDelete('cascade'),
    )
    .addForeignKeyConstraint(
      'promotion_phase_audiences_audience_fk',
      ['store_id', 'audience_id'],
      'audiences',
      ['store_id', 'id'],
      (fk) => fk.onDelete('cascade'),
    )
    .execute();
  // "Which plans aim at this audience" when it is deleted (the cascade) or listed.
  await db.schema
    .createIndex('promotion_phase_audiences_audience_idx')
    .on('promotion_phase_audiences')
    .columns(['store_id', 'audience_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('promotion_phase_audiences').execute();
  await db.schema.alterTable('promotion_plans').dropColumn('lessons').execute();
}
