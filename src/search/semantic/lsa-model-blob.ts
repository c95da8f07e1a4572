import type { LsaModelData } from '../vector/lsa-embedder.js';
import type { LsaRegions } from './lsa-regions.js';
import type { CharGramTable } from '../similarity/char-grams.js';

/**
 * A stored LSA model: the model itself plus a readable word for each of its terms (topic names). An
 * endpoint model (the vectors come from the service) stores the same layout with a model of no
 * dimensions: its word table and the n-gram counts.
 */
export interface StoredLsa {
  data: LsaModelData;
  /** Most common surface word of each term (terms are stems), in term order. */
  labels: string[];
  /** One model per region of the corpus (similar papers); absent for a small or one-topic corpus. */
  regions?: LsaRegions | null;
  /** Character n-gram document frequencies of the training sample (similar papers); absent in older models. */
  chars?: CharGramTable | null;
}

/**
 * Serialises a model into one blob: header length, a JSON header (terms, labels, region count), idf and
 * basis as float32, then the region centres and each regional model as a length-prefixed blob of its own,
 * then the character n-gram counts as uint16, then the residual idf of each term as float32. Parts are
 * optional, so older blobs still read.
 */
export function encodeLsa(m: StoredLsa): Buffer {
  const regions = m.regions?.models.length ?? 0;
  const chars = m.chars ? { n: m.chars.n, docs: m.chars.docs, buckets: m.chars.df.length } : null;
  const header = Buffer.from(JSON.stringify({ terms: m.data.terms, labels: m.labels, dimensions: m.data.dimensions, ...(regions ? { regions } : {}), ...(chars ? { chars } : {}), ...(m.data.ridf ? { ridf: true } : {}) }));
  const pad = (4 - ((4 + header.length) % 4)) % 4;
  const nested = (m.regions?.models ?? []).map((data) => encodeLsa({ data, labels: [] }));
  const tail = (regions ? m.regions!.centroids.byteLength + nested.reduce((s, b) => s + 4 + b.length, 0) : 0) + (m.chars?.df.byteLength ?? 0) + (m.data.ridf?.byteLength ?? 0);
  const out = Buffer.alloc(4 + header.length + pad + m.data.idf.byteLength + m.data.basis.byteLength + tail);
  out.writeUInt32LE(header.length, 0);
  header.copy(out, 4);
  let o = 4 + header.length + pad;
  const put = (a: Float32Array | Uint16Array): void => { Buffer.from(a.buffer, a.byteOffset, a.byteLength).copy(out, o); o += a.byteLength; };
  put(m.data.idf);
  put(m.data.basis);
  if (regions) {
    put(m.regions!.centroids);
    for (const b of nested) { out.writeUInt32LE(b.length, o); b.copy(out, o + 4); o += 4 + b.length; }
  }
  if (m.chars) put(m.chars.df);
  if (m.data.ridf) put(m.data.ridf);
  return out;
}

/** The parts a blob holds, from its header alone (no arrays are read). */
export function lsaBlobParts(buf: Buffer): { regions: number; chars: { n: number } | null; ridf: boolean } {
  const header = JSON.parse(buf.subarray(4, 4 + buf.readUInt32LE(0)).toString('utf8')) as { regions?: number; chars?: { n: number }; ridf?: boolean };
  return { regions: header.regions ?? 0, chars: header.chars ? { n: header.chars.n } : null, ridf: header.ridf === true };
}

/** Reads a blob written by `encodeLsa` (arrays are copied, so the driver's buffer can go). */
export function decodeLsa(buf: Buffer): StoredLsa {
  const len = buf.readUInt32LE(0);
  const header = JSON.parse(buf.subarray(4, 4 + len).toString('utf8')) as {
    terms: string[]; labels: string[]; dimensions: number; regions?: number; chars?: { n: number; docs: number; buckets: number }; ridf?: boolean;
  };
  const pad = (4 - ((4 + len) % 4)) % 4;
  const n = header.terms.length, k = header.dimensions;
  let o = 4 + len + pad;
  const floats = (count: number): Float32Array => {
    const out = new Float32Array(count);
    new Uint8Array(out.buffer).set(buf.subarray(o, o + count * 4));
    o += count * 4;
    return out;
  };
  const idf = floats(n);
  const basis = floats(n * k);
  const stored: StoredLsa = { data: { terms: header.terms, idf, basis, dimensions: k }, labels: header.labels };
  if (header.regions) {
    const centroids = floats(header.regions * k);
    const models: LsaModelData[] = [];
    for (let r = 0; r < header.regions; r++) {
      const size = buf.readUInt32LE(o);
      models.push(decodeLsa(buf.subarray(o + 4, o + 4 + size)).data);
      o += 4 + size;
    }
    stored.regions = { centroids, models };
  }
  if (header.chars) {
    const df = new Uint16Array(header.chars.buckets);
    new Uint8Array(df.buffer).set(buf.subarray(o, o + df.byteLength));
    stored.chars = { n: header.chars.n, docs: header.chars.docs, df };
    o += df.byteLength;
  }
  if (header.ridf) stored.data.ridf = floats(n);
  return stored;
}
