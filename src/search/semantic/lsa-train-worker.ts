import { parentPort } from 'node:worker_threads';
import { LsaEmbedder, termCounts, type LsaModelData } from '../vector/lsa-embedder.js';
import { residualIdf } from '../vector/residual-idf.js';
import { titleOnce } from '../vector/embedder.js';
import { lsaOptions, surfaceLabels, type TrainingRequest } from './lsa-training.js';
import { trainRegions } from './lsa-regions.js';
import type { StoredLsa } from './lsa-model-blob.js';
import { trainCharGrams } from '../similarity/char-grams.js';

/**
 * A paper's term counts with its title's words counted once: `paperText` repeats the title, which
 * would make every title word look repeated within its paper (residual idf counts repeats).
 */
function titleCountedOnce(counts: Map<string, number>, text: string): Map<string, number> {
  const once = titleOnce(text);
  if (once === text) return counts;
  const out = new Map(counts);
  for (const [t, n] of termCounts(text.slice(0, text.length - once.length - 1))) out.set(t, out.get(t)! - n);
  return out;
}

/** The residual idf of a vocabulary's words over the sample (`docs` are the texts' counts). */
function sampleResidualIdf(vocabulary: ReadonlyMap<string, number>, docs: Array<Map<string, number>>, texts: readonly string[]): Float32Array {
  // One paper's corrected counts at a time: a copy of all 50,000 would cost hundreds of MB.
  const once = function* (): Generator<Map<string, number>> { for (let i = 0; i < docs.length; i++) yield titleCountedOnce(docs[i]!, texts[i]!); };
  return residualIdf(once(), vocabulary);
}

/** A model's data with the residual idf of its words over the sample. */
function withResidualIdf(model: LsaEmbedder, docs: Array<Map<string, number>>, texts: readonly string[]): LsaModelData {
  return { ...model.toData(), ridf: sampleResidualIdf(model.vocabulary, docs, texts) };
}

/**
 * The LSA training thread: trains on the texts it is sent (the corpus-wide model, then one model per
 * region when the sample is big enough, and the character n-gram counts of similar papers; for an
 * endpoint model only the counts and a word table of no dimensions; for a model stored without it,
 * only the residual idf of its `terms`) and posts them back (their arrays transferred, not copied),
 * so a server keeps answering requests during the minute training takes.
 */
parentPort?.once('message', ({ texts, only, terms }: TrainingRequest) => {
  void (async () => {
    const docs = texts.map(termCounts);
    if (only === 'ridf') {
      const ridf = sampleResidualIdf(new Map((terms ?? []).map((t, i) => [t, i])), docs, texts);
      parentPort!.postMessage(ridf, [ridf.buffer as ArrayBuffer]);
      return;
    }
    const chars = trainCharGrams(texts);
    const options = lsaOptions(texts.length);
    if (only === 'counts') {
      const words = withResidualIdf(LsaEmbedder.wordTable(docs, options), docs, texts);
      const stored: StoredLsa = { data: words, labels: [], chars };
      parentPort!.postMessage(stored, [chars.df.buffer as ArrayBuffer, words.idf.buffer as ArrayBuffer, words.ridf!.buffer as ArrayBuffer]);
      return;
    }
    const model = LsaEmbedder.train(docs, options);
    const data = withResidualIdf(model, docs, texts);
    const labels = surfaceLabels(texts, data.terms);
    const regions = await trainRegions(texts, model);
    const arrays = [data, ...(regions?.models ?? [])].flatMap((d) => [d.idf.buffer as ArrayBuffer, d.basis.buffer as ArrayBuffer]);
    if (regions) arrays.push(regions.centroids.buffer as ArrayBuffer);
    arrays.push(chars.df.buffer as ArrayBuffer);
    if (data.ridf) arrays.push(data.ridf.buffer as ArrayBuffer);
    const stored: StoredLsa = { data, labels, regions, chars };
    parentPort!.postMessage(stored, [...new Set(arrays)].filter((b) => b.byteLength > 0));
  })();
});
