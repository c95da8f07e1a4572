import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCollection } from './collection.js';
import { importCollection } from './imported-collection.js';
import { modeContext, type ModeContext } from './modes.js';
import { OptionsError, parseOptions } from './options.js';
import { scoreRun, type RunScore } from './score.js';
import { corpusRows, lsaSpace, similarRanker, type SimilarSpace } from './similar-modes.js';
import { trainLsa } from '../src/search/semantic/lsa-training.js';
import { paperText } from '../src/search/vector/embedder.js';
import { embeddingVectors } from '../src/store/embedding-vectors.js';
import { nearest, sphericalKmeans } from '../src/search/vector/kmeans.js';
import { LsaEmbedder } from '../src/search/vector/lsa-embedder.js';
import type { Ranker } from './ranking.js';
import { SIMILAR_PAPERS_CANDIDATES, SIMILAR_PAPERS_LSA, SIMILAR_PAPERS_WEIGHTS } from '../src/search/similarity/similar-papers.js';

// `node dist/eval/instance.js [--data DIR] [--arxiv DIR]`: similar papers on CSFCube as a real instance
// would rank them. The collection alone is what `npm run eval` measures (the protocol: the model learns
// from the 4,205 papers it ranks); an instance's model and keyword statistics come from all its papers,
// most of them on other topics. Here the collection is imported together with the arXiv daily feed
// (../shared/data/arxiv-daily), the LSA model is trained the way `serve` trains it (a sample of up to
// 50,000 of all papers) and every paper competes for the candidate slots; only the pool is scored.
// `--regions K` also measures regional models: the papers split into K regions by spherical k-means on
// their vectors, one LSA model per region, the cosine signal taken under the query paper's region's model.

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const pct = (v: number): string => (v * 100).toFixed(2);

/** Every stored paper as a vector of the instance's model: the collection's first, then the others by row id. */
async function instanceSpace(ctx: ModeContext): Promise<{ space: SimilarSpace; texts: string[]; sampled: number; papers: number }> {
  const trained = await trainLsa(ctx.imp.db);
  if (!trained) throw new Error('too few papers to train a model');
  const { model, sampled } = trained;
  const base = await corpusRows(ctx);
  const ids = [...base.ids], stored = [...base.stored];
  const known = new Set(stored);
  for (let after = 0; ;) {
    const page = await embeddingVectors.papersAfter(ctx.imp.db, after, 5000);
    if (!page.length) break;
    for (const p of page) if (!known.has(p.id)) { ids.push(`row:${p.id}`); stored.push(p.id); }
    after = page[page.length - 1]!.id;
  }
  const texts: string[] = new Array(ids.length);
  for (let i = 0; i < base.ids.length; i++) {
    const p = ctx.papers.get(ids[i]!)!;
    texts[i] = paperText(p.title, p.abstract);
  }
  const others = await embeddingVectors.papersById(ctx.imp.db, stored.slice(base.ids.length));
  const at = new Map(stored.map((r, i) => [r, i]));
  for (const p of others) {
    const i = at.get(p.id)!;
    texts[i] = paperText(p.title, p.abstract);
    // The year adjustment needs every candidate's date, as in the product.
    ctx.papers.set(ids[i]!, { id: ids[i]!, title: p.title, abstract: p.abstract ?? '', authors: [], publishedAt: p.publishedAt ?? null });
  }
  const space: SimilarSpace = {
    ids, stored, row: new Map(ids.map((id, i) => [id, i])), byStored: at,
    vectors: texts.map((t) => model.embedOne(t)),
    embed: async (text) => model.embedOne(text),
    terms: { of: texts.map((t) => model.termVector(t)), embed: (text) => model.termVector(text) },
  };
  return { space, texts, sampled, papers: ids.length };
}

/** Similar papers with the cosine signal of the query paper's region's own LSA model (see the top). */
async function regionalRanker(ctx: ModeContext, space: SimilarSpace, texts: readonly string[], k: number): Promise<Ranker> {
  const n = space.vectors.length, d = space.vectors[0]!.length;
  const data = new Float32Array(n * d);
  space.vectors.forEach((v, i) => {
    let norm = 0;
    for (const x of v) norm += x * x;
    norm = Math.sqrt(norm) || 1;
    for (let j = 0; j < d; j++) data[i * d + j] = v[j]! / norm;
  });
  const centroids = await sphericalKmeans(data, n, d, k);
  const region = Array.from({ length: n }, (_, i) => nearest(data, i * d, centroids, k, d));
  const signals = new Map<number, Float32Array[]>();
  for (const q of ctx.c.queries) {
    const r = region[space.row.get(q.paperId ?? '') ?? -1];
    if (r === undefined || signals.has(r)) continue;
    const members = texts.filter((_, i) => region[i] === r);
    const stride = Math.ceil(members.length / 50_000);
    const model = LsaEmbedder.train(members.filter((_, i) => i % stride === 0), SIMILAR_PAPERS_LSA);
    signals.set(r, texts.map((t) => model.embedOne(t)));
  }
  const rankers = new Map([...signals].map(([r, signal]) => [r, similarRanker(ctx, { ...space, signal }, SIMILAR_PAPERS_WEIGHTS, SIMILAR_PAPERS_CANDIDATES)]));
  return async (q) => rankers.get(region[space.row.get(q.paperId ?? '')!]!)!(q);
}

function line(label: string, s: RunScore): string {
  return `${label.padEnd(58)} | ${pct(s.test.map)} ${pct(s.test.ndcg)} | ${pct(s.dev!.map)} ${pct(s.dev!.ndcg)}`;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const at = argv.indexOf('--arxiv');
  const arxivArg = at >= 0 ? argv.splice(at, 2)[1] : undefined;
  if (at >= 0 && arxivArg === undefined) throw new OptionsError('--arxiv needs a directory');
  const ri = argv.indexOf('--regions');
  const regions = ri >= 0 ? Number(argv.splice(ri, 2)[1]) : 0;
  if (ri >= 0 && !(Number.isInteger(regions) && regions >= 2)) throw new OptionsError('--regions needs a whole number of at least 2');
  const opts = parseOptions(argv, root);
  if (opts === 'help') return;
  const arxiv = resolve(arxivArg ?? resolve(opts.dataDir, '..', 'arxiv-daily'));
  if (!existsSync(arxiv)) throw new OptionsError(`no arXiv papers at ${arxiv}: pass --arxiv DIR (files paperboy import reads)`);
  const c = loadCollection(opts.dataDir, 'csfcube');
  console.log('similar papers on CSFCube                                  | test MAP NDCG%20 | dev MAP NDCG%20');
  const alone = await importCollection(c);
  try {
    const ctx = modeContext(c, alone);
    const s = await scoreRun(c, similarRanker(ctx, await lsaSpace(ctx), SIMILAR_PAPERS_WEIGHTS, SIMILAR_PAPERS_CANDIDATES));
    console.log(line(`the collection alone (${alone.papers.length} papers; npm run eval)`, s));
  } finally {
    await alone.drop();
  }
  const imp = await importCollection(c, [arxiv]);
  try {
    const ctx = modeContext(c, imp);
    const { space, texts, sampled, papers } = await instanceSpace(ctx);
    const s = await scoreRun(c, similarRanker(ctx, space, SIMILAR_PAPERS_WEIGHTS, SIMILAR_PAPERS_CANDIDATES));
    console.log(line(`in an instance of ${papers} papers (model sample ${sampled})`, s));
    const timeless = await scoreRun(c, similarRanker(ctx, space, { ...SIMILAR_PAPERS_WEIGHTS, perYearApart: 0 }, SIMILAR_PAPERS_CANDIDATES));
    console.log(line('  the same without the time adjustment', timeless));
    if (regions) console.log(line(`  with ${regions} regional models`, await scoreRun(c, await regionalRanker(ctx, space, texts, regions))));
  } finally {
    await imp.drop();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`instance: ${err instanceof OptionsError ? err.message : err instanceof Error ? err.stack : String(err)}\n`);
  process.exitCode = 1;
});
