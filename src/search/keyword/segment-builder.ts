import { terms, words, authorTerm, categoryTerm } from './tokenize.js';

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

/** Builds a segment from documents sorted by row id (the caller sorts). */
export function buildSegment(docs: IndexDoc[], avgdl: number): BuiltSegment {
  docs.sort((a, b) => a.rowId - b.rowId);
  const lists = new Map<string, { ids: number[]; imps: number[] }>();
  const push = (term: string, id: number, imp: number): void => {
    let l = lists.get(term);
    if (!l) lists.set(term, (l = { ids: [], imps: [] }));
    l.ids.push(id);
    l.imps.push(imp);
  };
  let postingCount = 0;
  for (const doc of docs) {
    const wtf = new Map<string, number>();
    let dl = 0;
    const add = (ts: string[], w: number): void => {
      dl += w * ts.length;
      for (const t of ts) wtf.set(t, (wtf.get(t) ?? 0) + w);
    };
    add(terms(doc.title), WEIGHTS.title);
    add(terms(doc.abstract ?? ''), WEIGHTS.abstract);
    const filters = new Set<string>();
    for (const a of doc.authors) {
      add(terms(a), WEIGHTS.authors);
      for (const w of words(a)) filters.add(authorTerm(w));
    }
    for (const c of doc.categories) {
      filters.add(categoryTerm(c));
      const archive = c.split('.')[0];
      if (archive && archive !== c) filters.add(categoryTerm(archive));
    }
    for (const [t, f] of wtf) push(t, doc.rowId, impact(f, dl, avgdl));
    for (const t of filters) push(t, doc.rowId, 0);
    postingCount += wtf.size + filters.size;
  }
  const postings = new Map<string, Buffer>();
  for (const [t, l] of lists) postings.set(t, encodePostings(l.ids, l.imps, l.ids.length));
  return {
    docs: Uint32Array.from(docs, (d) => d.rowId),
    days: Int32Array.from(docs, (d) => d.day),
    postings,
    postingCount,
  };
}
