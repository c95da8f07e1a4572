import { termOf, words } from '../keyword/tokenize.js';
import type { LsaEmbedder } from '../vector/lsa-embedder.js';
import type { MatchExplanation } from './semantic-search.js';

const NUMBER = /^\d+$/;

/** Words that cannot name a topic or a shared subject: bare numbers and single characters. */
function unnaming(word: string): boolean {
  return NUMBER.test(word) || [...word].length < 2;
}

/** A trained LSA model and readable words of its terms, for naming topics. */
export interface TopicModel {
  model: LsaEmbedder;
  labels: string[];
  /**
   * Rows of `model`'s vocabulary that are words of the prose rather than of a subject ("among",
   * "moreover", "existing"), by the corpus-wide model's residual idf (see residual-idf.ts): two
   * papers sharing them is no reason they match, and they name no topic. Absent or empty for a model
   * stored before residual idf was measured.
   */
  generic?: ReadonlySet<number>;
}

/**
 * A topic (one LSA dimension, one direction) named by the three words of the two texts that load
 * most on it: a dimension of a corpus-wide model mixes several themes, and the words these papers
 * actually use say which of them they share. Falls back to the whole vocabulary's top words.
 * Words in `taken` are skipped and the chosen ones added, so several topics get different names;
 * bare numbers and single letters never name a topic.
 */
export function topicName(t: TopicModel, dim: number, sign: 1 | -1, within?: Iterable<number>, taken?: Set<number>): string {
  const k = t.model.dimensions, basis = t.model.basis;
  const best: Array<[number, number]> = [];
  const consider = (i: number): void => {
    const v = sign * basis[i * k + dim]!;
    // A bare number ("5", "0" of "9.0-point") or a lone letter (the $n$ and $p$ of formulas) loads
    // on many directions and names none of them.
    if (v <= 0 || unnaming(t.labels[i] ?? '') || taken?.has(i) || t.generic?.has(i) || (best.length >= 3 && v <= best[best.length - 1]![1])) return;
    best.push([i, v]);
    best.sort((a, b) => b[1] - a[1]);
    if (best.length > 3) best.pop();
  };
  if (within) for (const i of within) consider(i);
  if (best.length < 2) {
    best.length = 0;
    for (let i = 0; i < t.labels.length; i++) consider(i);
  }
  for (const [i] of best) taken?.add(i);
  return best.map(([i]) => t.labels[i]!).join(', ');
}

// Whether a model's leading direction is the corpus's average paper, computed once per model.
const averageDirection = new WeakMap<LsaEmbedder, boolean>();

/**
 * Whether direction 0 of the model is the average paper: an LSA of TF-IDF counts is not centred, so
 * its leading direction is the corpus mean, one-signed, loaded most by the commonest words ("models,
 * learning, optimization"). Every pair of papers shares it and it explains none of them. A model of
 * one or two directions (hand-made, or a tiny corpus) keeps it: there is nothing else to name.
 */
function leadsWithAverage(model: LsaEmbedder): boolean {
  const known = averageDirection.get(model);
  if (known !== undefined) return known;
  const k = model.dimensions, basis = model.basis;
  let pos = 0, neg = 0;
  for (let i = 0; i < basis.length / k; i++) {
    const v = basis[i * k]!;
    if (v > 0) pos += v * v;
    else neg += v * v;
  }
  const average = k >= 3 && Math.max(pos, neg) >= 0.95 * (pos + neg);
  averageDirection.set(model, average);
  return average;
}

// A web address: its pieces ("github", "com", "io") say where a paper's code lives, not what it is about.
const ADDRESS = /\b(?:https?:\/\/|www\.)\S+/gi;

/** Each term of a text (web addresses left out) with its first spelling and how often it occurs. */
function surface(text: string): Map<string, { word: string; count: number }> {
  const out = new Map<string, { word: string; count: number }>();
  for (const w of words(text.replace(ADDRESS, ' '))) {
    const t = termOf(w);
    if (t === null) continue;
    const hit = out.get(t);
    if (hit) hit.count++;
    else out.set(t, { word: w, count: 1 });
  }
  return out;
}

/**
 * Why two texts match: the shared words that add most to their TF-IDF similarity (rare in the
 * corpus, by the model's idf when there is one, and frequent in both texts: a word each abstract
 * repeats says more than a rare word each mentions once in passing), words of the prose left out,
 * and the LSA topics that add most to their cosine, strongest first, the corpus's average direction
 * left out.
 */
export function explainMatch(a: string, b: string, vectors: { a: Float32Array; b: Float32Array } | null, topics: TopicModel | null): MatchExplanation {
  const wa = surface(a), wb = surface(b);
  const vocab = topics?.model.vocabulary;
  const idf = (t: string): number => {
    const i = vocab?.get(t);
    return i === undefined ? (vocab ? 0.5 : 1) : topics!.model.idf[i]!;
  };
  const prose = (t: string): boolean => {
    const i = vocab?.get(t);
    return i !== undefined && topics!.generic?.has(i) === true;
  };
  const weight = new Map<string, number>();
  for (const [t, x] of wa) {
    const y = wb.get(t);
    // A bare number ("9 environments", "3 benchmarks") is shared by chance, not by subject; so is a word of the prose.
    if (!y || t.includes(':') || unnaming(t) || prose(t)) continue;
    weight.set(t, idf(t) ** 2 * (1 + Math.log(x.count)) * (1 + Math.log(y.count)));
  }
  const shared = [...weight.keys()].sort((x, y) => weight.get(y)! - weight.get(x)! || (x < y ? -1 : 1));
  const terms = shared.slice(0, 6).map((t) => wb.get(t)!.word);
  const out: MatchExplanation = { terms, topics: [] };
  if (!topics || !vectors || vectors.a.length !== topics.model.dimensions) return out;
  const parts: Array<[number, number]> = [];
  for (let j = leadsWithAverage(topics.model) ? 1 : 0; j < vectors.a.length; j++) {
    const c = vectors.a[j]! * vectors.b[j]!;
    if (c > 0.01) parts.push([j, c]);
  }
  parts.sort((x, y) => y[1] - x[1]);
  const own = new Set<number>();
  for (const t of [...wa.keys(), ...wb.keys()]) {
    const i = topics.model.vocabulary.get(t);
    if (i !== undefined) own.add(i);
  }
  // Each word names one topic only, so three topics read as three different things.
  const taken = new Set<number>();
  out.topics = parts.slice(0, 3).map(([j]) => topicName(topics, j, vectors.a[j]! >= 0 ? 1 : -1, own, taken));
  return out;
}
