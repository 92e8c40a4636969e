import { sql } from 'kysely';
import { DateTime } from 'luxon';
import type { z } from 'zod';
import type { Actor } from '../audit/actor.js';
import { insertAuditEntry } from '../audit/audit.store.js';
import type { AppContext } from '../context.js';
import { maskPhone } from '../customers/mask.js';
import type { Db } from '../db/database.js';
import { LaokeError } from '../shared/errors.js';
import type { StoreId } from '../shared/ids.js';
import { type SpreadsheetFormat, safeCells, spreadsheetStream } from '../shared/spreadsheet.js';
import type { Instant } from '../shared/time.js';
import type { StoreAccess } from '../stores/access.js';
import { type Channel, normaliseAddress, type SuppressionReason, suppress } from './outbox.store.js';
import type {
  messageQuerySchema,
  messageSchema,
  messagingSummarySchema,
  suppressionInputSchema,
  suppressionSchema,
} from './schemas.js';

// The message log: every message a store sent or tried to, with its status and reason — what the
// operator checks after a campaign, and the audit trail of what went to whom. Recipients are masked
// for roles that may not see personal data.

type Message = z.infer<typeof messageSchema>;

/** A recipient as a role without personal data sees it: 138****1234, w***@example.com. */
export function maskRecipient(channel: string, recipient: string): string {
  if (channel === 'sms' || channel === 'task') return maskPhone(recipient) ?? recipient;
  if (channel === 'email') {
    const at = recipient.indexOf('@');
    return at <= 0 ? '***' : `${recipient[0]}***${recipient.slice(at)}`;
  }
  return recipient;
}

function preview(content: string): string {
  try {
    const c = JSON.parse(content) as Record<string, unknown>;
    const text = String(c.text ?? c.markdown ?? c.script ?? c.subject ?? '');
    return text.length > 80 ? `${text.slice(0, 79)}…` : text;
  } catch {
    return '';
  }
}

function messageQuery(db: Db, storeId: StoreId, query: Omit<z.infer<typeof messageQuerySchema>, 'limit'>) {
  let q = db.selectFrom('messages').selectAll().where('store_id', '=', storeId);
  if (query.status) q = q.where('status', '=', query.status);
  if (query.channel) q = q.where('channel', '=', query.channel);
  if (query.source) q = q.where('source', 'like', `${query.source.replace(/[\\%_]/g, '\\$&')}%`);
  if (query.customerId) q = q.where('customer_id', '=', query.customerId as never);
  if (query.before) q = q.where('id', '<', query.before);
  return q;
}

export async function listMessages(
  db: Db,
  storeId: StoreId,
  query: z.infer<typeof messageQuerySchema>,
  seesPersonalData: boolean,
): Promise<{ items: Message[]; next: number | null }> {
  const rows = await messageQuery(db, storeId, query)
    .orderBy('id', 'desc')
    .limit(query.limit + 1)
    .execute();
  const items = rows.slice(0, query.limit).map(
    (row): Message => ({
      id: row.id,
      customerId: row.customer_id,
      channel: row.channel,
      class: row.class,
      source: row.source,
      recipient: seesPersonalData ? row.recipient : maskRecipient(row.channel, row.recipient),
      status: row.status as Message['status'],
      attempts: row.attempts,
      reason: row.reason,
      providerId: row.provider_id,
      preview: preview(row.content),
      createdAt: Number(row.created_at),
      nextAttemptAt: Number(row.next_attempt_at),
      sentAt: row.sent_at === null ? null : Number(row.sent_at),
      deliveredAt: row.delivered_at === null ? null : Number(row.delivered_at),
    }),
  );
  return { items, next: rows.length > query.limit ? items.at(-1)!.id : null };
}

const messageHeaders = {
  'zh-CN': [
    '编号',
    '客户',
    '渠道',
    '类型',
    '来源',
    '接收方',
    '状态',
    '尝试次数',
    '原因',
    '服务商编号',
    '内容',
    '创建时间',
    '发送时间',
    '送达时间',
  ],
  en: [
    'Id',
    'Customer',
    'Channel',
    'Class',
    'Source',
    'Recipient',
    'Status',
    'Attempts',
    'Reason',
    'Provider id',
    'Content',
    'Created',
    'Sent',
    'Delivered',
  ],
};

/** The log as a spreadsheet; the export itself is audited. */
export async function exportMessages(
  ctx: AppContext,
  access: StoreAccess,
  actor: Actor,
  query: Omit<z.infer<typeof messageQuerySchema>, 'limit' | 'before'>,
  seesPersonalData: boolean,
  format: SpreadsheetFormat,
  language: 'zh-CN' | 'en',
) {
  const db = ctx.database.db;
  await insertAuditEntry(
    db,
    access.storeId,
    actor,
    { action: 'messaging.log_exported', details: { ...query, format, personalData: seesPersonalData } },
    ctx.clock.now(),
  );
  const iso = (at: number | null) => (at === null ? '' : new Date(at).toISOString());
  async function* chunks() {
    let before: number | undefined;
    for (;;) {
      const page = await listMessages(
        db,
        access.storeId,
        { ...query, limit: 200, ...(before ? { before } : {}) },
        seesPersonalData,
      );
      yield page.items.map((m) =>
        safeCells([
          m.id,
          m.customerId ?? '',
          m.channel,
          m.class,
          m.source,
          m.recipient,
          m.status,
          m.attempts,
          m.reason ?? '',
          m.providerId ?? '',
          m.preview,
          iso(m.createdAt),
          iso(m.sentAt),
          iso(m.deliveredAt),
        ]),
      );
      if (page.next === null) return;
      before = page.next;
    }
  }
  return {
    ...spreadsheetStream(format, language === 'en' ? 'Messages' : '消息', messageHeaders[language], chunks()),
    fileName: `messages-${access.storeId}.${format}`,
  };
}

/** Counts by status and channel, and per day of the store's calendar for the last `days` days. */
export async function messagingSummary(
  db: Db,
  access: StoreAccess,
  days: number,
  now: Instant,
): Promise<z.infer<typeof messagingSummarySchema>> {
  const storeId = access.storeId;
  const zone = access.store.time_zone;
  const byChannel = await db
    .selectFrom('messages')
    .select(['channel', 'status', sql<number>`count(*)`.as('n')])
    .where('store_id', '=', storeId)
    .groupBy(['channel', 'status'])
    .execute();
  const byStatus: Record<string, number> = {};
  for (const row of byChannel) byStatus[row.status] = (byStatus[row.status] ?? 0) + Number(row.n);
  const today = DateTime.fromMillis(now, { zone }).startOf('day');
  const first = today.minus({ days: days - 1 });
  const daily = Array.from({ length: days }, (_, i) => ({
    day: first.plus({ days: i }).toISODate()!,
    sent: 0,
    delivered: 0,
    failed: 0,
    suppressed: 0,
  }));
  const index = (at: number) =>
    Math.floor(DateTime.fromMillis(at, { zone }).startOf('day').diff(first, 'days').days + 0.5);
  // Counted in SQL per quarter hour (every time zone's offset is a whole number of them), then
  // folded into the store's calendar days: a busy store's month is a few thousand rows, not millions.
  const QUARTER_HOUR = 900_000;
  const recent = await db
    .selectFrom('messages')
    .select([
      'status',
      sql<number>`coalesce(sent_at, updated_at) / ${sql.lit(QUARTER_HOUR)}`.as('slot'),
      sql<number>`count(*)`.as('n'),
    ])
    .where('store_id', '=', storeId)
    .where('updated_at', '>=', first.toMillis() as Instant)
    .where('status', 'in', ['sent', 'delivered', 'failed', 'suppressed'])
    .groupBy(['status', sql`coalesce(sent_at, updated_at) / ${sql.lit(QUARTER_HOUR)}`])
    .execute();
  for (const row of recent) {
    const day = daily[index(Math.floor(Number(row.slot)) * QUARTER_HOUR)];
    if (!day) continue;
    day[row.status as 'sent' | 'delivered' | 'failed' | 'suppressed'] += Number(row.n);
  }
  const count = async (table: 'suppressions' | 'staff_tasks') => {
    let q = db.selectFrom(table).select(sql<number>`count(*)`.as('n')).where('store_id', '=', storeId);
    if (table === 'staff_tasks') q = q.where('status' as never, '=', 'open' as never);
    return Number((await q.executeTakeFirstOrThrow()).n);
  };
  return {
    byStatus,
    byChannel: byChannel.map((row) => ({
      channel: row.channel,
      status: row.status,
      messages: Number(row.n),
    })),
    daily,
    suppressions: await count('suppressions'),
    openTasks: await count('staff_tasks'),
  };
}

export async function listSuppressions(
  db: Db,
  storeId: StoreId,
  query: { channel?: Channel | undefined; q?: string | undefined },
  seesPersonalData: boolean,
): Promise<z.infer<typeof suppressionSchema>[]> {
  let q = db.selectFrom('suppressions').selectAll().where('store_id', '=', storeId);
  if (query.channel) q = q.where('channel', '=', query.channel);
  if (query.q)
    q = q.where(
      'address',
      'like',
      `%${normaliseAddress(query.channel ?? 'sms', query.q).replace(/[\\%_]/g, '\\$&')}%`,
    );
  const rows = await q.orderBy('created_at', 'desc').limit(500).execute();
  return rows.map((row) => ({
    channel: row.channel,
    address: seesPersonalData ? row.address : maskRecipient(row.channel, row.address),
    reason: row.reason as SuppressionReason,
    source: row.source,
    createdAt: Number(row.created_at),
  }));
}

/** An opt-out entered by staff (a customer asked by phone); audited. Consent goes off too. */
export async function addSuppression(
  ctx: AppContext,
  storeId: StoreId,
  actor: Actor,
  input: z.infer<typeof suppressionInputSchema>,
) {
  const now = ctx.clock.now();
  await ctx.database.db.transaction().execute(async (trx) => {
    await suppress(trx, storeId, input.channel, input.address, 'manual', input.note ?? actor.label, now);
    await insertAuditEntry(
      trx,
      storeId,
      actor,
      {
        action: 'messaging.suppression_added',
        subjectType: 'suppression',
        subjectId: `${input.channel}:${maskRecipient(input.channel, normaliseAddress(input.channel, input.address))}`,
      },
      now,
    );
  });
}

/** Lifts an opt-out (the customer agreed again, in writing); owner only, audited. */
export async function removeSuppression(
  ctx: AppContext,
  storeId: StoreId,
  actor: Actor,
  channel: Channel,
  address: string,
) {
  const now = ctx.clock.now();
  await ctx.database.db.transaction().execute(async (trx) => {
    const gone = await trx
      .deleteFrom('suppressions')
      .where('store_id', '=', storeId)
      .where('channel', '=', channel)
      .where('address', '=', normaliseAddress(channel, address))
      .executeTakeFirst();
    if (Number(gone.numDeletedRows) === 0)
      throw new LaokeError(
        'request.invalid',
        `address: ${maskRecipient(channel, address)} is not on the ${channel} opt-out list.`,
      );
    await insertAuditEntry(
      trx,
      storeId,
      actor,
      {
        action: 'messaging.suppression_removed',
        subjectType: 'suppression',
        subjectId: `${channel}:${maskRecipient(channel, normaliseAddress(channel, address))}`,
      },
      now,
    );
  });
}
