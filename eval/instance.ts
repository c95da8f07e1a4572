import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCollection } from './collection.js';
import { importCollection } from './imported-collection.js';
import { modeContext, type ModeContext } from './modes.js';
import { OptionsError, parseOptions } from './options.js';
import { scoreRun, type RunScore } from './score.js';
import { charVectors, corpusRows, lsaSpace, similarRanker, type SimilarSpace } from './similar-modes.js';
import { trainLsa } from '../src/search/semantic/lsa-training.js';
import { paperText } from '../src/search/vector/embedder.js';
import { embeddingVectors } from '../src/store/embedding-vectors.js';
import type { LsaEmbedder } from '../src/search/vector/lsa-embedder.js';
import { loadRegions, regionModel, type RegionalModels } from '../src/search/semantic/lsa-regions.js';
import type { Ranker } from './ranking.js';
import { SIMILAR_PAPERS_CANDIDATES, SIMILAR_PAPERS_WEIGHTS } from '../src/search/similarity/similar-papers.js';

// `node dist/eval/instance.js [--data DIR] [--arxiv DIR]`: similar papers on CSFCube as a real instance
// would rank them. The collection alone is what `npm run eval` measures (the protocol: the model learns
// from the 4,205 papers it ranks); an instance's model and keyword statistics come from all its papers,
// most of them on other topics. Here the collection is imported together with the arXiv daily feed
// (../shared/data/arxiv-daily), the LSA model is trained the way `serve` trains it (a sample of up to
// 50,000 of all papers) and every paper competes for the candidate slots; only the pool is scored.
// The instance's model has regional models (src/search/semantic/lsa-regions.ts), so the instance is also
// ranked without them, to show what they add.

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const pct = (v: number): string => (v * 100).toFixed(2);

/** Every stored paper as a vector of the instance's model: the collection's first, then the others by row id. */
async function instanceSpace(ctx: ModeContext): Promise<{ space: SimilarSpace; texts: string[]; regions: RegionalModels | null; sampled: number; papers: number }> {
  const trained = await trainLsa(ctx.imp.db);
  if (!trained) throw new Error('too few papers to train a model');
  const { model, sampled, stored: { regions } } = trained;
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
  const titles: string[] = new Array(ids.length);
  for (let i = 0; i < base.ids.length; i++) {
    const p = ctx.papers.get(ids[i]!)!;
    texts[i] = paperText(p.title, p.abstract);
    titles[i] = p.title;
  }
  const others = await embeddingVectors.papersById(ctx.imp.db, stored.slice(base.ids.length));
  const at = new Map(stored.map((r, i) => [r, i]));
  for (const p of others) {
    const i = at.get(p.id)!;
    texts[i] = paperText(p.title, p.abstract);
    titles[i] = p.title;
    // The year adjustment needs every candidate's date, as in the product.
    ctx.papers.set(ids[i]!, { id: ids[i]!, title: p.title, abstract: p.abstract ?? '', authors: [], publishedAt: p.publishedAt ?? null });
  }
  const space: SimilarSpace = {
    ids, stored, row: new Map(ids.map((id, i) => [id, i])), byStored: at,
    vectors: texts.map((t) => model.embedOne(t)),
    embed: async (text) => model.embedOne(text),
    terms: { of: texts.map((t) => model.termVector(t)), embed: (text) => model.termVector(text) },
    chars: trained.stored.chars ? charVectors(trained.stored.chars, texts, titles) : null,
  };
  return { space, texts, regions: regions ? loadRegions(regions) : null, sampled, papers: ids.length };
}

/** Similar papers as the product ranks them with regional models: the cosine under the query paper's region's model. */
function regionalRanker(ctx: ModeContext, space: SimilarSpace, texts: readonly string[], regions: RegionalModels): Ranker {
  const plain = similarRanker(ctx, space, SIMILAR_PAPERS_WEIGHTS, SIMILAR_PAPERS_CANDIDATES);
  const byModel = new Map<LsaEmbedder, Ranker>();
  return async (q) => {
    const model = regionModel(regions, space.vectors[space.row.get(q.paperId ?? '') ?? -1] ?? new Float32Array(0))?.model;
    if (!model) return plain(q);
    let rank = byModel.get(model);
    if (!rank) {
      rank = similarRanker(ctx, { ...space, signal: texts.map((t) => model.embedOne(t)) }, SIMILAR_PAPERS_WEIGHTS, SIMILAR_PAPERS_CANDIDATES);
      byModel.set(model, rank);
    }
    return rank(q);
  };
}

function line(label: string, s: RunScore): string {
  return `${label.padEnd(58)} | ${pct(s.test.map)} ${pct(s.test.ndcg)} | ${pct(s.dev!.map)} ${pct(s.dev!.ndcg)}`;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const at = argv.indexOf('--arxiv');
  const arxivArg = at >= 0 ? argv.splice(at, 2)[1] : undefined;
  if (at >= 0 && arxivArg === undefined) throw new OptionsError('--arxiv needs a directory');
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
    const { space, texts, regions, sampled, papers } = await instanceSpace(ctx);
    const product = regions ? regionalRanker(ctx, space, texts, regions) : similarRanker(ctx, space, SIMILAR_PAPERS_WEIGHTS, SIMILAR_PAPERS_CANDIDATES);
    console.log(line(`in an instance of ${papers} papers (model sample ${sampled}, ${regions?.models.length ?? 0} regions)`, await scoreRun(c, product)));
    const global = await scoreRun(c, similarRanker(ctx, space, SIMILAR_PAPERS_WEIGHTS, SIMILAR_PAPERS_CANDIDATES));
    console.log(line('  the same without regional models', global));
    const timeless = await scoreRun(c, similarRanker(ctx, space, { ...SIMILAR_PAPERS_WEIGHTS, perYearApart: 0 }, SIMILAR_PAPERS_CANDIDATES));
    console.log(line('  without regional models or the time adjustment', timeless));
  } finally {
    await imp.drop();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`instance: ${err instanceof OptionsError ? err.message : err instanceof Error ? err.stack : String(err)}\n`);
  process.exitCode = 1;
});
