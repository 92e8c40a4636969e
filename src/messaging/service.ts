import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { Actor } from '../audit/actor.js';
import { insertAuditEntry } from '../audit/audit.store.js';
import type { AppContext } from '../context.js';
import type { Db } from '../db/database.js';
import { LaokeError } from '../shared/errors.js';
import { asCustomerId, type CustomerId, type StoreId } from '../shared/ids.js';
import type { Instant } from '../shared/time.js';
import type { StoreAccess } from '../stores/access.js';
import { loadChannel } from './channel-settings.js';
import {
  addressFor,
  type Composed,
  checkedTemplate,
  composeMessage,
  type Recipient,
  recipientsFor,
  type TemplateSource,
} from './compose.js';
import { type Channel, enqueueMessages, type NewMessage } from './outbox.store.js';
import type { previewInputSchema, previewSchema, testSendInputSchema } from './schemas.js';
import type { TemplateValues } from './templates.js';
import { getTemplate } from './templates.store.js';

// What the API and campaigns do with templates: preview one for a customer, send a test to staff,
// queue a template for many customers in the caller's transaction.

/** Values for a preview without a customer: a sample that shows where each variable goes. */
const sampleValues = (storeName: string, language: 'zh-CN' | 'en'): TemplateValues =>
  language === 'en'
    ? {
        name: 'Jane Doe',
        nick: 'jane_d',
        coupon: 'LK8Q2M',
        couponValue: '20',
        tier: 'Gold',
        points: 1280,
        store: storeName,
        lastProduct: 'Stage 1 formula',
        link: 'https://example.com/s/1',
      }
    : {
        name: '王芳',
        nick: 'wangfang88',
        coupon: 'LK8Q2M',
        couponValue: '20',
        tier: '金卡会员',
        points: 1280,
        store: storeName,
        lastProduct: '一段奶粉 800g',
        link: 'https://example.com/s/1',
      };

async function settingsFor(ctx: AppContext, storeId: StoreId, channel: Channel) {
  try {
    return (
      (await loadChannel(ctx.database.db, ctx.config.messaging.secretKey, storeId, channel))?.settings ?? null
    );
  } catch {
    // The preview needs only the signature and the opt-out line, not the keys
    const row = await ctx.database.db
      .selectFrom('message_channels')
      .select('settings')
      .where('store_id', '=', storeId)
      .where('channel', '=', channel)
      .executeTakeFirst();
    return row ? JSON.parse(row.settings) : null;
  }
}

export async function previewMessage(
  ctx: AppContext,
  access: StoreAccess,
  input: z.infer<typeof previewInputSchema>,
  language: 'zh-CN' | 'en',
): Promise<z.infer<typeof previewSchema>> {
  const { storeId } = access;
  let values = sampleValues(access.store.name, language);
  let customer: { id: number; name: string | null } | null = null;
  if (input.customerId !== undefined) {
    const found = (
      await recipientsFor(ctx.database.db, storeId, access.store.name, [asCustomerId(input.customerId)])
    ).get(asCustomerId(input.customerId));
    if (!found) throw new LaokeError('customer.not_found', `No customer ${input.customerId} in this store.`);
    values = found.values;
    customer = { id: found.customerId, name: found.name };
  }
  const source: TemplateSource = {
    channel: input.channel,
    class: input.class,
    subject: input.subject,
    body: input.body,
    providerTemplate: null,
  };
  const composed = composeMessage(source, await settingsFor(ctx, storeId, input.channel), values);
  return {
    subject: composed.subject,
    text: composed.text,
    variables: [
      ...new Set([
        ...checkedTemplate(input.body, 'body').variables,
        ...(input.subject ? checkedTemplate(input.subject, 'subject').variables : []),
      ]),
    ],
    missing: [...composed.missing],
    customer,
    sms: composed.sms,
  };
}

/** A message from a template whose channel needs more than the template has. */
function checkSendable(source: TemplateSource, provider: string | null) {
  if (
    source.channel === 'sms' &&
    (provider === 'aliyun' || provider === 'tencent') &&
    !source.providerTemplate
  )
    throw new LaokeError(
      'request.invalid',
      `providerTemplate: ${provider === 'aliyun' ? 'Aliyun' : 'Tencent Cloud'} sends only templates it approved; enter the template's code.`,
    );
}

/**
 * Sends a template to a staff member's phone or email once (transactional: no quiet hours, no cap),
 * with a customer's values or the sample's. Audited; returns the outbox id.
 */
export async function testSend(
  ctx: AppContext,
  access: StoreAccess,
  actor: Actor,
  templateId: number,
  input: z.infer<typeof testSendInputSchema>,
  language: 'zh-CN' | 'en',
): Promise<{ messageId: number }> {
  const { storeId } = access;
  const db = ctx.database.db;
  const template = await getTemplate(db, storeId, templateId);
  const channel = await loadChannel(db, ctx.config.messaging.secretKey, storeId, template.channel);
  if (!channel)
    throw new LaokeError('messaging.channel_not_found', `Set up the ${template.channel} channel first.`);
  checkSendable(template, channel.settings.provider);
  let values = sampleValues(access.store.name, language);
  if (input.customerId !== undefined) {
    const found = (await recipientsFor(db, storeId, access.store.name, [asCustomerId(input.customerId)])).get(
      asCustomerId(input.customerId),
    );
    if (!found) throw new LaokeError('customer.not_found', `No customer ${input.customerId} in this store.`);
    values = found.values;
  }
  const composed = composeMessage({ ...template, class: 'transactional' }, channel.settings, values, {
    assigneeId: actor.userId,
  });
  const recipient = ['sms', 'email', 'task'].includes(template.channel) ? input.recipient : template.channel;
  if (template.channel === 'sms' && !/^\+?\d[\d\s-]{5,}$/.test(recipient))
    throw new LaokeError('request.invalid', `recipient: expected a phone number, got "${recipient}".`);
  if (template.channel === 'email' && !/^[^@\s]+@[^@\s]+$/.test(recipient))
    throw new LaokeError('request.invalid', `recipient: expected an email address, got "${recipient}".`);
  const now = ctx.clock.now();
  return db.transaction().execute(async (trx) => {
    const source = `test:${templateId}:${randomUUID()}`;
    await enqueueMessages(
      trx,
      storeId,
      [
        {
          customerId: null,
          channel: template.channel,
          messageClass: 'transactional',
          source,
          recipient,
          content: { ...composed.content, test: true },
        },
      ],
      now,
    );
    const row = await trx
      .selectFrom('messages')
      .select('id')
      .where('store_id', '=', storeId)
      .where('source', '=', source)
      .executeTakeFirstOrThrow();
    await insertAuditEntry(
      trx,
      storeId,
      actor,
      {
        action: 'messaging.test_sent',
        subjectType: 'template',
        subjectId: templateId,
        details: { channel: template.channel, messageId: row.id },
      },
      now,
    );
    return { messageId: row.id };
  });
}

export interface QueueResult {
  readonly queued: number;
  /** Customers with no address on the channel (no phone, a masked phone, no email). */
  readonly unreachable: number;
  /** Parts billed for SMS, summed. */
  readonly smsParts: number;
}

const QUEUE_BATCH = 5_000;

/**
 * Queues a template for customers in the caller's transaction (a campaign step): one message per
 * (source, customer, channel), so running the step again queues nothing new.
 */
export async function queueTemplate(
  trx: Db,
  ctx: AppContext,
  store: { readonly id: StoreId; readonly name: string },
  template: TemplateSource,
  customerIds: readonly CustomerId[],
  source: string,
  now: Instant,
  options: {
    readonly notBefore?: Instant;
    /** A send time per customer (a campaign spread over a window). */
    readonly notBeforeOf?: (customerId: CustomerId) => Instant;
    readonly values?: ReadonlyMap<CustomerId, TemplateValues>;
    /**
     * Values for the customers the channel reaches, asked once per chunk before composing: what
     * costs something to hand out (a coupon code) goes to reachable customers only.
     */
    readonly valuesFor?: (
      reachable: readonly CustomerId[],
    ) => Promise<ReadonlyMap<CustomerId, TemplateValues>>;
  } = {},
): Promise<QueueResult> {
  const channel = await loadChannel(trx, ctx.config.messaging.secretKey, store.id, template.channel);
  if (!channel)
    throw new LaokeError('messaging.channel_not_found', `Set up the ${template.channel} channel first.`);
  checkSendable(template, channel.settings.provider);
  // A group robot posts once to the store's customer group, not once per customer
  if (template.channel === 'wecom' || template.channel === 'dingtalk') {
    const composed = composeMessage(template, channel.settings, { store: store.name });
    const queued = await enqueueMessages(
      trx,
      store.id,
      [
        {
          customerId: null,
          channel: template.channel,
          messageClass: template.class,
          source,
          recipient: template.channel,
          content: composed.content,
          ...(options.notBefore === undefined ? {} : { notBefore: options.notBefore }),
        },
      ],
      now,
    );
    return { queued, unreachable: 0, smsParts: 0 };
  }
  const usesLastProduct = [template.body, template.subject ?? ''].some((text) =>
    checkedTemplate(text || ' ', 'body').variables.includes('lastProduct'),
  );
  let queued = 0;
  let unreachable = 0;
  let smsParts = 0;
  // 5,000 customers a batch: fewer round trips; a batch's messages stay a few megabytes.
  for (let start = 0; start < customerIds.length; start += QUEUE_BATCH) {
    const recipients = await recipientsFor(
      trx,
      store.id,
      store.name,
      customerIds.slice(start, start + QUEUE_BATCH),
      {
        lastProduct: usesLastProduct,
      },
    );
    const messages: NewMessage[] = [];
    const reachable: { recipient: Recipient; address: string }[] = [];
    for (const recipient of recipients.values()) {
      const address = addressFor(template.channel, recipient);
      if (address === null) unreachable += 1;
      else reachable.push({ recipient, address });
    }
    const extra = options.valuesFor
      ? await options.valuesFor(reachable.map(({ recipient }) => recipient.customerId))
      : undefined;
    for (const { recipient, address } of reachable) {
      const composed: Composed = composeMessage(template, channel.settings, {
        ...recipient.values,
        ...options.values?.get(recipient.customerId),
        ...extra?.get(recipient.customerId),
      });
      smsParts += composed.sms?.parts ?? 0;
      messages.push({
        customerId: recipient.customerId,
        channel: template.channel,
        messageClass: template.class,
        source,
        recipient: address,
        content: composed.content,
        ...(options.notBeforeOf
          ? { notBefore: options.notBeforeOf(recipient.customerId) }
          : options.notBefore === undefined
            ? {}
            : { notBefore: options.notBefore }),
      });
    }
    queued += await enqueueMessages(trx, store.id, messages, now);
  }
  return { queued, unreachable, smsParts };
}
