import { terms, words } from '../keyword/tokenize.js';
import type { ModeSearchOptions, ModeSearchOutcome, RankedPaper } from './semantic-search.js';
import { queryFilter, meaningText } from './query-filter.js';
import { withinSearch } from './within-search.js';
import { LONG_QUERY_TERMS, filteredHits, keepVerified, meaningVector, newestFirst } from './ranking-steps.js';
import { KEYWORD_POOL, MAX_RESULTS, fuseRows, longTextKeyword, rankRows, toRanked, type Engine, type RowScores } from './semantic-engine.js';

async function keywordOnly(e: Engine, query: string, opts: ModeSearchOptions, degraded?: string): Promise<ModeSearchOutcome> {
  const long = terms(meaningText(query)).length >= LONG_QUERY_TERMS;
  const r = await e.keyword.search(query, { limit: opts.limit, offset: opts.offset ?? 0, sort: opts.sort, match: long ? 'any' : 'all' });
  if (!r.ok) return r;
  const hits: RankedPaper[] = r.hits.map((h) => ({ paperId: h.paperId, title: h.title, score: h.score }));
  return { ok: true, hits, total: r.total, mode: 'keyword', ...(degraded ? { degraded } : {}), ...(r.filtersOnly ? { filtersOnly: true } : {}) };
}

/**
 * One search in any mode. Semantic ranks the query's meaning (its words without the filters) by
 * cosine over the vector index; hybrid fuses that with the keyword index's BM25 by z-scores.
 * Filters (author:, category:, year:, -word) are evaluated exactly on the keyword index's postings
 * and restrict the vector scan itself, so a filtered query never loses results to over-fetching.
 * Long pasted text ranks by any of its words. Without a usable model the keyword ranking answers,
 * with `degraded` saying why. With `within`, only those papers are searched (within-search.ts).
 */
export async function modeSearch(e: Engine, query: string, opts: ModeSearchOptions): Promise<ModeSearchOutcome> {
  if (opts.within) return withinSearch(e, query, opts, opts.within);
  const limit = Math.max(0, Math.floor(opts.limit));
  const offset = Math.max(0, Math.floor(opts.offset ?? 0));
  const o = { ...opts, limit, offset };
  const text = meaningText(query);
  const meaningTerms = terms(text).length;
  // Filters alone (`category:cs.CL year:2025`) ask for a listing, not a ranking: nothing failed,
  // whatever state the semantic model is in.
  if (opts.mode === 'keyword' || meaningTerms === 0) return keywordOnly(e, query, o);
  const meaning = await meaningVector(e, text);
  if ('degraded' in meaning) return keywordOnly(e, query, o, meaning.degraded);
  const { l: loaded, q } = meaning;
  const long = meaningTerms >= LONG_QUERY_TERMS;
  const filter = await queryFilter(e.db, e.segments, query);
  const need = Math.min(MAX_RESULTS, offset + limit);
  const pool = Math.min(MAX_RESULTS, Math.max(need * (filter?.needsVerify ? 2 : 1), 100));
  const vecHits = filteredHits(loaded, q, pool, filter);
  let scores: RowScores = new Map(vecHits.map((h) => [h.rowId, h.score]));
  let total = Math.min(MAX_RESULTS, filter ? filter.count : loaded.index.live);
  if (opts.mode === 'hybrid' && long && !filter) {
    // Pasted text: keyword candidates from its strongest words, each scored with all of them.
    const kw = await longTextKeyword(e, words(query).join(' '), Math.max(KEYWORD_POOL, need), scores.keys());
    scores = fuseRows(loaded, q, kw.scores, scores, false);
  } else if (opts.mode === 'hybrid') {
    const kwLimit = Math.max(KEYWORD_POOL, need);
    const kw = await e.keyword.searchRows(query, { limit: kwLimit, match: long ? 'any' : 'all' });
    if (kw.ok) {
      scores = fuseRows(loaded, q, new Map(kw.rows), scores, kw.total > kw.rows.length);
      total = Math.min(MAX_RESULTS, Math.max(total, kw.total));
    }
  }
  const ranked = await keepVerified(e, filter, rankRows(scores).slice(0, pool));
  if (filter?.needsVerify) total = Math.min(total, ranked.length);
  if (opts.sort === 'date') await newestFirst(e, ranked);
  const hits = (await toRanked(e, ranked.slice(offset, offset + limit))).map(({ paperId, title, score }) => ({ paperId, title, score }));
  return { ok: true, hits, total: Math.max(total, Math.min(ranked.length, MAX_RESULTS)), mode: opts.mode };
}
