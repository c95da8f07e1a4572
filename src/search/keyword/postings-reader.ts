import type { Db } from '../../db/db.js';
import { searchIndexStore as store } from '../../store/search-index-store.js';
import type { ParsedQuery } from './query-parse.js';
import type { PostingSlice } from './evaluate.js';
import { SegmentCache, u32, type SegmentView } from './segment-cache.js';
import { PostingsCache } from './postings-cache.js';
import { K1 } from './segment-builder.js';

/** At most this many query words score (the strongest by weight); a pasted page stays bounded. */
export const MAX_SCORING_TERMS = 64;

/** At most this many document frequencies are remembered (~20 MB). */
const DF_TERMS = 200_000;

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
  /**
   * Each term's live document frequency, once its postings were read in this index generation: a few
   * bytes a term, kept when the decoded postings are not, so `strongest` need not read a common word's
   * long list again only to find that it is too weak to score.
   */
  private readonly dfs = new Map<string, number>();
  private dfGeneration = '';

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
    this.syncDfs(view.generation);
    // Bounded: a server that is never re-indexed could otherwise keep every word it was ever asked.
    if (this.dfs.size + out.size > DF_TERMS) this.dfs.clear();
    for (const [t, slices] of out) this.dfs.set(t, documentFrequency(slices));
    return out;
  }

  private syncDfs(generation: string): void {
    if (generation === this.dfGeneration) return;
    this.dfs.clear();
    this.dfGeneration = generation;
  }

  /**
   * The postings and weights of a long text's `maxTerms` strongest words, as `weights` chooses them
   * from every word's postings, but reading only the chosen words' postings and those of words whose
   * document frequency this generation has not seen yet. A paper's abstract has ~80 words, and at a
   * million papers its commonest ones hold most of the postings: reading them only to rank them
   * last was most of what similar papers cost.
   */
  async strongest(q: ParsedQuery, view: SegmentView, maxTerms: number): Promise<{ lists: Map<string, PostingSlice[]>; weights: Map<string, number> }> {
    this.syncDfs(view.generation);
    // A snapshot for this query: the shared map may be cleared (bounded, or another generation) while it reads.
    const df = new Map<string, number>();
    const unseen: string[] = [];
    for (const t of q.scoring.keys()) {
      const known = this.dfs.get(t);
      if (known === undefined) unseen.push(t);
      else df.set(t, known);
    }
    const read = unseen.length ? await this.postings(unseen, view) : new Map<string, PostingSlice[]>();
    for (const [t, slices] of read) df.set(t, documentFrequency(slices));
    const weights = this.weightsByDf(q, (t) => df.get(t) ?? 0, Math.max(view.live, 1), maxTerms);
    const more = [...weights.keys()].filter((t) => !read.has(t));
    const rest = more.length ? await this.postings(more, view) : new Map<string, PostingSlice[]>();
    const lists = new Map<string, PostingSlice[]>();
    for (const t of weights.keys()) lists.set(t, read.get(t) ?? rest.get(t) ?? []);
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
