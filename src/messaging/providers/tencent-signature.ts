import { createHash, createHmac } from 'node:crypto';

// Tencent Cloud API 3.0's TC3-HMAC-SHA256 signature, which the SMS API (sms, 2021-01-11) takes:
// a canonical request of the POST body and the content-type and host headers, hashed into a
// string to sign, signed with a key derived from the secret, the UTC date and the service.

export const TC3 = 'TC3-HMAC-SHA256';
export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

const sha256Hex = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const hmac = (key: string | Buffer, text: string) => createHmac('sha256', key).update(text, 'utf8').digest();

export interface Tc3Request {
  readonly secretId: string;
  readonly secretKey: string;
  /** The product: "sms" for SMS, "cvm" in Tencent's worked example. */
  readonly service: string;
  readonly host: string;
  /** The JSON body exactly as sent. */
  readonly payload: string;
  /** Unix seconds; the credential's date is its UTC day. */
  readonly timestamp: number;
  readonly contentType?: string;
}

export function canonicalRequest(request: Tc3Request): string {
  const contentType = request.contentType ?? JSON_CONTENT_TYPE;
  return [
    'POST',
    '/',
    '',
    `content-type:${contentType}\nhost:${request.host}\n`,
    'content-type;host',
    sha256Hex(request.payload),
  ].join('\n');
}

export function credentialScope(request: Tc3Request): string {
  const date = new Date(request.timestamp * 1000).toISOString().slice(0, 10);
  return `${date}/${request.service}/tc3_request`;
}

export function tc3StringToSign(request: Tc3Request): string {
  return [
    TC3,
    String(request.timestamp),
    credentialScope(request),
    sha256Hex(canonicalRequest(request)),
  ].join('\n');
}

export function tc3Signature(request: Tc3Request): string {
  const date = credentialScope(request).slice(0, 10);
  const secretDate = hmac(`TC3${request.secretKey}`, date);
  const secretService = hmac(secretDate, request.service);
  const secretSigning = hmac(secretService, 'tc3_request');
  return createHmac('sha256', secretSigning).update(tc3StringToSign(request), 'utf8').digest('hex');
}

/** The Authorization header of a request. */
export function tc3Authorization(request: Tc3Request): string {
  return `${TC3} Credential=${request.secretId}/${credentialScope(request)}, SignedHeaders=content-type;host, Signature=${tc3Signature(request)}`;
}
