import type { LsaModelData } from '../vector/lsa-embedder.js';

/** A stored LSA model: the model itself plus a readable word for each of its terms (topic names). */
export interface StoredLsa {
  data: LsaModelData;
  /** Most common surface word of each term (terms are stems), in term order. */
  labels: string[];
}

/** Serialises a model into one blob: header length, a JSON header (terms, labels), then idf and basis as float32. */
export function encodeLsa(m: StoredLsa): Buffer {
  const header = Buffer.from(JSON.stringify({ terms: m.data.terms, labels: m.labels, dimensions: m.data.dimensions }));
  const pad = (4 - ((4 + header.length) % 4)) % 4;
  const out = Buffer.alloc(4 + header.length + pad + m.data.idf.byteLength + m.data.basis.byteLength);
  out.writeUInt32LE(header.length, 0);
  header.copy(out, 4);
  let o = 4 + header.length + pad;
  Buffer.from(m.data.idf.buffer, m.data.idf.byteOffset, m.data.idf.byteLength).copy(out, o);
  o += m.data.idf.byteLength;
  Buffer.from(m.data.basis.buffer, m.data.basis.byteOffset, m.data.basis.byteLength).copy(out, o);
  return out;
}

/** Reads a blob written by `encodeLsa` (arrays are copied, so the driver's buffer can go). */
export function decodeLsa(buf: Buffer): StoredLsa {
  const len = buf.readUInt32LE(0);
  const header = JSON.parse(buf.subarray(4, 4 + len).toString('utf8')) as { terms: string[]; labels: string[]; dimensions: number };
  const pad = (4 - ((4 + len) % 4)) % 4;
  const n = header.terms.length, k = header.dimensions;
  const o = 4 + len + pad;
  const floats = (at: number, count: number): Float32Array => {
    const out = new Float32Array(count);
    new Uint8Array(out.buffer).set(buf.subarray(at, at + count * 4));
    return out;
  };
  const idf = floats(o, n);
  const basis = floats(o + n * 4, n * k);
  return { data: { terms: header.terms, idf, basis, dimensions: k }, labels: header.labels };
}
