import { terms } from '../src/search/keyword/tokenize.js';
import type { StoredText } from './imported-collection.js';

/** The knobs of the keyword ranking that the eval measures (the product's values are `PRODUCT_BM25`). */
export interface Bm25Params {
  k1: number;
  b: number;
  weights: { title: number; abstract: number; authors: number };
  /** Only the this many best-weighted query terms score (the product keeps 64). */
  maxQueryTerms: number;
}

export const PRODUCT_BM25: Bm25Params = { k1: 1.2, b: 0.75, weights: { title: 3, abstract: 1, authors: 2 }, maxQueryTerms: 64 };

/** Query-term frequency saturating like the product's (BM25's k3 = 8). */
const qtfWeight = (qtf: number): number => (qtf * 9) / (qtf + 8);

/**
 * A small in-memory BM25F over the stored papers, with the product's tokenizer and formula (without
 * its one-byte impact quantisation), so ranking changes can be measured here before the index
 * changes: parameters, field weights, query-term caps, pseudo-relevance feedback.
 */
export class Bm25Lab {
  readonly ids: string[];
  /** Per document: term -> field-weighted term frequency. */
  readonly tf: Array<Map<string, number>>;
  readonly dl: Float64Array;
  readonly df = new Map<string, number>();
  private readonly postings = new Map<string, number[]>();
  private readonly avgdl: number;

  constructor(docs: readonly StoredText[], readonly params: Bm25Params = PRODUCT_BM25) {
    this.ids = docs.map((d) => d.id);
    this.dl = new Float64Array(docs.length);
    this.tf = docs.map((d, i) => {
      const m = new Map<string, number>();
      const add = (text: string, w: number): void => {
        for (const t of terms(text)) { m.set(t, (m.get(t) ?? 0) + w); this.dl[i]! += w; }
      };
      add(d.title, params.weights.title);
      add(d.abstract, params.weights.abstract);
      for (const a of d.authors) add(a, params.weights.authors);
      for (const t of m.keys()) {
        this.df.set(t, (this.df.get(t) ?? 0) + 1);
        const p = this.postings.get(t) ?? [];
        p.push(i);
        this.postings.set(t, p);
      }
      return m;
    });
    this.avgdl = this.dl.reduce((s, v) => s + v, 0) / Math.max(1, docs.length);
  }

  idf(t: string): number {
    const df = this.df.get(t) ?? 0;
    const n = this.ids.length;
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  /** A query's term weights as the product computes them: idf x saturated qtf, best terms only. */
  queryWeights(text: string): Map<string, number> {
    const qtf = new Map<string, number>();
    for (const t of terms(text)) if (this.df.has(t)) qtf.set(t, (qtf.get(t) ?? 0) + 1);
    const ws = [...qtf].map(([t, n]) => [t, this.idf(t) * qtfWeight(n)] as [string, number]);
    ws.sort((a, b) => b[1] - a[1]);
    return new Map(ws.slice(0, this.params.maxQueryTerms));
  }

  /** Every document's score for term weights (0 for documents without any of the terms). */
  scores(weights: ReadonlyMap<string, number>): Float64Array {
    const { k1, b } = this.params;
    const out = new Float64Array(this.ids.length);
    for (const [t, w] of weights) {
      for (const i of this.postings.get(t) ?? []) {
        const f = this.tf[i]!.get(t)!;
        out[i]! += (w * (f * (k1 + 1))) / (f + k1 * (1 - b + (b * this.dl[i]!) / this.avgdl));
      }
    }
    return out;
  }

  /** Indices of the documents with a positive score, best first (ties by corpus order). */
  ranking(scores: Float64Array): number[] {
    const idx: number[] = [];
    scores.forEach((s, i) => { if (s > 0) idx.push(i); });
    return idx.sort((a, b) => scores[b]! - scores[a]! || a - b);
  }

  /**
   * RM3 pseudo-relevance feedback: the top `docs` documents' term distributions, weighted by their
   * normalised scores, give `terms` expansion terms mixed with the original query at `lambda`.
   */
  rm3Weights(text: string, opts: { docs: number; terms: number; lambda: number }): Map<string, number> {
    const q = this.queryWeights(text);
    const first = this.scores(q);
    const top = this.ranking(first).slice(0, opts.docs);
    const total = top.reduce((s, i) => s + first[i]!, 0) || 1;
    const fb = new Map<string, number>();
    for (const i of top) {
      const share = first[i]! / total;
      for (const [t, f] of this.tf[i]!) fb.set(t, (fb.get(t) ?? 0) + (share * f) / this.dl[i]!);
    }
    const best = [...fb].sort((a, b) => b[1] - a[1]).slice(0, opts.terms);
    const fbSum = best.reduce((s, [, v]) => s + v, 0) || 1;
    const qRaw = new Map([...q].map(([t, w]) => [t, w / this.idf(t)]));
    const qSum = [...qRaw.values()].reduce((s, v) => s + v, 0) || 1;
    const mixed = new Map<string, number>();
    for (const [t, v] of qRaw) mixed.set(t, (opts.lambda * v) / qSum);
    for (const [t, v] of best) mixed.set(t, (mixed.get(t) ?? 0) + ((1 - opts.lambda) * v) / fbSum);
    return new Map([...mixed].map(([t, v]) => [t, v * this.idf(t)]));
  }
}
