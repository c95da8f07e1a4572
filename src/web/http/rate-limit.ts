/** The answer to one attempt: allowed, or refused with how long to wait. */
export type RateDecision = { ok: true } | { ok: false; retryAfterSeconds: number };

/** How many attempts a key may make per window, and how many keys are remembered at most. */
export interface RateLimitOptions {
  limit: number;
  windowMs: number;
  /** Memory bound: beyond this many keys, the oldest are forgotten (default 10,000). */
  maxKeys?: number;
  now?: () => number;
}

/**
 * A sliding-window limiter kept in memory (per process: several instances behind a balancer
 * each allow `limit`). Used per client IP on the subscribe form, and per address for
 * confirmation mails, so neither a script nor a stranger can flood an inbox.
 */
export class RateLimiter {
  private readonly hits = new Map<string, number[]>();
  private readonly maxKeys: number;
  private readonly now: () => number;

  constructor(private readonly opts: RateLimitOptions) {
    this.maxKeys = opts.maxKeys ?? 10_000;
    this.now = opts.now ?? Date.now;
  }

  /** Counts one attempt for `key` if it is allowed; a refused attempt is not counted. */
  hit(key: string): RateDecision {
    const t = this.now();
    const since = t - this.opts.windowMs;
    const recent = (this.hits.get(key) ?? []).filter((at) => at > since);
    if (recent.length >= this.opts.limit) {
      this.hits.set(key, recent);
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((recent[0]! - since) / 1000)) };
    }
    recent.push(t);
    this.hits.delete(key);
    this.hits.set(key, recent);
    if (this.hits.size > this.maxKeys) this.prune(since);
    return { ok: true };
  }

  private prune(since: number): void {
    for (const [key, times] of this.hits) {
      if (times[times.length - 1]! <= since) this.hits.delete(key);
    }
    // Still too many live keys: forget the least recently active (Map keeps insertion order).
    for (const key of this.hits.keys()) {
      if (this.hits.size <= this.maxKeys) break;
      this.hits.delete(key);
    }
  }
}
