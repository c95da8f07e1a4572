import type { Db } from '../../db/db.js';
import { searchIndexStore as store } from '../../store/search-index-store.js';

/** Copies a blob into an aligned Uint32Array (driver buffers may start at any byte). */
export function u32(buf: Buffer, n: number): Uint32Array {
  if (buf.byteOffset % 4 === 0) return new Uint32Array(buf.buffer, buf.byteOffset, n);
  const out = new Uint32Array(n);
  new Uint8Array(out.buffer).set(buf.subarray(0, n * 4));
  return out;
}

/** What a query needs to know about the segments: sizes, tombstones and each document's day. */
export interface SegmentView {
  generation: string;
  segmentIds: number[];
  /** Live documents (the N of idf). */
  live: number;
  maxDoc: number;
  dayOf: Int32Array;
  /** Sorted tombstoned row ids per segment id (only segments that have any). */
  tombs: Map<number, Uint32Array>;
}

/**
 * Keeps the segment tables of the index in memory between queries. Segments never change once
 * written, so the view is rebuilt only when the index generation (bumped by every write) moves.
 */
export class SegmentCache {
  private view: SegmentView | null = null;

  constructor(private readonly db: Db) {}

  invalidate(): void {
    this.view = null;
  }

  async get(): Promise<SegmentView> {
    const generation = (await store.getMeta(this.db, 'generation')) ?? '0';
    if (this.view && this.view.generation === generation) return this.view;
    const segments = await store.segments(this.db);
    const tombRows = await store.tombstones(this.db);
    const tombs = new Map<number, number[]>();
    for (const t of tombRows) {
      const list = tombs.get(Number(t.segment_id)) ?? [];
      list.push(Number(t.paper_id));
      tombs.set(Number(t.segment_id), list);
    }
    let maxDoc = 0;
    let total = 0;
    const parsed = segments.map((s) => {
      const docs = u32(s.docs, s.docCount);
      const days = new Int32Array(u32(s.days, s.docCount).buffer.slice(0));
      if (s.docCount) maxDoc = Math.max(maxDoc, docs[s.docCount - 1]!);
      total += s.docCount;
      return { id: s.id, docs, days: s.days.byteOffset % 4 === 0 ? new Int32Array(s.days.buffer, s.days.byteOffset, s.docCount) : days };
    });
    const dayOf = new Int32Array(maxDoc + 1);
    // Segments in id order: a paper re-indexed later overwrites its older, tombstoned entry.
    for (const s of parsed) for (let i = 0; i < s.docs.length; i++) dayOf[s.docs[i]!] = s.days[i]!;
    const sorted = new Map<number, Uint32Array>();
    for (const [id, list] of tombs) sorted.set(id, Uint32Array.from(list).sort());
    this.view = { generation, segmentIds: segments.map((s) => s.id), live: total - tombRows.length, maxDoc, dayOf, tombs: sorted };
    return this.view;
  }
}
