import { termOf, words } from '../keyword/tokenize.js';
import type { LsaEmbedder } from '../vector/lsa-embedder.js';
import type { MatchExplanation } from './semantic-search.js';

/** A trained LSA model and readable words of its terms, for naming topics. */
export interface TopicModel {
  model: LsaEmbedder;
  labels: string[];
}

const topicNames = new WeakMap<LsaEmbedder, Map<number, string>>();

/** A topic (one LSA dimension, one direction) named by its three highest-loading words. */
export function topicName(t: TopicModel, dim: number, sign: 1 | -1): string {
  let cache = topicNames.get(t.model);
  if (!cache) topicNames.set(t.model, (cache = new Map()));
  const key = dim * 2 + (sign > 0 ? 0 : 1);
  const hit = cache.get(key);
  if (hit) return hit;
  const k = t.model.dimensions, basis = t.model.basis;
  const best: Array<[number, number]> = [];
  for (let i = 0; i < t.labels.length; i++) {
    const v = sign * basis[i * k + dim]!;
    if (best.length < 3 || v > best[best.length - 1]![1]) {
      best.push([i, v]);
      best.sort((a, b) => b[1] - a[1]);
      if (best.length > 3) best.pop();
    }
  }
  const name = best.map(([i]) => t.labels[i]!).join(', ');
  cache.set(key, name);
  return name;
}

/** Readable words of a text by term (first spelling seen). */
function surface(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const w of words(text)) {
    const t = termOf(w);
    if (t !== null && !out.has(t)) out.set(t, w);
  }
  return out;
}

/**
 * Why two texts match: the rarest words they share (weighted by the model's idf when there is one)
 * and the LSA topics that add most to their cosine, strongest first.
 */
export function explainMatch(a: string, b: string, vectors: { a: Float32Array; b: Float32Array } | null, topics: TopicModel | null): MatchExplanation {
  const wa = surface(a), wb = surface(b);
  const vocab = topics?.model.vocabulary;
  const shared = [...wa.keys()].filter((t) => wb.has(t) && !t.includes(':'));
  const weight = (t: string): number => {
    const i = vocab?.get(t);
    return i === undefined ? (vocab ? 0.5 : 1) : topics!.model.idf[i]!;
  };
  shared.sort((x, y) => weight(y) - weight(x) || (x < y ? -1 : 1));
  const terms = shared.slice(0, 6).map((t) => wb.get(t)!);
  const out: MatchExplanation = { terms, topics: [] };
  if (!topics || !vectors || vectors.a.length !== topics.model.dimensions) return out;
  const parts: Array<[number, number]> = [];
  for (let j = 0; j < vectors.a.length; j++) {
    const c = vectors.a[j]! * vectors.b[j]!;
    if (c > 0.01) parts.push([j, c]);
  }
  parts.sort((x, y) => y[1] - x[1]);
  out.topics = parts.slice(0, 3).map(([j]) => topicName(topics, j, vectors.a[j]! >= 0 ? 1 : -1));
  return out;
}
