import type { Config } from '../../config/config.js';
import type { Db } from '../../db/db.js';
import { embeddingModels, type EmbeddingModelRow } from '../../store/embedding-models.js';
import { embeddingVectors } from '../../store/embedding-vectors.js';
import { decodeVector } from '../vector/quantize.js';
import { VectorIndex } from '../vector/vector-index.js';
import { IvfLists } from '../vector/ivf-lists.js';
import { embedderFor, type ModelEmbedder } from './model-embedder.js';
import { nextTurn } from '../../progress/next-turn.js';

/**
 * Below this many vectors the exact scan is fast enough (a few milliseconds, and exact) and no IVF
 * is built: 250,000 for the SIMD kernel (an exact scan of 500,000 vectors takes 4.5 ms p95 there),
 * 50,000 for the scalar loop, ten times slower. Building lists runs k-means on the serving thread
 * in the first seconds after start-up, which a search then waits behind.
 */
export const IVF_MIN_VECTORS = { simd: 250_000, scalar: 50_000 } as const;
const PAGE = 20_000;
/**
 * How long a served search waits for a first load of the vectors before it answers by keyword
 * instead (saying so): at 1,000,000 papers the load takes about 5 s after every restart, and a
 * reader should not stare at a blank page meanwhile. A command (`paperboy search`) waits for it.
 */
export const LOAD_WAIT_MS = 250;

/** How far a first load of a model's vectors has got. */
export interface LoadProgress {
  done: number;
  total: number;
}

/** The active model, its embedder and its vectors in memory, as one consistent snapshot. */
export interface Loaded {
  model: EmbeddingModelRow;
  embedder: ModelEmbedder;
  index: VectorIndex;
}

/**
 * Keeps the in-memory vector index in step with the database: the first use loads the active
 * model and every vector; later calls read only vectors written since (by this process's job or
 * another process), and a newly activated model replaces everything. One small query per call.
 */
export class SemanticState {
  private loaded: Loaded | null = null;
  private seq = 0;
  private lastPaper = 0;
  private inflight: Promise<Loaded | null> | null = null;
  private building: Promise<void> | null = null;
  private loadingAll: LoadProgress | null = null;

  constructor(private readonly db: Db, private readonly config: Pick<Config, 'embeddings'>, private readonly opts: { ivfMin?: number } = {}) {}

  /** The current snapshot, brought up to date first; null when no model is active. */
  current(): Promise<Loaded | null> {
    // A newly activated model's vectors take seconds to load at a million papers: the previous
    // snapshot (its own model and vectors, so consistent) answers meanwhile instead of every search waiting.
    if (this.loadingAll && this.loaded) return Promise.resolve(this.loaded);
    return this.latest();
  }

  /** The snapshot once brought fully up to date, a newly activated model's vectors loaded included. */
  latest(): Promise<Loaded | null> {
    this.inflight ??= this.refresh().finally(() => { this.inflight = null; });
    return this.inflight;
  }

  /**
   * current(), except that a first load of the vectors still running after `ms` is answered by how
   * far it has got, for the caller to answer without meaning meanwhile. Without `ms`, current().
   */
  async within(ms: number | undefined): Promise<Loaded | null | { loading: LoadProgress }> {
    const cur = this.current();
    if (ms === undefined) return cur;
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<null>((resolve) => { timer = setTimeout(() => resolve(null), ms); });
    try {
      const first = await Promise.race([cur.then((l) => ({ l })), late]);
      if (first) return first.l;
    } finally {
      clearTimeout(timer);
    }
    // Anything else (reading the model row, vectors written since the last call) is short: wait for it.
    if (!this.loadingAll) return cur;
    cur.catch(() => undefined);
    // A new model loading: the previous snapshot answers, as in current().
    return this.loaded ?? { loading: { ...this.loadingAll } };
  }

  /** The snapshot as last loaded, without a database round trip. */
  peek(): Loaded | null {
    return this.loaded;
  }

  private async refresh(): Promise<Loaded | null> {
    const row = await embeddingModels.active(this.db);
    if (!row) { this.loaded = null; return null; }
    if (this.loaded?.model.id !== row.id) return this.loadAll(row);
    if (row.version > this.seq) await this.loadSince(row.version);
    // An endpoint model's n-gram counts were counted again (the embedding job): same vectors, new counts.
    if (row.trainedAt !== this.loaded.model.trainedAt) this.loaded.embedder = (await embedderFor(this.db, row, this.config)) ?? this.loaded.embedder;
    this.loaded.model = row;
    this.maybeBuildIvf();
    return this.loaded;
  }

  private async loadAll(row: EmbeddingModelRow): Promise<Loaded | null> {
    const progress: LoadProgress = { done: 0, total: 0 };
    this.loadingAll = progress;
    try {
      progress.total = await embeddingVectors.count(this.db, row.id);
      const embedder = await embedderFor(this.db, row, this.config);
      if (!embedder) { this.loaded = null; return null; }
      const index = new VectorIndex(row.dimensions, Math.max(1024, progress.total));
      for (let after = 0; ;) {
        const page = await embeddingVectors.page(this.db, row.id, after, PAGE);
        if (!page.length) break;
        for (const v of page) index.set(v.paperId, decodeVector(v.vector));
        progress.done += page.length;
        after = page[page.length - 1]!.paperId;
        await nextTurn();
      }
      return this.install(row, embedder, index);
    } finally {
      this.loadingAll = null;
    }
  }

  private install(row: EmbeddingModelRow, embedder: ModelEmbedder, index: VectorIndex): Loaded {
    // Every vector written up to row.version is committed (the version moves in the same transaction).
    this.seq = row.version;
    this.lastPaper = Number.MAX_SAFE_INTEGER;
    this.loaded = { model: row, embedder, index };
    this.building = null;
    this.maybeBuildIvf();
    return this.loaded;
  }

  private async loadSince(version: number): Promise<void> {
    const index = this.loaded!.index;
    for (;;) {
      const page = await embeddingVectors.since(this.db, this.loaded!.model.id, { seq: this.seq, paperId: this.lastPaper }, PAGE);
      if (!page.length) break;
      for (const v of page) index.set(v.paperId, decodeVector(v.vector));
      const last = page[page.length - 1]!;
      this.seq = last.seq;
      this.lastPaper = last.paperId;
      // Vectors written after the version read are the next call's: chasing them here kept every
      // search waiting for as long as the embedding job kept writing (25 s for 20,000 new papers).
      if (page.length < PAGE || last.seq > version) break;
      await nextTurn();
    }
    if (this.seq < version) { this.seq = version; this.lastPaper = Number.MAX_SAFE_INTEGER; }
  }

  /** Builds (or rebuilds, once a tenth of the vectors arrived after the last build) the IVF lists in the background. */
  private maybeBuildIvf(): void {
    const l = this.loaded;
    if (!l || this.building || l.index.live < (this.opts.ivfMin ?? IVF_MIN_VECTORS[l.index.kernel])) return;
    const ivf = l.index.ivf;
    if (ivf && l.index.slots - ivf.covered < ivf.covered / 10) return;
    this.building = IvfLists.build(l.index).then((built) => {
      if (this.loaded === l) l.index.ivf = built;
    }).finally(() => { if (this.loaded === l) this.building = null; });
  }

  /** Waits for a background IVF build (tests and the benchmark). */
  async settled(): Promise<void> {
    await this.latest();
    await this.building;
  }
}
