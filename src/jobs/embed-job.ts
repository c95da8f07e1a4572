import type { Config } from '../config/config.js';
import type { Db } from '../db/db.js';
import { silentProgress, type Progress } from '../progress/progress.js';
import { embeddingModels, type EmbeddingModelRow } from '../store/embedding-models.js';
import { embeddingVectors, type PaperText } from '../store/embedding-vectors.js';
import { paperText } from '../search/vector/embedder.js';
import { encodeVector } from '../search/vector/quantize.js';
import { encodeLsa } from '../search/semantic/lsa-model-blob.js';
import { MIN_TRAINING_PAPERS, trainCorpusCounts, trainLsa } from '../search/semantic/lsa-training.js';
import { addResidualIdf, rebuildDue, refreshEndpointCounts } from './model-upgrades.js';
import type { TrainingNow } from '../search/semantic/model-status.js';
import { configuredModel, embedderFor, endpointModelEmbedder, lsaModelEmbedder, type ModelEmbedder } from '../search/semantic/model-embedder.js';
import { nextTurn } from '../progress/next-turn.js';

/** What one run of the embedding job did. */
export interface EmbedRunSummary {
  /** The active model after the run ("lsa", or the endpoint's model@url), or null when there is none. */
  model: string | null;
  /** True when a new model was built (trained and every paper embedded). */
  rebuilt: boolean;
  embedded: number;
  pending: number;
  /** Why the run stopped early (too few papers to train, the endpoint failing); the next run retries. */
  problem?: string;
  /** True when the problem is only that the corpus is still too small to train on (not a failure). */
  waiting?: boolean;
}

export interface EmbedJobDeps {
  db: Db;
  config: Pick<Config, 'embeddings'>;
  progress?: Progress;
  /** Told when training a new model starts (with its kind and corpus size) and ends (null): search says so meanwhile. */
  training?: (now: TrainingNow | null) => void;
}

/** Papers per batch: about 30 ms of embedding on this machine's cores, the longest a request waits for the job. */
const BATCH = 200;

const count = (n: number): string => n.toLocaleString('en-US');
const tooFew = (papers: number): string => `too few papers to train the semantic model (${papers}; at least ${MIN_TRAINING_PAPERS} are needed)`;

async function embedAndWrite(db: Db, model: EmbeddingModelRow, embedder: ModelEmbedder, papers: PaperText[]): Promise<string | null> {
  const r = await embedder.embed(papers.map((p) => paperText(p.title, p.abstract)));
  if (!r.ok) return `${r.problem.source}: ${r.problem.message}`;
  const dims = r.vectors[0]?.length ?? model.dimensions;
  if (model.dimensions && dims !== model.dimensions) return `the model returned ${dims} dimensions, the stored model has ${model.dimensions}`;
  if (!model.dimensions && dims) { await embeddingModels.setDimensions(db, model.id, dims); model.dimensions = dims; }
  await embeddingVectors.write(db, model.id, papers.map((p, i) => ({ paperId: p.id, vector: encodeVector(r.vectors[i]!) })));
  return null;
}

/** Starts (or resumes) building a model of the configured kind and embeds every paper with it, then activates it. */
async function buildModel(deps: EmbedJobDeps, want: { kind: 'lsa' | 'endpoint'; name: string }, restart: boolean): Promise<{ problem?: string; embedded: number; waiting?: boolean }> {
  const { db, config } = deps;
  const progress = deps.progress ?? silentProgress;
  let row = await embeddingModels.building(db);
  if (row && (restart || row.kind !== want.kind || row.name !== want.name)) { await embeddingModels.drop(db, row.id); row = null; }
  let embedder: ModelEmbedder | null = row ? await embedderFor(db, row, config) : null;
  if (!row || !embedder) {
    if (row) await embeddingModels.drop(db, row.id);
    const papers = await embeddingModels.paperCount(db);
    if (want.kind === 'lsa' && papers < MIN_TRAINING_PAPERS) return { embedded: 0, waiting: true, problem: tooFew(papers) };
    const started = Date.now();
    progress.log(`training the semantic model (${want.kind}) on ${count(papers)} papers`);
    deps.training?.({ kind: want.kind, papers });
    try {
      if (want.kind === 'lsa') {
        const trained = await trainLsa(db);
        if (!trained) return { embedded: 0, waiting: true, problem: tooFew(papers) };
        const id = await embeddingModels.create(db, { kind: 'lsa', name: want.name, dimensions: trained.model.dimensions, trainedOn: papers, data: encodeLsa(trained.stored) });
        embedder = lsaModelEmbedder(trained.stored);
        row = (await embeddingModels.byId(db, id))!;
      } else {
        // The service makes the vectors; similar papers also needs the corpus's n-gram counts, and explanations its word table.
        const counts = await trainCorpusCounts(db);
        const id = await embeddingModels.create(db, { kind: 'endpoint', name: want.name, dimensions: 0, trainedOn: papers, data: counts ? encodeLsa(counts) : null });
        embedder = endpointModelEmbedder(config, undefined, counts);
        row = (await embeddingModels.byId(db, id))!;
      }
    } finally {
      deps.training?.(null);
    }
    progress.log(`trained in ${((Date.now() - started) / 1000).toFixed(1)} s; analysing every paper with it`);
    await nextTurn();
    // Every paper is about to be embedded; changes from now on queue again.
    await embeddingVectors.clearAllPending(db);
  }
  let after = await embeddingVectors.lastPaper(db, row.id);
  progress.start(Math.max(0, (await embeddingModels.paperCount(db)) - (await embeddingVectors.count(db, row.id))), 'papers');
  let embedded = 0;
  try {
    for (;;) {
      const page = await embeddingVectors.papersAfter(db, after, BATCH);
      if (!page.length) break;
      const problem = await embedAndWrite(db, row, embedder, page);
      if (problem) return { embedded, problem };
      embedded += page.length;
      progress.tick(page.length);
      after = page[page.length - 1]!.id;
      await nextTurn();
    }
  } finally {
    progress.stop();
  }
  await embeddingModels.activate(db, row.id);
  return { embedded };
}

/**
 * One run of the embedding job: builds a model when none fits the configuration (or the LSA
 * corpus has doubled, or an older version trained the LSA model without n-gram counts, or `rebuild`
 * asks), counts an endpoint model's n-grams and words again when due, adds residual idf to an LSA
 * model stored without it, then embeds every queued new or changed paper with the active model.
 * Failures are reported in the summary, never thrown; queued papers stay queued.
 */
export async function runEmbedJob(deps: EmbedJobDeps, opts: { rebuild?: boolean } = {}): Promise<EmbedRunSummary> {
  const { db, config } = deps;
  const want = configuredModel(config);
  let active = await embeddingModels.active(db);
  let rebuilt = false;
  let embedded = 0;
  if (opts.rebuild || (await rebuildDue(db, active, want))) {
    const built = await buildModel(deps, want, opts.rebuild === true);
    embedded += built.embedded;
    if (built.problem) {
      return { model: active ? active.name : null, rebuilt: false, embedded, pending: await embeddingVectors.pendingCount(db), problem: built.problem, ...(built.waiting ? { waiting: true } : {}) };
    }
    active = await embeddingModels.active(db);
    rebuilt = true;
  }
  if (!active) return { model: null, rebuilt, embedded, pending: await embeddingVectors.pendingCount(db) };
  active = active.kind === 'endpoint' ? await refreshEndpointCounts(db, active) : await addResidualIdf(db, active);
  // The model is read and decoded (megabytes) only when there is something to embed: most runs of
  // a server's job, every 15 seconds, find the queue empty.
  let embedder: ModelEmbedder | null = null;
  for (;;) {
    const page = await embeddingVectors.pending(db, BATCH);
    if (!page.length) break;
    embedder ??= await embedderFor(db, active, config);
    if (!embedder) return { model: active.name, rebuilt, embedded, pending: await embeddingVectors.pendingCount(db), problem: 'the active model cannot be loaded' };
    const problem = await embedAndWrite(db, active, embedder, page);
    if (problem) return { model: active.name, rebuilt, embedded, pending: await embeddingVectors.pendingCount(db), problem };
    await embeddingVectors.clearPending(db, page);
    embedded += page.length;
    await nextTurn();
  }
  return { model: active.name, rebuilt, embedded, pending: await embeddingVectors.pendingCount(db) };
}
