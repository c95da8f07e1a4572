/** Cosine similarity of two unit-length vectors (their dot product). */
export function cosine(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

/** One result of a vector search. */
export interface VectorHit {
  id: string;
  score: number;
}

/**
 * The `limit` vectors most similar to a query, best first (ties by input order): an exact scan,
 * which at a few hundred bytes per paper answers in milliseconds up to about a million papers.
 */
export function rankByCosine(query: Float32Array, ids: readonly string[], vectors: readonly Float32Array[], limit = ids.length): VectorHit[] {
  const hits = ids.map((id, i) => ({ id, score: cosine(query, vectors[i]!), i }));
  hits.sort((a, b) => b.score - a.score || a.i - b.i);
  return hits.slice(0, limit).map(({ id, score }) => ({ id, score }));
}
