/** Latency figures of one system over the query set, in milliseconds. */
export interface LatencySummary {
  queries: number;
  medianMs: number;
  p95Ms: number;
  p99Ms: number;
  meanMs: number;
  maxMs: number;
}

/** The p-th percentile (0-100) of sorted values, interpolating between neighbours. */
export function percentile(sorted: readonly number[], p: number): number {
  if (!sorted.length) return NaN;
  const at = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(at);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (at - lo);
}

/** A figure rounded for tables and JSON. */
export function round(n: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

/** Median, p95, p99, mean and max of a list of latencies. */
export function summarise(latenciesMs: readonly number[]): LatencySummary {
  const s = [...latenciesMs].sort((a, b) => a - b);
  const mean = s.reduce((a, b) => a + b, 0) / Math.max(1, s.length);
  return {
    queries: s.length,
    medianMs: round(percentile(s, 50)),
    p95Ms: round(percentile(s, 95)),
    p99Ms: round(percentile(s, 99)),
    meanMs: round(mean),
    maxMs: round(s[s.length - 1] ?? NaN),
  };
}

/** How far two systems agree on the top results, averaged over queries. */
export interface Overlap {
  /** Mean share of shared ids: |A ∩ B| / max(|A|, |B|), over queries where either found anything. */
  mean: number;
  /** Queries where both returned nothing (left out of the mean). */
  bothEmpty: number;
  /** Queries where exactly one of the two returned nothing. */
  oneEmpty: number;
}

/** The overlap of two systems' top-k id lists, query by query. */
export function overlap(a: readonly string[][], b: readonly string[][]): Overlap {
  let sum = 0;
  let n = 0;
  let bothEmpty = 0;
  let oneEmpty = 0;
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (!x.length && !y.length) { bothEmpty++; continue; }
    if (!x.length || !y.length) oneEmpty++;
    const ys = new Set(y);
    sum += x.filter((id) => ys.has(id)).length / Math.max(x.length, y.length);
    n++;
  }
  return { mean: n ? round(sum / n, 3) : NaN, bothEmpty, oneEmpty };
}
