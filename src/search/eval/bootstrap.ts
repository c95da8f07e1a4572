import { seededRandom } from '../vector/seeded-random.js';

/** A two-sided interval of an estimate. */
export interface Interval {
  low: number;
  high: number;
}

/**
 * Percentile bootstrap interval of a mean of fold means (CSFCube's test figure is the mean of its two
 * test folds' means): each round draws every fold's per-query values again with replacement, keeping
 * the folds' sizes. It says how far the figure could move with other queries of the same kind, so
 * two systems a few tenths apart are not read as different. Seeded: the same input gives the same
 * interval on every run.
 */
export function foldBootstrap(folds: ReadonlyArray<readonly number[]>, opts: { rounds?: number; level?: number; seed?: number } = {}): Interval {
  const parts = folds.filter((f) => f.length > 0);
  if (!parts.length) return { low: Number.NaN, high: Number.NaN };
  const rounds = opts.rounds ?? 2000;
  const rand = seededRandom(opts.seed ?? 1);
  const estimates = new Float64Array(rounds);
  for (let r = 0; r < rounds; r++) {
    let sum = 0;
    for (const f of parts) {
      let s = 0;
      for (let i = 0; i < f.length; i++) s += f[Math.floor(rand() * f.length)]!;
      sum += s / f.length;
    }
    estimates[r] = sum / parts.length;
  }
  estimates.sort();
  const tail = (1 - (opts.level ?? 0.95)) / 2;
  const at = (q: number): number => estimates[Math.min(rounds - 1, Math.max(0, Math.round(q * (rounds - 1))))]!;
  return { low: at(tail), high: at(1 - tail) };
}
