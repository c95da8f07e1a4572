import { scoreRun } from './score.js';
import { runCsfcubeStudy } from './csfcube-script.js';
import { charVectors, similarRanker } from './similar-modes.js';
import { CHAR_GRAM_LENGTH, trainCharGrams } from '../src/search/similarity/char-grams.js';
import { SIMILAR_PAPERS_CANDIDATES, SIMILAR_PAPERS_WEIGHTS, WORD_SIMILARITY_WEIGHTS, type SimilarityWeights } from '../src/search/similarity/similar-papers.js';

// `node dist/eval/similar-sweep.js [--data DIR]`: similar papers on CSFCube under other weights, to
// show how SIMILAR_PAPERS_WEIGHTS and CHAR_GRAM_LENGTH were chosen: the dev fold's best MAP + NDCG%20
// (the two figures the target names) over the signals' weights, the cost per year between the two
// papers and the n-gram length (~4 minutes); the best by MAP alone is printed too.
// Test-fold figures are printed beside, never used to choose.

const pct = (v: number): string => (v * 100).toFixed(2);
const same = (a: SimilarityWeights, b: SimilarityWeights): boolean =>
  a.keyword === b.keyword && a.semantic === b.semantic && a.lexical === b.lexical && (a.chars ?? 0) === (b.chars ?? 0)
  && (a.titleChars ?? 0) === (b.titleChars ?? 0) && a.perYearApart === b.perYearApart;

runCsfcubeStudy('similar-sweep', async ({ c, ctx, base, texts }) => {
  const rows: Array<{ map: number; both: number; line: string }> = [];
  const run = async (n: number, w: SimilarityWeights): Promise<void> => {
    const space = n ? { ...base, chars: spaces.get(n)! } : base;
    const s = await scoreRun(c, similarRanker(ctx, space, w, SIMILAR_PAPERS_CANDIDATES));
    const mark = same(w, SIMILAR_PAPERS_WEIGHTS) && (!n || n === CHAR_GRAM_LENGTH) ? '  <- product' : '';
    const line = `${n || '-'} | ${w.keyword} ${w.semantic} ${w.lexical} ${w.chars ?? 0} ${w.titleChars ?? 0} ${w.perYearApart} | ${pct(s.dev!.map)} ${pct(s.dev!.ndcg)} | ${pct(s.test.map)} ${pct(s.test.ndcg)}${mark}`;
    console.log(line);
    rows.push({ map: s.dev!.map, both: s.dev!.map + s.dev!.ndcg, line });
  };
  const titles = ctx.imp.papers.map((p) => p.title);
  const spaces = new Map([6, 7, 8].map((n) => [n, charVectors(trainCharGrams(texts, n), texts, titles)]));
  console.log('n | keyword semantic lexical chars title-chars per-year | dev MAP NDCG%20 | test MAP NDCG%20');
  // Without character n-grams: the three word signals as weighted before them.
  for (const perYearApart of [0.03, 0.05]) await run(0, { ...WORD_SIMILARITY_WEIGHTS, perYearApart });
  for (const n of spaces.keys()) {
    for (const [keyword, lexical] of [[0, 0], [0.05, 0], [0, 0.05]] as const) {
      for (const chars of [0.075, 0.1, 0.125, 0.15]) {
        for (const titleChars of [0, 0.025, 0.04, 0.05, 0.06]) {
          for (const perYearApart of [0.03, 0.05]) await run(n, { keyword, semantic: 0.6, lexical, chars, titleChars, perYearApart });
        }
      }
    }
  }
  const best = (key: 'map' | 'both'): string => rows.reduce((x, y) => (y[key] > x[key] ? y : x)).line;
  console.log(`dev fold's best MAP + NDCG%20 (how the product chose): ${best('both')}`);
  console.log(`dev fold's best MAP alone: ${best('map')}`);
});
