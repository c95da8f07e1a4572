import type { Db } from '../../db/db.js';
import { searchIndexStore as store } from '../../store/search-index-store.js';
import type { ParsedQuery } from './query-parse.js';
import type { PostingSlice } from './evaluate.js';
import { SegmentCache, u32, type SegmentView } from './segment-cache.js';
import { PostingsCache } from './postings-cache.js';
import { K1 } from './segment-builder.js';

/** At most this many query words score (the strongest by weight); a pasted page stays bounded. */
export const MAX_SCORING_TERMS = 64;

/** A term's live document frequency: its postings over every segment, tombstones already dropped. */
function documentFrequency(slices: readonly PostingSlice[]): number {
  return slices.reduce((sum, l) => sum + l.ids.length, 0);
}

function idf(df: number, n: number): number {
  return Math.log(1 + (n - df + 0.5) / (df + 0.5));
}

/** Keeps only the ids not tombstoned (both arrays sorted ascending). */
function dropTombstoned(slice: PostingSlice, tomb: Uint32Array): PostingSlice {
  const keep: number[] = [];
  let j = 0;
  for (let i = 0; i < slice.ids.length; i++) {
    const d = slice.ids[i]!;
    while (j < tomb.length && tomb[j]! < d) j++;
    if (j < tomb.length && tomb[j] === d) continue;
    keep.push(i);
  }
  return { ids: Uint32Array.from(keep, (i) => slice.ids[i]!), imps: Uint8Array.from(keep, (i) => slice.imps[i]!) };
}

/**
 * Reads the keyword index for queries: the current segments, each term's postings without
 * tombstoned papers (hot terms kept decoded in memory until the index changes), and the BM25 weight
 * of each query word. Kept apart from index writing, which only needs to say when segments changed.
 */
export class PostingsReader {
  private readonly segments: SegmentCache;
  private readonly cache: PostingsCache;

  constructor(private readonly db: Db, cacheBytes: number) {
    this.segments = new SegmentCache(db);
    this.cache = new PostingsCache(cacheBytes);
  }

  /** The segments a query reads (one consistent generation). */
  view(): Promise<SegmentView> {
    return this.segments.get();
  }

  /** Forgets the segment list after index writes. */
  invalidate(): void {
    this.segments.invalidate();
  }

  /** Every live posting of each term, one slice per segment. */
  async postings(terms: string[], view: SegmentView): Promise<Map<string, PostingSlice[]>> {
    const out = new Map<string, PostingSlice[]>();
    this.cache.sync(view.generation);
    const missing: string[] = [];
    for (const t of terms) {
      const hit = this.cache.get(t);
      if (hit) out.set(t, hit);
      else missing.push(t);
    }
    const fetched = new Map<string, PostingSlice[]>();
    for (const row of await store.postings(this.db, view.segmentIds, missing)) {
      const n = row.postings.length / 5;
      let slice: PostingSlice = { ids: u32(row.postings, n), imps: new Uint8Array(row.postings.buffer, row.postings.byteOffset + n * 4, n) };
      const tomb = view.tombs.get(Number(row.segment_id));
      if (tomb) slice = dropTombstoned(slice, tomb);
      const list = fetched.get(row.term) ?? [];
      list.push(slice);
      fetched.set(row.term, list);
    }
    for (const t of missing) {
      const slices = fetched.get(t) ?? [];
      this.cache.set(t, slices);
      out.set(t, slices);
    }
    return out;
  }

  /**
   * The postings and weights of a long text's `maxTerms` strongest words. The words are ranked by
   * their stored posting counts (the index's covering index, no postings read), which include papers
   * tombstoned since the last merge; only the chosen words' postings are read, and they are weighed by
   * their exact frequency. A paper's abstract has ~80 words, and at a million papers its commonest
   * ones hold most of the postings: reading them only to rank them last was most of what similar
   * papers cost (about 230 ms for 80 common words, against 2 ms for their counts).
   */
  async strongest(q: ParsedQuery, view: SegmentView, maxTerms: number): Promise<{ lists: Map<string, PostingSlice[]>; weights: Map<string, number> }> {
    const n = Math.max(view.live, 1);
    const counted = await store.postingCounts(this.db, view.segmentIds, [...q.scoring.keys()]);
    const chosen = this.weightsByDf(q, (t) => counted.get(t) ?? 0, n, maxTerms);
    const lists = await this.postings([...chosen.keys()], view);
    const weights = this.weightsByDf(q, (t) => (chosen.has(t) ? documentFrequency(lists.get(t) ?? []) : 0), n, maxTerms);
    for (const t of lists.keys()) if (!weights.has(t)) lists.delete(t);
    return { lists, weights };
  }

  /** The weight of each scoring word that occurs anywhere (idf x saturated query frequency), strongest `maxTerms` only. */
  weights(q: ParsedQuery, lists: Map<string, PostingSlice[]>, n: number, maxTerms = MAX_SCORING_TERMS): Map<string, number> {
    return this.weightsByDf(q, (t) => documentFrequency(lists.get(t) ?? []), n, maxTerms);
  }

  private weightsByDf(q: ParsedQuery, dfOf: (term: string) => number, n: number, maxTerms: number): Map<string, number> {
    const scored: Array<[string, number]> = [];
    for (const [t, qtf] of q.scoring) {
      const df = dfOf(t);
      if (!df) continue;
      // Query-term frequency saturates like BM25's k3 so a pasted paragraph is not dominated by one word.
      scored.push([t, idf(df, n) * ((qtf * 9) / (qtf + 8)) * ((K1 + 1) / 255)]);
    }
    scored.sort((a, b) => b[1] - a[1]);
    return new Map(scored.slice(0, maxTerms));
  }
}
