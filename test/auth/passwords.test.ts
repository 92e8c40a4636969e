import { describe, expect, it } from 'vitest';
import {
  assertAcceptablePassword,
  hashPassword,
  needsRehash,
  verifyPassword,
} from '../../src/auth/passwords.js';
import type { LaokeError } from '../../src/shared/errors.js';

const params = { memoryKib: 19_456, timeCost: 2, parallelism: 1 };

describe('password hashing', () => {
  it('uses argon2id with at least OWASP’s 19 MiB, t=2, p=1', async () => {
    const hash = await hashPassword('老客 password', params);
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,p=1,t=2\$/);
    expect(await verifyPassword(hash, '老客 password')).toBe(true);
    expect(await verifyPassword(hash, '老客 passworD')).toBe(false);
  });

  it('salts every hash', async () => {
    expect(await hashPassword('same', params)).not.toBe(await hashPassword('same', params));
  });

  it('treats a malformed stored hash as a failed check', async () => {
    expect(await verifyPassword('not-a-hash', 'anything')).toBe(false);
  });

  it('asks for a rehash when the parameters were raised', async () => {
    const hash = await hashPassword('x', params);
    expect(needsRehash(hash, params)).toBe(false);
    expect(needsRehash(hash, { ...params, memoryKib: 65_536 })).toBe(true);
  });

  it('refuses passwords shorter than 8 characters with user.weak_password', () => {
    expect(() => assertAcceptablePassword('1234567')).toThrow(
      expect.objectContaining({ code: 'user.weak_password' }) as unknown as LaokeError,
    );
    expect(() => assertAcceptablePassword('12345678')).not.toThrow();
  });
});
