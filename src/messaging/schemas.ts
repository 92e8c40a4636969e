import { z } from 'zod';
import { channels } from './outbox.store.js';

// The messaging API's shapes: channel settings (secrets in, masked out), templates, previews, the
// message log, the suppression list and staff tasks.

export const channelSchema = z.enum(channels);
export const messageClassSchema = z.enum(['marketing', 'transactional']);
export const messageStatusSchema = z.enum([
  'queued',
  'sending',
  'sent',
  'delivered',
  'failed',
  'suppressed',
  'deferred',
  'paused',
  'cancelled',
]);

const text = (max: number) => z.string().trim().min(1).max(max);
/** A secret field: given, it replaces the stored one; left out, the stored one stays. */
const secret = z.string().min(1).max(500).optional();
const signName = z
  .string()
  .trim()
  .regex(/^【[^【】]{2,16}】$/, 'expected the approved signature in brackets, e.g. 【某某母婴】');
const optOutLine = z.string().trim().max(20);

/** Each provider's settings as the owner enters them. Secret fields are write-only. */
export const channelInputSchema = z.discriminatedUnion('provider', [
  z
    .object({
      provider: z.literal('aliyun'),
      signName,
      accessKeyId: text(100),
      accessKeySecret: secret,
      optOutLine: optOutLine.default('拒收请回复R'),
      ratePerSecond: z.number().int().min(1).max(1_000).optional(),
    })
    .strict(),
  z
    .object({
      provider: z.literal('tencent'),
      signName,
      appId: text(40),
      secretId: text(100),
      secretKey: secret,
      region: text(40).default('ap-guangzhou'),
      optOutLine: optOutLine.default('回T退订'),
      ratePerSecond: z.number().int().min(1).max(1_000).optional(),
    })
    .strict(),
  z
    .object({
      provider: z.literal('twilio'),
      accountSid: z.string().regex(/^AC[0-9a-fA-F]{32}$/, 'expected an Account SID: AC and 32 hex digits'),
      from: text(40).describe('a sender number in E.164 (+15017122661) or a Messaging Service SID (MG…)'),
      authToken: secret,
      optOutLine: optOutLine.default('Reply STOP to opt out'),
      ratePerSecond: z.number().int().min(1).max(1_000).optional(),
    })
    .strict(),
  z
    .object({
      provider: z.literal('smtp'),
      host: text(253),
      port: z.number().int().min(1).max(65_535),
      secure: z.boolean().describe('TLS from the start (port 465); otherwise STARTTLS'),
      user: z.string().trim().max(200).optional(),
      password: secret,
      from: text(200).describe('the sender, e.g. 老客母婴 <news@example.com>'),
    })
    .strict(),
  z.object({ provider: z.literal('wecom'), webhookKey: secret }).strict(),
  z.object({ provider: z.literal('dingtalk'), accessToken: secret, signingSecret: secret }).strict(),
  z
    .object({
      provider: z.literal('webhook'),
      url: z.url({ protocol: /^https?$/ }).max(2_000),
      allowPrivate: z
        .boolean()
        .default(false)
        .describe('allow addresses in the server’s own network (loopback, private ranges)'),
      signingSecret: secret,
    })
    .strict(),
  z
    .object({
      provider: z.literal('task'),
      defaultAssigneeId: z.number().int().positive().nullable().default(null),
    })
    .strict(),
  // The sandbox: on any channel, messages are recorded instead of sent (the demo, trying a
  // campaign out). An SMS sandbox may carry a signature and opt-out line for true previews.
  z
    .object({
      provider: z.literal('local'),
      signName: signName.optional(),
      optOutLine: optOutLine.optional(),
    })
    .strict(),
]);
export type ChannelInput = z.infer<typeof channelInputSchema>;
export type Provider = ChannelInput['provider'];

export const channelOfProvider = {
  aliyun: 'sms',
  tencent: 'sms',
  twilio: 'sms',
  smtp: 'email',
  wecom: 'wecom',
  dingtalk: 'dingtalk',
  webhook: 'webhook',
  task: 'task',
  local: 'local',
} as const satisfies Record<Provider, z.infer<typeof channelSchema>>;

/** The fields of each provider that are sealed, never shown, never logged. */
export const secretFields: Record<Provider, readonly string[]> = {
  aliyun: ['accessKeySecret'],
  tencent: ['secretKey'],
  twilio: ['authToken'],
  smtp: ['password'],
  wecom: ['webhookKey'],
  dingtalk: ['accessToken', 'signingSecret'],
  webhook: ['signingSecret'],
  task: [],
  local: [],
};

export const channelViewSchema = z.object({
  channel: channelSchema,
  provider: z.string(),
  enabled: z.boolean(),
  /** The settings without their secrets. */
  settings: z.record(z.string(), z.unknown()),
  /** Each secret field that is set, as its last four characters (****abcd). */
  secrets: z.record(z.string(), z.string()),
  /** Where to point the provider's delivery receipts and replies (opt-outs). */
  hooks: z.object({ report: z.string().nullable(), reply: z.string().nullable() }),
  updatedAt: z.number().int(),
  updatedBy: z.string(),
});
export type ChannelView = z.infer<typeof channelViewSchema>;

export const templateInputSchema = z
  .object({
    name: text(60),
    channel: channelSchema,
    class: messageClassSchema,
    subject: z.string().trim().max(200).nullable().default(null),
    body: text(5_000),
    providerTemplate: z
      .string()
      .trim()
      .max(60)
      .nullable()
      .default(null)
      .describe('the template code the SMS provider approved (Aliyun SMS_123…, Tencent 1234567)'),
  })
  .strict();
export type TemplateInput = z.infer<typeof templateInputSchema>;

export const templateSchema = templateInputSchema.extend({
  id: z.number().int(),
  variables: z.array(z.string()),
  createdAt: z.number().int(),
  updatedAt: z.number().int(),
});
export type MessageTemplate = z.infer<typeof templateSchema>;

export const previewInputSchema = z
  .object({
    channel: channelSchema,
    class: messageClassSchema,
    subject: z.string().max(200).nullable().default(null),
    body: z.string().max(5_000),
    /** Whose values fill the variables; a sample customer when absent. */
    customerId: z.number().int().positive().optional(),
  })
  .strict();

export const smsLengthSchema = z.object({
  provider: z.string(),
  /** What goes out: signature, content, opt-out line. */
  composed: z.string(),
  encoding: z.enum(['china', 'gsm7', 'ucs2']),
  characters: z.number().int(),
  parts: z.number().int(),
  perPart: z.number().int(),
});

export const previewSchema = z.object({
  subject: z.string().nullable(),
  text: z.string(),
  variables: z.array(z.string()),
  /** Variables the customer has no value for (their fallback, or nothing, went in). */
  missing: z.array(z.string()),
  customer: z.object({ id: z.number().int(), name: z.string().nullable() }).nullable(),
  sms: smsLengthSchema.nullable(),
});

export const testSendInputSchema = z
  .object({
    recipient: z.string().trim().min(1).max(320).describe('a staff phone, email; ignored by robots'),
    customerId: z.number().int().positive().optional(),
  })
  .strict();

export const messageSchema = z.object({
  id: z.number().int(),
  customerId: z.number().int().nullable(),
  channel: z.string(),
  class: messageClassSchema,
  source: z.string(),
  recipient: z.string().describe('masked unless the caller may see personal data'),
  status: messageStatusSchema,
  attempts: z.number().int(),
  reason: z.string().nullable(),
  providerId: z.string().nullable(),
  preview: z.string(),
  createdAt: z.number().int(),
  nextAttemptAt: z.number().int(),
  sentAt: z.number().int().nullable(),
  deliveredAt: z.number().int().nullable(),
});

export const messageQuerySchema = z.object({
  status: messageStatusSchema.optional(),
  channel: channelSchema.optional(),
  source: z.string().max(200).optional(),
  customerId: z.coerce.number().int().positive().optional(),
  /** Messages with a smaller id (the next page). */
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const messagingSummarySchema = z.object({
  byStatus: z.record(z.string(), z.number().int()),
  byChannel: z.array(z.object({ channel: z.string(), status: z.string(), messages: z.number().int() })),
  /** Per day in the store's time zone, the last `days` days. */
  daily: z.array(
    z.object({
      day: z.string(),
      sent: z.number().int(),
      delivered: z.number().int(),
      failed: z.number().int(),
      suppressed: z.number().int(),
    }),
  ),
  suppressions: z.number().int(),
  openTasks: z.number().int(),
});

export const suppressionSchema = z.object({
  channel: z.string(),
  address: z.string().describe('masked unless the caller may see personal data'),
  reason: z.enum(['reply', 'unsubscribe', 'bounce', 'manual']),
  source: z.string().nullable(),
  createdAt: z.number().int(),
});

export const suppressionInputSchema = z
  .object({ channel: channelSchema, address: text(320), note: z.string().trim().max(200).optional() })
  .strict();

export const taskKindSchema = z.enum(['wangwang', 'phone', 'wechat']);
export const taskOutcomeSchema = z.enum([
  'reached',
  'no_answer',
  'interested',
  'not_interested',
  'complaint',
  'other',
]);

export const taskSchema = z.object({
  id: z.number().int(),
  messageId: z.number().int(),
  assignee: z.object({ id: z.number().int(), login: z.string() }).nullable(),
  customer: z
    .object({ id: z.number().int(), name: z.string().nullable(), nick: z.string().nullable() })
    .nullable(),
  /** The customer's phone for a call, masked unless the caller may see personal data. */
  contact: z.string().nullable(),
  kind: taskKindSchema,
  script: z.string(),
  status: z.enum(['open', 'done', 'skipped']),
  outcome: taskOutcomeSchema.nullable(),
  note: z.string().nullable(),
  createdAt: z.number().int(),
  doneAt: z.number().int().nullable(),
});

export const taskQuerySchema = z.object({
  /** Only the caller's tasks (and those assigned to nobody). */
  mine: z.enum(['1', '0', 'true', 'false']).optional(),
  status: z.enum(['open', 'done', 'skipped']).optional(),
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const taskUpdateSchema = z
  .object({
    status: z.enum(['done', 'skipped', 'open']),
    outcome: taskOutcomeSchema.optional(),
    note: z.string().trim().max(2_000).optional(),
  })
  .strict()
  .refine((u) => u.status !== 'done' || u.outcome !== undefined, {
    message: 'a task marked done needs its outcome',
    path: ['outcome'],
  });
