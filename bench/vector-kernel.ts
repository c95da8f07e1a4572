import { VectorIndex } from '../src/search/vector/vector-index.js';
import { summarise, type LatencySummary } from './stats.js';

/** Exact scans over the same vectors with the SIMD kernel and with the scalar loop it replaced. */
export interface KernelScans {
  vectors: number;
  kernel: 'simd' | 'scalar';
  simd: LatencySummary;
  scalar: LatencySummary;
}

/**
 * Copies up to `max` of a loaded index's vectors into one index per kernel and times an exact top-20
 * scan of each for the same queries (stored papers' vectors), alternating which goes first. The
 * copy bounds the memory this adds to the query process's peak.
 */
export function kernelScans(index: VectorIndex, max = 500_000, queries = 30): KernelScans {
  const d = index.dimensions;
  const fast = new VectorIndex(d, Math.min(max, index.slots));
  const slow = new VectorIndex(d, Math.min(max, index.slots), { simd: false });
  const picked: Float32Array[] = [];
  for (let s = 0; s < index.slots && fast.live < max; s++) {
    const id = index.rowIds[s]!;
    if (id < 0) continue;
    const v = { codes: index.codes.slice(s * d, s * d + d), scale: index.scales[s]! };
    fast.set(id, v);
    slow.set(id, v);
    if (picked.length < queries && s % 997 === 0) picked.push(index.vectorOf(id)!);
  }
  const simd: number[] = [], scalar: number[] = [];
  const time = (ix: VectorIndex, q: Float32Array, into: number[]): void => {
    const t = performance.now();
    ix.exact(q, 20);
    into.push(performance.now() - t);
  };
  picked.forEach((q, i) => {
    if (i % 2) { time(slow, q, scalar); time(fast, q, simd); } else { time(fast, q, simd); time(slow, q, scalar); }
  });
  return { vectors: fast.live, kernel: fast.kernel, simd: summarise(simd), scalar: summarise(scalar) };
}
