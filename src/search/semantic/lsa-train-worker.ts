import { parentPort } from 'node:worker_threads';
import { LsaEmbedder } from '../vector/lsa-embedder.js';
import { lsaOptions, surfaceLabels, type TrainingRequest } from './lsa-training.js';
import { trainRegions } from './lsa-regions.js';
import type { StoredLsa } from './lsa-model-blob.js';
import { trainCharGrams } from '../similarity/char-grams.js';

/**
 * The LSA training thread: trains on the texts it is sent (the corpus-wide model, then one model per
 * region when the sample is big enough, and the character n-gram counts of similar papers; only the
 * counts for an endpoint model) and posts them back (their arrays transferred, not copied), so a
 * server keeps answering requests during the minute training takes.
 */
parentPort?.once('message', ({ texts, only }: TrainingRequest) => {
  void (async () => {
    const chars = trainCharGrams(texts);
    if (only === 'chars') { parentPort!.postMessage(chars, [chars.df.buffer as ArrayBuffer]); return; }
    const model = LsaEmbedder.train(texts, lsaOptions(texts.length));
    const data = model.toData();
    const labels = surfaceLabels(texts, data.terms);
    const regions = await trainRegions(texts, model);
    const arrays = [data, ...(regions?.models ?? [])].flatMap((d) => [d.idf.buffer as ArrayBuffer, d.basis.buffer as ArrayBuffer]);
    if (regions) arrays.push(regions.centroids.buffer as ArrayBuffer);
    arrays.push(chars.df.buffer as ArrayBuffer);
    const stored: StoredLsa = { data, labels, regions, chars };
    parentPort!.postMessage(stored, [...new Set(arrays)].filter((b) => b.byteLength > 0));
  })();
});
