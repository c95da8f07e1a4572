import type { SparseMatrix } from './sparse-matrix.js';

/** The top singular values and right singular vectors of a matrix. */
export interface TruncatedSvd {
  k: number;
  /** Singular values, largest first. */
  values: Float64Array;
  /** Right singular vectors: cols x k, row-major (row t holds column t's coordinates). */
  right: Float64Array;
}

/** A small seeded generator so that training the same corpus gives the same model. */
function gaussian(seed: number): () => number {
  let s = seed >>> 0;
  const uniform = (): number => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (((t ^ (t >>> 14)) >>> 0) + 0.5) / 4294967296;
  };
  return () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
}

/** Orthonormalises the k columns of a row-major n x k matrix in place (Gram-Schmidt, done twice for accuracy). */
export function orthonormalise(m: Float64Array, n: number, k: number): void {
  // Work on contiguous columns: the row-major layout would stride through memory on every dot product.
  const cols = Array.from({ length: k }, (_, j) => {
    const c = new Float64Array(n);
    for (let r = 0; r < n; r++) c[r] = m[r * k + j]!;
    return c;
  });
  for (let pass = 0; pass < 2; pass++) {
    for (let j = 0; j < k; j++) {
      const cj = cols[j]!;
      for (let i = 0; i < j; i++) {
        const ci = cols[i]!;
        let dot = 0;
        for (let r = 0; r < n; r++) dot += ci[r]! * cj[r]!;
        for (let r = 0; r < n; r++) cj[r]! -= dot * ci[r]!;
      }
      let norm = 0;
      for (let r = 0; r < n; r++) norm += cj[r]! ** 2;
      norm = Math.sqrt(norm) || 1;
      for (let r = 0; r < n; r++) cj[r]! /= norm;
    }
  }
  for (let j = 0; j < k; j++) for (let r = 0; r < n; r++) m[r * k + j] = cols[j]![r]!;
}

/** Eigenvalues (descending) and eigenvectors (columns of a row-major k x k matrix) of a symmetric matrix, by Jacobi rotations. */
export function symmetricEigen(a: Float64Array, k: number): { values: Float64Array; vectors: Float64Array } {
  const m = Float64Array.from(a);
  const v = new Float64Array(k * k);
  for (let i = 0; i < k; i++) v[i * k + i] = 1;
  for (let sweep = 0; sweep < 60; sweep++) {
    let off = 0;
    for (let p = 0; p < k; p++) for (let q = p + 1; q < k; q++) off += m[p * k + q]! ** 2;
    if (off < 1e-22) break;
    for (let p = 0; p < k; p++) {
      for (let q = p + 1; q < k; q++) {
        const apq = m[p * k + q]!;
        if (Math.abs(apq) < 1e-300) continue;
        const theta = (m[q * k + q]! - m[p * k + p]!) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1), s = t * c;
        for (let r = 0; r < k; r++) {
          const mrp = m[r * k + p]!, mrq = m[r * k + q]!;
          m[r * k + p] = c * mrp - s * mrq;
          m[r * k + q] = s * mrp + c * mrq;
        }
        for (let r = 0; r < k; r++) {
          const mpr = m[p * k + r]!, mqr = m[q * k + r]!;
          m[p * k + r] = c * mpr - s * mqr;
          m[q * k + r] = s * mpr + c * mqr;
        }
        for (let r = 0; r < k; r++) {
          const vrp = v[r * k + p]!, vrq = v[r * k + q]!;
          v[r * k + p] = c * vrp - s * vrq;
          v[r * k + q] = s * vrp + c * vrq;
        }
      }
    }
  }
  const order = [...Array(k).keys()].sort((i, j) => m[j * k + j]! - m[i * k + i]!);
  const values = Float64Array.from(order, (i) => m[i * k + i]!);
  const vectors = new Float64Array(k * k);
  order.forEach((src, dst) => { for (let r = 0; r < k; r++) vectors[r * k + dst] = v[r * k + src]!; });
  return { values, vectors };
}

/**
 * The top-k singular values and right singular vectors of a sparse matrix by randomized range
 * finding with power iterations (Halko, Martinsson and Tropp): a few passes of sparse x thin-dense
 * products instead of a full decomposition, so it runs on a laptop for hundreds of thousands of papers.
 */
export function randomizedSvd(a: SparseMatrix, k: number, opts: { oversample?: number; iterations?: number; seed?: number } = {}): TruncatedSvd {
  const l = Math.min(k + (opts.oversample ?? 10), a.rows, a.cols);
  const rand = gaussian(opts.seed ?? 1);
  const omega = new Float64Array(a.cols * l).map(() => rand());
  let q = a.times(omega, l);
  orthonormalise(q, a.rows, l);
  for (let it = 0; it < (opts.iterations ?? 4); it++) {
    const z = a.transposeTimes(q, l);
    orthonormalise(z, a.cols, l);
    q = a.times(z, l);
    orthonormalise(q, a.rows, l);
  }
  // Bt = A^T Q (cols x l); B B^T = Bt^T Bt is small, and its eigenvectors give B's SVD.
  const bt = a.transposeTimes(q, l);
  const g = new Float64Array(l * l);
  for (let r = 0; r < a.cols; r++) {
    const o = r * l;
    for (let i = 0; i < l; i++) {
      const x = bt[o + i]!;
      if (x === 0) continue;
      for (let j = i; j < l; j++) g[i * l + j]! += x * bt[o + j]!;
    }
  }
  for (let i = 0; i < l; i++) for (let j = 0; j < i; j++) g[i * l + j] = g[j * l + i]!;
  const eig = symmetricEigen(g, l);
  const kk = Math.min(k, l);
  const values = Float64Array.from({ length: kk }, (_, i) => Math.sqrt(Math.max(0, eig.values[i]!)));
  const right = new Float64Array(a.cols * kk);
  for (let r = 0; r < a.cols; r++) {
    for (let j = 0; j < kk; j++) {
      if (values[j] === 0) continue;
      let s = 0;
      for (let i = 0; i < l; i++) s += bt[r * l + i]! * eig.vectors[i * l + j]!;
      right[r * kk + j] = s / values[j]!;
    }
  }
  return { k: kk, values, right };
}
