import type { Db } from '../../db/db.js';
import type { KeywordIndex } from '../keyword/keyword-index.js';
import type { SegmentCache } from '../keyword/segment-cache.js';
import { searchIndexStore } from '../../store/search-index-store.js';
import { scoreFusion } from '../vector/fusion.js';
import { SIMILAR_PAPERS_CANDIDATE_TERMS } from '../similarity/similar-papers.js';
import type { RankedPaper } from './semantic-search.js';
import type { Loaded, SemanticState } from './semantic-state.js';

/** Most results a semantic or hybrid ranking returns (deeper pages add nothing a reader uses). */
export const MAX_RESULTS = 1000;
/** Keyword results fused with the vector ranking (at least; more when a deeper page is asked for). */
export const KEYWORD_POOL = 200;
/**
 * Weights of z-score fusion, keyword then vector. Measured in `npm run eval` (mode hybrid-kw70):
 * 0.7/0.3 keeps short queries as good as keyword alone (CACM 35.9 MAP) and adds meaning where
 * words differ (CISI 24.6 vs 22.3); equal weights dropped CACM to 33.1.
 */
export const FUSION_WEIGHTS = { keyword: 0.7, vector: 0.3 };

/** What the search, similar and recommend code share: the stores, the keyword index and the vector state. */
export interface Engine {
  db: Db;
  keyword: KeywordIndex;
  segments: SegmentCache;
  state: SemanticState;
  /** How long a search waits for a first load of the vectors (see SemanticDeps.loadWaitMs). */
  loadWaitMs?: number;
  /** Logs a failure of the embedding model once per run of failures. */
  warn(message: string): void;
  /** Why no model can rank yet (see notReadyReason): being trained, being built, too few papers. */
  notReady(): Promise<string>;
  ok(): void;
}

/** A row-id ranking: paper row id -> score, best first when iterated from `fusedRows`. */
export type RowScores = Map<number, number>;

/**
 * Fuses a keyword ranking with the vector ranking by standardised scores. Every candidate of
 * either list gets its exact cosine from the in-memory vectors; a paper the keyword list did not
 * return counts as its lowest score (`truncated`) or 0 (the list held every match).
 */
export function fuseRows(l: Loaded, q: Float32Array, kw: RowScores, vec: RowScores, truncated: boolean): RowScores {
  const cos = new Map<string, number>();
  const words = new Map<string, number>();
  for (const id of new Set([...kw.keys(), ...vec.keys()])) {
    const s = vec.get(id) ?? l.index.score(q, id);
    if (s !== null) cos.set(String(id), s);
  }
  for (const [id, s] of kw) words.set(String(id), s);
  const kwFloor = truncated && kw.size ? Math.min(...kw.values()) : 0;
  const fused = scoreFusion([
    { scores: words, weight: FUSION_WEIGHTS.keyword, missing: kwFloor },
    { scores: cos, weight: FUSION_WEIGHTS.vector },
  ]);
  return new Map([...fused].map(([id, s]) => [Number(id), s]));
}

/**
 * Keyword scores for a long text (a pasted abstract, a paper's own title and abstract; plain words):
 * the candidates are the keyword index's best `pool` for the text's strongest
 * SIMILAR_PAPERS_CANDIDATE_TERMS words plus `vectorRows`, and each gets its exact any-word BM25F for
 * the whole text (absent: no word matched; none at all when `score` is false, for a caller that does
 * not weigh them). Ranking the corpus by every word of an abstract would read the commonest words'
 * whole postings lists, ~100 ms at 1,000,000 papers.
 */
export async function longTextKeyword(e: Engine, plain: string, pool: number, vectorRows: Iterable<number>, exclude?: number, score = true): Promise<{ candidates: Set<number>; scores: RowScores }> {
  const top = plain ? await e.keyword.topRows(plain, pool, SIMILAR_PAPERS_CANDIDATE_TERMS) : [];
  const candidates = new Set([...top.map(([id]) => id), ...vectorRows]);
  if (exclude !== undefined) candidates.delete(exclude);
  const scores = plain && score ? await e.keyword.scoreRows(plain, [...candidates]) : new Map<number, number>();
  return { candidates, scores };
}

/** Row ids by score, best first, ties by lower row id. */
export function rankRows(scores: RowScores): Array<[number, number]> {
  return [...scores].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
}

/** Titles and public ids of ranked rows (rows deleted meanwhile are skipped). */
export async function toRanked(e: Engine, rows: ReadonlyArray<[number, number]>): Promise<Array<RankedPaper & { rowId: number; abstract: string | null }>> {
  const papers = await searchIndexStore.papersByRowId(e.db, rows.map((r) => r[0]));
  return rows.flatMap(([rowId, score]) => {
    const p = papers.get(rowId);
    return p ? [{ rowId, paperId: p.paperId, title: p.title, abstract: p.abstract, score: Math.round(score * 10000) / 10000 }] : [];
  });
}
