/**
 * Vectors are kept as int8 codes with one float32 scale each: a 64-dimension LSA vector takes
 * 68 bytes instead of 256, so a million papers fit in about 70 MB of memory and of database, and
 * the cosine error (under 1% of the score range) changes no top-20 ranking that matters.
 */
export interface Quantized {
  codes: Int8Array;
  scale: number;
}

/** Quantizes one vector symmetrically: the largest component maps to +-127. */
export function quantize(v: Float32Array): Quantized {
  let max = 0;
  for (let i = 0; i < v.length; i++) max = Math.max(max, Math.abs(v[i]!));
  const scale = max > 0 ? max / 127 : 0;
  const codes = new Int8Array(v.length);
  if (scale > 0) for (let i = 0; i < v.length; i++) codes[i] = Math.round(v[i]! / scale);
  return { codes, scale };
}

/** The approximate float vector of a quantized one. */
export function dequantize(q: Quantized): Float32Array {
  return Float32Array.from(q.codes, (c) => c * q.scale);
}

/** The stored form: a little-endian float32 scale, then the codes. */
export function encodeVector(v: Float32Array): Buffer {
  const q = quantize(v);
  const buf = Buffer.alloc(4 + q.codes.length);
  buf.writeFloatLE(q.scale, 0);
  Buffer.from(q.codes.buffer, q.codes.byteOffset, q.codes.length).copy(buf, 4);
  return buf;
}

/**
 * Reads a stored vector back. The codes are a view of `buf`, not a copy: loading a million vectors
 * copied each into an array of its own only for VectorIndex.set to copy it again (a fifth of the
 * load's time went to those copies and their garbage). Copy them to keep them.
 */
export function decodeVector(buf: Uint8Array): Quantized {
  const b = Buffer.isBuffer(buf) ? buf : Buffer.from(buf.buffer, buf.byteOffset, buf.length);
  return { codes: new Int8Array(b.buffer, b.byteOffset + 4, b.length - 4), scale: b.readFloatLE(0) };
}
