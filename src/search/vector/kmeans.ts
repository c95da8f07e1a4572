import { seededRandom } from './seeded-random.js';
/** Index of the centroid with the largest dot product with row `o` of `data`. */
export function nearest(data: Float32Array, o: number, centroids: Float32Array, k: number, d: number): number {
  let best = 0, bestScore = -Infinity;
  for (let c = 0; c < k; c++) {
    let dot = 0;
    for (let j = 0, p = c * d; j < d; j++, p++) dot += data[o + j]! * centroids[p]!;
    if (dot > bestScore) { bestScore = dot; best = c; }
  }
  return best;
}

/**
 * k-means++ seeding for cosine: each next centre is a row drawn with probability proportional to the
 * square of its distance (1 - cosine) to the nearest centre so far, so few centres land in one group.
 */
function spreadSeeds(data: Float32Array, n: number, d: number, k: number, rand: () => number, centroids: Float32Array): void {
  const far = new Float64Array(n).fill(Infinity);
  let r = Math.floor(rand() * n);
  for (let c = 0; c < k; c++) {
    centroids.set(data.subarray(r * d, r * d + d), c * d);
    let total = 0;
    for (let i = 0; i < n; i++) {
      let dot = 0;
      for (let j = 0; j < d; j++) dot += data[i * d + j]! * centroids[c * d + j]!;
      const dist = Math.max(0, 1 - dot);
      if (dist < far[i]!) far[i] = dist;
      total += far[i]! * far[i]!;
    }
    let pick = rand() * total;
    r = n - 1;
    for (let i = 0; i < n; i++) {
      pick -= far[i]! * far[i]!;
      if (pick <= 0) { r = i; break; }
    }
  }
}

/**
 * Every row's nearest centroid, computed by the caller's own means (the IVF build scores its sample
 * with the vector index's SIMD kernel, ten times faster than `nearest`).
 */
export type AssignStep = (centroids: Float32Array) => Promise<Int32Array>;

/**
 * Spherical k-means (cosine) over n unit vectors (row-major n x d): the coarse quantiser of the
 * IVF index and the regions of regional models. Centroids start at random rows (`random`, the IVF
 * index's measured setting) or spread by k-means++ (`spread`: a few large groups must each get a
 * centre of their own); an emptied cluster takes a random row again. `assignAll` replaces the
 * float loop that finds each row's nearest centroid.
 */
export async function sphericalKmeans(data: Float32Array, n: number, d: number, k: number, iterations = 10, seed = 7, pause: () => Promise<void> = async () => undefined, init: 'random' | 'spread' = 'random', assignAll?: AssignStep): Promise<Float32Array> {
  const rand = seededRandom(seed);
  const centroids = new Float32Array(k * d);
  if (init === 'spread') spreadSeeds(data, n, d, k, rand, centroids);
  else {
    for (let c = 0; c < k; c++) {
      const r = Math.floor(rand() * n);
      centroids.set(data.subarray(r * d, r * d + d), c * d);
    }
  }
  let assign: Int32Array = new Int32Array(n);
  for (let it = 0; it < iterations; it++) {
    if (assignAll) assign = await assignAll(centroids);
    else {
      for (let i = 0; i < n; i++) {
        // A server keeps answering while the index trains: yield every few thousand rows.
        if (i % 4096 === 0) await pause();
        assign[i] = nearest(data, i * d, centroids, k, d);
      }
    }
    const sums = new Float64Array(k * d);
    const sizes = new Int32Array(k);
    for (let i = 0; i < n; i++) {
      const c = assign[i]!;
      sizes[c]!++;
      for (let j = 0; j < d; j++) sums[c * d + j]! += data[i * d + j]!;
    }
    for (let c = 0; c < k; c++) {
      if (!sizes[c]) {
        const r = Math.floor(rand() * n);
        centroids.set(data.subarray(r * d, r * d + d), c * d);
        continue;
      }
      let norm = 0;
      for (let j = 0; j < d; j++) norm += sums[c * d + j]! ** 2;
      norm = Math.sqrt(norm) || 1;
      for (let j = 0; j < d; j++) centroids[c * d + j] = sums[c * d + j]! / norm;
    }
  }
  return centroids;
}
