import { embeddingVectors } from '../../store/embedding-vectors.js';
import { terms } from '../keyword/tokenize.js';
import type { ModeSearchOptions, ModeSearchOutcome, SearchMode } from './semantic-search.js';
import { queryFilter, meaningText } from './query-filter.js';
import { fuseRows, rankRows, toRanked, type Engine, type RowScores } from './semantic-engine.js';
import type { Loaded } from './semantic-state.js';
import { LONG_QUERY_TERMS, keepVerified, meaningVector, newestFirst } from './ranking-steps.js';

/**
 * The share of the corpus a paper of a set must be among, by closeness in meaning, to count as a
 * match of that set's search. A small set (a day's papers) always has a closest paper, related or
 * not; ranked against the corpus, only those close enough count: a top-k over a month of papers had
 * kept about this share (500 of ~11,000 on the walk-through instance).
 */
export const WITHIN_MEANING_SHARE = 0.05;
/** Corpus papers sampled to place that cut. */
const CUT_SAMPLE = 4096;

/** The cosine to `q` that the closest `share` of the corpus reaches, from an evenly spaced sample. */
export function meaningCut(l: Loaded, q: Float32Array, share = WITHIN_MEANING_SHARE): number {
  const index = l.index;
  const step = Math.max(1, Math.floor(index.slots / CUT_SAMPLE));
  const seen: number[] = [];
  const prepared = index.prepare(q);
  for (let s = 0; s < index.slots; s += step) if (index.rowIds[s]! >= 0) seen.push(index.scoreSlot(prepared, s));
  if (!seen.length) return -Infinity;
  seen.sort((a, b) => b - a);
  return seen[Math.min(seen.length - 1, Math.floor(seen.length * share))]!;
}

/** The cosines to `q` of the given rows that have a vector, `mask` allows and reach `min`. */
export function cosinesWithin(l: Loaded, q: Float32Array, rows: Iterable<number>, mask: Uint8Array | null, min = -Infinity): RowScores {
  const out: RowScores = new Map();
  for (const row of rows) {
    const s = mask && !mask[row] ? null : l.index.score(q, row);
    if (s !== null && s >= min) out.set(row, s);
  }
  return out;
}

/**
 * A search of any mode among the given papers only (a digest period's): every one of them is
 * scored (its exact keyword score, its cosine), so none is lost to a top-k cut over the corpus, and
 * those without the words count only when close in meaning by the corpus's measure.
 * Filters in the query apply as in any search; filters alone list the papers newest first.
 */
export async function withinSearch(e: Engine, query: string, opts: ModeSearchOptions, within: readonly string[]): Promise<ModeSearchOutcome> {
  const limit = Math.max(0, Math.floor(opts.limit));
  const offset = Math.max(0, Math.floor(opts.offset ?? 0));
  const rows = [...(await embeddingVectors.rowIds(e.db, within)).values()];
  const text = meaningText(query);
  const meaningTerms = terms(text).length;
  const kw = await e.keyword.matchRows(query, rows, meaningTerms >= LONG_QUERY_TERMS ? 'any' : 'all');
  let scores: RowScores = kw;
  let mode: SearchMode = 'keyword';
  let degraded: string | undefined;
  if (opts.mode !== 'keyword' && meaningTerms > 0) {
    const m = await meaningVector(e, text);
    if ('degraded' in m) degraded = m.degraded;
    else {
      const filter = await queryFilter(e.db, e.segments, query);
      // Papers with the words, and papers close enough in meaning (see WITHIN_MEANING_SHARE).
      const vec = cosinesWithin(m.l, m.q, rows, filter?.mask ?? null, meaningCut(m.l, m.q));
      scores = new Map(await keepVerified(e, filter, rankRows(opts.mode === 'hybrid' ? fuseRows(m.l, m.q, kw, vec, false) : vec)));
      mode = opts.mode;
    }
  }
  const ranked = rankRows(scores);
  if (opts.sort === 'date' || meaningTerms === 0) await newestFirst(e, ranked);
  const hits = (await toRanked(e, ranked.slice(offset, offset + limit))).map(({ paperId, title, score }) => ({ paperId, title, score }));
  return { ok: true, hits, total: ranked.length, mode, ...(degraded ? { degraded } : {}), ...(meaningTerms === 0 ? { filtersOnly: true } : {}) };
}
