import type { Db } from '../../db/db.js';
import { searchIndexStore as store, type PendingPaper } from '../../store/search-index-store.js';
import { encodePostings, WEIGHTS, type IndexDoc } from './segment-builder.js';
import { terms } from './tokenize.js';

import { u32 } from './segment-cache.js';
import { termsInOrder } from './segment-merge.js';
import { inlineBuilder, type SegmentBuilder } from './segment-builders.js';

/** Papers per segment written by one indexing step: big enough for few segments, small enough for memory. */
export const SEGMENT_SIZE = 25_000;
/** Segments smaller than this are merged once there are MERGE_COUNT of them (daily harvests make many). */
const SMALL_SEGMENT = 20_000;
const MERGE_COUNT = 8;

function toDoc(p: PendingPaper): IndexDoc {
  const t = p.published_at ? Date.parse(p.published_at) : NaN;
  return {
    rowId: Number(p.id),
    title: p.title,
    abstract: p.abstract,
    authors: JSON.parse(p.authors) as string[],
    categories: JSON.parse(p.categories) as string[],
    orgs: [p.organization, p.organization_fullname].filter((o): o is string => !!o),
    code: !!p.github_repo,
    day: Number.isNaN(t) ? 0 : Math.floor(t / 86400000),
  };
}

/** Average weighted document length of a sample, fixed once so stored impacts stay comparable. */
function averageLength(docs: IndexDoc[]): number {
  const sample = docs.slice(0, 5000);
  let sum = 0;
  for (const d of sample) {
    sum += WEIGHTS.title * terms(d.title).length + WEIGHTS.abstract * terms(d.abstract ?? '').length;
    for (const a of d.authors) sum += WEIGHTS.authors * terms(a).length;
  }
  return sample.length ? Math.max(1, sum / sample.length) : 100;
}

async function bumpGeneration(tx: Db): Promise<void> {
  const g = Number((await store.getMeta(tx, 'generation')) ?? '0');
  await store.setMeta(tx, 'generation', String(g + 1));
}

/**
 * Indexes up to one segment's worth of queued papers and returns how many it took (0 when the
 * queue is empty). The segment is built outside any transaction (possibly on another thread) and
 * written in one short transaction; queue entries are cleared only for the text versions indexed,
 * so a paper changed meanwhile is indexed again, and two indexers at once only duplicate work.
 */
export async function writePending(db: Db, batch = SEGMENT_SIZE, build: SegmentBuilder = inlineBuilder, offset = 0): Promise<number> {
  const pending = await db.transaction((tx) => store.takePending(tx, batch, offset));
  if (!pending.length) return 0;
  const docs = pending.map(toDoc);
  const stored = Number(await store.getMeta(db, 'avgdl'));
  const avgdl = stored || averageLength(docs);
  const seg = await build(docs, avgdl);
  await db.transaction(async (tx) => {
    await store.lock(tx);
    if (!stored && !Number(await store.getMeta(tx, 'avgdl'))) await store.setMeta(tx, 'avgdl', String(avgdl));
    const id = await store.insertSegment(tx, Buffer.from(seg.docs.buffer, seg.docs.byteOffset, seg.docs.byteLength),
      Buffer.from(seg.days.buffer, seg.days.byteOffset, seg.days.byteLength), seg.docs.length, seg.postingCount);
    await store.insertPostings(tx, id, seg.postings);
    await store.moveDocs(tx, id, pending.map((p) => Number(p.id)));
    await store.clearPending(tx, pending.map((p) => ({ id: Number(p.id), seq: Number(p.seq) })));
    await bumpGeneration(tx);
  });
  return pending.length;
}

/** Merges many small segments into one; returns whether it merged. */
export async function mergeSmallSegments(db: Db): Promise<boolean> {
  const sizes = await store.segmentSizes(db);
  const small = sizes.filter((s) => s.docCount - s.deleted < SMALL_SEGMENT);
  if (small.length < MERGE_COUNT) return false;
  await mergeSegments(db, small.map((s) => s.id));
  return true;
}

/** Rewrites several segments as one, dropping tombstoned documents. */
export async function mergeSegments(db: Db, ids: number[]): Promise<void> {
  await db.transaction(async (tx) => {
    await store.lock(tx);
    const present = new Set((await store.segments(tx)).map((s) => s.id));
    ids = ids.filter((id) => present.has(id));
    if (ids.length < 2) return;
    const dead = new Map<number, Set<number>>();
    for (const t of await store.tombstones(tx)) {
      if (!ids.includes(Number(t.segment_id))) continue;
      const s = dead.get(Number(t.segment_id)) ?? new Set<number>();
      s.add(Number(t.paper_id));
      dead.set(Number(t.segment_id), s);
    }
    const alive = (seg: number, doc: number): boolean => !dead.get(seg)?.has(doc);
    const docPairs: Array<[number, number]> = [];
    for (const s of (await store.segments(tx)).filter((s) => ids.includes(s.id))) {
      const docs = u32(s.docs, s.docCount);
      const days = new Int32Array(u32(s.days, s.docCount).buffer.slice(0));
      for (let i = 0; i < s.docCount; i++) if (alive(s.id, docs[i]!)) docPairs.push([docs[i]!, days[i]!]);
    }
    docPairs.sort((a, b) => a[0] - b[0]);
    const docs = Uint32Array.from(docPairs, (p) => p[0]);
    const days = Int32Array.from(docPairs, (p) => p[1]);
    let postingCount = 0;
    const newId = await store.insertSegment(tx, Buffer.from(docs.buffer), Buffer.from(days.buffer), docs.length, 0);
    let out: Array<[string, Buffer]> = [];
    for await (const group of termsInOrder(tx, ids)) {
      const list: Array<[number, number]> = [];
      for (const part of group.parts) {
        const n = part.postings.length / 5;
        const dids = u32(part.postings, n);
        for (let i = 0; i < n; i++) if (alive(part.segmentId, dids[i]!)) list.push([dids[i]!, part.postings[n * 4 + i]!]);
      }
      if (!list.length) continue;
      list.sort((a, b) => a[0] - b[0]);
      postingCount += list.length;
      out.push([group.term, encodePostings(list.map((p) => p[0]), list.map((p) => p[1]), list.length)]);
      if (out.length >= 2000) { await store.insertPostings(tx, newId, out); out = []; }
    }
    await store.insertPostings(tx, newId, out);
    await store.setPostingCount(tx, newId, postingCount);
    await store.retargetDocs(tx, ids, newId);
    await store.deleteSegments(tx, ids);
    await bumpGeneration(tx);
  });
}
