import { paperText } from '../src/search/vector/embedder.js';
import { LsaEmbedder, type LsaOptions } from '../src/search/vector/lsa-embedder.js';
import { SIMILAR_PAPERS_LSA } from '../src/search/similarity/similar-papers.js';
import { cosine } from '../src/search/vector/cosine.js';
import { fusedRanking, reciprocalRankFusion, scoreFusion } from '../src/search/vector/fusion.js';
import type { EvalQuery } from './collection.js';
import { DEPTH, queryText, type Mode, type ModeContext } from './modes.js';
import { orderPool, type Ranker } from './ranking.js';

/** One model serves search and similar papers, as in the product: SIMILAR_PAPERS_LSA (chosen on CSFCube dev fold 1). */
export const LSA_OPTIONS: LsaOptions = SIMILAR_PAPERS_LSA;

interface Semantic {
  model: LsaEmbedder;
  vectors: Map<string, Float32Array>;
}

/** Trains the corpus model once per collection and embeds every paper, noting time and size. */
async function semantic(ctx: ModeContext): Promise<Semantic> {
  const hit = ctx.cache.get('semantic') as Semantic | undefined;
  if (hit) return hit;
  const texts = ctx.imp.papers.map((p) => paperText(p.title, p.abstract));
  const heap0 = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  const model = LsaEmbedder.train(texts, LSA_OPTIONS);
  const t1 = performance.now();
  const vecs = await model.embed(texts);
  const t2 = performance.now();
  const vectors = new Map(ctx.imp.papers.map((p, i) => [p.id, vecs[i]!]));
  ctx.notes['lsa'] = {
    papers: texts.length, dimensions: model.dimensions, vocabulary: model.vocabulary.size,
    trainSeconds: (t1 - t0) / 1000, embedSeconds: (t2 - t1) / 1000, embedPapersPerSecond: texts.length / ((t2 - t1) / 1000),
    modelBytes: model.basis.byteLength + model.idf.byteLength, heapGrowthBytes: process.memoryUsage().heapUsed - heap0,
  };
  const s = { model, vectors };
  ctx.cache.set('semantic', s);
  return s;
}

/** Every paper's cosine to the query (a query paper uses its own stored vector). */
async function cosines(ctx: ModeContext, q: EvalQuery): Promise<Map<string, number>> {
  const s = await semantic(ctx);
  const qv = q.paperId ? s.vectors.get(q.paperId) : s.model.embedOne(queryText(ctx, q));
  const out = new Map<string, number>();
  if (!qv) return out;
  for (const [id, v] of s.vectors) if (id !== q.paperId) out.set(id, cosine(qv, v));
  return out;
}

/** The product keyword index's score of every matching paper (any-word mode, no limit). */
function keywordScores(ctx: ModeContext): (q: EvalQuery) => Promise<Map<string, number>> {
  return async (q) => {
    const out = await ctx.imp.keyword.search(queryText(ctx, q), { limit: ctx.imp.papers.length, match: 'any' });
    return new Map(out.ok ? out.hits.map((h) => [h.paperId, h.score]) : []);
  };
}

function ranker(fused: (q: EvalQuery) => Promise<string[]>): Ranker {
  return async (q) => {
    const ranking = await fused(q);
    return q.pool ? orderPool(q.pool, ranking) : ranking.slice(0, DEPTH);
  };
}

export const SEMANTIC_MODES: Mode[] = [
  {
    name: 'semantic',
    about: 'LSA (64 dimensions, words in 3+ papers) trained on the collection, cosine similarity',
    build: async (ctx) => ranker(async (q) => fusedRanking(await cosines(ctx, q))),
  },
  {
    name: 'hybrid',
    about: 'z-score fusion of the keyword index (BM25F) and LSA, equal weights',
    build: async (ctx) => {
      const kw = keywordScores(ctx);
      return ranker(async (q) => fusedRanking(scoreFusion([{ scores: await kw(q), weight: 0.5, missing: 0 }, { scores: await cosines(ctx, q), weight: 0.5 }])));
    },
  },
  ...[0.6, 0.7, 0.8].map((w): Mode => ({
    name: `hybrid-kw${Math.round(w * 100)}`,
    about: `z-score fusion of the keyword index (BM25F, weight ${w}) and LSA (weight ${(1 - w).toFixed(1)})`,
    build: async (ctx) => {
      const kw = keywordScores(ctx);
      return ranker(async (q) => fusedRanking(scoreFusion([{ scores: await kw(q), weight: w, missing: 0 }, { scores: await cosines(ctx, q), weight: 1 - w }])));
    },
  })),
  {
    name: 'hybrid-rrf',
    about: 'reciprocal rank fusion (k 60) of the keyword index (BM25F) and LSA',
    build: async (ctx) => {
      const kw = keywordScores(ctx);
      return ranker(async (q) => fusedRanking(reciprocalRankFusion([
        { ids: fusedRanking(await kw(q)) }, { ids: fusedRanking(await cosines(ctx, q)) },
      ])));
    },
  },
];
