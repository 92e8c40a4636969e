import argon2 from 'argon2';
import { LaokeError } from '../shared/errors.js';

export interface Argon2Params {
  readonly memoryKib: number;
  readonly timeCost: number;
  readonly parallelism: number;
}

// argon2id at OWASP's minimum (19 MiB, t=2, p=1) unless configured higher. On this 2-core machine
// one hash takes about 30 ms (bench/README.md, "argon2id"), so ten sign-ins a second still leave
// the server responsive; raise the memory cost where logins are rare and RAM is plentiful.
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
