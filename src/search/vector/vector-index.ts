import type { Quantized } from './quantize.js';
import { TopK } from './top-k.js';
import type { IvfLists } from './ivf-lists.js';
import { SIMD_BLOCK, SimdCodes, dotInt, prepareQuery, type PreparedQuery } from './dot-kernel.js';

/** One vector search result: a paper row id and its cosine to the query. */
export interface RowHit {
  rowId: number;
  score: number;
}

/** Allowed paper row ids (1 = allowed), or null for every paper. */
export type RowMask = Uint8Array | null;

/**
 * Every paper's int8 vector in one typed array (68 bytes a paper at 64 dimensions), addressed by
 * paper row id, with an exact scan and, once `ivf` is set, an approximate one over a few lists.
 * Updated in place as new vectors arrive, so the server never reloads the whole corpus.
 */
export class VectorIndex {
  rowIds: Int32Array;
  codes: Int8Array;
  scales: Float32Array;
  /** Slots in use (dead ones included: a replaced vector leaves its old slot with rowId -1). */
  slots = 0;
  live = 0;
  /** slot + 1 of each row id (0: none). */
  private slotOf = new Int32Array(1024);
  ivf: IvfLists | null = null;
  /** The codes' home when the SIMD kernel can score them; null: a plain array and the scalar loop. */
  private simd: SimdCodes | null;
  /** The scalar kernel's block of dot products (allocated on its first scan). */
  private scalarBlock: Int32Array | null = null;

  /**
   * `simd: false` keeps the scalar kernel (the benchmark's baseline); `simdMaxBytes` lowers the
   * kernel memory's 4 GiB bound (tests of the hand-over to the scalar kernel).
   */
  constructor(readonly dimensions: number, capacity = 1024, opts: { simd?: boolean; simdMaxBytes?: number } = {}) {
    this.rowIds = new Int32Array(capacity);
    this.simd = opts.simd === false ? null : SimdCodes.create(dimensions, capacity, opts.simdMaxBytes);
    this.codes = this.simd ? this.simd.codes : new Int8Array(capacity * dimensions);
    this.scales = new Float32Array(capacity);
  }

  /** Which kernel scores this index's vectors. */
  get kernel(): 'simd' | 'scalar' {
    return this.simd ? 'simd' : 'scalar';
  }

  private grow(min: number): void {
    const cap = Math.max(min, Math.ceil(this.rowIds.length * 1.5));
    const ids = new Int32Array(cap); ids.set(this.rowIds.subarray(0, this.slots)); this.rowIds = ids;
    if (this.simd?.grow(cap)) {
      this.codes = this.simd.codes;
    } else {
      // Past 4 GiB of codes (a wide endpoint model at arXiv's size) the scalar kernel takes over.
      this.simd = null;
      const codes = new Int8Array(cap * this.dimensions); codes.set(this.codes.subarray(0, this.slots * this.dimensions)); this.codes = codes;
    }
    const sc = new Float32Array(cap); sc.set(this.scales.subarray(0, this.slots)); this.scales = sc;
  }

  /**
   * Reorders slots [0, order.length): new slot i takes old slot order[i]. The IVF build stores each
   * list's vectors next to each other, so a probe reads memory in order instead of jumping around.
   */
  permute(order: Int32Array): void {
    const d = this.dimensions, n = order.length;
    const ids = this.rowIds.slice(0, n), codes = this.codes.slice(0, n * d), scales = this.scales.slice(0, n);
    for (let i = 0; i < n; i++) {
      const from = order[i]!;
      const id = ids[from]!;
      this.rowIds[i] = id;
      this.codes.set(codes.subarray(from * d, from * d + d), i * d);
      this.scales[i] = scales[from]!;
      if (id >= 0) this.slotOf[id] = i + 1;
    }
  }

  /** Adds or replaces the vector of a paper. */
  set(rowId: number, v: Quantized): void {
    if (v.codes.length !== this.dimensions) throw new Error(`vector of ${v.codes.length} dimensions in an index of ${this.dimensions}`);
    this.remove(rowId);
    if (this.slots === this.rowIds.length) this.grow(this.slots + 1);
    if (rowId >= this.slotOf.length) {
      const m = new Int32Array(Math.max(rowId + 1, Math.ceil(this.slotOf.length * 1.5)));
      m.set(this.slotOf);
      this.slotOf = m;
    }
    const s = this.slots++;
    this.rowIds[s] = rowId;
    this.codes.set(v.codes, s * this.dimensions);
    this.scales[s] = v.scale;
    this.slotOf[rowId] = s + 1;
    this.live++;
  }

  remove(rowId: number): void {
    const s = (this.slotOf[rowId] ?? 0) - 1;
    if (s < 0) return;
    this.rowIds[s] = -1;
    this.slotOf[rowId] = 0;
    this.live--;
  }

  has(rowId: number): boolean {
    return (this.slotOf[rowId] ?? 0) > 0;
  }

  /** A paper's vector as floats, or null. */
  vectorOf(rowId: number): Float32Array | null {
    const s = (this.slotOf[rowId] ?? 0) - 1;
    if (s < 0) return null;
    const d = this.dimensions, scale = this.scales[s]!;
    return Float32Array.from(this.codes.subarray(s * d, s * d + d), (c) => c * scale);
  }

  /** A query in the form the kernels score (once per query, not per vector). */
  prepare(q: Float32Array): PreparedQuery {
    if (q.length !== this.dimensions) throw new Error(`query of ${q.length} dimensions in an index of ${this.dimensions}`);
    return prepareQuery(q);
  }

  /** Cosine of a prepared query with one stored slot. */
  scoreSlot(q: PreparedQuery, s: number): number {
    return dotInt(q.q16, this.codes, s * this.dimensions, this.dimensions) * q.scale * this.scales[s]!;
  }

  /** Cosine of the query with one paper, or null when it has no vector. */
  score(q: Float32Array, rowId: number): number | null {
    const s = (this.slotOf[rowId] ?? 0) - 1;
    return s < 0 ? null : this.scoreSlot(this.prepare(q), s);
  }

  /**
   * The integer dot products of slots [at, at + n), n <= SIMD_BLOCK, by whichever kernel scores
   * this index (the scalar loop gives the same integers), in a block the next call overwrites.
   */
  private blockDots(q: PreparedQuery, at: number, n: number): Int32Array {
    if (this.simd) return this.simd.dots(q, at, n);
    const d = this.dimensions, out = (this.scalarBlock ??= new Int32Array(SIMD_BLOCK));
    for (let i = 0; i < n; i++) out[i] = dotInt(q.q16, this.codes, (at + i) * d, d);
    return out;
  }

  /** Offers slots [from, to) to `top`, skipping dead and masked-out ones. */
  scanRange(q: PreparedQuery, from: number, to: number, top: TopK, mask: RowMask): void {
    const scales = this.scales, ids = this.rowIds, qs = q.scale;
    let floor = top.floor;
    for (let at = from; at < to; at += SIMD_BLOCK) {
      const n = Math.min(SIMD_BLOCK, to - at), dots = this.blockDots(q, at, n);
      for (let i = 0; i < n; i++) {
        const s = at + i, id = ids[s]!;
        if (id < 0 || (mask && mask[id] !== 1)) continue;
        const score = dots[i]! * qs * scales[s]!;
        if (score >= floor) { top.offer(score, id); floor = top.floor; }
      }
    }
  }

  /**
   * Each slot's dot product with a prepared query, without the slot's own scale, into `out`
   * (out[s - from]): enough to compare several queries on one slot, as the IVF build does.
   */
  dotsInto(q: PreparedQuery, from: number, to: number, out: Float32Array): void {
    for (let at = from; at < to; at += SIMD_BLOCK) {
      const n = Math.min(SIMD_BLOCK, to - at), dots = this.blockDots(q, at, n);
      for (let i = 0; i < n; i++) out[at - from + i] = dots[i]! * q.scale;
    }
  }

  /** The exact top k by cosine: a scan of every vector (the baseline the approximate search is measured against). */
  exact(q: Float32Array, k: number, mask: RowMask = null): RowHit[] {
    const top = new TopK(k);
    this.scanRange(this.prepare(q), 0, this.slots, top, mask);
    return top.sorted().map((h) => ({ rowId: h.id, score: h.score }));
  }

  /** The top k, approximately when a coarse quantiser is built (see IvfLists), exactly otherwise. */
  search(q: Float32Array, k: number, mask: RowMask = null): RowHit[] {
    if (!this.ivf) return this.exact(q, k, mask);
    return this.ivf.search(this, this.prepare(q), k, mask).map((h) => ({ rowId: h.id, score: h.score }));
  }
}
