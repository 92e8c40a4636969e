import { timingSafeEqual } from 'node:crypto';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Actor } from '../audit/actor.js';
import { insertAuditEntry } from '../audit/audit.store.js';
import type { AppContext } from '../context.js';
import type { Db } from '../db/database.js';
import { LaokeError } from '../shared/errors.js';
import { asStoreId, type StoreId } from '../shared/ids.js';
import type { Instant } from '../shared/time.js';
import { derivedKey, loadChannel } from './channel-settings.js';
import { isOptOutReply } from './opt-out.js';
import { normaliseAddress, suppress } from './outbox.store.js';
import { verifyTwilioSignature } from './providers/twilio-signature.js';
import { readUnsubscribeToken } from './unsubscribe.js';

// What providers and customers send back, outside /api and without a session:
// - delivery receipts (Aliyun SmsReport, Tencent status callbacks): a message becomes delivered
//   or failed with the carrier's reason;
// - replies (Aliyun SmsUp, Tencent reply callbacks): R, T, TD, N, 退订, 拒收… put the number on
//   the suppression list and turn SMS consent off;
// - the unsubscribe link of marketing email (a page, and RFC 8058 one-click POST).
// A provider's callbacks carry no signature we could check (Aliyun's and Tencent's HTTP push), so
// each channel's URL holds an unguessable token; a wrong one changes nothing.

export interface Receipt {
  /** Our id (lk-<store>-<id>) when the provider echoes it, else the provider's id for the message. */
  readonly ourId: string | null;
  readonly providerId: string | null;
  readonly delivered: boolean;
  readonly reason: string;
  readonly at: Instant;
}

const systemActor = (label: string, ip: string): Actor => ({
  userId: null,
  tokenId: null,
  label,
  requestId: null,
  ip,
});

/** Applies delivery receipts to the store's messages; returns how many messages they matched. */
export async function applyReceipts(db: Db, storeId: StoreId, receipts: readonly Receipt[], now: Instant) {
  let matched = 0;
  for (const receipt of receipts) {
    const ours = receipt.ourId ? /^lk-(\d+)-(\d+)$/.exec(receipt.ourId) : null;
    let q = db
      .updateTable('messages')
      .set(
        receipt.delivered
          ? { status: 'delivered', delivered_at: receipt.at, lease_until: null, updated_at: now }
          : {
              status: 'failed',
              reason: `not delivered: ${receipt.reason}`,
              lease_until: null,
              updated_at: now,
            },
      )
      .where('store_id', '=', storeId)
      // A receipt never undoes a later one, nor an opt-out
      .where('status', 'in', ['sending', 'sent', 'delivered']);
    if (ours && Number(ours[1]) === storeId) q = q.where('id', '=', Number(ours[2]));
    else if (receipt.providerId) q = q.where('provider_id', '=', receipt.providerId);
    else continue;
    const result = await q.executeTakeFirst();
    matched += Number(result.numUpdatedRows);
  }
  return matched;
}

/** An opt-out reply: the number is suppressed for SMS and the customers with it lose SMS consent. */
export async function applyReply(
  db: Db,
  storeId: StoreId,
  phone: string,
  text: string,
  now: Instant,
  ip: string,
): Promise<boolean> {
  if (!isOptOutReply(text)) return false;
  const number = normaliseAddress('sms', phone);
  await db.transaction().execute(async (trx) => {
    await suppress(trx, storeId, 'sms', number, 'reply', text.slice(0, 100), now);
    await trx
      .updateTable('customers')
      .set({ consent_sms: 0, updated_at: now })
      .where('store_id', '=', storeId)
      .where('phone', 'in', [number, `+86${number}`, `86${number}`])
      .execute();
    await insertAuditEntry(
      trx,
      storeId,
      systemActor('sms-reply', ip),
      {
        action: 'messaging.opted_out',
        subjectType: 'suppression',
        subjectId: `sms:${number.slice(0, 3)}****${number.slice(-4)}`,
        details: { reply: text.slice(0, 100) },
      },
      now,
    );
  });
  return true;
}

const shanghaiTime = (text: unknown): number => {
  const parsed = Date.parse(`${String(text).replace(' ', 'T')}+08:00`);
  return Number.isFinite(parsed) ? parsed : Date.now();
};

const hookParams = z.object({
  storeId: z.coerce.number().int().positive().max(2_147_483_647),
  token: z.string().min(8).max(100),
});

const aliyunReport = z.array(
  z
    .object({
      phone_number: z.string().optional(),
      success: z.union([z.boolean(), z.string()]),
      biz_id: z.string().optional(),
      out_id: z.string().optional(),
      report_time: z.string().optional(),
      err_code: z.string().optional(),
      err_msg: z.string().optional(),
    })
    .passthrough(),
);
const aliyunReply = z.array(
  z.object({ phone_number: z.string(), content: z.string(), send_time: z.string().optional() }).passthrough(),
);
const tencentReport = z.array(
  z
    .object({
      mobile: z.string().optional(),
      report_status: z.string(),
      errmsg: z.string().optional(),
      description: z.string().optional(),
      sid: z.string().optional(),
      ext: z.string().optional(),
      user_receive_time: z.string().optional(),
    })
    .passthrough(),
);
const tencentReply = z.union([
  z.object({ mobile: z.string(), text: z.string() }).passthrough(),
  z.array(z.object({ mobile: z.string(), text: z.string() }).passthrough()),
]);

/** The public callback routes: receipts, replies and unsubscribe links. */
export function messagingHookRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['messaging hooks'];
    // Providers and mail clients post forms (RFC 8058's one-click is List-Unsubscribe=One-Click)
    app.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string' },
      (_request, body, done) => done(null, Object.fromEntries(new URLSearchParams(String(body)))),
    );

    /** The channel whose hook token this is, or messaging.hook_refused. */
    async function authorise(storeId: number, token: string, provider: string) {
      const channel = await loadChannel(
        ctx.database.db,
        ctx.config.messaging.secretKey,
        asStoreId(storeId),
        'sms',
      ).catch(() => null);
      const given = Buffer.from(token);
      const expected = Buffer.from(channel?.hookToken ?? '');
      if (
        !channel ||
        channel.settings.provider !== provider ||
        given.length !== expected.length ||
        !timingSafeEqual(given, expected)
      )
        throw new LaokeError(
          'messaging.hook_refused',
          'Unknown callback address: check the URL in the provider console.',
        );
      return channel;
    }

    const ok = {
      aliyun: { code: 0, msg: '成功' },
      tencent: { result: 0, errmsg: 'OK' },
    };

    /** A provider's receipt push: each report becomes a Receipt for applyReceipts. */
    function receiptHook<S extends z.ZodType>(
      provider: 'aliyun' | 'tencent',
      summary: string,
      body: S,
      receipts: (body: z.infer<S>) => Receipt[],
    ) {
      app.post(
        `/hooks/messaging/:storeId/:token/${provider}/report`,
        { schema: { tags, summary, params: hookParams, body } },
        async (request) => {
          const { storeId, token } = request.params;
          await authorise(storeId, token, provider);
          await applyReceipts(
            ctx.database.db,
            asStoreId(storeId),
            receipts(request.body as z.infer<S>),
            ctx.clock.now(),
          );
          return ok[provider];
        },
      );
    }

    /** A provider's reply push: each reply that is an opt-out suppresses its number. */
    function replyHook<S extends z.ZodType>(
      provider: 'aliyun' | 'tencent',
      summary: string,
      body: S,
      replies: (body: z.infer<S>) => { phone: string; text: string }[],
    ) {
      app.post(
        `/hooks/messaging/:storeId/:token/${provider}/reply`,
        { schema: { tags, summary, params: hookParams, body } },
        async (request) => {
          const { storeId, token } = request.params;
          await authorise(storeId, token, provider);
          for (const reply of replies(request.body as z.infer<S>))
            await applyReply(
              ctx.database.db,
              asStoreId(storeId),
              reply.phone,
              reply.text,
              ctx.clock.now(),
              request.ip,
            );
          return ok[provider];
        },
      );
    }

    receiptHook(
      'aliyun',
      'Aliyun SMS delivery receipts (SmsReport, HTTP batch push)',
      aliyunReport,
      (reports) =>
        reports.map((r) => ({
          ourId: r.out_id ?? null,
          providerId: r.biz_id ?? null,
          delivered: r.success === true || r.success === 'true',
          reason: `${r.err_code ?? ''} ${r.err_msg ?? ''}`.trim(),
          at: shanghaiTime(r.report_time) as Instant,
        })),
    );
    replyHook(
      'aliyun',
      'Aliyun SMS replies (SmsUp): opt-out replies suppress the number',
      aliyunReply,
      (replies) => replies.map((r) => ({ phone: r.phone_number, text: r.content })),
    );
    receiptHook('tencent', 'Tencent Cloud SMS delivery status callbacks', tencentReport, (reports) =>
      reports.map((r) => ({
        ourId: r.ext ?? null,
        providerId: r.sid ?? null,
        delivered: r.report_status === 'SUCCESS',
        reason: `${r.errmsg ?? ''} ${r.description ?? ''}`.trim(),
        at: shanghaiTime(r.user_receive_time) as Instant,
      })),
    );
    replyHook(
      'tencent',
      'Tencent Cloud SMS reply callbacks: opt-out replies suppress the number',
      tencentReply,
      (replies) => [replies].flat().map((r) => ({ phone: r.mobile, text: r.text })),
    );

    // Twilio signs its callbacks (X-Twilio-Signature over the URL it called and the form), under
    // the account's auth token: a callback that does not verify changes nothing.
    const twilioForm = z.record(z.string(), z.string());
    async function authoriseTwilio(request: {
      params: { storeId: number; token: string };
      url: string;
      body: Record<string, string>;
      headers: Record<string, string | string[] | undefined>;
    }) {
      const channel = await authorise(request.params.storeId, request.params.token, 'twilio');
      const settings = channel.settings as { authToken?: string };
      const signature = request.headers['x-twilio-signature'];
      if (
        !verifyTwilioSignature(
          settings.authToken ?? '',
          `${ctx.config.messaging.publicUrl}${request.url}`,
          request.body,
          typeof signature === 'string' ? signature : undefined,
        )
      )
        throw new LaokeError(
          'messaging.hook_refused',
          'The X-Twilio-Signature does not match this channel’s auth token.',
        );
    }

    app.post(
      '/hooks/messaging/:storeId/:token/twilio/report',
      {
        schema: {
          tags,
          summary: 'Twilio status callbacks (signed): delivered, undelivered, failed',
          params: hookParams,
          querystring: z.object({ m: z.string().max(80).optional() }),
          body: twilioForm,
        },
      },
      async (request, reply) => {
        await authoriseTwilio(request);
        const status = request.body.MessageStatus ?? '';
        if (status === 'delivered' || status === 'undelivered' || status === 'failed')
          await applyReceipts(
            ctx.database.db,
            asStoreId(request.params.storeId),
            [
              {
                ourId: request.query.m ?? null,
                providerId: request.body.MessageSid ?? null,
                delivered: status === 'delivered',
                reason: `${status}${request.body.ErrorCode ? ` (error ${request.body.ErrorCode})` : ''}`,
                at: ctx.clock.now(),
              },
            ],
            ctx.clock.now(),
          );
        return reply.code(204).send();
      },
    );

    app.post(
      '/hooks/messaging/:storeId/:token/twilio/reply',
      {
        schema: {
          tags,
          summary: 'Twilio inbound SMS (signed): STOP and the other opt-out words suppress the number',
          params: hookParams,
          body: twilioForm,
        },
      },
      async (request, reply) => {
        await authoriseTwilio(request);
        await applyReply(
          ctx.database.db,
          asStoreId(request.params.storeId),
          request.body.From ?? '',
          request.body.Body ?? '',
          ctx.clock.now(),
          request.ip,
        );
        return reply.type('text/xml').send('<?xml version="1.0" encoding="UTF-8"?><Response></Response>');
      },
    );

    // Unsubscribe links: a page that asks to confirm (a link scanner's GET changes nothing), and
    // the POST the page's button and mail clients' one-click unsubscribe make.
    const unsubscribeParams = z.object({ token: z.string().min(10).max(500) });
    const readClaim = (token: string) => {
      const key = ctx.config.messaging.secretKey;
      const claim = key ? readUnsubscribeToken(derivedKey(key, 'unsubscribe'), token) : null;
      if (!claim)
        throw new LaokeError('messaging.unsubscribe_invalid', 'This unsubscribe link is not valid.');
      return claim;
    };
    const page = (english: boolean, body: string) =>
      `<!doctype html><html lang="${english ? 'en' : 'zh-CN'}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${english ? 'Unsubscribe' : '退订'}</title><style>body{font:16px/1.6 system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;color:#222}button{font-size:1rem;padding:.5rem 1.5rem}</style></head><body>${body}</body></html>`;
    const wantsEnglish = (header: string | undefined) => !!header && /^en\b/i.test(header.trim());

    app.get(
      '/u/:token',
      { schema: { tags, summary: 'The unsubscribe page of a marketing email', params: unsubscribeParams } },
      async (request, reply) => {
        const english = wantsEnglish(request.headers['accept-language']);
        readClaim(request.params.token);
        return reply
          .type('text/html; charset=utf-8')
          .header(
            'content-security-policy',
            "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'",
          )
          .send(
            page(
              english,
              english
                ? `<h1>Unsubscribe</h1><p>Stop receiving marketing email from this store?</p><form method="post"><button type="submit">Unsubscribe</button></form>`
                : `<h1>退订邮件</h1><p>确定不再接收本店的营销邮件吗？</p><form method="post"><button type="submit">确认退订</button></form>`,
            ),
          );
      },
    );

    app.post(
      '/u/:token',
      {
        schema: {
          tags,
          summary: 'Unsubscribes (the page’s button, or RFC 8058 one-click from the mail client)',
          params: unsubscribeParams,
        },
      },
      async (request, reply) => {
        const english = wantsEnglish(request.headers['accept-language']);
        const claim = readClaim(request.params.token);
        const storeId = asStoreId(claim.storeId);
        const now = ctx.clock.now();
        await ctx.database.db.transaction().execute(async (trx) => {
          const customer = await trx
            .selectFrom('customers')
            .select(['email', 'phone'])
            .where('store_id', '=', storeId)
            .where('id', '=', claim.customerId as never)
            .executeTakeFirst();
          const address = claim.channel === 'email' ? customer?.email : customer?.phone;
          if (address)
            await suppress(trx, storeId, claim.channel, address, 'unsubscribe', claim.messageId, now);
          await trx
            .updateTable('customers')
            .set(
              claim.channel === 'email'
                ? { consent_email: 0, updated_at: now }
                : { consent_sms: 0, updated_at: now },
            )
            .where('store_id', '=', storeId)
            .where('id', '=', claim.customerId as never)
            .execute();
          await insertAuditEntry(
            trx,
            storeId,
            systemActor('unsubscribe-link', request.ip),
            {
              action: 'messaging.opted_out',
              subjectType: 'customer',
              subjectId: claim.customerId,
              details: { channel: claim.channel, message: claim.messageId },
            },
            now,
          );
        });
        return reply
          .type('text/html; charset=utf-8')
          .send(
            page(
              english,
              english
                ? '<h1>Unsubscribed</h1><p>You will receive no more marketing email from this store.</p>'
                : '<h1>已退订</h1><p>您将不再收到本店的营销邮件。</p>',
            ),
          );
      },
    );
  };
}
