/** A rendered 200 response as it left the server: final headers and the (possibly compressed) body. */
export interface CachedPage {
  headers: Record<string, string | number | string[] | undefined>;
  body: Buffer;
  /** The data version the page was rendered under. */
  version: string;
  storedAt: number;
}

/** Limits of one cache: bytes kept, and the longest an entry may live whatever the version says. */
export interface PageCacheLimits {
  maxBytes: number;
  maxAgeMs: number;
  now?: () => number;
}

/** Per-entry bookkeeping on top of the body and headers, so tiny pages still count for something. */
const OVERHEAD_BYTES = 512;
/** One page may take at most this share of the cache, so a huge page cannot flush everything else. */
const MAX_SHARE = 8;

function sizeOf(key: string, page: CachedPage): number {
  return page.body.length + key.length * 2 + OVERHEAD_BYTES;
}

/**
 * Rendered pages by key (method, coding and URL), valid for one data version: the first request
 * that sees a new version empties the cache, so nothing rendered before a write is served after
 * it. Least recently used entries go first once the bytes exceed the limit. Concurrent misses of
 * one key share a single render: the first request leads, the others wait for its result.
 */
export class PageCache {
  private readonly entries = new Map<string, CachedPage>();
  private readonly inflight = new Map<string, Promise<CachedPage | null>>();
  private version: string | null = null;
  private size = 0;
  private readonly now: () => number;

  constructor(private readonly limits: PageCacheLimits) {
    this.now = limits.now ?? Date.now;
  }

  /** Bytes held now (bodies plus bookkeeping). */
  get bytes(): number {
    return this.size;
  }

  /** Number of pages held now. */
  get count(): number {
    return this.entries.size;
  }

  /** Moves to the version the database reports; every entry of another version is dropped. */
  sync(version: string): void {
    if (version === this.version) return;
    this.entries.clear();
    this.size = 0;
    this.version = version;
  }

  /** The page for `key` if it is current and young enough; marks it most recently used. */
  get(key: string): CachedPage | undefined {
    const page = this.entries.get(key);
    if (!page) return undefined;
    if (page.version !== this.version || this.now() - page.storedAt > this.limits.maxAgeMs) {
      this.remove(key, page);
      return undefined;
    }
    this.entries.delete(key);
    this.entries.set(key, page);
    return page;
  }

  /** Keeps a page rendered under the current version (an older render is simply not kept). */
  set(key: string, page: CachedPage): void {
    if (page.version !== this.version) return;
    const bytes = sizeOf(key, page);
    if (bytes > this.limits.maxBytes / MAX_SHARE) return;
    const old = this.entries.get(key);
    if (old) this.remove(key, old);
    this.entries.set(key, page);
    this.size += bytes;
    for (const [k, p] of this.entries) {
      if (this.size <= this.limits.maxBytes) break;
      this.remove(k, p);
    }
  }

  /** The render already running for this key and version, if any. */
  pending(version: string, key: string): Promise<CachedPage | null> | undefined {
    return this.inflight.get(`${version}\u0000${key}`);
  }

  /**
   * Registers the caller as the one render for this key and version; the returned function
   * settles the waiters (with the page, or null when it could not be cached) and may be called
   * more than once.
   */
  lead(version: string, key: string): (page: CachedPage | null) => void {
    const id = `${version}\u0000${key}`;
    let settle!: (page: CachedPage | null) => void;
    const promise = new Promise<CachedPage | null>((resolve) => { settle = resolve; });
    this.inflight.set(id, promise);
    return (page) => {
      if (this.inflight.get(id) === promise) this.inflight.delete(id);
      settle(page);
    };
  }

  private remove(key: string, page: CachedPage): void {
    this.entries.delete(key);
    this.size -= sizeOf(key, page);
  }
}
