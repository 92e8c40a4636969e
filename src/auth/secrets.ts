import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

// Session cookies and API tokens are 256 random bits. Only their SHA-256 is stored: with that much
// entropy a fast hash is enough (nothing to brute-force), and a stolen table yields no login.

export function newSecret(prefix: string): string {
  return `${prefix}${randomBytes(32).toString('base64url')}`;
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export function secretsEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

export const API_TOKEN_PREFIX = 'lk_';
export const SESSION_PREFIX = 'lks_';
