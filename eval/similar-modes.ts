import { paperText } from '../src/search/vector/embedder.js';
import { LsaEmbedder } from '../src/search/vector/lsa-embedder.js';
import { cosine } from '../src/search/vector/cosine.js';
import { fusedRanking } from '../src/search/vector/fusion.js';
import {
  lexicalSimilarity, similarityScores, SIMILAR_PAPERS_CANDIDATES, SIMILAR_PAPERS_CANDIDATE_TERMS, SIMILAR_PAPERS_LSA, SIMILAR_PAPERS_WEIGHTS,
  type SimilaritySignals, type SimilarityWeights,
} from '../src/search/similarity/similar-papers.js';
import { embeddingVectors } from '../src/store/embedding-vectors.js';
import type { EvalQuery } from './collection.js';
import { words } from '../src/search/keyword/tokenize.js';
import { DEPTH, queryText, type Mode, type ModeContext } from './modes.js';
import { orderPool, type Ranker } from './ranking.js';

interface SimilarModel {
  model: LsaEmbedder;
  ids: string[];
  vectors: Float32Array[];
  termVectors: Array<Map<number, number>>;
  row: Map<string, number>;
  /** Stored row id (the keyword index's document id) of each corpus position, and back. */
  stored: number[];
  byStored: Map<number, number>;
}

/** The corpus model "similar papers" uses (SIMILAR_PAPERS_LSA), trained once per collection. */
async function similarModel(ctx: ModeContext): Promise<SimilarModel> {
  const hit = ctx.cache.get('similar') as SimilarModel | undefined;
  if (hit) return hit;
  const texts = ctx.imp.papers.map((p) => paperText(p.title, p.abstract));
  const t0 = performance.now();
  const model = LsaEmbedder.train(texts, SIMILAR_PAPERS_LSA);
  const t1 = performance.now();
  const vectors = texts.map((t) => model.embedOne(t));
  const termVectors = texts.map((t) => model.termVector(t));
  const t2 = performance.now();
  ctx.notes['similarLsa'] = { ...SIMILAR_PAPERS_LSA, vocabulary: model.vocabulary.size, trainSeconds: (t1 - t0) / 1000, embedMsPerPaper: (t2 - t1) / texts.length };
  const ids = ctx.imp.papers.map((p) => p.id);
  const rowIds = await embeddingVectors.rowIds(ctx.imp.db, ids);
  const stored = ids.map((id) => rowIds.get(id)!);
  const s = { model, ids, vectors, termVectors, row: new Map(ids.map((id, i) => [id, i])), stored, byStored: new Map(stored.map((r, i) => [r, i])) };
  ctx.cache.set('similar', s);
  return s;
}

/**
 * The product path of one query: the keyword index's best `limit` for the query text and the
 * `limit` nearest LSA vectors form the candidates; each gets its three signals; `similarityScores` fuses.
 */
async function fusedScores(ctx: ModeContext, q: EvalQuery, weights: SimilarityWeights, limit: number): Promise<Map<string, number>> {
  const m = await similarModel(ctx);
  const text = words(queryText(ctx, q)).join(' ');
  const own = q.paperId !== undefined ? m.row.get(q.paperId) : undefined;
  const qv = own !== undefined ? m.vectors[own]! : m.model.embedOne(text);
  const qt = own !== undefined ? m.termVectors[own]! : m.model.termVector(text);
  const top = await ctx.imp.keyword.topRows(text, limit + 1, SIMILAR_PAPERS_CANDIDATE_TERMS);
  const cos = m.vectors.map((v) => cosine(qv, v));
  const nearest = [...cos.keys()].sort((a, b) => cos[b]! - cos[a]!).slice(0, limit + 1);
  const rows = new Set([...nearest, ...top.flatMap(([r]) => m.byStored.get(r) ?? [])]);
  if (own !== undefined) rows.delete(own);
  const keyword = await ctx.imp.keyword.scoreRows(text, [...rows].map((r) => m.stored[r]!));
  const candidates: SimilaritySignals[] = [];
  for (const r of rows) {
    candidates.push({ id: m.ids[r]!, keyword: keyword.get(m.stored[r]!), semantic: cos[r]!, lexical: lexicalSimilarity(qt, m.termVectors[r]!) });
  }
  return similarityScores(candidates, weights);
}

function ranker(ctx: ModeContext, weights: SimilarityWeights, limit: number): Ranker {
  return async (q) => {
    const ranking = fusedRanking(await fusedScores(ctx, q, weights, limit));
    return q.pool ? orderPool(q.pool, ranking) : ranking.slice(0, DEPTH);
  };
}

export const SIMILAR_MODES: Mode[] = [
  {
    name: 'similar',
    about: `similar papers as the product ranks them: z-score fusion of BM25F (${SIMILAR_PAPERS_WEIGHTS.keyword}), LSA 64 `
      + `(${SIMILAR_PAPERS_WEIGHTS.semantic}) and TF-IDF cosine (${SIMILAR_PAPERS_WEIGHTS.lexical}) over the best ${SIMILAR_PAPERS_CANDIDATES} of each index`,
    build: async (ctx) => ranker(ctx, SIMILAR_PAPERS_WEIGHTS, SIMILAR_PAPERS_CANDIDATES),
  },
  {
    name: 'similar-all',
    about: 'the same fusion with every paper of the corpus as a candidate (checks the candidate limit)',
    build: async (ctx) => ranker(ctx, SIMILAR_PAPERS_WEIGHTS, ctx.imp.papers.length),
  },
];
