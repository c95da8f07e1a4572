import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { VectorIndex } from '../src/search/vector/vector-index.js';
import { IvfLists } from '../src/search/vector/ivf-lists.js';
import { TopK } from '../src/search/vector/top-k.js';
import { quantize } from '../src/search/vector/quantize.js';
import { sphericalKmeans } from '../src/search/vector/kmeans.js';
import { seededRandom } from '../src/search/vector/seeded-random.js';

/** n unit vectors around `clusters` random centres (a corpus of topics), seeded. */
function clustered(n: number, d: number, clusters: number, seed = 1): Float32Array[] {
  const rand = seededRandom(seed);
  const gauss = (): number => Math.sqrt(-2 * Math.log(rand() + 1e-12)) * Math.cos(2 * Math.PI * rand());
  const centres = Array.from({ length: clusters }, () => Float32Array.from({ length: d }, gauss));
  return Array.from({ length: n }, () => {
    const c = centres[Math.floor(rand() * clusters)]!;
    const v = Float32Array.from(c, (x) => x + 0.9 * gauss());
    const norm = Math.hypot(...v);
    return v.map((x) => x / norm);
  });
}

function dot(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

describe('top-k selection', () => {
  it('keeps the k best, best first, ties by lower id', () => {
    const top = new TopK(3);
    [[0.5, 9], [0.9, 4], [0.1, 1], [0.9, 2], [0.7, 3], [0.5, 1]].forEach(([s, id]) => top.offer(s!, id!));
    assert.deepEqual(top.sorted(), [{ id: 2, score: 0.9 }, { id: 4, score: 0.9 }, { id: 3, score: 0.7 }]);
    assert.deepEqual(new TopK(0).sorted(), []);
  });
});

describe('vector index', () => {
  const d = 16;
  const vectors = clustered(3000, d, 12);
  const index = new VectorIndex(d, 16);
  vectors.forEach((v, i) => index.set(i + 1, quantize(v)));

  it('scans exactly: the same top 20 as float cosine, up to int8 rounding', () => {
    const q = vectors[7]!;
    const got = index.exact(q, 20);
    const want = vectors.map((v, i) => ({ rowId: i + 1, score: dot(q, v) })).sort((a, b) => b.score - a.score).slice(0, 20);
    assert.equal(got[0]!.rowId, 8);
    const overlap = got.filter((h) => want.some((w) => w.rowId === h.rowId)).length;
    assert.ok(overlap >= 19, `overlap ${overlap}`);
    got.forEach((h) => assert.ok(Math.abs(h.score - dot(q, vectors[h.rowId - 1]!)) < 0.02));
  });

  it('replaces, removes and filters by a row mask', () => {
    const small = new VectorIndex(2);
    small.set(5, quantize(Float32Array.from([1, 0])));
    small.set(9, quantize(Float32Array.from([0, 1])));
    small.set(5, quantize(Float32Array.from([0.6, 0.8])));
    assert.equal(small.live, 2);
    assert.deepEqual(small.exact(Float32Array.from([0, 1]), 5).map((h) => h.rowId), [9, 5]);
    const mask = new Uint8Array(10);
    mask[5] = 1;
    assert.deepEqual(small.exact(Float32Array.from([0, 1]), 5, mask).map((h) => h.rowId), [5]);
    small.remove(9);
    assert.deepEqual(small.exact(Float32Array.from([0, 1]), 5).map((h) => h.rowId), [5]);
    assert.equal(small.vectorOf(9), null);
    assert.throws(() => small.set(1, quantize(new Float32Array(3))), /3 dimensions/);
  });

  it('clusters with spherical k-means into unit centroids', async () => {
    const flat = new Float32Array(600 * d);
    vectors.slice(0, 600).forEach((v, i) => flat.set(v, i * d));
    const c = await sphericalKmeans(flat, 600, d, 8, 5);
    for (let k = 0; k < 8; k++) assert.ok(Math.abs(Math.hypot(...c.subarray(k * d, k * d + d)) - 1) < 1e-4);
  });

  it('answers from IVF lists with recall@20 of at least 0.95 against the exact scan, new vectors included', async () => {
    const ivf = await IvfLists.build(index, { lists: 32, sample: 2000 });
    index.ivf = ivf;
    assert.ok(ivf.nprobe >= 1 && ivf.nprobe <= 32);
    // Vectors added after the build live in the tail and are always scanned.
    const late = clustered(50, d, 12, 99);
    late.forEach((v, i) => index.set(5000 + i, quantize(v)));
    const queries = clustered(60, d, 12, 7);
    let recall = 0;
    for (const q of queries) {
      const exact = new Set(index.exact(q, 20).map((h) => h.rowId));
      recall += index.search(q, 20).filter((h) => exact.has(h.rowId)).length / 20;
    }
    assert.ok(recall / queries.length >= 0.95, `recall ${recall / queries.length}`);
    assert.equal(index.search(late[3]!, 1)[0]!.rowId, 5003);
    // A narrow mask probes more lists until enough results are found.
    const mask = new Uint8Array(6000);
    for (let i = 1; i <= 3000; i += 97) mask[i] = 1;
    const masked = index.search(queries[0]!, 20, mask);
    assert.equal(masked.length, 20);
    assert.ok(masked.every((h) => mask[h.rowId] === 1));
  });
});
