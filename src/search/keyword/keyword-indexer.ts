import type { Db } from '../../db/db.js';
import { silentProgress, type Progress } from '../../progress/progress.js';
import { searchIndexStore as store } from '../../store/search-index-store.js';
import { writePending, mergeSmallSegments, SEGMENT_SIZE } from './index-writer.js';
import { inlineBuilder, workerBuilder, type SegmentBuilder } from './segment-builders.js';

/** Below twice this many queued papers, one segment is built at a time. */
const SPLIT_MIN = 5000;
/**
 * From this many queued papers a segment is built on the builder thread; below, here (a thread's
 * start and the copy to it cost more than a small segment). A process that answers requests
 * (`serving`) sends all but the smallest there: 5,000 papers built here held every request ~1 s.
 */
const THREAD_FROM = 5000;
const THREAD_FROM_SERVING = 500;

/**
 * The writing side of the keyword index: turns the papers the upsert pipeline queued into segments,
 * here or on the builder thread, and tells the reader (`invalidate`) when the segments changed.
 * Kept apart from the query side (KeywordIndex), which delegates to it.
 */
export class KeywordIndexer {
  private worker: ReturnType<typeof workerBuilder> | null = null;
  private background: Promise<void> = Promise.resolve();
  private busy = false;

  /** `serving`: the process answers requests, so all but the smallest segments go to the builder thread. */
  constructor(private readonly db: Db, private readonly serving: boolean, private readonly invalidate: () => void) {}

  /**
   * Indexes every paper the upsert pipeline queued and waits for it; with `minPending`, does nothing
   * until at least that many are queued.
   */
  async indexPending(progress: Progress = silentProgress, opts: { minPending?: number } = {}): Promise<number> {
    let total = 0;
    if (this.busy && !opts.minPending && !this.serving) {
      // An import has ended while its last full segment builds on the builder thread: build what
      // was queued after that segment here meanwhile, so both cores work on the tail.
      const beyond = (await store.pendingCount(this.db)) - SEGMENT_SIZE;
      if (beyond >= SPLIT_MIN) {
        const n = await writePending(this.db, Math.min(beyond, SEGMENT_SIZE / 2), inlineBuilder, SEGMENT_SIZE);
        total += n;
        progress.tick(n);
      }
    }
    await this.background;
    if (opts.minPending && (await store.pendingCount(this.db)) < opts.minPending) return 0;
    for (;;) {
      const pending = await store.pendingCount(this.db);
      if (!pending) break;
      let n: number;
      if (pending >= 2 * SPLIT_MIN && !this.serving) {
        // Two segments at once, one on the builder thread and one here: nothing else is waiting.
        const half = Math.ceil(Math.min(pending, 2 * SEGMENT_SIZE) / 2);
        const done = await Promise.all([
          writePending(this.db, half, this.builderFor(half)),
          writePending(this.db, half, inlineBuilder, half),
        ]);
        n = done[0] + done[1];
      } else {
        n = await writePending(this.db, SEGMENT_SIZE, this.builderFor(pending));
      }
      if (!n) break;
      total += n;
      progress.tick(n);
    }
    if (total) await mergeSmallSegments(this.db);
    this.invalidate();
    return total;
  }

  /**
   * Starts indexing a full segment in the background when one is queued, and returns at once: an
   * import keeps upserting on this thread while the segment is built on another.
   */
  indexInBackground(): void {
    if (this.busy) return;
    this.busy = true;
    this.background = (async () => {
      try {
        if ((await store.pendingCount(this.db)) >= SEGMENT_SIZE) await writePending(this.db, SEGMENT_SIZE, this.builderFor(SEGMENT_SIZE));
      } finally {
        this.busy = false;
      }
    })();
  }

  /** Stops the builder thread (when one was started). */
  async close(): Promise<void> {
    await this.background.catch(() => undefined);
    await this.worker?.close();
  }

  private builderFor(pending: number): SegmentBuilder {
    if (pending < (this.serving ? THREAD_FROM_SERVING : THREAD_FROM)) return inlineBuilder;
    this.worker ??= workerBuilder();
    return this.worker;
  }

  /** Drops the index and builds it again from every paper (after changing how text is indexed). */
  async rebuild(progress: Progress = silentProgress): Promise<number> {
    await this.db.transaction(async (tx) => {
      await store.lock(tx);
      await store.clearIndex(tx);
      await store.queueAll(tx);
    });
    progress.start(await store.pendingCount(this.db), 'papers');
    const n = await this.indexPending(progress);
    progress.stop();
    return n;
  }
}
