import type { PostingSlice } from './evaluate.js';

/**
 * Decoded postings of recently queried terms, least recently used dropped first. Segments never
 * change, so an entry stays right until the index generation moves (then everything is dropped).
 */
export class PostingsCache {
  private entries = new Map<string, { slices: PostingSlice[]; bytes: number }>();
  private bytes = 0;
  private generation = '';

  constructor(private readonly budget: number) {}

  /** Drops everything when the index changed since the entries were read. */
  sync(generation: string): void {
    if (generation === this.generation) return;
    this.entries.clear();
    this.bytes = 0;
    this.generation = generation;
  }

  get(term: string): PostingSlice[] | undefined {
    const e = this.entries.get(term);
    if (!e) return undefined;
    this.entries.delete(term);
    this.entries.set(term, e);
    return e.slices;
  }

  set(term: string, slices: PostingSlice[]): void {
    const bytes = slices.reduce((s, l) => s + l.ids.byteLength + l.imps.byteLength, 0) + 64;
    if (bytes > this.budget / 4) return;
    this.entries.set(term, { slices, bytes });
    this.bytes += bytes;
    for (const [k, e] of this.entries) {
      if (this.bytes <= this.budget) break;
      this.entries.delete(k);
      this.bytes -= e.bytes;
    }
  }
}
