import { parentPort } from 'node:worker_threads';
import { LsaEmbedder } from '../vector/lsa-embedder.js';
import { lsaOptions, surfaceLabels } from './lsa-training.js';

/**
 * The LSA training thread: trains on the texts it is sent and posts the model back (its arrays
 * transferred, not copied), so a server keeps answering requests during the minute training takes.
 */
parentPort?.once('message', (texts: string[]) => {
  const model = LsaEmbedder.train(texts, lsaOptions(texts.length));
  const data = model.toData();
  const labels = surfaceLabels(texts, data.terms);
  parentPort!.postMessage({ data, labels }, [data.idf.buffer as ArrayBuffer, data.basis.buffer as ArrayBuffer]);
});
