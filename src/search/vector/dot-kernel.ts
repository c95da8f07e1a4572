import { DOT_KERNEL_WASM } from './dot-kernel-wasm.js';

/**
 * A query ready to be scored against int8 codes: its components as int16 and the factor that turns
 * an integer dot product back into the float one. Both kernels below compute the same integers, so
 * a score does not depend on which of them ran.
 */
export interface PreparedQuery {
  q16: Int16Array;
  scale: number;
}

/** Stored codes are int8: |code| <= 128. */
const CODE_MAX = 128;

/**
 * Quantizes a float query to int16, as finely as the dimensions allow: the largest component maps
 * to 32,767 unless d * 128 * that would overflow the kernel's int32 sums (d over 512), and then to
 * less. At 64 dimensions a component is kept to 1/32,767 of the largest, a thousand times finer
 * than the stored vectors' int8 codes.
 */
export function prepareQuery(q: Float32Array): PreparedQuery {
  let max = 0;
  for (let j = 0; j < q.length; j++) max = Math.max(max, Math.abs(q[j]!));
  const top = Math.min(32767, Math.floor(0x7fffffff / (CODE_MAX * Math.max(1, q.length))));
  const scale = max > 0 ? max / top : 0;
  const q16 = new Int16Array(q.length);
  if (scale > 0) for (let j = 0; j < q.length; j++) q16[j] = Math.round(q[j]! / scale);
  return { q16, scale };
}

/** The integer dot product of a prepared query with the codes at `o`: the scalar kernel. */
export function dotInt(q16: Int16Array, codes: Int8Array, o: number, d: number): number {
  let a0 = 0, a1 = 0, a2 = 0, a3 = 0, j = 0;
  for (; j + 3 < d; j += 4, o += 4) {
    a0 += q16[j]! * codes[o]!;
    a1 += q16[j + 1]! * codes[o + 1]!;
    a2 += q16[j + 2]! * codes[o + 2]!;
    a3 += q16[j + 3]! * codes[o + 3]!;
  }
  for (; j < d; j++, o++) a0 += q16[j]! * codes[o]!;
  return a0 + a1 + a2 + a3;
}

/** Vectors the SIMD kernel scores per call: its output fits in a fixed 16 KB area. */
export const SIMD_BLOCK = 4096;
const PAGE = 65536;
/** WebAssembly's 32-bit memories end at 4 GiB. */
const MAX_BYTES = 65536 * PAGE;
/** Memory layout: the query (up to 4,096 int16), one block of int32 results, then the codes. */
const QUERY_AT = 0;
const OUT_AT = 8192;
const CODES_AT = OUT_AT + SIMD_BLOCK * 4;
const MAX_DIMENSIONS = (OUT_AT - QUERY_AT) / 2;

let compiled: WebAssembly.Module | null | undefined;
/** The kernel's module, compiled once; null where this runtime has no WebAssembly SIMD. */
function kernelModule(): WebAssembly.Module | null {
  if (compiled !== undefined) return compiled;
  try {
    compiled = new WebAssembly.Module(Buffer.from(DOT_KERNEL_WASM, 'base64'));
  } catch {
    compiled = null;
  }
  return compiled;
}

type Dots = (query: number, codes: number, n: number, d: number, out: number) => void;

/**
 * int8 codes kept in WebAssembly memory and scored 16 dimensions at a time by SIMD: about 20 times
 * the scalar loop's speed at 64 dimensions (scripts and figures in the README's benchmarks). Used
 * by VectorIndex when the dimensions are a multiple of 16 and the codes fit in 4 GiB.
 */
export class SimdCodes {
  private readonly memory: WebAssembly.Memory;
  private readonly run: Dots;
  private viewOf: ArrayBuffer | null = null;
  private codeView = new Int8Array(0);
  private outView = new Int32Array(0);
  private queryView = new Int16Array(0);

  private constructor(readonly dimensions: number, instance: WebAssembly.Instance, private capacity: number, private readonly maxBytes: number) {
    this.memory = instance.exports['memory'] as WebAssembly.Memory;
    this.run = instance.exports['dots'] as Dots;
  }

  /**
   * Codes for `capacity` vectors, or null when the kernel cannot hold or score them. `maxBytes`
   * (WebAssembly's 4 GiB unless a test sets less) bounds how far the memory may grow.
   */
  static create(dimensions: number, capacity: number, maxBytes = MAX_BYTES): SimdCodes | null {
    if (dimensions <= 0 || dimensions % 16 !== 0 || dimensions > MAX_DIMENSIONS) return null;
    const module = kernelModule();
    if (!module) return null;
    const codes = new SimdCodes(dimensions, new WebAssembly.Instance(module), 0, Math.min(maxBytes, MAX_BYTES));
    return codes.grow(capacity) ? codes : null;
  }

  /** Room for `capacity` vectors (existing codes kept); false when memory cannot grow so far. */
  grow(capacity: number): boolean {
    const bytes = CODES_AT + capacity * this.dimensions;
    if (bytes > this.maxBytes) return false;
    const pages = Math.ceil(bytes / PAGE) - this.memory.buffer.byteLength / PAGE;
    try {
      if (pages > 0) this.memory.grow(pages);
    } catch {
      return false;
    }
    this.capacity = Math.max(this.capacity, capacity);
    this.viewOf = null;
    return true;
  }

  /** The codes of slots [0, capacity), stride `dimensions` (a view: take it again after `grow`). */
  get codes(): Int8Array {
    this.views();
    return this.codeView;
  }

  /**
   * The integer dot products of the query with slots [from, from + count), count <= SIMD_BLOCK,
   * in a view that the next call overwrites.
   */
  dots(q: PreparedQuery, from: number, count: number): Int32Array {
    this.views();
    this.queryView.set(q.q16);
    this.run(QUERY_AT, CODES_AT + from * this.dimensions, count, this.dimensions, OUT_AT);
    return this.outView;
  }

  /** Views are remade when growth has replaced the memory's buffer. */
  private views(): void {
    const buffer = this.memory.buffer;
    if (buffer === this.viewOf) return;
    this.viewOf = buffer;
    this.codeView = new Int8Array(buffer, CODES_AT, this.capacity * this.dimensions);
    this.outView = new Int32Array(buffer, OUT_AT, SIMD_BLOCK);
    this.queryView = new Int16Array(buffer, QUERY_AT, this.dimensions);
  }
}
