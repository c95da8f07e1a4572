/**
 * Character n-grams inside words, the exact-text signal of similar papers. Each word, lowercased and
 * padded with a space on either side, is cut into every run of `n` characters (" classi", "classif",
 * "lassifi", ...), so two papers match on shared pieces of long words: derivations the stemmer keeps
 * apart ("classifier", "classification"), and the long technical words themselves, which yield many
 * pieces and so weigh more than short common ones. Words of fewer than n - 2 characters yield none
 * (function words, and acronyms that mean different things in different fields). On CSFCube this
 * signal replaced both the BM25F score and the word TF-IDF cosine: see SIMILAR_PAPERS_WEIGHTS.
 */

/** n: 6, 7 and 8 scored alike on the CSFCube dev fold (5: lower); 8 with SIMILAR_PAPERS_WEIGHTS was its best. */
export const CHAR_GRAM_LENGTH = 8;

/**
 * Grams are counted by hash bucket (feature hashing), so the table is a fixed array, not a dictionary:
 * 50,000 arXiv abstracts hold ~190,000 distinct 8-grams, under a fifth of this many buckets.
 */
export const CHAR_GRAM_BUCKETS = 1 << 20;

/** Document frequencies of the grams of a training sample, by bucket (counts above 65,535 saturate). */
export interface CharGramTable {
  n: number;
  /** Papers the table was counted on. */
  docs: number;
  /** CHAR_GRAM_BUCKETS counts. */
  df: Uint16Array;
}

const WORD = /[\p{L}\p{N}]+/gu;
const NON_ASCII = /[^\x00-\x7f]/;

/**
 * A growable list of 32-bit integers (gram buckets, a word's code units): reused from text to text,
 * so hashing allocates nothing per gram.
 */
export class IntList {
  data: Int32Array;
  length = 0;

  constructor(capacity = 4096) {
    this.data = new Int32Array(capacity);
  }

  push(value: number): void {
    if (this.length === this.data.length) {
      const bigger = new Int32Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = value;
  }
}

// One padded word's UTF-16 code units.
const word = new IntList(128);

/** Appends the bucket of each n-gram of the padded word in `word`. */
function hashWord(n: number, out: IntList): void {
  const mask = CHAR_GRAM_BUCKETS - 1;
  const codes = word.data;
  for (let start = 0; start + n <= word.length; start++) {
    // FNV-1a over the gram's code units: no substring is allocated.
    let h = 0x811c9dc5;
    for (let i = start; i < start + n; i++) h = Math.imul(h ^ codes[i]!, 0x01000193);
    out.push((h >>> 0) & mask);
  }
}

const isAsciiWordChar = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 65 && c <= 90);

/**
 * Appends the bucket of every n-gram of a text's words, in text order, repeats kept (see the module
 * comment). Most titles and abstracts are ASCII: their words are read off the character codes
 * directly, which cuts the same grams as the Unicode word pattern that other texts go through (tested).
 */
export function appendCharGrams(text: string, n: number, out: IntList): void {
  if (NON_ASCII.test(text)) {
    for (const m of text.toLowerCase().matchAll(WORD)) {
      const w = m[0];
      word.length = 0;
      word.push(32);
      for (let i = 0; i < w.length; i++) word.push(w.charCodeAt(i));
      word.push(32);
      hashWord(n, out);
    }
    return;
  }
  for (let i = 0; i < text.length;) {
    let c = text.charCodeAt(i);
    if (!isAsciiWordChar(c)) { i++; continue; }
    word.length = 0;
    word.push(32);
    while (i < text.length && isAsciiWordChar(c)) {
      word.push(c <= 90 && c >= 65 ? c + 32 : c);
      c = text.charCodeAt(++i);
    }
    word.push(32);
    hashWord(n, out);
  }
}

/** The buckets of a text's n-grams in text order, repeats kept. */
export function charGramBuckets(text: string, n = CHAR_GRAM_LENGTH): Int32Array {
  const out = new IntList();
  appendCharGrams(text, n, out);
  return out.data.slice(0, out.length);
}

/** Counts in how many of the texts each gram occurs. */
export function trainCharGrams(texts: Iterable<string>, n = CHAR_GRAM_LENGTH): CharGramTable {
  const df = new Uint16Array(CHAR_GRAM_BUCKETS);
  let docs = 0;
  for (const t of texts) {
    docs++;
    const grams = charGramBuckets(t, n).sort();
    for (let i = 0; i < grams.length; i++) if ((i === 0 || grams[i] !== grams[i - 1]) && df[grams[i]!]! < 0xffff) df[grams[i]!]!++;
  }
  return { n, docs, df };
}
