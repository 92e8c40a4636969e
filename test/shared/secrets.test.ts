import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { maskSecret, openSecret, parseSecretKey, sealSecret } from '../../src/shared/secrets.js';

describe('sealed secrets', () => {
  const key = randomBytes(32);

  it('open to what was sealed, in their own context only', () => {
    const sealed = sealSecret(key, 'LTAI5t-秘钥-🎁', 'store:12:aliyun-sms');
    expect(sealed).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(sealed).not.toContain('LTAI5t');
    expect(openSecret(key, sealed, 'store:12:aliyun-sms')).toBe('LTAI5t-秘钥-🎁');
    // Sealing twice gives different texts (a fresh IV each time)
    expect(sealSecret(key, 'same', 'c')).not.toBe(sealSecret(key, 'same', 'c'));
    // Moved to another store, altered, or opened under another key: refused, saying why
    expect(() => openSecret(key, sealed, 'store:13:aliyun-sms')).toThrow(
      /another LAOKE_SECRET_KEY, or altered/,
    );
    const [v, iv, tag, body] = sealed.split('.') as [string, string, string, string];
    const flipped = `${v}.${iv}.${tag}.${body.startsWith('A') ? `B${body.slice(1)}` : `A${body.slice(1)}`}`;
    expect(() => openSecret(key, flipped, 'store:12:aliyun-sms')).toThrow(/cannot be opened/);
    expect(() => openSecret(randomBytes(32), sealed, 'store:12:aliyun-sms')).toThrow(/cannot be opened/);
    expect(() => openSecret(key, 'plain-text-key', 'store:12:aliyun-sms')).toThrow(/cannot be opened/);
  });

  it('take the server key as 64 hex digits or base64 of 32 bytes, and nothing else', () => {
    const raw = randomBytes(32);
    expect(parseSecretKey(raw.toString('hex'))).toEqual(raw);
    expect(parseSecretKey(raw.toString('base64'))).toEqual(raw);
    expect(parseSecretKey(` ${raw.toString('base64url')} `)).toEqual(raw);
    for (const bad of ['', 'secret', randomBytes(16).toString('hex'), randomBytes(31).toString('base64')]) {
      expect(() => parseSecretKey(bad)).toThrow(/LAOKE_SECRET_KEY must be 32 random bytes/);
    }
  });

  it('show only the last four characters of a secret', () => {
    expect(maskSecret('LTAI5tAbCdEf1234')).toBe('****1234');
    expect(maskSecret('abc')).toBe('****');
  });
});
