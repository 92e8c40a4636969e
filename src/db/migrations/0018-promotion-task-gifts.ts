import type { Kysely } from 'kysely';

// A promotion task may link one of the store's holiday gift plans (a VIP gift for 双十一), as it
// links a campaign or a coupon batch: the review then counts the gifts' cost (recipients × unit cost).

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('promotion_tasks').addColumn('gift_plan_id', 'integer').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('promotion_tasks').dropColumn('gift_plan_id').execute();
}
