// How long an SMS is, the way it is billed, so an operator sees the cost before sending.
//
// - Chinese carriers (Aliyun, Tencent Cloud): signature, content and opt-out line together; every
//   character counts one (a Chinese character, a letter, a space, an emoji); up to 70 is one
//   message, longer texts are sent in parts of 67.
// - GSM networks (Twilio): a text entirely in the GSM 03.38 alphabet is packed in 7-bit septets,
//   160 for one message or 153 per part (the rest carries the header that joins the parts); the
//   extension characters ^{}\[~]|€ and form feed take two septets and never straddle two parts.
//   Anything outside the alphabet turns the whole text into UCS-2: 70 UTF-16 units, or 67 per
//   part, and a character outside the BMP (two units) is never split.

export type SmsBilling = 'china' | 'gsm';
export type SmsEncoding = 'china' | 'gsm7' | 'ucs2';

const GSM_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM_EXTENSION = '^{}\\[~]|€\f';
const basic = new Set(GSM_BASIC);
const extension = new Set(GSM_EXTENSION);

const LIMITS: Readonly<Record<SmsEncoding, { single: number; part: number }>> = {
  china: { single: 70, part: 67 },
  gsm7: { single: 160, part: 153 },
  ucs2: { single: 70, part: 67 },
};

export interface SmsLength {
  readonly encoding: SmsEncoding;
  /** Billing units used: characters (china), septets (gsm7) or UTF-16 units (ucs2). */
  readonly units: number;
  /** Messages billed. */
  readonly parts: number;
  /** Units one message holds at this length: the single limit, or the part size. */
  readonly perPart: number;
  /** Units left in the last part before another part is needed. */
  readonly remaining: number;
}

/** The encoding a text is sent in. */
export function smsEncoding(text: string, billing: SmsBilling): SmsEncoding {
  if (billing === 'china') return 'china';
  for (const ch of text) if (!basic.has(ch) && !extension.has(ch)) return 'ucs2';
  return 'gsm7';
}

/** Each character's size in billing units, in order (a character is a code point). */
function unitsOf(text: string, encoding: SmsEncoding): number[] {
  const sizes: number[] = [];
  for (const ch of text) {
    if (encoding === 'china') sizes.push(1);
    else if (encoding === 'gsm7') sizes.push(extension.has(ch) ? 2 : 1);
    else sizes.push(ch.length); // UTF-16 units: 2 outside the BMP
  }
  return sizes;
}

/**
 * The parts a text is sent as, filled in order without splitting a character: joined, they are
 * the text. One part when it fits the single-message limit.
 */
export function splitSms(text: string, billing: SmsBilling): string[] {
  const encoding = smsEncoding(text, billing);
  const chars = Array.from(text);
  const sizes = unitsOf(text, encoding);
  const total = sizes.reduce((s, n) => s + n, 0);
  const { single, part } = LIMITS[encoding];
  if (total <= single) return [text];
  const parts: string[] = [];
  let current = '';
  let used = 0;
  chars.forEach((ch, i) => {
    if (used + sizes[i]! > part) {
      parts.push(current);
      current = '';
      used = 0;
    }
    current += ch;
    used += sizes[i]!;
  });
  parts.push(current);
  return parts;
}

/** The billed length of a text. */
export function smsLength(text: string, billing: SmsBilling): SmsLength {
  const encoding = smsEncoding(text, billing);
  const units = unitsOf(text, encoding).reduce((s, n) => s + n, 0);
  const { single, part } = LIMITS[encoding];
  if (units <= single) return { encoding, units, parts: 1, perPart: single, remaining: single - units };
  const parts = splitSms(text, billing);
  const last = unitsOf(parts.at(-1)!, encoding).reduce((s, n) => s + n, 0);
  return { encoding, units, parts: parts.length, perPart: part, remaining: part - last };
}

/**
 * The text a Chinese marketing SMS goes out as: the approved signature first (as given, e.g.
 * 【某某母婴】), the content, then the provider's opt-out line (e.g. 拒收请回复R).
 */
export function composeSms(signature: string, content: string, optOutLine: string | null): string {
  const body = content.trim();
  return `${signature.trim()}${body}${optOutLine ? `${/[。！？!?.]$/.test(body) ? '' : '，'}${optOutLine.trim()}` : ''}`;
}
