import { terms } from '../keyword/tokenize.js';
import type { Embedder } from './embedder.js';
import { randomizedSvd } from './randomized-svd.js';
import { SparseMatrix } from './sparse-matrix.js';

/** How an LSA model is trained. */
export interface LsaOptions {
  /** Vector length (measured best on CSFCube dev for a 4,205-paper corpus: 64). */
  dimensions?: number;
  /** Words in fewer documents than this are left out of the model. */
  minDocFreq?: number;
  /** Power iterations of the randomized SVD (more: closer to the exact SVD, slower). */
  iterations?: number;
  seed?: number;
}

/** A trained model as plain data, for storing it beside the papers and loading it again. */
export interface LsaModelData {
  /** Index terms in basis-row order. */
  terms: string[];
  idf: Float32Array;
  basis: Float32Array;
  dimensions: number;
  /** Residual idf of each term in bits (see residual-idf.ts); absent in older models and regional ones. */
  ridf?: Float32Array;
}

/**
 * Counts of each index term (the keyword index's stemmer and stopwords) in a text. Tokenizing is
 * most of the cost of embedding one text, so a caller embedding it with several models counts once.
 */
export function termCounts(text: string): Map<string, number> {
  const m = new Map<string, number>();
  for (const t of terms(text)) m.set(t, (m.get(t) ?? 0) + 1);
  return m;
}

/** A text, or its `termCounts`. */
export type TextOrCounts = string | ReadonlyMap<string, number>;

const counts = (t: TextOrCounts): ReadonlyMap<string, number> => (typeof t === 'string' ? termCounts(t) : t);

/**
 * Latent semantic analysis trained on the instance's own papers: a truncated SVD of the TF-IDF
 * term-document matrix maps words that occur in the same papers onto the same directions, so
 * papers match by topic even when they share few words. Needs no download and no network; any
 * text (a paper, a query) is embedded by projecting its TF-IDF vector onto the learned basis.
 */
export class LsaEmbedder implements Embedder {
  constructor(
    /** Index term -> row of `basis`. */
    readonly vocabulary: ReadonlyMap<string, number>,
    readonly idf: Float32Array,
    /** vocabulary.size x dimensions, row-major. */
    readonly basis: Float32Array,
    readonly dimensions: number,
    /** Residual idf of each term, kept so `toData` gives back what `fromData` read. */
    readonly ridf?: Float32Array,
  ) {}

  /**
   * The vocabulary and idf of a corpus without the SVD: a model of no dimensions, which embeds
   * nothing but weighs words (an embeddings endpoint's match explanations use it).
   */
  static wordTable(texts: readonly TextOrCounts[], opts: Pick<LsaOptions, 'minDocFreq'> = {}): LsaEmbedder {
    const docs = texts.map(counts);
    const df = new Map<string, number>();
    for (const d of docs) for (const t of d.keys()) df.set(t, (df.get(t) ?? 0) + 1);
    const vocabulary = new Map<string, number>();
    for (const [t, n] of df) if (n >= (opts.minDocFreq ?? 1)) vocabulary.set(t, vocabulary.size);
    const idf = new Float32Array(vocabulary.size);
    for (const [t, i] of vocabulary) idf[i] = Math.log(docs.length / df.get(t)!);
    return new LsaEmbedder(vocabulary, idf, new Float32Array(0), 0);
  }

  /** Trains a model on a corpus (one text per paper, see `paperText`, or its `termCounts`). */
  static train(texts: readonly TextOrCounts[], opts: LsaOptions = {}): LsaEmbedder {
    const docs = texts.map(counts);
    const model = LsaEmbedder.wordTable(docs, opts);
    const { vocabulary, idf } = model;
    const matrix = SparseMatrix.fromRows(docs.map((d) => model.weights(d)), vocabulary.size);
    const k = Math.max(1, Math.min(opts.dimensions ?? 64, docs.length - 1, vocabulary.size - 1));
    const svd = randomizedSvd(matrix, k, { iterations: opts.iterations ?? 8, seed: opts.seed ?? 1 });
    return new LsaEmbedder(vocabulary, idf, Float32Array.from(svd.right), svd.k);
  }

  /** The model as plain data (what `fromData` reads). */
  toData(): LsaModelData {
    return { terms: [...this.vocabulary.keys()], idf: this.idf, basis: this.basis, dimensions: this.dimensions, ...(this.ridf ? { ridf: this.ridf } : {}) };
  }

  /** Loads a model saved with `toData`. */
  static fromData(d: LsaModelData): LsaEmbedder {
    if (d.basis.length !== d.terms.length * d.dimensions || d.idf.length !== d.terms.length || (d.ridf && d.ridf.length !== d.terms.length)) throw new Error('LSA model data: sizes do not match');
    return new LsaEmbedder(new Map(d.terms.map((t, i) => [t, i])), d.idf, d.basis, d.dimensions, d.ridf);
  }

  /** A text's unit-length TF-IDF weights (sublinear term frequency) by vocabulary row. */
  private weights(c: ReadonlyMap<string, number>): Map<number, number> {
    const w = new Map<number, number>();
    let norm = 0;
    for (const [t, n] of c) {
      const i = this.vocabulary.get(t);
      if (i === undefined) continue;
      const v = (1 + Math.log(n)) * this.idf[i]!;
      if (v === 0) continue;
      w.set(i, v);
      norm += v * v;
    }
    norm = Math.sqrt(norm) || 1;
    for (const [i, v] of w) w.set(i, v / norm);
    return w;
  }

  /**
   * A text's unit-length sparse TF-IDF vector (vocabulary row -> weight): the exact-word view of the
   * same model, which "similar papers" fuses with the LSA cosine (see src/search/similarity/).
   */
  termVector(text: TextOrCounts): Map<number, number> {
    return this.weights(counts(text));
  }

  /** One text's unit-length vector (zero when it has no known word). */
  embedOne(text: TextOrCounts): Float32Array {
    const k = this.dimensions;
    const out = new Float64Array(k);
    for (const [i, v] of this.weights(counts(text))) {
      const row = i * k;
      for (let j = 0; j < k; j++) out[j]! += v * this.basis[row + j]!;
    }
    let norm = 0;
    for (let j = 0; j < k; j++) norm += out[j]! ** 2;
    norm = Math.sqrt(norm) || 1;
    return Float32Array.from(out, (x) => x / norm);
  }

  async embed(texts: readonly string[]): Promise<Float32Array[]> {
    return texts.map((t) => this.embedOne(t));
  }
}
