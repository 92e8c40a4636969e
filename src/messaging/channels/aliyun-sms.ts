import { randomUUID } from 'node:crypto';
import { sendSmsParams, signRpc } from '../providers/aliyun-signature.js';
import { type PostAnswer, postForm } from './http-post.js';
import type { SendOutcome } from './outcome.js';

// Aliyun SMS (dysmsapi 2017-05-25): SendSms with our message id as OutId, and QuerySendDetails to
// settle a message left in doubt (Aliyun does not deduplicate a retried request: finding our id
// in its records is the only way to know whether a send that lost its answer went out).

export interface AliyunCredentials {
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
}

export interface AliyunSmsMessage {
  readonly messageId: string;
  readonly phone: string;
  readonly signName: string;
  readonly templateCode: string;
  readonly params: Readonly<Record<string, string>>;
}

/** Aliyun's answer codes that no retry will change: the number, the template or the signature. */
const PERMANENT = new Set([
  'isv.MOBILE_NUMBER_ILLEGAL',
  'isv.MOBILE_COUNT_OVER_LIMIT',
  'isv.TEMPLATE_MISSING_PARAMETERS',
  'isv.SMS_TEMPLATE_ILLEGAL',
  'isv.SMS_SIGNATURE_ILLEGAL',
  'isv.INVALID_PARAMETERS',
  'isv.PARAM_LENGTH_LIMIT',
  'isv.BLACK_KEY_CONTROL_LIMIT',
  'isv.DENY_IP_RANGE',
  'InvalidAccessKeyId.NotFound',
  'SignatureDoesNotMatch',
]);

export type Delivery = 'unknown' | 'pending' | 'delivered' | 'failed';

export interface AliyunSms {
  send(message: AliyunSmsMessage): Promise<SendOutcome>;
  /** What Aliyun knows of our message, sent on `day` (yyyyMMdd, China time) to `phone`. */
  lookup(messageId: string, phone: string, day: string): Promise<Delivery | 'retry'>;
}

export function createAliyunSms(
  credentials: AliyunCredentials,
  options: { readonly endpoint?: string; readonly timeoutMs?: number } = {},
): AliyunSms {
  const endpoint = options.endpoint ?? 'https://dysmsapi.aliyuncs.com/';
  const timeoutMs = options.timeoutMs ?? 10_000;
  const url = new URL(endpoint);

  async function call(
    params: Record<string, string>,
  ): Promise<{ ok: true; body: Record<string, unknown> } | { ok: false; reason: string }> {
    let answer: PostAnswer;
    try {
      answer = await postForm(url, new URLSearchParams(params).toString(), timeoutMs);
    } catch (error) {
      return { ok: false, reason: `no answer: ${(error as Error).message}` };
    }
    const { status, text } = answer;
    if (status === 429 || status >= 500) return { ok: false, reason: `HTTP ${status}` };
    try {
      return { ok: true, body: JSON.parse(text) as Record<string, unknown> };
    } catch {
      return { ok: false, reason: `HTTP ${status}: not JSON` };
    }
  }

  return {
    async send(message) {
      const params = sendSmsParams(
        {
          phoneNumbers: message.phone,
          signName: message.signName,
          templateCode: message.templateCode,
          templateParam: message.params,
          outId: message.messageId,
        },
        credentials,
      );
      const answer = await call(params);
      if (!answer.ok) return { status: 'retry', reason: answer.reason };
      const code = String(answer.body.Code ?? '');
      const reason = `${code}: ${String(answer.body.Message ?? '')}`;
      if (code === 'OK') return { status: 'sent', providerId: String(answer.body.BizId ?? '') };
      return PERMANENT.has(code) ? { status: 'failed', reason } : { status: 'retry', reason };
    },

    async lookup(messageId, phone, day) {
      const params: Record<string, string> = {
        AccessKeyId: credentials.accessKeyId,
        Action: 'QuerySendDetails',
        CurrentPage: '1',
        Format: 'JSON',
        PageSize: '50',
        PhoneNumber: phone,
        RegionId: 'cn-hangzhou',
        SendDate: day,
        SignatureMethod: 'HMAC-SHA1',
        SignatureNonce: randomUUID(),
        SignatureVersion: '1.0',
        Timestamp: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
        Version: '2017-05-25',
      };
      const answer = await call({
        ...params,
        Signature: signRpc('POST', params, credentials.accessKeySecret),
      });
      if (!answer.ok || answer.body.Code !== 'OK') return 'retry';
      const details =
        (answer.body.SmsSendDetailDTOs as { SmsSendDetailDTO?: Record<string, unknown>[] } | undefined)
          ?.SmsSendDetailDTO ?? [];
      const mine = details.find((detail) => detail.OutId === messageId);
      if (!mine) return 'unknown';
      // SendStatus: 1 waiting for the receipt, 2 failed, 3 delivered
      return mine.SendStatus === 3 ? 'delivered' : mine.SendStatus === 2 ? 'failed' : 'pending';
    },
  };
}
