import { createHmac, timingSafeEqual } from 'node:crypto';

// Twilio's request signature (X-Twilio-Signature), which Twilio puts on every webhook it calls
// (status callbacks, inbound SMS): base64 of HMAC-SHA1 under the account's auth token, over the
// full URL Twilio called followed by each POST parameter's name and value, sorted by name. A GET
// callback has no parameters: the URL alone (with its query) is signed.

/** The X-Twilio-Signature Twilio would send for this URL and these POST parameters. */
export function twilioSignature(
  authToken: string,
  url: string,
  params: Readonly<Record<string, string>>,
): string {
  const data = Object.keys(params)
    .sort()
    .reduce((text, key) => text + key + params[key], url);
  return createHmac('sha1', authToken).update(data, 'utf8').digest('base64');
}

/** Whether a request claiming to come from Twilio carries the signature of the account's token. */
export function verifyTwilioSignature(
  authToken: string,
  url: string,
  params: Readonly<Record<string, string>>,
  headerSignature: string | undefined,
): boolean {
  if (!headerSignature) return false;
  const expected = Buffer.from(twilioSignature(authToken, url, params));
  const given = Buffer.from(headerSignature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
