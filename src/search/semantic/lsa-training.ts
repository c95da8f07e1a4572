import { Worker } from 'node:worker_threads';
import type { Db } from '../../db/db.js';
import { embeddingVectors } from '../../store/embedding-vectors.js';
import { maxPaperRowId } from '../../store/paper-batch-read.js';
import { termOf, words } from '../keyword/tokenize.js';
import { paperText } from '../vector/embedder.js';
import { LsaEmbedder, type LsaOptions } from '../vector/lsa-embedder.js';
import { seededRandom } from '../vector/seeded-random.js';
import { SIMILAR_PAPERS_LSA } from '../similarity/similar-papers.js';
import { regionCount } from './lsa-regions.js';
import type { StoredLsa } from './lsa-model-blob.js';
import { nextTurn } from '../../progress/next-turn.js';

/** Fewer papers than this: no model is trained and semantic modes fall back to keyword search. */
export const MIN_TRAINING_PAPERS = 50;
/**
 * Largest training sample: enough for stable topics (64 of them), small enough to train in about a
 * minute and to keep the training process's memory well under 1 GB (100,000 papers peaked at 1.4 GB).
 */
export const MAX_TRAINING_PAPERS = 50_000;

/**
 * LSA settings: the measured ones (SIMILAR_PAPERS_LSA: 64 dimensions, words in 3+ papers), except
 * that a small instance (under 2,000 papers) keeps every word, or most query words would be unknown,
 * and that a sample split into regions (lsa-regions.ts) takes the SVD passes its regions were measured
 * with: 8, or 4 from 20,000 papers (training time). Regions are cut from this model's vectors, and
 * on a converged model k-means no longer found the fields of a two-field test corpus.
 */
export function lsaOptions(samplePapers: number): LsaOptions {
  const passes = samplePapers >= 20_000 ? { iterations: 4 } : regionCount(samplePapers) ? { iterations: 8 } : {};
  return { ...SIMILAR_PAPERS_LSA, ...(samplePapers < 2000 ? { minDocFreq: 1 } : {}), ...passes };
}

/** The most common surface word of each stem, so topics can be named in readable words. */
export function surfaceLabels(texts: readonly string[], terms: readonly string[]): string[] {
  const counts = new Map<string, Map<string, number>>();
  for (const t of texts) {
    for (const w of words(t)) {
      const stem = termOf(w);
      if (stem === null) continue;
      let m = counts.get(stem);
      if (!m) counts.set(stem, (m = new Map()));
      m.set(w, (m.get(w) ?? 0) + 1);
    }
  }
  return terms.map((stem) => {
    let best = stem, n = 0;
    for (const [w, c] of counts.get(stem) ?? []) if (c > n || (c === n && w < best)) { best = w; n = c; }
    return best;
  });
}

/** Texts of a random sample of up to `max` papers (all of them when the corpus is smaller). */
async function sampleTexts(db: Db, max: number): Promise<string[]> {
  const maxId = await maxPaperRowId(db);
  const texts: string[] = [];
  if (maxId <= max * 1.2) {
    for (let after = 0; ;) {
      const page = await embeddingVectors.papersAfter(db, after, 5000);
      if (!page.length) break;
      for (const p of page) texts.push(paperText(p.title, p.abstract));
      after = page[page.length - 1]!.id;
      await nextTurn();
    }
    return texts.slice(0, max);
  }
  const rand = seededRandom(maxId);
  const ids = new Set<number>();
  while (ids.size < Math.min(maxId, Math.ceil(max * 1.1))) ids.add(1 + Math.floor(rand() * maxId));
  const sorted = [...ids].sort((a, b) => a - b);
  for (let i = 0; i < sorted.length && texts.length < max; i += 5000) {
    for (const p of await embeddingVectors.papersById(db, sorted.slice(i, i + 5000))) texts.push(paperText(p.title, p.abstract));
    await nextTurn();
  }
  return texts.slice(0, max);
}

/**
 * What the training thread is sent: the sample, and whether only the counts (an endpoint model's) or
 * only the residual idf of a stored model's `terms` are wanted.
 */
export interface TrainingRequest {
  texts: string[];
  only?: 'counts' | 'ridf';
  terms?: string[];
}

/** Trains on a thread of its own (see lsa-train-worker.ts); a crash of the thread is thrown. */
function trainOnThread(request: TrainingRequest & { only: 'ridf' }): Promise<Float32Array>;
function trainOnThread(request: TrainingRequest): Promise<StoredLsa>;
function trainOnThread(request: TrainingRequest): Promise<StoredLsa | Float32Array> {
  return new Promise((resolve, reject) => {
    // A thread inherits the process's flags; --input-type (a process started with -e) would stop it
    // loading a file, and process-wide flags such as --expose-gc are refused in a thread's list.
    const inherited = process.execArgv;
    const execArgv = inherited.some((a) => a.startsWith('--input-type'))
      ? inherited.filter((a) => !a.startsWith('--input-type') && !a.startsWith('--expose-gc'))
      : undefined;
    const worker = new Worker(new URL('./lsa-train-worker.js', import.meta.url), execArgv ? { execArgv } : {});
    worker.once('message', (m: StoredLsa | Float32Array) => { resolve(m); void worker.terminate(); });
    worker.once('error', reject);
    worker.once('exit', (code) => { if (code !== 0) reject(new Error(`LSA training thread exited with code ${code}`)); });
    worker.postMessage(request);
  });
}

/** Trains the instance's LSA model on (a sample of) its own papers; null when there are too few. */
export async function trainLsa(db: Db, max = MAX_TRAINING_PAPERS): Promise<{ model: LsaEmbedder; stored: StoredLsa; sampled: number } | null> {
  const texts = await sampleTexts(db, max);
  if (texts.length < MIN_TRAINING_PAPERS) return null;
  const stored = await trainOnThread({ texts });
  return { model: LsaEmbedder.fromData(stored.data), stored, sampled: texts.length };
}

/**
 * Counts (a sample of) the instance's papers for an embeddings endpoint, which has no model of ours:
 * the character n-grams similar papers ranks with, and a word table (idf and residual idf, no
 * dimensions) that match explanations weigh words by; null when there are no papers.
 */
export async function trainCorpusCounts(db: Db, max = MAX_TRAINING_PAPERS): Promise<StoredLsa | null> {
  const texts = await sampleTexts(db, max);
  return texts.length ? trainOnThread({ texts, only: 'counts' }) : null;
}

/**
 * The residual idf of a stored model's terms over (a sample of) the instance's papers, for a model an
 * older version stored without it; null when there are no papers.
 */
export async function measureResidualIdf(db: Db, terms: string[], max = MAX_TRAINING_PAPERS): Promise<Float32Array | null> {
  const texts = await sampleTexts(db, max);
  return texts.length ? trainOnThread({ texts, only: 'ridf', terms }) : null;
}
