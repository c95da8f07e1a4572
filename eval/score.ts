import { averagePrecision, gradesOf, mean, ndcgAt, precisionAt } from '../src/search/eval/metrics.js';
import { foldBootstrap, type Interval } from '../src/search/eval/bootstrap.js';
import type { Collection, EvalQuery } from './collection.js';
import type { Ranker } from './ranking.js';

/** One query's measures (fractions, 0..1). */
export interface QueryScore {
  qid: string;
  ap: number;
  p10: number;
  /** NDCG at 20% of the pool (query-by-example) or at 10 (keyword collections). */
  ndcg: number;
}

/** Averaged measures of one split (fractions, 0..1). */
export interface Summary {
  map: number;
  p10: number;
  ndcg: number;
  queries: number;
}

/** The measures of one method on one collection: `test` is what tables report, `dev` what tuning may use. */
export interface RunScore {
  test: Summary;
  dev?: Summary;
  /**
   * CSFCube's test fold 1 alone: its queries are the ones no parameter was chosen on (fold 2's test
   * queries are fold 1's dev queries, which the protocol's test figure includes).
   */
  untuned?: Summary;
  /** CSFCube: 95% bootstrap intervals of the test MAP and NDCG%20 over other draws of the test queries. */
  testInterval?: { map: Interval; ndcg: Interval };
  perQuery: QueryScore[];
  seconds: number;
}

/** Scores one ranking against the query's judgments, the way the collection defines its measures. */
export function scoreQuery(c: Collection, q: EvalQuery, ranking: readonly string[]): QueryScore {
  const judged = c.qrels.get(q.qid) ?? new Map<string, number>();
  const grades = gradesOf(ranking, judged);
  const relevant = [...judged.values()].filter((g) => g >= c.threshold).length;
  if (q.pool) {
    const k = Math.floor(0.2 * q.pool.length);
    return { qid: q.qid, ap: averagePrecision(grades, c.threshold, relevant), p10: precisionAt(grades, 10, c.threshold), ndcg: ndcgAt(grades, k, gradesOf(q.pool, judged)) };
  }
  return { qid: q.qid, ap: averagePrecision(grades, c.threshold, relevant), p10: precisionAt(grades, 10, c.threshold), ndcg: ndcgAt(grades, 10, [...judged.values()]) };
}

function summarise(scores: readonly QueryScore[]): Summary {
  return { map: mean(scores.map((s) => s.ap)), p10: mean(scores.map((s) => s.p10)), ndcg: mean(scores.map((s) => s.ndcg)), queries: scores.length };
}

/** CSFCube's protocol: a split's score is the mean over its folds of each fold's mean. */
function foldSummary(folds: Record<string, string[]>, names: string[], byQid: Map<string, QueryScore>): Summary {
  const parts = names.map((n) => summarise((folds[n] ?? []).flatMap((qid) => byQid.get(qid) ?? [])));
  return { map: mean(parts.map((p) => p.map)), p10: mean(parts.map((p) => p.p10)), ndcg: mean(parts.map((p) => p.ndcg)), queries: parts.reduce((s, p) => s + p.queries, 0) };
}

/** CSFCube's test split: its protocol's figure is the mean of these folds' means. */
const TEST_FOLDS = ['fold1_test', 'fold2_test'];

/** Bootstrap intervals of a split's MAP and NDCG, resampling each fold's queries (foldBootstrap). */
function foldIntervals(folds: Record<string, string[]>, names: string[], byQid: Map<string, QueryScore>): { map: Interval; ndcg: Interval } {
  const of = (key: 'ap' | 'ndcg'): number[][] => names.map((n) => (folds[n] ?? []).flatMap((qid) => byQid.get(qid)?.[key] ?? []));
  return { map: foldBootstrap(of('ap')), ndcg: foldBootstrap(of('ndcg')) };
}

/**
 * CSFCube: the bootstrap interval of the difference between two runs' test figures, query by query
 * (a paired comparison: both runs are scored on the same draws of queries); null without folds.
 */
export function pairedInterval(c: Collection, a: RunScore, b: RunScore): { map: Interval; ndcg: Interval } | null {
  if (!c.folds) return null;
  const theirs = new Map(b.perQuery.map((s) => [s.qid, s]));
  const diff = new Map(a.perQuery.flatMap((s) => {
    const t = theirs.get(s.qid);
    return t ? [[s.qid, { qid: s.qid, ap: s.ap - t.ap, p10: s.p10 - t.p10, ndcg: s.ndcg - t.ndcg }] as const] : [];
  }));
  return foldIntervals(c.folds, TEST_FOLDS, diff);
}

/** Aggregates per-query scores: CSFCube as test folds 1+2, dev fold 1 and test fold 1 alone; others over all judged queries. */
export function aggregate(c: Collection, perQuery: QueryScore[], seconds: number): RunScore {
  if (!c.folds) return { test: summarise(perQuery), perQuery, seconds };
  const byQid = new Map(perQuery.map((s) => [s.qid, s]));
  return {
    test: foldSummary(c.folds, TEST_FOLDS, byQid), dev: foldSummary(c.folds, ['fold1_dev'], byQid),
    untuned: foldSummary(c.folds, ['fold1_test'], byQid), testInterval: foldIntervals(c.folds, TEST_FOLDS, byQid), perQuery, seconds,
  };
}

/** Runs a method over every judged query of a collection and scores it. */
export async function scoreRun(c: Collection, rank: Ranker, queries: readonly EvalQuery[] = c.queries): Promise<RunScore> {
  const t0 = performance.now();
  const perQuery: QueryScore[] = [];
  for (const q of queries) perQuery.push(scoreQuery(c, q, await rank(q)));
  return aggregate(c, perQuery, (performance.now() - t0) / 1000);
}
