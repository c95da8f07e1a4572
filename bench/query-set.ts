import { seededRandom } from '../src/search/vector/seeded-random.js';

/** Queries people type all the time, always part of the set. */
const COMMON = [
  'large language models', 'diffusion model', 'reinforcement learning', 'graph neural networks',
  'vision language models', 'retrieval augmented generation', 'object detection', 'semantic segmentation',
  'image generation', 'speech recognition', 'federated learning', 'knowledge distillation',
  'neural radiance fields', 'gaussian splatting', 'autonomous driving', 'medical image segmentation',
  'chain of thought reasoning', 'contrastive learning', 'multimodal large language', 'video generation',
  'machine translation', 'time series forecasting', 'anomaly detection', 'transformer attention',
  'code generation', 'preference optimization', 'mixture of experts', 'point cloud', 'robot manipulation',
  'adversarial attacks',
];

const STOPWORDS = new Set(`a an and are as at be but by can do for from has have how in into is it its
  of on or our over the their this to under up via vs we what when where which while who why will with
  without towards toward through using based new not than that these those your you all any more most
  versus between beyond across after before per both each other only such very`.split(/\s+/).filter(Boolean));

/** Runs of consecutive title words that are neither stopwords nor too short nor pure numbers. */
function wordRuns(title: string): string[][] {
  const runs: string[][] = [];
  let run: string[] = [];
  for (const w of title.toLowerCase().split(/[^\p{L}\p{N}]+/u)) {
    const usable = w.length >= 3 && !STOPWORDS.has(w) && /\p{L}/u.test(w) && /^[a-z0-9]+$/.test(w);
    if (usable) { run.push(w); continue; }
    if (run.length) runs.push(run);
    run = [];
  }
  if (run.length) runs.push(run);
  return runs;
}

/**
 * A fixed query set of `count` distinct 2-3 word queries: the common ones plus consecutive word
 * pairs and triples from random titles of the corpus, lower-cased. Same titles and seed, same set.
 */
export function buildQueries(titles: readonly string[], count: number, seed: number): string[] {
  const rnd = seededRandom(seed);
  const out = new Set<string>(COMMON.slice(0, Math.min(COMMON.length, Math.ceil(count / 10))));
  let attempts = 0;
  while (out.size < count && attempts++ < count * 200) {
    const runs = wordRuns(titles[Math.floor(rnd() * titles.length)] ?? '');
    const want = rnd() < 0.6 ? 2 : 3;
    const fits = runs.filter((r) => r.length >= want);
    if (!fits.length) continue;
    const run = fits[Math.floor(rnd() * fits.length)]!;
    const at = Math.floor(rnd() * (run.length - want + 1));
    out.add(run.slice(at, at + want).join(' '));
  }
  return [...out];
}

/** The words of a query as an FTS5 MATCH expression: each quoted, so no syntax can break it. */
export function fts5Match(query: string): string {
  return query.split(/\s+/).filter(Boolean).map((w) => `"${w.replace(/"/g, '""')}"`).join(' ');
}
