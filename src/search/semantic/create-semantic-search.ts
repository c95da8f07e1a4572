import type { Config } from '../../config/config.js';
import type { Db } from '../../db/db.js';
import type { Progress } from '../../progress/progress.js';
import { embeddingVectors } from '../../store/embedding-vectors.js';
import { runEmbedJob, type EmbedRunSummary } from '../../jobs/embed-job.js';
import type { KeywordIndex } from '../keyword/keyword-index.js';
import { SegmentCache } from '../keyword/segment-cache.js';
import type { RankedPaper, SemanticSearch } from './semantic-search.js';
import { SemanticState, type Loaded } from './semantic-state.js';
import type { Engine } from './semantic-engine.js';
import { modeSearch } from './mode-search.js';
import { configuredModel } from './model-embedder.js';
import { notReadyReason, type TrainingNow } from './model-status.js';
import { similarPapers } from './similar-papers.js';
import { recommendPapers } from './recommend-papers.js';
import { SimilarCache } from './similar-cache.js';

/** How long one answer to "why can meaning not rank yet" is reused. */
const NOT_READY_TTL_MS = 5000;

/** What semantic search is built from. */
export interface SemanticDeps {
  db: Db;
  keyword: KeywordIndex;
  config: Pick<Config, 'embeddings'>;
  /** Where a failing embedding endpoint is reported (once per run of failures). */
  logger?: { warn(msg: string): void };
  /** Vectors from which an IVF index is built (default 50,000; tests lower it). */
  ivfMin?: number;
  /**
   * How long a search waits for a first load of the vectors before it answers by keyword, saying
   * so (`serve`: LOAD_WAIT_MS); unset, it waits for the load (the commands).
   */
  loadWaitMs?: number;
  /** The clock of the similar-papers cache (tests move it). */
  now?: () => number;
}

/** SemanticSearch plus the operations the job, the CLI and the benchmark need. */
export interface SemanticEngine extends SemanticSearch {
  /** Runs the embedding job once (build a model if due, embed queued papers), then reloads the vectors. */
  embedPending(opts?: { rebuild?: boolean; progress?: Progress }): Promise<EmbedRunSummary>;
  /** Waits until the vectors are loaded and any background index build has finished. */
  settled(): Promise<void>;
  /** The loaded model and vector index (null before a model exists). */
  loaded(): Promise<Loaded | null>;
}

/**
 * Builds the one SemanticSearch the site, the API and the CLI share: keyword, semantic and hybrid
 * search, similar papers and recommendations over vectors stored in the database and held in
 * memory (see SemanticState). Nothing here throws for a bad query or a failing endpoint.
 */
export function createSemanticSearch(deps: SemanticDeps): SemanticEngine {
  const state = new SemanticState(deps.db, deps.config, { ivfMin: deps.ivfMin });
  let failing = false;
  let training: TrainingNow | null = null;
  let notReady: { at: number; reason: Promise<string> } | null = null;
  const similarCache = new SimilarCache<RankedPaper[]>(deps.now);
  const engine: Engine = {
    db: deps.db,
    keyword: deps.keyword,
    segments: new SegmentCache(deps.db),
    state,
    loadWaitMs: deps.loadWaitMs,
    warn(message) {
      if (failing) return;
      failing = true;
      deps.logger?.warn(message);
    },
    ok() { failing = false; },
    // Counting a model's vectors takes a while at millions of papers: searches while it is built share one count a few seconds.
    notReady() {
      const now = Date.now();
      if (!notReady || now - notReady.at > NOT_READY_TTL_MS) {
        const reason = notReadyReason(deps.db, configuredModel(deps.config).kind, training);
        reason.catch(() => { notReady = null; });
        notReady = { at: now, reason };
      }
      return notReady.reason;
    },
  };
  return {
    async status() {
      const l = await state.current();
      const pending = await embeddingVectors.pendingCount(deps.db);
      return { ready: !!l && l.index.live > 0, model: l?.model.name ?? null, dimensions: l?.index.dimensions ?? 0, embedded: l?.index.live ?? 0, pending };
    },
    async loading() {
      // Once vectors are in memory nothing waits for a load again (a new model loads behind the
      // previous one), so a paper page costs no extra query; a command waits in `similar`.
      if (deps.loadWaitMs === undefined || state.peek()) return null;
      const l = await state.within(deps.loadWaitMs);
      return l && 'loading' in l ? l.loading : null;
    },
    search: (query, opts) => modeSearch(engine, query, opts),
    async similar(paperId, limit) {
      if (!similarCache.keeps(limit)) return similarPapers(engine, paperId, limit);
      const model = (await state.current())?.model;
      const key = `${model ? `${model.id}@${model.trainedAt}` : 'words'}:${limit}:${paperId}`;
      const kept = similarCache.get(key);
      if (kept) return kept;
      const ranked = await similarPapers(engine, paperId, limit);
      // An unknown paper may arrive with the next import: only lists are kept.
      if (ranked) similarCache.set(key, ranked);
      return ranked;
    },
    recommend: (positive, negative, limit, scope) => recommendPapers(engine, positive, negative, limit, scope),
    async embedPending(opts = {}) {
      const summary = await runEmbedJob({ db: deps.db, config: deps.config, progress: opts.progress, training: (now) => { training = now; notReady = null; } }, { rebuild: opts.rebuild });
      await state.latest();
      return summary;
    },
    settled: () => state.settled(),
    loaded: () => state.latest(),
    async close() {
      await state.settled().catch(() => undefined);
    },
  };
}
