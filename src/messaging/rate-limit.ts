// Pacing sends to a provider's rate limit: a token bucket that holds one token and refills at
// `perSecond`, so sends are spaced evenly (no burst after an idle spell). A caller that finds it
// empty waits for its turn rather than failing; turns are reserved in the order callers ask, so
// many waiting sends still go out at the rate, not all at once when the bucket refills.

export interface RateLimit {
  /** Sends per second this adapter's provider (account, API) accepts. */
  readonly perSecond: number;
}

export class TokenBucket {
  #nextFree = Number.NEGATIVE_INFINITY;
  readonly #intervalMs: number;

  constructor(
    limit: RateLimit,
    private readonly clock: () => number = () => performance.now(),
    private readonly sleep: (ms: number) => Promise<void> = (ms) =>
      new Promise((resolve) => setTimeout(resolve, ms)),
  ) {
    if (!(limit.perSecond > 0)) throw new RangeError(`perSecond must be positive, got ${limit.perSecond}`);
    this.#intervalMs = 1000 / limit.perSecond;
  }

  /** Resolves when this caller may send. */
  async take(): Promise<void> {
    const now = this.clock();
    const at = Math.max(now, this.#nextFree);
    this.#nextFree = at + this.#intervalMs;
    if (at > now) await this.sleep(at - now);
  }
}

// One bucket per adapter object, shared by every message sent through it in this process.
const buckets = new WeakMap<object, TokenBucket>();

/** Waits for a turn under the adapter's rate limit; at once when it declares none. */
export function paceFor(adapter: { readonly rateLimit?: RateLimit }): Promise<void> | undefined {
  if (!adapter.rateLimit) return undefined;
  let bucket = buckets.get(adapter);
  if (!bucket) {
    bucket = new TokenBucket(adapter.rateLimit);
    buckets.set(adapter, bucket);
  }
  return bucket.take();
}
