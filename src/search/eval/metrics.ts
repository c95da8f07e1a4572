/**
 * Ranking-quality measures for comparing search methods against human judgments. Rankings are
 * given as the judgment of each result in rank order (grades; 0 or a missing judgment is "not
 * relevant"), so one list serves the binary and the graded measures alike.
 */

/** Which grades count as relevant for the binary measures (CSFCube: grade >= 2; CACM/CISI: >= 1). */
export type Threshold = number;

function binary(grades: readonly number[], threshold: Threshold): boolean[] {
  return grades.map((g) => g >= threshold);
}

/**
 * Average precision: the mean of the precision at the rank of each relevant document. Relevant
 * documents the ranking never returned count as precision 0, so `totalRelevant` must be the number
 * of relevant documents the judgments know (defaults to those in the ranking, as for a ranked pool).
 */
export function averagePrecision(grades: readonly number[], threshold: Threshold = 1, totalRelevant?: number): number {
  const rel = binary(grades, threshold);
  let found = 0;
  let sum = 0;
  rel.forEach((r, i) => {
    if (!r) return;
    found++;
    sum += found / (i + 1);
  });
  const total = totalRelevant ?? found;
  return total > 0 ? sum / total : 0;
}

/** Precision at k: relevant results among the first k, divided by k even when fewer were returned. */
export function precisionAt(grades: readonly number[], k: number, threshold: Threshold = 1): number {
  if (k <= 0) return 0;
  return binary(grades.slice(0, k), threshold).filter(Boolean).length / k;
}

/**
 * Discounted cumulative gain of the first k results with the grade itself as the gain, as the
 * CSFCube scripts compute it: the first two ranks are not discounted, rank i >= 2 (1-based) is
 * divided by log2(i).
 */
export function dcgAt(grades: readonly number[], k: number): number {
  const n = Math.min(k, grades.length);
  let sum = 0;
  for (let i = 0; i < n; i++) sum += i === 0 ? grades[0]! : grades[i]! / Math.log2(i + 1);
  return sum;
}

/**
 * NDCG at k: the DCG divided by that of the best ordering of `judged` (the grades of every judged
 * candidate; defaults to the ranking's own grades, right for a ranked pool). 0 when nothing is relevant.
 */
export function ndcgAt(grades: readonly number[], k: number, judged: readonly number[] = grades): number {
  const ideal = dcgAt([...judged].sort((a, b) => b - a), k);
  return ideal > 0 ? dcgAt(grades, k) / ideal : 0;
}

/** The arithmetic mean (0 for no values), the way every per-query measure is averaged. */
export function mean(values: readonly number[]): number {
  return values.length ? values.reduce((s, v) => s + v, 0) / values.length : 0;
}

/** The grades of a ranking: each result id looked up in one query's judgments (unjudged = 0). */
export function gradesOf(ranking: readonly string[], judgments: ReadonlyMap<string, number>): number[] {
  return ranking.map((id) => judgments.get(id) ?? 0);
}
