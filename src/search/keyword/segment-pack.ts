import type { BuiltSegment } from './segment-builder.js';

/** A built segment flattened into transferable arrays, to cross a worker-thread boundary cheaply. */
export interface PackedSegment {
  terms: string[];
  /** offsets[i]..offsets[i+1] is term i's postings blob inside `data`. */
  offsets: Float64Array;
  data: Uint8Array;
  docs: Uint32Array;
  days: Int32Array;
  postingCount: number;
}

/** Flattens a segment for postMessage (buffers are transferred, not copied). */
export function packSegment(seg: BuiltSegment): PackedSegment {
  const terms = [...seg.postings.keys()];
  const offsets = new Float64Array(terms.length + 1);
  let total = 0;
  terms.forEach((t, i) => { offsets[i] = total; total += seg.postings.get(t)!.length; });
  offsets[terms.length] = total;
  const data = new Uint8Array(total);
  terms.forEach((t, i) => data.set(seg.postings.get(t)!, offsets[i]!));
  return { terms, offsets, data, docs: seg.docs, days: seg.days, postingCount: seg.postingCount };
}

/** The inverse of packSegment: postings blobs as Buffers viewing the shared data (no copies). */
export function unpackSegment(p: PackedSegment): BuiltSegment {
  const postings = new Map<string, Buffer>();
  p.terms.forEach((t, i) => postings.set(t, Buffer.from(p.data.buffer, p.data.byteOffset + p.offsets[i]!, p.offsets[i + 1]! - p.offsets[i]!)));
  return { postings, docs: p.docs, days: p.days, postingCount: p.postingCount };
}
