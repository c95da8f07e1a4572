import { termOf, words, authorTerm, categoryTerm, orgTerm, CODE_TERM } from './tokenize.js';
import { scanWords, WordTable } from './word-scan.js';

/** Field weights of the BM25F score: a word in the title counts three abstract words. */
export const WEIGHTS = { title: 3, authors: 2, abstract: 1 } as const;
export const K1 = 1.2;
export const B = 0.75;

/** What the index reads of a paper. */
export interface IndexDoc {
  rowId: number;
  title: string;
  abstract: string | null;
  authors: string[];
  categories: string[];
  /** The Hugging Face organization's account name and full name (absent: none), for `org:`. */
  orgs?: string[];
  /** Whether the paper links a code repository, for `has:code`. */
  code?: boolean;
  /** Days since 1970-01-01 of the publication date (0 when unknown). */
  day: number;
}

/** An immutable batch of the index: its documents and one postings list per term. */
export interface BuiltSegment {
  docs: Uint32Array;
  days: Int32Array;
  /** term -> [doc row ids ascending][one impact byte per doc] */
  postings: Map<string, Buffer>;
  postingCount: number;
}

/** The per-document part of a BM25 term score, quantised to 1..255 so it fits one byte. */
export function impact(wtf: number, dl: number, avgdl: number): number {
  const part = (wtf * (K1 + 1)) / (wtf + K1 * (1 - B + (B * dl) / avgdl));
  return Math.max(1, Math.min(255, Math.round((part / (K1 + 1)) * 255)));
}

/** Encodes parallel doc ids and impacts as one blob: n little-endian u32 ids, then n impact bytes. */
export function encodePostings(ids: ArrayLike<number>, imps: ArrayLike<number>, n: number): Buffer {
  // Typed arrays use the host byte order; every platform Node supports in practice is little-endian.
  const buf = Buffer.allocUnsafe(n * 5);
  const u32 = new Uint32Array(n);
  for (let i = 0; i < n; i++) u32[i] = ids[i]!;
  buf.set(new Uint8Array(u32.buffer, 0, n * 4), 0);
  for (let i = 0; i < n; i++) buf[n * 4 + i] = imps[i]!;
  return buf;
}

/** Growable typed arrays of (term id, doc row id, impact) triples: no per-term arrays, little GC. */
class Triples {
  n = 0;
  term = new Int32Array(1 << 16);
  doc = new Uint32Array(1 << 16);
  imp = new Uint8Array(1 << 16);

  push(t: number, d: number, i: number): void {
    if (this.n === this.term.length) this.grow();
    this.term[this.n] = t;
    this.doc[this.n] = d;
    this.imp[this.n++] = i;
  }

  private grow(): void {
    const size = this.term.length * 2;
    const term = new Int32Array(size); term.set(this.term); this.term = term;
    const doc = new Uint32Array(size); doc.set(this.doc); this.doc = doc;
    const imp = new Uint8Array(size); imp.set(this.imp); this.imp = imp;
  }
}

/** Builds a segment from documents (sorted here by row id). */
export function buildSegment(docs: IndexDoc[], avgdl: number): BuiltSegment {
  docs.sort((a, b) => a.rowId - b.rowId);
  // Terms get small integer ids for this segment so per-document counting is array work, not maps.
  const termIds = new Map<string, number>();
  const names: string[] = [];
  let tf = new Float64Array(4096);
  const touched: number[] = [];
  const idOf = (t: string): number => {
    let id = termIds.get(t);
    if (id === undefined) {
      id = names.length;
      termIds.set(t, id);
      names.push(t);
      if (id >= tf.length) { const bigger = new Float64Array(tf.length * 2); bigger.set(tf); tf = bigger; }
    }
    return id;
  };
  // word -> term id (-1 for stopwords): one table probe per token instead of stem + id lookups.
  const wordIds = new WordTable();
  const triples = new Triples();
  let dl = 0;
  let weight = 1;
  const visit = (text: string, start: number, end: number, hash: number): void => {
    let id = wordIds.get(text, start, end, hash);
    if (id === undefined) {
      const t = termOf(text.slice(start, end));
      id = t === null ? -1 : idOf(t);
      wordIds.add(text, start, end, hash, id);
    }
    if (id < 0) return;
    dl += weight;
    if (tf[id] === 0) touched.push(id);
    tf[id] += weight;
  };
  const add = (text: string, w: number): void => {
    weight = w;
    scanWords(text, visit);
  };
  for (const doc of docs) {
    dl = 0;
    add(doc.title, WEIGHTS.title);
    add(doc.abstract ?? '', WEIGHTS.abstract);
    const filters = new Set<string>();
    for (const a of doc.authors) {
      add(a, WEIGHTS.authors);
      for (const w of words(a)) filters.add(authorTerm(w));
    }
    for (const c of doc.categories) {
      filters.add(categoryTerm(c));
      const archive = c.split('.')[0];
      if (archive && archive !== c) filters.add(categoryTerm(archive));
    }
    for (const o of doc.orgs ?? []) if (o.trim()) filters.add(orgTerm(o));
    if (doc.code) filters.add(CODE_TERM);
    for (const id of touched) {
      triples.push(id, doc.rowId, impact(tf[id]!, dl, avgdl));
      tf[id] = 0;
    }
    touched.length = 0;
    for (const t of filters) triples.push(idOf(t), doc.rowId, 0);
  }
  return {
    docs: Uint32Array.from(docs, (d) => d.rowId),
    days: Int32Array.from(docs, (d) => d.day),
    postings: groupByTerm(triples, names),
    postingCount: triples.n,
  };
}

/** Counting sort of the triples by term; docs stay ascending because they were added in doc order. */
function groupByTerm(tr: Triples, names: string[]): Map<string, Buffer> {
  const counts = new Int32Array(names.length + 1);
  for (let i = 0; i < tr.n; i++) counts[tr.term[i]! + 1]!++;
  for (let t = 1; t <= names.length; t++) counts[t]! += counts[t - 1]!;
  const start = counts.slice(0, names.length);
  const docs = new Uint32Array(tr.n);
  const imps = new Uint8Array(tr.n);
  const fill = counts.slice(0, names.length);
  for (let i = 0; i < tr.n; i++) {
    const p = fill[tr.term[i]!]!++;
    docs[p] = tr.doc[i]!;
    imps[p] = tr.imp[i]!;
  }
  const out = new Map<string, Buffer>();
  // Term order: the postings table is keyed (segment, term), so sorted inserts only ever append.
  const order = Array.from(names.keys()).sort((a, b) => (names[a]! < names[b]! ? -1 : 1));
  for (const t of order) {
    const a = start[t]!, b = counts[t + 1]!, n = b - a;
    const buf = Buffer.allocUnsafe(n * 5);
    buf.set(new Uint8Array(docs.buffer, a * 4, n * 4), 0);
    buf.set(imps.subarray(a, b), n * 4);
    out.set(names[t]!, buf);
  }
  return out;
}
