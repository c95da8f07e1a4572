/**
 * One request at a time to a host, each starting at least `delayMs` after the previous one started.
 * arXiv asks for a single connection and one request every three seconds; keeping one limiter per
 * host for the whole process keeps that promise however many harvests run.
 */
export class RateLimiter {
  private tail: Promise<void> = Promise.resolve();
  private lastStart = -Infinity;
  private notBefore = 0;

  constructor(public delayMs: number) {}

  /**
   * Waits for the slot and the spacing, then runs `fn` while holding the slot (the next request
   * cannot start until `fn` settles). An aborted signal gives up the wait with the abort reason.
   */
  async run<T>(fn: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    const previous = this.tail;
    let release!: () => void;
    this.tail = new Promise<void>((resolve) => { release = resolve; });
    try {
      await previous;
      const wait = Math.max(this.lastStart + this.delayMs, this.notBefore) - Date.now();
      if (wait > 0) await sleep(wait, signal);
      signal?.throwIfAborted();
      this.lastStart = Date.now();
      return await fn();
    } finally {
      release();
    }
  }

  /** Holds every request to this host until `ms` from now (a server's Retry-After). */
  deferFor(ms: number): void {
    this.notBefore = Math.max(this.notBefore, Date.now() + ms);
  }
}

const limiters = new Map<string, RateLimiter>();

/**
 * The process-wide limiter for a host. All callers share its queue; the delay is the one the
 * latest caller configured (one process has one configuration).
 */
export function sharedLimiter(key: string, delayMs: number): RateLimiter {
  const existing = limiters.get(key);
  if (existing) {
    existing.delayMs = delayMs;
    return existing;
  }
  const made = new RateLimiter(delayMs);
  limiters.set(key, made);
  return made;
}

/** Resolves after `ms`, or rejects with the abort reason as soon as `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = (): void => { clearTimeout(timer); reject(signal!.reason); };
    const timer = setTimeout(() => { signal?.removeEventListener('abort', onAbort); resolve(); }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
