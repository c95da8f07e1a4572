import type { LsaOptions } from '../vector/lsa-embedder.js';
import { scoreFusion } from '../vector/fusion.js';

/**
 * What the product's "similar papers" knows about one candidate paper, relative to the query paper:
 * - `keyword`: the keyword index's BM25F score when searching with the query paper's title and abstract
 *   (any-word mode); absent when the candidate matched no word (counts as 0),
 * - `semantic`: cosine of the two papers' LSA vectors,
 * - `lexical`: cosine of the two papers' TF-IDF term vectors (`lexicalSimilarity`),
 * - `chars`: cosine of their character n-gram TF-IDF vectors (`charGramVector`); absent without a
 *   gram table (a model trained before there was one; counts as 0),
 * - `titleChars`: the same for the two titles alone (a title is the paper's own summary),
 * - `yearsApart`: how far apart the two papers were published, in years (`yearsApart`); absent when
 *   either date is unknown (no adjustment).
 */
export interface SimilaritySignals {
  id: string;
  keyword?: number;
  semantic: number;
  lexical: number;
  chars?: number;
  titleChars?: number;
  yearsApart?: number;
}

/** How much each signal counts in the fused score (they are z-scored first, so only ratios matter). */
export interface SimilarityWeights {
  keyword: number;
  semantic: number;
  lexical: number;
  /** Character n-grams (0 or absent: not used). */
  chars?: number;
  /** Character n-grams of the titles alone (0 or absent: not used). */
  titleChars?: number;
  /** Subtracted from the fused score per year between the two papers (0 = time plays no part). */
  perYearApart?: number;
}

/**
 * Weights chosen on the CSFCube dev fold (`node dist/eval/similar-sweep.js` prints the grid, by the
 * dev fold's MAP + NDCG%20): the LSA cosine carries most of the ranking; the character n-gram cosines
 * of the whole texts and of the titles (char-grams.ts) correct it where the papers share long technical
 * words or pieces of them. With the n-grams in, BM25F and the word TF-IDF cosine lowered the dev fold's
 * scores at every weight tried, so they count 0 (the keyword index still supplies half the candidates).
 * Papers of the same period are likelier to be related (in CSFCube's judgments a candidate ten or more
 * years older than the query is relevant a fifth as often as a contemporary): each year apart costs 0.03.
 * Chosen again on the converged LSA model (SIMILAR_PAPERS_LSA): titles 0.06 and 0.03 a year, where the
 * model of 8 SVD passes had picked 0.05 and 0.05 (the two score within 0.1 of each other on dev).
 */
export const SIMILAR_PAPERS_WEIGHTS: Readonly<SimilarityWeights> = Object.freeze({ keyword: 0, semantic: 0.6, lexical: 0, chars: 0.075, titleChars: 0.06, perYearApart: 0.03 });

/**
 * The weights for a model without character n-gram counts (trained by an older version, until it is
 * retrained or `paperboy reindex` runs): BM25F and the word TF-IDF cosine, the dev fold's best before.
 */
export const WORD_SIMILARITY_WEIGHTS: Readonly<SimilarityWeights> = Object.freeze({ keyword: 0.25, semantic: 0.6, lexical: 0.15, chars: 0, perYearApart: 0.05 });

const DAY_MS = 86_400_000;

/** Years between two publication dates (ISO strings), or undefined when either is missing or invalid. */
export function yearsApart(a: string | null | undefined, b: string | null | undefined): number | undefined {
  const ta = a ? Date.parse(a) : NaN, tb = b ? Date.parse(b) : NaN;
  if (Number.isNaN(ta) || Number.isNaN(tb)) return undefined;
  return Math.abs(ta - tb) / (365.25 * DAY_MS);
}

/**
 * The LSA model "similar papers" was measured with: 64 dimensions over words in at least 3 papers of
 * the instance's own corpus, each paper embedded from `paperText` (title twice, then the abstract),
 * and 32 power iterations of the randomized SVD, enough for it to converge: with 8, which random start
 * it took moved CSFCube's test MAP between 38.9 and 40.6, and so did any small change of vocabulary.
 */
export const SIMILAR_PAPERS_LSA: Readonly<LsaOptions> = Object.freeze({ dimensions: 64, minDocFreq: 3, iterations: 32 });

/**
 * How many of the query paper's words (the strongest by BM25 weight) choose the keyword candidates;
 * every candidate is then scored with all of them. Ranking a million papers by all 64 scoring words
 * of an abstract costs ~100 ms, mostly in the commonest words' long lists. On CSFCube the candidates
 * of the strongest 16, 24 or 32 words score within 0.1 of all 64 (dev fold: 42.1 MAP each); 16 is
 * the cheapest (similar papers ~40 ms warm at 1,000,000 papers instead of ~65 ms with 32).
 */
export const SIMILAR_PAPERS_CANDIDATE_TERMS = 16;

/** How many nearest papers each signal contributes to the candidate set of one similar-papers query. */
export const SIMILAR_PAPERS_CANDIDATES = 300;

/**
 * Fuses the signals of a query paper's candidates into one score per candidate (higher = more similar):
 * each signal is standardised over the candidates (z-scores), then weighted and summed. Pure: the
 * caller gathers the candidates (the union of the keyword index's and the vector index's best
 * `SIMILAR_PAPERS_CANDIDATES`) and their signals; the query paper itself must not be among them.
 */
export function similarityScores(candidates: readonly SimilaritySignals[], weights: Readonly<SimilarityWeights> = SIMILAR_PAPERS_WEIGHTS): Map<string, number> {
  if (candidates.length === 0) return new Map();
  const keyword = new Map<string, number>();
  for (const c of candidates) if (c.keyword !== undefined) keyword.set(c.id, c.keyword);
  const fused = scoreFusion([
    { scores: keyword, weight: weights.keyword, missing: 0 },
    { scores: new Map(candidates.map((c) => [c.id, c.semantic])), weight: weights.semantic },
    { scores: new Map(candidates.map((c) => [c.id, c.lexical])), weight: weights.lexical },
    { scores: new Map(candidates.map((c) => [c.id, c.chars ?? 0])), weight: weights.chars ?? 0 },
    { scores: new Map(candidates.map((c) => [c.id, c.titleChars ?? 0])), weight: weights.titleChars ?? 0 },
  ]);
  const perYear = weights.perYearApart ?? 0;
  if (perYear) for (const c of candidates) if (c.yearsApart !== undefined) fused.set(c.id, fused.get(c.id)! - perYear * c.yearsApart);
  return fused;
}

/** Cosine of two sparse unit-length term vectors (`LsaEmbedder.termVector`). */
export function lexicalSimilarity(a: ReadonlyMap<number, number>, b: ReadonlyMap<number, number>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let s = 0;
  for (const [t, v] of small) {
    const w = large.get(t);
    if (w !== undefined) s += v * w;
  }
  return s;
}
