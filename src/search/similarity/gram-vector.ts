import { appendCharGrams, CHAR_GRAM_BUCKETS, IntList, type CharGramTable } from './char-grams.js';

/**
 * A text's unit-length TF-IDF vector over character n-grams, as two parallel arrays with the buckets
 * ascending: two of them are compared by one merge pass, and a similar-papers query builds one per
 * candidate, so this form (rather than a Map per text) keeps an uncached paper page cheaper.
 */
export interface GramVector {
  buckets: Int32Array;
  weights: Float64Array;
}

// ln(docs / df) of every bucket, computed once per table: a log per gram was a visible part of a page.
const idfs = new WeakMap<CharGramTable, Float64Array>();

function idfOf(table: CharGramTable): Float64Array {
  let idf = idfs.get(table);
  if (idf) return idf;
  idf = new Float64Array(CHAR_GRAM_BUCKETS);
  for (let b = 0; b < idf.length; b++) idf[b] = Math.log(table.docs / Math.max(1, table.df[b]!));
  idfs.set(table, idf);
  return idf;
}

/**
 * The vector of the first `length` buckets of a list (repeats counted): sublinear term frequency
 * times ln(docs / df), where a gram the sample never saw counts as seen once (the rarest).
 */
function gramVector(table: CharGramTable, buckets: Int32Array, length: number): GramVector {
  const idf = idfOf(table);
  const sorted = buckets.slice(0, length).sort();
  const out = new Int32Array(length);
  const weights = new Float64Array(length);
  let k = 0;
  let norm = 0;
  for (let i = 0; i < length;) {
    let j = i + 1;
    while (j < length && sorted[j] === sorted[i]) j++;
    const v = (1 + Math.log(j - i)) * idf[sorted[i]!]!;
    if (v > 0) {
      out[k] = sorted[i]!;
      weights[k++] = v;
      norm += v * v;
    }
    i = j;
  }
  norm = Math.sqrt(norm) || 1;
  for (let i = 0; i < k; i++) weights[i]! /= norm;
  return { buckets: out.subarray(0, k), weights: weights.subarray(0, k) };
}

const scratch = new IntList();

/** A text's gram vector under a table (its own n). */
export function charGramVector(table: CharGramTable, text: string): GramVector {
  scratch.length = 0;
  appendCharGrams(text, table.n, scratch);
  return gramVector(table, scratch.data, scratch.length);
}

/**
 * The gram vectors of a paper's text as similar papers reads it (`paperText`: the title twice, then
 * the abstract) and of its title alone, hashing the title once for both.
 */
export function paperGramVectors(table: CharGramTable, title: string, abstract: string | null | undefined): { text: GramVector; title: GramVector } {
  scratch.length = 0;
  appendCharGrams(title, table.n, scratch);
  const t = scratch.length;
  for (let i = 0; i < t; i++) scratch.push(scratch.data[i]!);
  appendCharGrams(abstract ?? '', table.n, scratch);
  return { text: gramVector(table, scratch.data, scratch.length), title: gramVector(table, scratch.data, t) };
}

/** Cosine of two gram vectors (both unit length): their dot product over shared buckets. */
export function gramCosine(a: GramVector, b: GramVector): number {
  const ab = a.buckets, bb = b.buckets;
  let i = 0, j = 0, s = 0;
  while (i < ab.length && j < bb.length) {
    const x = ab[i]!, y = bb[j]!;
    if (x === y) s += a.weights[i++]! * b.weights[j++]!;
    else if (x < y) i++;
    else j++;
  }
  return s;
}
