import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { SimdCodes, dotInt, prepareQuery } from '../src/search/vector/dot-kernel.js';
import { DOT_KERNEL_WASM } from '../src/search/vector/dot-kernel-wasm.js';
import { VectorIndex } from '../src/search/vector/vector-index.js';
import { IvfLists } from '../src/search/vector/ivf-lists.js';
import { quantize } from '../src/search/vector/quantize.js';
import { seededRandom } from '../src/search/vector/seeded-random.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

function unitVectors(n: number, d: number, seed: number): Float32Array[] {
  const rand = seededRandom(seed);
  return Array.from({ length: n }, () => {
    const v = Float32Array.from({ length: d }, () => rand() * 2 - 1);
    const norm = Math.hypot(...v);
    return v.map((x) => x / norm);
  });
}

describe('SIMD dot-product kernel', () => {
  it('ships the bytes its WebAssembly text compiles to', async () => {
    const script = await import(pathToFileURL(join(root, 'scripts', 'build-dot-kernel.mjs')).href) as { compileDotKernel(): Promise<Buffer> };
    const bytes = await script.compileDotKernel();
    assert.equal(Buffer.from(DOT_KERNEL_WASM, 'base64').toString('hex'), bytes.toString('hex'));
  });

  for (const d of [16, 64, 384, 4096]) {
    it(`computes the scalar kernel's integers at ${d} dimensions, extremes included`, () => {
      const n = 300;
      const simd = SimdCodes.create(d, n);
      assert.ok(simd, 'this Node has WebAssembly SIMD');
      const rand = seededRandom(d);
      const codes = simd.codes;
      for (let i = 0; i < n * d; i++) codes[i] = Math.floor(rand() * 256) - 128;
      // Vector 0 is all -128 and the query all at its largest: the largest sum the kernel can meet.
      codes.fill(-128, 0, d);
      const q = prepareQuery(Float32Array.from({ length: d }, (_, j) => (j === 0 ? -1 : rand() * 2 - 1)));
      q.q16.fill(q.q16[0]!);
      const got = Array.from(simd.dots(q, 0, n).subarray(0, n));
      const want = Array.from({ length: n }, (_, i) => dotInt(q.q16, codes, i * d, d));
      assert.deepEqual(got, want);
      // 128 * 32,767 * d, or for d over 512 the bound the query is scaled to: just under 2^31.
      assert.equal(want[0], 128 * Math.abs(q.q16[0]!) * d);
      if (d === 4096) assert.ok(want[0]! > 0x7fffffff - 2 ** 20 && want[0]! <= 0x7fffffff, String(want[0]));
    });
  }

  it('keeps the query to 1/32,767 of its largest component at 64 dimensions', () => {
    const v = unitVectors(1, 64, 3)[0]!;
    const q = prepareQuery(v);
    v.forEach((x, j) => assert.ok(Math.abs(q.q16[j]! * q.scale - x) <= q.scale / 2 + 1e-9));
    assert.equal(Math.max(...Array.from(q.q16, Math.abs)), 32767);
    assert.deepEqual(Array.from(prepareQuery(new Float32Array(64)).q16), new Array(64).fill(0));
  });

  it('is not used where the dimensions are not a multiple of 16', () => {
    assert.equal(SimdCodes.create(24, 10), null);
    assert.equal(new VectorIndex(24).kernel, 'scalar');
    assert.equal(new VectorIndex(64).kernel, 'simd');
    assert.equal(new VectorIndex(64, 1024, { simd: false }).kernel, 'scalar');
  });
});

describe('vector index on either kernel', () => {
  const d = 64;
  const vectors = unitVectors(6000, d, 7);
  // From 16 slots, so the SIMD index grows its memory many times while vectors arrive.
  const simd = new VectorIndex(d, 16);
  const scalar = new VectorIndex(d, 16, { simd: false });
  for (const index of [simd, scalar]) {
    vectors.forEach((v, i) => index.set(i + 1, quantize(v)));
    for (let id = 1; id <= 6000; id += 7) index.remove(id);
    index.set(12, quantize(vectors[0]!));
  }

  it('keeps every code through memory growth', () => {
    assert.equal(simd.kernel, 'simd');
    for (const id of [2, 12, 3001, 5999]) assert.deepEqual(simd.vectorOf(id), scalar.vectorOf(id));
    const first = quantize(vectors[0]!);
    assert.deepEqual(simd.vectorOf(12), Float32Array.from(first.codes, (c) => c * Math.fround(first.scale)));
    assert.equal(simd.vectorOf(8), null);
  });

  it('ranks and scores exactly as the scalar kernel, with and without a mask', () => {
    const mask = new Uint8Array(6001);
    for (let id = 0; id <= 6000; id += 3) mask[id] = 1;
    for (const q of unitVectors(20, d, 11)) {
      assert.deepEqual(simd.exact(q, 50), scalar.exact(q, 50));
      assert.deepEqual(simd.exact(q, 20, mask), scalar.exact(q, 20, mask));
      assert.equal(simd.score(q, 12), scalar.score(q, 12));
    }
  });

  it('scores a stored paper against itself at a cosine of 1, to int8 precision', () => {
    const top = simd.exact(vectors[1]!, 1)[0]!;
    assert.equal(top.rowId, 2);
    assert.ok(Math.abs(top.score - 1) < 0.01, String(top.score));
  });

  it('hands its codes to the scalar kernel when the kernel memory cannot grow further', () => {
    const bounded = new VectorIndex(d, 16, { simdMaxBytes: 200_000 });
    const plain = new VectorIndex(d, 16, { simd: false });
    vectors.forEach((v, i) => {
      bounded.set(i + 1, quantize(v));
      plain.set(i + 1, quantize(v));
      // 200,000 bytes hold the kernel's 24 KB of query and results and about 2,700 vectors' codes.
      assert.equal(bounded.kernel, i < 2000 ? 'simd' : i > 3000 ? 'scalar' : bounded.kernel);
    });
    for (const id of [1, 2500, 6000]) assert.deepEqual(bounded.vectorOf(id), plain.vectorOf(id));
    for (const q of unitVectors(5, d, 17)) assert.deepEqual(bounded.exact(q, 20), plain.exact(q, 20));
  });

  it('answers IVF searches as the scalar kernel does', async () => {
    simd.ivf = await IvfLists.build(simd, { lists: 16, sample: 2000 });
    scalar.ivf = await IvfLists.build(scalar, { lists: 16, sample: 2000 });
    assert.equal(simd.ivf.nprobe, scalar.ivf.nprobe);
    for (const q of unitVectors(10, d, 13)) assert.deepEqual(simd.search(q, 20), scalar.search(q, 20));
  });
});
