import type { Kysely } from 'kysely';

// Messaging (issue 7), second part: each store's channel settings (provider keys sealed under
// LAOKE_SECRET_KEY), message templates, staff tasks for channels without an API, and the delivery
// time that receipts report.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('message_channels')
    .addColumn('store_id', 'integer', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull()) // sms, email, wecom, dingtalk, webhook, task, local
    .addColumn('provider', 'text', (c) => c.notNull()) // aliyun, tencent, twilio, smtp, wecom, dingtalk, webhook, task, local
    .addColumn('settings', 'text', (c) => c.notNull()) // JSON, no secrets
    .addColumn('secrets', 'text') // sealed JSON (src/shared/secrets.ts), bound to store and channel
    // The unguessable part of this channel's receipt and reply webhook URLs.
    .addColumn('hook_token', 'text', (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('message_channels_pk', ['store_id', 'channel'])
    .execute();

  await db.schema
    .createTable('message_templates')
    .addColumn('store_id', 'integer', (c) => c.notNull())
    .addColumn('id', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('class', 'text', (c) => c.notNull()) // marketing, transactional
    .addColumn('subject', 'text') // email subject, robot title
    .addColumn('body', 'text', (c) => c.notNull()) // with {variables}
    .addColumn('provider_template', 'text') // the template code the SMS provider approved
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('message_templates_pk', ['store_id', 'id'])
    .addUniqueConstraint('message_templates_name', ['store_id', 'name'])
    .execute();

  await db.schema
    .createTable('staff_tasks')
    .addColumn('store_id', 'integer', (c) => c.notNull())
    .addColumn('id', 'integer', (c) => c.notNull())
    // The outbox message that made it: one task per message, however often the dispatcher retries.
    .addColumn('message_id', 'integer', (c) => c.notNull())
    .addColumn('assignee_id', 'integer') // a user; null: anyone's
    .addColumn('customer_id', 'integer')
    .addColumn('kind', 'text', (c) => c.notNull()) // wangwang, phone, wechat
    .addColumn('script', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('open')) // open, done, skipped
    .addColumn('outcome', 'text') // reached, no_answer, declined, interested, ordered, opted_out
    .addColumn('note', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('done_at', 'bigint')
    .addColumn('done_by', 'integer')
    .addPrimaryKeyConstraint('staff_tasks_pk', ['store_id', 'id'])
    .addUniqueConstraint('staff_tasks_message', ['store_id', 'message_id'])
    .execute();
  await db.schema
    .createIndex('staff_tasks_assignee_idx')
    .on('staff_tasks')
    .columns(['store_id', 'assignee_id', 'status'])
    .execute();

  await db.schema.alterTable('messages').addColumn('delivered_at', 'bigint').execute();
  await db.schema
    .createIndex('messages_provider_idx')
    .on('messages')
    .columns(['store_id', 'provider_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('messages_provider_idx').execute();
  await db.schema.alterTable('messages').dropColumn('delivered_at').execute();
  await db.schema.dropTable('staff_tasks').execute();
  await db.schema.dropTable('message_templates').execute();
  await db.schema.dropTable('message_channels').execute();
}
