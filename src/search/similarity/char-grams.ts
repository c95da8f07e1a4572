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

/** Bucket -> occurrences of each n-gram of a text's words (see the module comment). */
export function charGramCounts(text: string, n = CHAR_GRAM_LENGTH): Map<number, number> {
  const out = new Map<number, number>();
  const mask = CHAR_GRAM_BUCKETS - 1;
  for (const m of text.toLowerCase().matchAll(WORD)) {
    const w = ` ${m[0]} `;
    for (let start = 0; start + n <= w.length; start++) {
      // FNV-1a over the gram's UTF-16 code units: no substring is allocated.
      let h = 0x811c9dc5;
      for (let i = start; i < start + n; i++) h = Math.imul(h ^ w.charCodeAt(i), 0x01000193);
      const b = (h >>> 0) & mask;
      out.set(b, (out.get(b) ?? 0) + 1);
    }
  }
  return out;
}

/** Counts in how many of the texts each gram occurs. */
export function trainCharGrams(texts: Iterable<string>, n = CHAR_GRAM_LENGTH): CharGramTable {
  const df = new Uint16Array(CHAR_GRAM_BUCKETS);
  let docs = 0;
  for (const t of texts) {
    docs++;
    for (const b of charGramCounts(t, n).keys()) if (df[b]! < 0xffff) df[b]!++;
  }
  return { n, docs, df };
}

/**
 * A text's unit-length TF-IDF vector over grams (bucket -> weight): sublinear term frequency times
 * ln(docs / df); a gram the sample never saw counts as seen once (the rarest).
 */
export function charGramVector(table: CharGramTable, counts: ReadonlyMap<number, number>): Map<number, number> {
  const out = new Map<number, number>();
  let norm = 0;
  for (const [b, c] of counts) {
    const v = (1 + Math.log(c)) * Math.log(table.docs / Math.max(1, table.df[b]!));
    if (v <= 0) continue;
    out.set(b, v);
    norm += v * v;
  }
  norm = Math.sqrt(norm) || 1;
  for (const [b, v] of out) out.set(b, v / norm);
  return out;
}
