import { createHmac, randomUUID } from 'node:crypto';

// Aliyun's RPC request signature (signature version 1.0, HMAC-SHA1), which the SMS API
// (dysmsapi, 2017-05-25) takes: the parameters sorted by name and percent-encoded by RFC 3986,
// "METHOD&%2F&" + the encoded query, signed with the AccessKey secret followed by "&".

/** RFC 3986 percent-encoding as Aliyun wants it: unreserved A–Z a–z 0–9 - _ . ~ stay, all else %XX. */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** The parameters as the canonical query: sorted by name (code units), each name=value encoded. */
export function canonicalQuery(params: Readonly<Record<string, string>>): string {
  return Object.keys(params)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((key) => `${percentEncode(key)}=${percentEncode(params[key]!)}`)
    .join('&');
}

export function stringToSign(method: 'GET' | 'POST', params: Readonly<Record<string, string>>): string {
  return `${method}&${percentEncode('/')}&${percentEncode(canonicalQuery(params))}`;
}

/** The Signature parameter for these parameters (without Signature itself). */
export function signRpc(
  method: 'GET' | 'POST',
  params: Readonly<Record<string, string>>,
  secret: string,
): string {
  return createHmac('sha1', `${secret}&`).update(stringToSign(method, params)).digest('base64');
}

export interface AliyunSendSms {
  readonly phoneNumbers: string;
  /** The signature the provider approved for the store, without the brackets (e.g. 某某母婴). */
  readonly signName: string;
  readonly templateCode: string;
  readonly templateParam: Readonly<Record<string, string>>;
  /** Our message id: Aliyun returns it in receipts and finds the message by it (QuerySendDetails). */
  readonly outId: string;
}

/** The signed parameters of one SendSms request. */
export function sendSmsParams(
  request: AliyunSendSms,
  credentials: { readonly accessKeyId: string; readonly accessKeySecret: string },
  at: Date = new Date(),
  nonce: string = randomUUID(),
): Record<string, string> {
  const params: Record<string, string> = {
    AccessKeyId: credentials.accessKeyId,
    Action: 'SendSms',
    Format: 'JSON',
    OutId: request.outId,
    PhoneNumbers: request.phoneNumbers,
    RegionId: 'cn-hangzhou',
    SignName: request.signName,
    SignatureMethod: 'HMAC-SHA1',
    SignatureNonce: nonce,
    SignatureVersion: '1.0',
    TemplateCode: request.templateCode,
    TemplateParam: JSON.stringify(request.templateParam),
    Timestamp: at.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    Version: '2017-05-25',
  };
  return { ...params, Signature: signRpc('POST', params, credentials.accessKeySecret) };
}

/** Checks a request's Signature as Aliyun's gateway does (for the test double of the provider). */
export function verifyRpc(
  method: 'GET' | 'POST',
  params: Readonly<Record<string, string>>,
  secret: string,
): boolean {
  const { Signature: signature, ...rest } = params;
  return signature !== undefined && signature === signRpc(method, rest, secret);
}
