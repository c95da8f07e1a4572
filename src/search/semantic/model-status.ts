import type { Db } from '../../db/db.js';
import { embeddingModels } from '../../store/embedding-models.js';
import { embeddingVectors } from '../../store/embedding-vectors.js';
import { MIN_TRAINING_PAPERS } from './lsa-training.js';
import type { LoadProgress } from './semantic-state.js';

/** A model this process is training right now (nothing of it is stored until training ends). */
export interface TrainingNow {
  kind: string;
  papers: number;
}

const count = (n: number): string => n.toLocaleString('en-US');

/**
 * Why meaning cannot rank yet, in words a reader can act on: the first model of a large site takes
 * minutes to build (about 2.5 at 80,000 papers on 2 cores), and "no model yet" alone read as if
 * the site were broken or too small. A model being trained (this process), one being built (any
 * process: how many papers have vectors), a site below the training minimum of the built-in model
 * (`kind` 'lsa'; an embeddings endpoint has none), or no build started yet.
 */
export async function notReadyReason(db: Db, kind: string, training: TrainingNow | null): Promise<string> {
  if (training) return `the semantic model is being trained on ${count(training.papers)} papers`;
  const papers = await embeddingModels.paperCount(db);
  const building = await embeddingModels.building(db);
  if (building) {
    const done = await embeddingVectors.count(db, building.id);
    return `the semantic model is being built (${count(Math.min(done, papers))} of ${count(papers)} papers analysed)`;
  }
  if (kind === 'lsa' && papers < MIN_TRAINING_PAPERS) return `a semantic model needs at least ${MIN_TRAINING_PAPERS} papers, and this site has ${count(papers)}`;
  return 'no semantic model has been built yet';
}

/** What search says while a served site loads its model's vectors after a restart (seconds at a million papers). */
export function loadingReason(p: LoadProgress): string {
  // Until the vectors are counted there is no "of" to say.
  return p.total ? `the semantic model is being loaded (${count(p.done)} of ${count(p.total)} papers read)` : 'the semantic model is being loaded';
}
