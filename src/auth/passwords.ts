import argon2 from 'argon2';
import { LaokeError } from '../shared/errors.js';

export interface Argon2Params {
  readonly memoryKib: number;
  readonly timeCost: number;
  readonly parallelism: number;
}

// argon2id with OWASP's 19 MiB and p=1, and four passes instead of two (src/config.ts): about
// 46 ms a hash on the 2-core target (bench/README.md, "argon2id"), so a burst of sign-ins leaves
// the server responsive while each guess costs an attacker twice the OWASP floor.
export async function hashPassword(password: string, params: Argon2Params): Promise<string> {
  return argon2.hash(password, {
    type: argon2.argon2id,
    memoryCost: params.memoryKib,
    timeCost: params.timeCost,
    parallelism: params.parallelism,
  });
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    // A malformed stored hash is a failed login, never a crash; it is logged by the caller.
    return false;
  }
}

export function needsRehash(hash: string, params: Argon2Params): boolean {
  return argon2.needsRehash(hash, {
    memoryCost: params.memoryKib,
    timeCost: params.timeCost,
    parallelism: params.parallelism,
  });
}

const MIN_PASSWORD_LENGTH = 8;
const MAX_PASSWORD_LENGTH = 256;

/** Rejects passwords that are too short or too long (NIST 800-63B: length, not composition rules). */
export function assertAcceptablePassword(password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH || password.length > MAX_PASSWORD_LENGTH) {
    throw new LaokeError(
      'user.weak_password',
      `A password needs ${MIN_PASSWORD_LENGTH} to ${MAX_PASSWORD_LENGTH} characters; this one has ${password.length}.`,
    );
  }
}
