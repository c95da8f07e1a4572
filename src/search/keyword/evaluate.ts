import type { ParsedQuery } from './query-parse.js';

/** One segment's slice of a postings list, tombstoned docs already removed. */
export interface PostingSlice {
  ids: Uint32Array;
  imps: Uint8Array;
}

/** Everything evaluation needs besides the query: postings by term and the per-doc day table. */
export interface EvalInput {
  lists: Map<string, PostingSlice[]>;
  /** Weight of each scoring term (idf x query-term factor). */
  weights: Map<string, number>;
  dayOf: Int32Array;
  maxDoc: number;
}

/** Candidates and their scores (parallel arrays), unsorted. */
export interface Candidates {
  ids: Int32Array;
  scores: Float64Array;
  count: number;
}

/**
 * Scratch memory reused across queries: a stamp per document (so nothing is cleared between
 * queries) and a score accumulator. One per process; grows with the corpus.
 */
class Scratch {
  stamp = new Int32Array(0);
  score = new Float32Array(0);
  base = 1;

  ensure(size: number): void {
    if (this.stamp.length >= size) return;
    const n = Math.max(size, Math.ceil(this.stamp.length * 1.5), 1024);
    this.stamp = new Int32Array(n);
    this.score = new Float32Array(n);
    this.base = 1;
  }

  /** Reserves `span` fresh stamp values for one query. */
  next(span: number): number {
    if (this.base + span >= 0x7fffffff) { this.stamp.fill(0); this.base = 1; }
    const b = this.base;
    this.base += span;
    return b;
  }
}

const scratch = new Scratch();

function size(lists: PostingSlice[] | undefined): number {
  let n = 0;
  for (const l of lists ?? []) n += l.ids.length;
  return n;
}

/**
 * Term-at-a-time BM25 over dense typed arrays: required groups narrow the candidates with stamps
 * (smallest group first), exclusions and the day range drop some, scoring terms add impact x weight.
 * Exact, and linear in the postings it reads, which is what makes it fast enough without pruning.
 */
export function evaluate(q: ParsedQuery, input: EvalInput): Candidates {
  scratch.ensure(input.maxDoc + 1);
  const { stamp, score } = scratch;
  const { dayOf, lists } = input;
  const groups = q.required.map((g) => ({ terms: g.terms, n: g.terms.reduce((s, t) => s + size(lists.get(t)), 0) })).sort((a, b) => a.n - b.n);
  const G = groups.length;
  const base = scratch.next(G + 3);
  const pass = base + G + 1;
  const excl = base + G + 2;
  const from = q.days?.from ?? -Infinity;
  const to = q.days?.to ?? Infinity;
  const dayOk = (d: number): boolean => dayOf[d]! >= from && dayOf[d]! <= to;

  // One pass per list: each group keeps the docs that passed every smaller group, and adds its
  // terms' scores on the way (docs that fail later carry junk scores nobody reads).
  for (let k = 0; k < G; k++) {
    const want = base + k;
    const next = want + 1;
    for (const t of groups[k]!.terms) {
      const w = input.weights.get(t) ?? 0;
      for (const l of lists.get(t) ?? []) {
        const { ids, imps } = l;
        if (k === 0) {
          for (let i = 0; i < ids.length; i++) {
            const d = ids[i]!;
            if (stamp[d] === next) score[d] += w * imps[i]!;
            else { stamp[d] = next; score[d] = w * imps[i]!; }
          }
        } else {
          for (let i = 0; i < ids.length; i++) {
            const d = ids[i]!;
            const s = stamp[d];
            if (s === want) { stamp[d] = next; score[d] += w * imps[i]!; }
            else if (s === next) score[d] += w * imps[i]!;
          }
        }
      }
    }
  }
  for (const t of q.excluded) for (const l of lists.get(t) ?? []) for (const d of l.ids) stamp[d] = excl;

  let cap = 1024;
  let cand = new Int32Array(cap);
  let count = 0;
  const push = (d: number): void => {
    if (count === cap) { const bigger = new Int32Array((cap *= 2)); bigger.set(cand); cand = bigger; }
    cand[count++] = d;
  };

  const grouped = new Set(groups.flatMap((g) => g.terms));
  // Scoring words that no group requires: all of them for pasted text (G = 0), none for plain queries.
  const extra = [...input.weights].filter(([t]) => !grouped.has(t));
  const done = base + G;
  if (G > 0 && !extra.length) {
    for (const t of groups[0]!.terms) {
      for (const l of lists.get(t) ?? []) {
        for (const d of l.ids) {
          if (stamp[d] !== done) continue;
          if (!dayOk(d)) { stamp[d] = excl; continue; }
          stamp[d] = pass;
          push(d);
        }
      }
    }
  } else {
    // Any word admits a paper that passed every group (filters, when there are any) and was not excluded.
    for (const [t, w] of extra) {
      for (const l of lists.get(t) ?? []) {
        const { ids, imps } = l;
        for (let i = 0; i < ids.length; i++) {
          const d = ids[i]!;
          const s = stamp[d];
          if (s === pass) { score[d] += w * imps[i]!; continue; }
          if (G > 0 ? s !== done : s === excl) continue;
          if (!dayOk(d)) { stamp[d] = excl; continue; }
          stamp[d] = pass;
          score[d] = w * imps[i]!;
          push(d);
        }
      }
    }
  }
  const scores = new Float64Array(count);
  for (let i = 0; i < count; i++) scores[i] = score[cand[i]!]!;
  return { ids: cand, scores, count };
}

/**
 * Indices of the best `k` candidates, best first: by score, or by day then score for date order.
 * Ties break on the lower row id so results are stable across runs and databases.
 */
export function topK(c: Candidates, k: number, dayOf: Int32Array, byDate: boolean): number[] {
  const better = byDate
    ? (a: number, b: number): boolean => {
      const da = dayOf[c.ids[a]!]!, db = dayOf[c.ids[b]!]!;
      if (da !== db) return da > db;
      if (c.scores[a] !== c.scores[b]) return c.scores[a]! > c.scores[b]!;
      return c.ids[a]! < c.ids[b]!;
    }
    : (a: number, b: number): boolean => (c.scores[a] !== c.scores[b] ? c.scores[a]! > c.scores[b]! : c.ids[a]! < c.ids[b]!);
  if (k <= 0 || c.count === 0) return [];
  if (k * 8 >= c.count) {
    const all = Array.from({ length: c.count }, (_, i) => i);
    all.sort((a, b) => (better(a, b) ? -1 : better(b, a) ? 1 : 0));
    return all.slice(0, k);
  }
  // Min-heap of the k best seen so far (worst at the root).
  const heap: number[] = [];
  const up = (i: number): void => {
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!better(heap[p]!, heap[i]!)) break;
      [heap[p], heap[i]] = [heap[i]!, heap[p]!];
      i = p;
    }
  };
  const down = (i: number): void => {
    for (;;) {
      const l = 2 * i + 1, r = l + 1;
      let w = i;
      if (l < heap.length && better(heap[w]!, heap[l]!)) w = l;
      if (r < heap.length && better(heap[w]!, heap[r]!)) w = r;
      if (w === i) return;
      [heap[w], heap[i]] = [heap[i]!, heap[w]!];
      i = w;
    }
  };
  for (let i = 0; i < c.count; i++) {
    if (heap.length < k) { heap.push(i); up(heap.length - 1); continue; }
    // Cheap reject before the full comparison: most candidates score below the current k-th.
    if (!byDate && c.scores[i]! < c.scores[heap[0]!]!) continue;
    if (better(i, heap[0]!)) { heap[0] = i; down(0); }
  }
  return heap.sort((a, b) => (better(a, b) ? -1 : better(b, a) ? 1 : 0));
}
