import { tc3Authorization } from '../providers/tencent-signature.js';
import type { Delivery } from './aliyun-sms.js';
import type { SendOutcome } from './outcome.js';

// Tencent Cloud SMS (sms 2021-01-11): SendSms with our message id as SessionContext, and
// PullSmsSendStatusByPhoneNumber to find a message in doubt by that id. Signed with TC3-HMAC-SHA256.

export interface TencentCredentials {
  readonly secretId: string;
  readonly secretKey: string;
  /** The SMS application (SmsSdkAppId) the store's signature and templates belong to. */
  readonly appId: string;
}

export interface TencentSmsMessage {
  readonly messageId: string;
  /** A mainland number (13800138000) or E.164 (+8613800138000). */
  readonly phone: string;
  readonly signName: string;
  readonly templateId: string;
  /** The template's parameters, in its order. */
  readonly params: readonly string[];
}

/** Error codes no retry will change: credentials, parameters, unapproved template or signature. */
const PERMANENT_PREFIXES = ['AuthFailure.', 'InvalidParameterValue.', 'UnauthorizedOperation.'];
const PERMANENT_CODES = new Set([
  'FailedOperation.TemplateIncorrectOrUnapproved',
  'FailedOperation.SignatureIncorrectOrUnapproved',
  'FailedOperation.PhoneNumberInBlacklist',
]);
const isPermanent = (code: string) =>
  PERMANENT_CODES.has(code) || PERMANENT_PREFIXES.some((prefix) => code.startsWith(prefix));

const e164 = (phone: string) => (phone.startsWith('+') ? phone : `+86${phone}`);

export interface TencentSms {
  send(message: TencentSmsMessage): Promise<SendOutcome>;
  /** What Tencent knows of our message to `phone`, sent at or after `since` (epoch seconds). */
  lookup(messageId: string, phone: string, since: number): Promise<Delivery | 'retry'>;
}

export function createTencentSms(
  credentials: TencentCredentials,
  options: { readonly endpoint?: string; readonly timeoutMs?: number; readonly region?: string } = {},
): TencentSms {
  const endpoint = options.endpoint ?? 'https://sms.tencentcloudapi.com/';
  const host = new URL(endpoint).host;
  const timeoutMs = options.timeoutMs ?? 10_000;

  async function call(
    action: string,
    body: Record<string, unknown>,
  ): Promise<{ ok: true; response: Record<string, unknown> } | { ok: false; reason: string }> {
    const payload = JSON.stringify(body);
    const timestamp = Math.floor(Date.now() / 1000);
    let response: Response;
    try {
      response = await fetch(endpoint, {
        method: 'POST',
        headers: {
          authorization: tc3Authorization({
            secretId: credentials.secretId,
            secretKey: credentials.secretKey,
            service: 'sms',
            host,
            payload,
            timestamp,
          }),
          'content-type': 'application/json; charset=utf-8',
          'x-tc-action': action,
          'x-tc-version': '2021-01-11',
          'x-tc-region': options.region ?? 'ap-guangzhou',
          'x-tc-timestamp': String(timestamp),
        },
        body: payload,
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      return { ok: false, reason: `no answer: ${(error as Error).message}` };
    }
    if (response.status === 429 || response.status >= 500)
      return { ok: false, reason: `HTTP ${response.status}` };
    try {
      const json = (await response.json()) as { Response?: Record<string, unknown> };
      return { ok: true, response: json.Response ?? {} };
    } catch {
      return { ok: false, reason: `HTTP ${response.status}: not JSON` };
    }
  }

  return {
    async send(message) {
      const answer = await call('SendSms', {
        PhoneNumberSet: [e164(message.phone)],
        SmsSdkAppId: credentials.appId,
        SignName: message.signName,
        TemplateId: message.templateId,
        TemplateParamSet: message.params,
        SessionContext: message.messageId,
      });
      if (!answer.ok) return { status: 'retry', reason: answer.reason };
      const error = answer.response.Error as { Code?: string; Message?: string } | undefined;
      if (error) {
        const reason = `${error.Code}: ${error.Message ?? ''}`;
        return isPermanent(error.Code ?? '') ? { status: 'failed', reason } : { status: 'retry', reason };
      }
      const status = (
        answer.response.SendStatusSet as { Code?: string; Message?: string; SerialNo?: string }[] | undefined
      )?.[0];
      if (!status) return { status: 'retry', reason: 'no send status in the answer' };
      if (status.Code === 'Ok') return { status: 'sent', providerId: status.SerialNo ?? '' };
      const reason = `${status.Code}: ${status.Message ?? ''}`;
      return isPermanent(status.Code ?? '') ? { status: 'failed', reason } : { status: 'retry', reason };
    },

    async lookup(messageId, phone, since) {
      const answer = await call('PullSmsSendStatusByPhoneNumber', {
        BeginTime: since,
        Offset: 0,
        Limit: 100,
        PhoneNumber: e164(phone),
        SmsSdkAppId: credentials.appId,
      });
      if (!answer.ok || answer.response.Error) return 'retry';
      const statuses =
        (answer.response.PullSmsSendStatusSet as { SessionContext?: string; ReportStatus?: string }[]) ?? [];
      const mine = statuses.find((s) => s.SessionContext === messageId);
      if (!mine) return 'unknown';
      return mine.ReportStatus === 'SUCCESS'
        ? 'delivered'
        : mine.ReportStatus === 'FAIL'
          ? 'failed'
          : 'pending';
    },
  };
}
