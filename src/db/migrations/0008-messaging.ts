import { type Kysely, sql } from 'kysely';

// Messaging (issue 7), first part: the outbox every channel sends from, and the suppression list
// the dispatcher checks before each send.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('messages')
    .addColumn('store_id', 'integer', (c) => c.notNull())
    .addColumn('id', 'integer', (c) => c.notNull())
    .addColumn('customer_id', 'integer') // null for a test send to staff
    .addColumn('channel', 'text', (c) => c.notNull()) // sms, email, wecom, dingtalk, webhook, task, local
    .addColumn('class', 'text', (c) => c.notNull()) // marketing, transactional
    .addColumn('source', 'text', (c) => c.notNull()) // what caused it, e.g. campaign:12:step:3
    // One message per (source, customer, channel): a campaign step run twice queues nothing new.
    .addColumn('idempotency_key', 'text', (c) => c.notNull())
    .addColumn('recipient', 'text', (c) => c.notNull()) // phone, email, webhook URL: personal data
    .addColumn('content', 'text', (c) => c.notNull()) // JSON: subject, text, html, template and parameters
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('queued'))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'bigint', (c) => c.notNull())
    .addColumn('lease_until', 'bigint')
    .addColumn('provider_id', 'text')
    .addColumn('reason', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('sent_at', 'bigint')
    .addPrimaryKeyConstraint('messages_pk', ['store_id', 'id'])
    .addUniqueConstraint('messages_idempotency_key', ['store_id', 'idempotency_key'])
    .execute();
  // The dispatcher's work: what is due, across stores, in time order.
  await db.schema
    .createIndex('messages_due_idx')
    .on('messages')
    .columns(['next_attempt_at'])
    .where(sql.ref('status'), 'in', ['queued', 'deferred', 'sending'])
    .execute();
  await db.schema
    .createIndex('messages_customer_idx')
    .on('messages')
    .columns(['store_id', 'customer_id', 'sent_at'])
    .execute();

  await db.schema
    .createTable('suppressions')
    .addColumn('store_id', 'integer', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull()) // normalised phone or email
    .addColumn('reason', 'text', (c) => c.notNull()) // reply, unsubscribe, bounce, manual
    .addColumn('source', 'text') // the reply text, the message id…
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('suppressions_pk', ['store_id', 'channel', 'address'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('suppressions').execute();
  await db.schema.dropTable('messages').execute();
}
