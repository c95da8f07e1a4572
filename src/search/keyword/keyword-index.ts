import type { Db } from '../../db/db.js';
import type { Problem } from '../../model/paper-record.js';
import { silentProgress, type Progress } from '../../progress/progress.js';
import { searchIndexStore as store } from '../../store/search-index-store.js';
import { parseQuery, type ParsedQuery } from './query-parse.js';
import { evaluate, topK, type PostingSlice } from './evaluate.js';
import type { SegmentView } from './segment-cache.js';
import { MAX_SCORING_TERMS, PostingsReader } from './postings-reader.js';
import { verify } from './verify.js';
import { scoreRows } from './score-rows.js';
import { KeywordIndexer } from './keyword-indexer.js';

/** Options of one keyword query. */
export interface KeywordOptions {
  limit?: number;
  offset?: number;
  sort?: 'relevance' | 'date';
  /** `all` (default): every word must match, falling back to `any` when nothing does. */
  match?: 'all' | 'any';
}

/** One ranked result. */
export interface KeywordHit {
  paperId: string;
  title: string;
  score: number;
}

/** `filtersOnly`: the query had no word to score (`category:cs.CL year:2025`), so its matches come newest first. */
export type KeywordOutcome = { ok: true; hits: KeywordHit[]; total: number; match: 'all' | 'any'; filtersOnly?: true } | { ok: false; problem: Problem };

/** A ranking as [row id, score] pairs (scores rounded as in hits). */
export type KeywordRowsOutcome = { ok: true; rows: Array<[number, number]>; total: number; match: 'all' | 'any'; filtersOnly?: true } | { ok: false; problem: Problem };

/** Phrases and full author names are checked on the papers' text: the postings cannot tell them. */
function checksText(q: ParsedQuery): boolean {
  return q.phrases.length > 0 || q.authorNames.length > 0;
}

/** Scores are reported to four decimals, the same wherever they come from. */
function roundScore(s: number): number {
  return Math.round(s * 10000) / 10000;
}

/**
 * The keyword (BM25F) index kept in the database beside the papers, so SQLite and PostgreSQL give
 * the same results from the same code. Writes happen in immutable segments; queries read only the
 * postings of their own terms.
 */
export class KeywordIndex {
  private readonly reader: PostingsReader;
  private readonly writer: KeywordIndexer;

  /**
   * `cacheBytes`: memory for decoded postings of hot terms (0 disables it). `serving`: the process
   * answers requests (`serve`), so all but the smallest segments are built on the builder thread.
   */
  constructor(readonly db: Db, opts: { cacheBytes?: number; serving?: boolean } = {}) {
    this.reader = new PostingsReader(db, opts.cacheBytes ?? 256 * 1024 * 1024);
    this.writer = new KeywordIndexer(db, opts.serving === true, () => this.reader.invalidate());
  }

  /**
   * Indexes every paper the upsert pipeline queued and waits for it; with `minPending`, does nothing
   * until at least that many are queued.
   */
  indexPending(progress: Progress = silentProgress, opts: { minPending?: number } = {}): Promise<number> {
    return this.writer.indexPending(progress, opts);
  }

  /** Starts indexing a full queued segment on the builder thread and returns at once (imports). */
  indexInBackground(): void {
    this.writer.indexInBackground();
  }

  /** Stops the builder thread (when one was started). */
  close(): Promise<void> {
    return this.writer.close();
  }

  /** Drops the index and builds it again from every paper (after changing how text is indexed). */
  rebuild(progress: Progress = silentProgress): Promise<number> {
    return this.writer.rebuild(progress);
  }

  /** Postings and term weights of an any-word query over the current segments. */
  private async anyWord(query: string, maxTerms: number): Promise<{ q: ParsedQuery; view: SegmentView; lists: Map<string, PostingSlice[]>; weights: Map<string, number> }> {
    const q = parseQuery(query, 'any');
    const view = await this.reader.view();
    return { q, view, ...(await this.reader.strongest(q, view, maxTerms)) };
  }

  /**
   * The best `limit` papers for a text read as any word, as [row id, score] without reading any
   * paper; only the `maxTerms` strongest words score, so a long text can skip its commonest words
   * (candidate generation for similar papers, whose candidates `scoreRows` then scores in full).
   */
  async topRows(text: string, limit: number, maxTerms = MAX_SCORING_TERMS): Promise<Array<[number, number]>> {
    const { q, view, lists, weights } = await this.anyWord(text, maxTerms);
    if (q.empty || !weights.size) return [];
    const cands = evaluate(q, { lists, weights, dayOf: view.dayOf, maxDoc: view.maxDoc });
    return topK(cands, limit, view.dayOf, false).map((i) => [cands.ids[i]!, roundScore(cands.scores[i]!)]);
  }

  /** The scores `search(text, { match: 'any' })` gives the given papers (absent: no word matched), without ranking the corpus. */
  async scoreRows(text: string, rowIds: readonly number[]): Promise<Map<number, number>> {
    const { q, lists, weights } = await this.anyWord(text, MAX_SCORING_TERMS);
    if (q.empty || q.required.length || q.excluded.length) return new Map();
    return new Map([...scoreRows(lists, weights, rowIds)].map(([id, s]) => [id, roundScore(s)]));
  }

  /** Ranks papers for a user query. Never throws for any input: unusable queries come back as problems. */
  async search(query: string, opts: KeywordOptions = {}): Promise<KeywordOutcome> {
    const r = await this.searchRows(query, opts);
    if (!r.ok) return r;
    const { rows, ...rest } = r;
    return { ...rest, hits: await this.hits(rows) };
  }

  /** `search` as [row id, score] pairs, without reading the papers (callers that fuse rankings by row id). */
  async searchRows(query: string, opts: KeywordOptions = {}): Promise<KeywordRowsOutcome> {
    const limit = Math.max(0, Math.floor(opts.limit ?? 20));
    const offset = Math.max(0, Math.floor(opts.offset ?? 0));
    const first = await this.run(parseQuery(query, opts.match ?? 'all'), limit, offset, opts.sort === 'date');
    if (!first.ok || first.total > 0 || opts.match === 'any') return first;
    const retry = parseQuery(query, 'any');
    if (retry.scoring.size < 2) return first;
    return this.run(retry, limit, offset, opts.sort === 'date');
  }

  /**
   * Which of `rowIds` match a query, with their scores (0 for filters alone): a query answered
   * inside a known set of papers, such as a digest's period, however many other papers match it
   * (a top-k search would have to reach them first).
   */
  async matchRows(query: string, rowIds: readonly number[], match: 'all' | 'any' = 'all'): Promise<Map<number, number>> {
    const q = parseQuery(query, match);
    if (q.empty) return new Map();
    const { view, lists, weights } = await this.postingsFor(q);
    if (!q.required.length && !weights.size) return new Map();
    const cands = evaluate(q, { lists, weights, dayOf: view.dayOf, maxDoc: view.maxDoc });
    const wanted = new Set(rowIds);
    const found: Array<[number, number]> = [];
    for (let i = 0; i < cands.count; i++) if (wanted.has(cands.ids[i]!)) found.push([cands.ids[i]!, roundScore(cands.scores[i]!)]);
    if (!checksText(q)) return new Map(found);
    const ok = await verify(this.db, q, found.map((f) => f[0]));
    return new Map(found.filter((_, j) => ok[j]));
  }

  private async postingsFor(q: ParsedQuery): Promise<{ view: SegmentView; lists: Map<string, PostingSlice[]>; weights: Map<string, number> }> {
    const view = await this.reader.view();
    const terms = [...new Set([...q.scoring.keys(), ...q.excluded, ...q.required.flatMap((g) => g.terms)])];
    const lists = await this.reader.postings(terms, view);
    return { view, lists, weights: this.reader.weights(q, lists, Math.max(view.live, 1)) };
  }

  private async run(q: ParsedQuery, limit: number, offset: number, byDate: boolean): Promise<KeywordRowsOutcome> {
    const match = q.required.some((g) => !g.terms.every((t) => t.includes(':'))) ? 'all' : 'any';
    if (q.empty) return { ok: false, problem: { source: 'q', message: 'the query has no searchable words (only punctuation or very common words)' } };
    const { view, lists, weights } = await this.postingsFor(q);
    if (!q.required.length && !weights.size) return { ok: true, rows: [], total: 0, match };
    const cands = evaluate(q, { lists, weights, dayOf: view.dayOf, maxDoc: view.maxDoc });
    // Filters alone score every match 0: the only order that means anything is newest first.
    const filtersOnly = weights.size === 0;
    const only = filtersOnly ? { filtersOnly } : {};
    byDate ||= filtersOnly;
    const needed = offset + limit;
    if (!checksText(q)) {
      const best = topK(cands, needed, view.dayOf, byDate).slice(offset);
      return { ok: true, rows: best.map((i) => [cands.ids[i]!, roundScore(cands.scores[i]!)]), total: cands.count, match, ...only };
    }
    // Phrases and full author names are checked on the text, best candidates first.
    let want = Math.max(needed * 2, 50);
    for (;;) {
      const order = topK(cands, Math.min(want, cands.count), view.dayOf, byDate);
      const ok = await verify(this.db, q, order.map((i) => cands.ids[i]!));
      const kept = order.filter((_, j) => ok[j]);
      if (kept.length >= needed || order.length >= cands.count) {
        const total = order.length >= cands.count ? kept.length : Math.round((kept.length / order.length) * cands.count);
        return { ok: true, rows: kept.slice(offset, needed).map((i) => [cands.ids[i]!, roundScore(cands.scores[i]!)]), total, match, ...only };
      }
      want *= 4;
    }
  }

  private async hits(pairs: Array<[number, number]>): Promise<KeywordHit[]> {
    const papers = await store.papersByRowId(this.db, pairs.map((p) => p[0]));
    return pairs.flatMap(([id, score]) => {
      const p = papers.get(id);
      return p ? [{ paperId: p.paperId, title: p.title, score }] : [];
    });
  }
}
