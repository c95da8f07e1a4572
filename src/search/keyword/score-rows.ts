import type { PostingSlice } from './evaluate.js';

/** Index of the first id >= d in ids[from..), by galloping then binary search (ids ascending). */
function seek(ids: Uint32Array, from: number, d: number): number {
  let lo = from, step = 1, hi = from;
  while (hi < ids.length && ids[hi]! < d) { lo = hi + 1; hi += step; step *= 2; }
  hi = Math.min(hi, ids.length);
  while (lo < hi) {
    const m = (lo + hi) >> 1;
    if (ids[m]! < d) lo = m + 1;
    else hi = m;
  }
  return lo;
}

/**
 * Any-word scores of a few given documents, exactly as `evaluate` sums them (same terms, same
 * order, float32), without reading whole postings lists: each list is searched for the documents
 * (galloping, lists are ascending), so scoring 300 candidates against a 500,000-paper list costs a
 * few thousand steps. Documents that match no scoring term are absent.
 */
export function scoreRows(lists: ReadonlyMap<string, PostingSlice[]>, weights: ReadonlyMap<string, number>, rowIds: readonly number[]): Map<number, number> {
  const docs = Uint32Array.from(new Set(rowIds)).sort();
  const sums = new Float32Array(docs.length);
  const hit = new Uint8Array(docs.length);
  for (const [t, w] of weights) {
    for (const { ids, imps } of lists.get(t) ?? []) {
      let j = 0;
      for (let c = 0; c < docs.length && j < ids.length; c++) {
        j = seek(ids, j, docs[c]!);
        if (j < ids.length && ids[j] === docs[c]) {
          sums[c] = hit[c] ? sums[c]! + w * imps[j]! : w * imps[j]!;
          hit[c] = 1;
        }
      }
    }
  }
  const out = new Map<number, number>();
  for (let c = 0; c < docs.length; c++) if (hit[c]) out.set(docs[c]!, sums[c]!);
  return out;
}
