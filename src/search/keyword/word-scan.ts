import { latexVariant, words } from './tokenize.js';

const NON_ASCII = /[^\x00-\x7f]/;

/** Called for each word of a text: the word is `text.slice(start, end)`, `hash` its FNV-1a hash. */
export type WordVisitor = (text: string, start: number, end: number, hash: number) => void;

function hashOf(text: string, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h;
}

/**
 * Visits the words of a text exactly as `words()` splits them, without allocating a string per
 * word for ASCII text (the common case): indexing a million abstracts is mostly this loop.
 */
export function scanWords(text: string, visit: WordVisitor): void {
  if (NON_ASCII.test(text)) {
    for (const w of words(text)) visit(w, 0, w.length, hashOf(w, 0, w.length));
    return;
  }
  const s = text.toLowerCase();
  let start = -1;
  let h = 0x811c9dc5;
  for (let i = 0; i <= s.length; i++) {
    const c = i < s.length ? s.charCodeAt(i) : 32;
    const alnum = (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
    if (alnum) {
      if (start < 0) { start = i; h = 0x811c9dc5; }
      h = Math.imul(h ^ c, 16777619);
    } else if (start >= 0) {
      const letter = latexVariant(s, start, i);
      if (letter) visit(letter, 0, letter.length, hashOf(letter, 0, letter.length));
      else if (i - start <= 40) visit(s, start, i, h);
      start = -1;
    }
  }
}

/**
 * An open-addressing map from a word (given as a slice of a text) to a number, so the indexer can
 * look words up without first cutting them out as strings.
 */
export class WordTable {
  private slots = new Int32Array(1 << 16);
  private hashes: number[] = [];
  private keys: string[] = [];
  private values: number[] = [];

  get size(): number {
    return this.keys.length;
  }

  /** The value stored for the word, or undefined. */
  get(text: string, start: number, end: number, hash: number): number | undefined {
    const mask = this.slots.length - 1;
    const len = end - start;
    for (let p = hash & mask; ; p = (p + 1) & mask) {
      const e = this.slots[p]! - 1;
      if (e < 0) return undefined;
      if (this.hashes[e] !== hash) continue;
      const k = this.keys[e]!;
      if (k.length !== len) continue;
      let same = true;
      for (let i = 0; i < len; i++) if (k.charCodeAt(i) !== text.charCodeAt(start + i)) { same = false; break; }
      if (same) return this.values[e];
    }
  }

  /** Stores a value for a word not yet present. */
  add(text: string, start: number, end: number, hash: number, value: number): void {
    if ((this.keys.length + 1) * 2 > this.slots.length) this.grow();
    const e = this.keys.length;
    this.keys.push(text.slice(start, end));
    this.hashes.push(hash);
    this.values.push(value);
    this.place(e, hash);
  }

  private place(e: number, hash: number): void {
    const mask = this.slots.length - 1;
    let p = hash & mask;
    while (this.slots[p] !== 0) p = (p + 1) & mask;
    this.slots[p] = e + 1;
  }

  private grow(): void {
    this.slots = new Int32Array(this.slots.length * 2);
    for (let e = 0; e < this.keys.length; e++) this.place(e, this.hashes[e]!);
  }
}
