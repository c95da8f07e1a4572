import { scoreRun } from './score.js';
import { runCsfcubeStudy } from './csfcube-script.js';
import { similarRanker } from './similar-modes.js';
import { LsaEmbedder } from '../src/search/vector/lsa-embedder.js';
import { SIMILAR_PAPERS_CANDIDATES, SIMILAR_PAPERS_LSA, SIMILAR_PAPERS_WEIGHTS, WORD_SIMILARITY_WEIGHTS } from '../src/search/similarity/similar-papers.js';

// `node dist/eval/svd-spread.js [--data DIR]`: how much the CSFCube figures of similar papers owe to
// the random start of the LSA model's randomized SVD. With 8 power iterations (the product's setting
// before it converged the model) seeds 1-5 score apart; with 32 (SIMILAR_PAPERS_LSA, what `npm run eval`
// reports) and 64 the SVD has converged and the seed no longer matters (~2 minutes).

const pct = (v: number): string => (v * 100).toFixed(2);

runCsfcubeStudy('svd-spread', async ({ c, ctx, base, texts }) => {
  console.log('seed iterations | n-grams: test MAP NDCG%20, dev MAP NDCG%20 | words: test MAP NDCG%20');
  const runs: Array<[number, number]> = [[1, 8], [2, 8], [3, 8], [4, 8], [5, 8], [1, 32], [2, 32], [3, 32], [1, 64]];
  for (const [seed, iterations] of runs) {
    const model = LsaEmbedder.train(texts, { ...SIMILAR_PAPERS_LSA, seed, iterations });
    const space = {
      ...base, vectors: texts.map((t) => model.embedOne(t)), embed: async (t: string) => model.embedOne(t),
      terms: { of: texts.map((t) => model.termVector(t)), embed: (t: string) => model.termVector(t) },
    };
    const s = await scoreRun(c, similarRanker(ctx, space, SIMILAR_PAPERS_WEIGHTS, SIMILAR_PAPERS_CANDIDATES));
    const w = await scoreRun(c, similarRanker(ctx, space, WORD_SIMILARITY_WEIGHTS, SIMILAR_PAPERS_CANDIDATES));
    const mark = seed === 1 && iterations === SIMILAR_PAPERS_LSA.iterations ? '  <- product' : '';
    console.log(`${String(seed).padStart(4)} ${String(iterations).padStart(10)} | ${pct(s.test.map)} ${pct(s.test.ndcg)}, ${pct(s.dev!.map)} ${pct(s.dev!.ndcg)} | ${pct(w.test.map)} ${pct(w.test.ndcg)}${mark}`);
  }
});
