import { paperText } from '../src/search/vector/embedder.js';
import { LsaEmbedder } from '../src/search/vector/lsa-embedder.js';
import { cosine } from '../src/search/vector/cosine.js';
import { fusedRanking } from '../src/search/vector/fusion.js';
import {
  lexicalSimilarity, similarityScores, yearsApart, SIMILAR_PAPERS_CANDIDATES, SIMILAR_PAPERS_CANDIDATE_TERMS, SIMILAR_PAPERS_LSA, SIMILAR_PAPERS_WEIGHTS, WORD_SIMILARITY_WEIGHTS,
  type SimilaritySignals, type SimilarityWeights,
} from '../src/search/similarity/similar-papers.js';
import { embeddingVectors } from '../src/store/embedding-vectors.js';
import { CHAR_GRAM_LENGTH, trainCharGrams, type CharGramTable } from '../src/search/similarity/char-grams.js';
import { charGramVector, gramCosine, type GramVector } from '../src/search/similarity/gram-vector.js';
import type { EvalQuery } from './collection.js';
import { words } from '../src/search/keyword/tokenize.js';
import { DEPTH, queryText, type Mode, type ModeContext } from './modes.js';
import { orderPool, type Ranker } from './ranking.js';

/** Corpus positions, paper ids and stored row ids (the keyword index's document ids) of one collection. */
export interface CorpusRows {
  ids: string[];
  row: Map<string, number>;
  stored: number[];
  byStored: Map<number, number>;
}

/** A collection's papers as vectors, the way similar papers sees them with one embedder. */
export interface SimilarSpace extends CorpusRows {
  vectors: Float32Array[];
  embed(text: string): Promise<Float32Array>;
  /** TF-IDF term vectors of the LSA model; null for an embedder without one (the product then scores 0). */
  terms: { of: Array<Map<number, number>>; embed(text: string): Map<number, number> } | null;
  /** Character n-gram TF-IDF vectors (src/search/similarity/char-grams.ts); null: the signal counts 0. */
  chars: CharSpace | null;
  /** Other vectors for the cosine signal (a regional model's, eval/instance.ts); candidates still come from `vectors`. */
  signal?: Float32Array[];
}

/** Looks up every paper's stored row id once per collection. */
export async function corpusRows(ctx: ModeContext): Promise<CorpusRows> {
  const hit = ctx.cache.get('rows') as CorpusRows | undefined;
  if (hit) return hit;
  const ids = ctx.imp.papers.map((p) => p.id);
  const rowIds = await embeddingVectors.rowIds(ctx.imp.db, ids);
  const stored = ids.map((id) => rowIds.get(id)!);
  const rows = { ids, row: new Map(ids.map((id, i) => [id, i])), stored, byStored: new Map(stored.map((r, i) => [r, i])) };
  ctx.cache.set('rows', rows);
  return rows;
}

/** Character n-gram vectors of each paper's text and title under one table, made when first asked for. */
export interface CharSpace {
  text(row: number): GramVector;
  title(row: number): GramVector;
  embed(text: string): GramVector;
}

/** The CharSpace of texts and titles (by corpus position); vectors are cached, only candidates need one. */
export function charVectors(table: CharGramTable, texts: readonly string[], titles: readonly string[]): CharSpace {
  const embed = (text: string): GramVector => charGramVector(table, text);
  const lazy = (of: readonly string[]): ((row: number) => GramVector) => {
    const cache = new Map<number, GramVector>();
    return (row) => {
      let v = cache.get(row);
      if (!v) cache.set(row, (v = embed(of[row]!)));
      return v;
    };
  };
  return { text: lazy(texts), title: lazy(titles), embed };
}

/** The collection's character n-gram vectors, counted on all its papers (a small instance's sample), once per collection. */
export function charSpace(ctx: ModeContext): CharSpace {
  const hit = ctx.cache.get('chars') as CharSpace | undefined;
  if (hit) return hit;
  const texts = ctx.imp.papers.map((p) => paperText(p.title, p.abstract));
  const chars = charVectors(trainCharGrams(texts), texts, ctx.imp.papers.map((p) => p.title));
  ctx.cache.set('chars', chars);
  return chars;
}

/** The corpus model "similar papers" uses (SIMILAR_PAPERS_LSA), trained once per collection. */
export async function lsaSpace(ctx: ModeContext): Promise<SimilarSpace> {
  const hit = ctx.cache.get('similar') as SimilarSpace | undefined;
  if (hit) return hit;
  const texts = ctx.imp.papers.map((p) => paperText(p.title, p.abstract));
  const t0 = performance.now();
  const model = LsaEmbedder.train(texts, SIMILAR_PAPERS_LSA);
  const t1 = performance.now();
  const vectors = texts.map((t) => model.embedOne(t));
  const of = texts.map((t) => model.termVector(t));
  const chars = charSpace(ctx);
  const t2 = performance.now();
  ctx.notes['similarLsa'] = { ...SIMILAR_PAPERS_LSA, vocabulary: model.vocabulary.size, trainSeconds: (t1 - t0) / 1000, embedMsPerPaper: (t2 - t1) / texts.length };
  const s: SimilarSpace = {
    ...(await corpusRows(ctx)), vectors, embed: async (text) => model.embedOne(text), terms: { of, embed: (text) => model.termVector(text) },
    chars,
  };
  ctx.cache.set('similar', s);
  return s;
}

/**
 * The product path of one query: the keyword index's best `limit` for the query's strongest words
 * and the `limit` nearest vectors form the candidates; each gets its three signals (BM25F of the
 * whole text, cosine, TF-IDF cosine); `similarityScores` fuses.
 */
async function fusedScores(ctx: ModeContext, m: SimilarSpace, q: EvalQuery, weights: SimilarityWeights, limit: number): Promise<Map<string, number>> {
  const text = words(queryText(ctx, q)).join(' ');
  const own = q.paperId !== undefined ? m.row.get(q.paperId) : undefined;
  const qv = own !== undefined ? m.vectors[own]! : await m.embed(text);
  const qt = m.terms ? (own !== undefined ? m.terms.of[own]! : m.terms.embed(text)) : null;
  const qc = m.chars ? (own !== undefined ? m.chars.text(own) : m.chars.embed(queryText(ctx, q))) : null;
  const qtc = m.chars && own !== undefined ? m.chars.title(own) : null;
  const top = await ctx.imp.keyword.topRows(text, limit + 1, SIMILAR_PAPERS_CANDIDATE_TERMS);
  const cos = m.vectors.map((v) => cosine(qv, v));
  const nearest = [...cos.keys()].sort((a, b) => cos[b]! - cos[a]!).slice(0, limit + 1);
  const rows = new Set([...nearest, ...top.flatMap(([r]) => m.byStored.get(r) ?? [])]);
  if (own !== undefined) rows.delete(own);
  const keyword = await ctx.imp.keyword.scoreRows(text, [...rows].map((r) => m.stored[r]!));
  const candidates: SimilaritySignals[] = [];
  const when = q.paperId !== undefined ? ctx.papers.get(q.paperId)?.publishedAt : undefined;
  for (const r of rows) {
    const lexical = qt && m.terms ? lexicalSimilarity(qt, m.terms.of[r]!) : 0;
    const apart = yearsApart(when, ctx.papers.get(m.ids[r]!)?.publishedAt);
    const semantic = m.signal && own !== undefined ? cosine(m.signal[own]!, m.signal[r]!) : cos[r]!;
    const chars = qc && m.chars ? { chars: gramCosine(qc, m.chars.text(r)), ...(qtc ? { titleChars: gramCosine(qtc, m.chars.title(r)) } : {}) } : {};
    candidates.push({ id: m.ids[r]!, keyword: keyword.get(m.stored[r]!), semantic, lexical, ...chars, yearsApart: apart });
  }
  return similarityScores(candidates, weights);
}

/** Ranks every query of a collection the way similar papers ranks with the given vectors. */
export function similarRanker(ctx: ModeContext, space: SimilarSpace, weights: SimilarityWeights, limit: number): Ranker {
  return async (q) => {
    const ranking = fusedRanking(await fusedScores(ctx, space, q, weights, limit));
    return q.pool ? orderPool(q.pool, ranking) : ranking.slice(0, DEPTH);
  };
}

export const SIMILAR_MODES: Mode[] = [
  {
    name: 'similar',
    about: `similar papers as the product ranks them: z-score fusion of LSA 64 (${SIMILAR_PAPERS_WEIGHTS.semantic}), character `
      + `${CHAR_GRAM_LENGTH}-grams of the texts (${SIMILAR_PAPERS_WEIGHTS.chars}) and of the titles (${SIMILAR_PAPERS_WEIGHTS.titleChars}) `
      + `over the best ${SIMILAR_PAPERS_CANDIDATES} of each index, less ${SIMILAR_PAPERS_WEIGHTS.perYearApart} per year between the two papers`,
    build: async (ctx) => similarRanker(ctx, await lsaSpace(ctx), SIMILAR_PAPERS_WEIGHTS, SIMILAR_PAPERS_CANDIDATES),
  },
  {
    name: 'similar-timeless',
    about: 'the same fusion without the time adjustment (publication dates ignored)',
    build: async (ctx) => similarRanker(ctx, await lsaSpace(ctx), { ...SIMILAR_PAPERS_WEIGHTS, perYearApart: 0 }, SIMILAR_PAPERS_CANDIDATES),
  },
  {
    name: 'similar-words',
    about: `the word signals a model without n-gram counts falls back to: BM25F (${WORD_SIMILARITY_WEIGHTS.keyword}), LSA 64 `
      + `(${WORD_SIMILARITY_WEIGHTS.semantic}) and TF-IDF cosine (${WORD_SIMILARITY_WEIGHTS.lexical}), less ${WORD_SIMILARITY_WEIGHTS.perYearApart} per year`,
    build: async (ctx) => similarRanker(ctx, await lsaSpace(ctx), WORD_SIMILARITY_WEIGHTS, SIMILAR_PAPERS_CANDIDATES),
  },
  {
    name: 'similar-all',
    about: 'the same fusion with every paper of the corpus as a candidate (checks the candidate limit)',
    build: async (ctx) => similarRanker(ctx, await lsaSpace(ctx), SIMILAR_PAPERS_WEIGHTS, ctx.imp.papers.length),
  },
];
