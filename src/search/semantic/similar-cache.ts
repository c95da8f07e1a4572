/** How many lists are kept, how long one stays good, and the longest list kept (pages ask for 6, the API for up to 20 by default). */
export const SIMILAR_CACHE: Readonly<SimilarCacheLimits> = Object.freeze({ entries: 20_000, ttlMs: 2 * 3600_000, maxLimit: 20 });

/** The bounds of a SimilarCache. */
export interface SimilarCacheLimits {
  entries: number;
  ttlMs: number;
  maxLimit: number;
}

/**
 * Similar-paper lists kept in memory for a while (at most SIMILAR_CACHE.ttlMs, newest entries
 * kept first). Ranking one list costs ~50 ms of a core, and the page cache is emptied by every
 * import and every batch of new vectors, so without this each paper page would be ranked again
 * after every harvest. The key holds the model, so a new model starts afresh; a new paper joins
 * other papers' lists within the time to live.
 */
export class SimilarCache<T> {
  private readonly lists = new Map<string, { at: number; value: T }>();

  constructor(private readonly now: () => number = Date.now, private readonly limits: Readonly<SimilarCacheLimits> = SIMILAR_CACHE) {}

  /** Whether a list of this length is worth keeping (a CLI ranking a whole corpus is not). */
  keeps(limit: number): boolean {
    return limit <= this.limits.maxLimit;
  }

  get(key: string): T | undefined {
    const hit = this.lists.get(key);
    if (!hit) return undefined;
    if (this.now() - hit.at > this.limits.ttlMs) {
      this.lists.delete(key);
      return undefined;
    }
    return hit.value;
  }

  set(key: string, value: T): void {
    this.lists.delete(key);
    this.lists.set(key, { at: this.now(), value });
    // Map order is insertion order: the first keys are the oldest.
    for (const old of this.lists.keys()) {
      if (this.lists.size <= this.limits.entries) break;
      this.lists.delete(old);
    }
  }
}
