import type { Kysely } from 'kysely';
import { sql } from 'kysely';

// Coupons and holiday gifts (issue 9, second half): coupon batches and their unique codes, each
// redemption (accepted or rejected with a reason) matched from imported orders or entered by staff;
// a campaign may carry a batch; gift plans and their frozen recipient lists, tracked to shipped.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('coupon_batches')
    .addColumn('store_id', 'integer', (c) => c.notNull())
    .addColumn('id', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull()) // amount (满减) or percent (折扣)
    .addColumn('amount_off', 'integer') // fen, kind amount
    .addColumn('percent_off', 'integer') // 1–99, kind percent
    .addColumn('threshold', 'integer', (c) => c.notNull()) // fen the order's goods must reach; 0: none
    .addColumn('valid_from', 'text', (c) => c.notNull()) // store-local day, yyyy-MM-dd
    .addColumn('valid_to', 'text', (c) => c.notNull()) // store-local day, inclusive
    .addColumn('starts_at', 'bigint', (c) => c.notNull()) // valid_from's start
    .addColumn('ends_at', 'bigint', (c) => c.notNull()) // the day after valid_to's start (exclusive)
    .addColumn('per_customer_limit', 'integer', (c) => c.notNull())
    .addColumn('total_count', 'integer', (c) => c.notNull())
    .addColumn('issued', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('coupon_batches_pk', ['store_id', 'id'])
    .addUniqueConstraint('coupon_batches_name', ['store_id', 'name'])
    .execute();

  await db.schema
    .createTable('coupon_codes')
    .addColumn('store_id', 'integer', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('batch_id', 'integer', (c) => c.notNull())
    .addColumn('customer_id', 'integer') // who it was issued to
    .addColumn('campaign_id', 'integer') // the campaign that issued it, if any
    .addColumn('issued_at', 'bigint', (c) => c.notNull())
    .addColumn('redeemed_at', 'bigint') // the redeeming order's time
    .addColumn('order_id', 'integer') // the redeeming order
    .addPrimaryKeyConstraint('coupon_codes_pk', ['store_id', 'code'])
    .execute();
  await db.schema
    .createIndex('coupon_codes_batch')
    .on('coupon_codes')
    .columns(['store_id', 'batch_id', 'customer_id'])
    .execute();

  await db.schema
    .createTable('coupon_redemptions')
    .addColumn('store_id', 'integer', (c) => c.notNull())
    .addColumn('id', 'integer', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('batch_id', 'integer', (c) => c.notNull())
    .addColumn('order_id', 'integer', (c) => c.notNull())
    .addColumn('customer_id', 'integer', (c) => c.notNull()) // the order's customer
    .addColumn('source', 'text', (c) => c.notNull()) // import, staff
    .addColumn('accepted', 'integer', (c) => c.notNull()) // 1 redeemed, 0 rejected
    .addColumn('reason', 'text') // why rejected
    .addColumn('ordered_at', 'bigint', (c) => c.notNull())
    .addColumn('goods_amount', 'integer', (c) => c.notNull())
    .addColumn('revenue', 'integer', (c) => c.notNull()) // the order's net amount, fen
    .addColumn('discount', 'integer', (c) => c.notNull()) // what the coupon gave, fen; 0 if rejected
    .addColumn('recorded_at', 'bigint', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('coupon_redemptions_pk', ['store_id', 'id'])
    .addUniqueConstraint('coupon_redemptions_order_code', ['store_id', 'order_id', 'code'])
    .execute();
  // The last line against a code redeemed twice: one accepted redemption per code
  await db.schema
    .createIndex('coupon_redemptions_once')
    .on('coupon_redemptions')
    .columns(['store_id', 'code'])
    .unique()
    .where(sql.ref('accepted'), '=', 1)
    .execute();
  await db.schema
    .createIndex('coupon_redemptions_batch')
    .on('coupon_redemptions')
    .columns(['store_id', 'batch_id'])
    .execute();

  await db.schema.alterTable('campaigns').addColumn('coupon_batch_id', 'integer').execute();

  await db.schema
    .createTable('gift_plans')
    .addColumn('store_id', 'integer', (c) => c.notNull())
    .addColumn('id', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('occasion', 'text', (c) => c.notNull()) // mid_autumn, new_year, spring_festival, …, birthday
    .addColumn('audience_id', 'integer', (c) => c.notNull())
    .addColumn('gift_sku', 'text', (c) => c.notNull())
    .addColumn('gift_title', 'text', (c) => c.notNull())
    .addColumn('unit_cost', 'integer', (c) => c.notNull()) // fen per gift, shipping included
    .addColumn('budget', 'integer', (c) => c.notNull()) // fen
    .addColumn('template_id', 'integer') // the greeting, queued on confirming
    .addColumn('status', 'text', (c) => c.notNull()) // draft, confirmed
    .addColumn('recipients', 'integer')
    .addColumn('greetings_queued', 'integer')
    .addColumn('confirmed_at', 'bigint')
    .addColumn('confirmed_by', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('gift_plans_pk', ['store_id', 'id'])
    .addUniqueConstraint('gift_plans_name', ['store_id', 'name'])
    .execute();

  await db.schema
    .createTable('gift_recipients')
    .addColumn('store_id', 'integer', (c) => c.notNull())
    .addColumn('plan_id', 'integer', (c) => c.notNull())
    .addColumn('customer_id', 'integer', (c) => c.notNull())
    // Copied when the list is frozen: the warehouse ships to the address as it was confirmed
    .addColumn('name', 'text')
    .addColumn('phone', 'text')
    .addColumn('address', 'text')
    .addColumn('province', 'text')
    .addColumn('city', 'text')
    .addColumn('district', 'text')
    .addColumn('status', 'text', (c) => c.notNull()) // planned, packed, shipped
    .addColumn('tracking_no', 'text')
    .addColumn('shipped_at', 'bigint')
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('gift_recipients_pk', ['store_id', 'plan_id', 'customer_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('gift_recipients').execute();
  await db.schema.dropTable('gift_plans').execute();
  await db.schema.alterTable('campaigns').dropColumn('coupon_batch_id').execute();
  await db.schema.dropTable('coupon_redemptions').execute();
  await db.schema.dropTable('coupon_codes').execute();
  await db.schema.dropTable('coupon_batches').execute();
}
