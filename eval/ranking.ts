import type { EvalQuery } from './collection.js';

/** A ranking method under test: the stored ids it returns for one query, best first. */
export type Ranker = (q: EvalQuery) => Promise<string[]>;

/**
 * A query-by-example pool in the order of a ranking over the whole corpus: pool members the
 * ranking holds come first in its order, the others follow in their pool order (stable), so a
 * method is never rewarded for papers it did not find.
 */
export function orderPool(pool: readonly string[], ranking: readonly string[]): string[] {
  const members = new Set(pool);
  const ranked = ranking.filter((id) => members.has(id));
  const seen = new Set(ranked);
  return [...new Set(ranked), ...pool.filter((id) => !seen.has(id))];
}

/** A ranking from scores (higher first); ties keep the input order. */
export function byScore(ids: readonly string[], scores: ArrayLike<number>): string[] {
  return ids.map((id, i) => ({ id, s: scores[i]!, i })).sort((a, b) => b.s - a.s || a.i - b.i).map((x) => x.id);
}
