import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { LaokeError } from './errors.js';

// Secrets kept in the database (provider keys, webhook secrets) are sealed with AES-256-GCM under
// the server's key (LAOKE_SECRET_KEY: 32 bytes, base64 or hex). Each value is bound to where it
// belongs (its context, e.g. "store:12:aliyun-sms") as associated data: copied into another
// store's row, it no longer opens. Sealed form: v1.<iv>.<tag>.<ciphertext>, base64url.

const VERSION = 'v1';
const IV_BYTES = 12;

/** The server key from its text form; refuses anything that is not exactly 32 bytes. */
export function parseSecretKey(text: string): Buffer {
  const trimmed = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(trimmed)) return Buffer.from(trimmed, 'hex');
  if (/^[A-Za-z0-9+/_-]{43}=?$/.test(trimmed))
    return Buffer.from(trimmed.replaceAll('-', '+').replaceAll('_', '/'), 'base64');
  throw new LaokeError(
    'config.invalid',
    'LAOKE_SECRET_KEY must be 32 random bytes as 64 hex digits or base64 (e.g. `openssl rand -base64 32`).',
  );
}

export function sealSecret(key: Buffer, plaintext: string, context: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [VERSION, iv, cipher.getAuthTag(), ciphertext]
    .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
    .join('.');
}

/** The plaintext of a sealed value; refuses one that was altered, moved, or sealed under another key. */
export function openSecret(key: Buffer, sealed: string, context: string): string {
  const parts = sealed.split('.');
  const unreadable = () =>
    new LaokeError(
      'config.invalid',
      `A stored secret (${context}) cannot be opened: it was sealed under another LAOKE_SECRET_KEY, or altered.`,
    );
  if (parts.length !== 4 || parts[0] !== VERSION) throw unreadable();
  const [, iv, tag, ciphertext] = parts.map((part) => Buffer.from(part, 'base64url')) as [
    Buffer,
    Buffer,
    Buffer,
    Buffer,
  ];
  if (iv.length !== IV_BYTES || tag.length !== 16) throw unreadable();
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, iv);
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
  } catch {
    throw unreadable();
  }
}

/** What a log or an API may show of a secret: its last four characters. */
export function maskSecret(secret: string): string {
  return secret.length <= 4 ? '****' : `****${secret.slice(-4)}`;
}
