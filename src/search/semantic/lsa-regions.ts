import { LsaEmbedder, type LsaModelData } from '../vector/lsa-embedder.js';
import { nearest, sphericalKmeans } from '../vector/kmeans.js';
import { SIMILAR_PAPERS_LSA } from '../similarity/similar-papers.js';
import type { TopicModel } from './explain.js';

/**
 * SVD passes of a regional model: 8, as the instance evaluation (eval/instance.ts) measured them;
 * sixteen regions at 32 passes would take about four times the ~25 s they take per million papers,
 * and gained nothing there (seeds 1 and 2: 38.1 and 39.4 MAP against 38.7 and 39.6 at 8 passes).
 */
const REGION_SVD_ITERATIONS = 8;

/**
 * Regional models: one LSA model per region of the corpus, for the cosine signal of similar papers.
 * A corpus-wide model spends its 64 directions on the corpus's broad fields, so within one field it
 * tells papers apart poorly. Measured with `node dist/eval/instance.js` (CSFCube among 74,728 arXiv
 * papers, MAP / NDCG%20 on the test folds): similar papers 34.7 / 54.8 without, 36.4 / 57.2 with them.
 */
export interface LsaRegions {
  /** Unit-length region centres in the corpus-wide model's space (regions x dimensions, row-major). */
  centroids: Float32Array;
  models: LsaModelData[];
}

/** Most regions: 16 measured best of 4, 8 and 16 at 78,933 papers (about 5,000 papers each). */
export const MAX_REGIONS = 16;
/** Fewest training papers per region: a model of fewer papers learns too few words to rank with. */
export const MIN_REGION_PAPERS = 3000;

/** Fewer members than this (or a quarter of the minimum per region) and a region has no model of its own. */
const MIN_MODEL_PAPERS = 50;

/** How many regions a training sample supports (under 2: one topic, the corpus-wide model serves). */
export function regionCount(samplePapers: number, minPerRegion = MIN_REGION_PAPERS): number {
  const k = Math.min(MAX_REGIONS, Math.floor(samplePapers / minPerRegion));
  return k >= 2 ? k : 0;
}

/**
 * Splits the sample into regions by spherical k-means on the corpus-wide model's vectors and trains
 * one model per region on its members; null when the sample is too small for two regions.
 */
export async function trainRegions(texts: readonly string[], model: LsaEmbedder, minPerRegion = MIN_REGION_PAPERS): Promise<LsaRegions | null> {
  const k = regionCount(texts.length, minPerRegion);
  if (!k) return null;
  const d = model.dimensions, n = texts.length;
  const data = new Float32Array(n * d);
  texts.forEach((t, i) => data.set(model.embedOne(t), i * d)); // unit-length already
  const centroids = await sphericalKmeans(data, n, d, k, 10, 7, undefined, 'spread');
  const members: string[][] = Array.from({ length: k }, () => []);
  for (let i = 0; i < n; i++) members[nearest(data, i * d, centroids, k, d)]!.push(texts[i]!);
  // A region k-means left nearly empty gets no model: its papers use the corpus-wide one.
  const none: LsaModelData = { terms: [], idf: new Float32Array(0), basis: new Float32Array(0), dimensions: d };
  const least = Math.min(MIN_MODEL_PAPERS, Math.ceil(minPerRegion / 4));
  const models = members.map((m) => (m.length >= least ? LsaEmbedder.train(m, { ...SIMILAR_PAPERS_LSA, iterations: REGION_SVD_ITERATIONS }).toData() : none));
  return { centroids, models };
}

/** Loaded regional models: the centres and a ready model per region, with readable words to name its topics. */
export interface RegionalModels {
  centroids: Float32Array;
  dimensions: number;
  /** Null for a region without a model of its own. */
  models: Array<TopicModel | null>;
}

/**
 * Ready-to-use regional models from their stored data. A region's terms are a subset of the
 * corpus-wide model's, so `labelOf` (the corpus-wide model's readable spelling of a term) names them,
 * and the corpus-wide model's `generic` terms (words of the prose) are left out of their explanations too.
 */
export function loadRegions(r: LsaRegions, labelOf: (term: string) => string = (t) => t, generic: readonly string[] = []): RegionalModels {
  const dimensions = r.centroids.length / r.models.length;
  const models = r.models.map((m) => {
    if (!m.terms.length) return null;
    const model = LsaEmbedder.fromData(m);
    const rows = new Set(generic.flatMap((t) => model.vocabulary.get(t) ?? []));
    return { model, labels: m.terms.map(labelOf), generic: rows };
  });
  return { centroids: r.centroids, dimensions, models };
}

/** The model of the region nearest to a paper's corpus-wide vector; null when that region has none. */
export function regionModel(r: RegionalModels, vector: Float32Array): TopicModel | null {
  if (vector.length !== r.dimensions) return null;
  // The largest dot product with the (unit) centres: the vector's own length does not change which.
  return r.models[nearest(vector, 0, r.centroids, r.models.length, r.dimensions)] ?? null;
}
