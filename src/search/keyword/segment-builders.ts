import { Worker } from 'node:worker_threads';
import { buildSegment, type BuiltSegment, type IndexDoc } from './segment-builder.js';
import { unpackSegment, type PackedSegment } from './segment-pack.js';

/** Builds a segment, here or on another thread. */
export type SegmentBuilder = (docs: IndexDoc[], avgdl: number) => Promise<BuiltSegment>;

/** Builds on the calling thread (small batches, tests). */
export const inlineBuilder: SegmentBuilder = async (docs, avgdl) => buildSegment(docs, avgdl);

/**
 * A builder backed by one worker thread, started on first use and unref'd so it never keeps the
 * process alive. Large batches go there so the event loop (imports, HTTP) keeps running.
 */
export function workerBuilder(): SegmentBuilder & { close(): Promise<void> } {
  let worker: Worker | null = null;
  let seq = 0;
  const waiting = new Map<number, { resolve: (s: BuiltSegment) => void; reject: (e: Error) => void }>();
  const start = (): Worker => {
    // A bounded heap makes the builder collect its garbage early: imports must stay under 1 GB.
    const w = new Worker(new URL('./segment-worker.js', import.meta.url), { resourceLimits: { maxOldGenerationSizeMb: 160, maxYoungGenerationSizeMb: 64 } });
    w.unref();
    w.on('message', (m: { id: number; packed: PackedSegment }) => {
      const p = waiting.get(m.id);
      waiting.delete(m.id);
      p?.resolve(unpackSegment(m.packed));
    });
    w.on('error', (err) => { for (const p of waiting.values()) p.reject(err); waiting.clear(); worker = null; });
    w.on('exit', () => { worker = null; });
    return w;
  };
  const build = (docs: IndexDoc[], avgdl: number): Promise<BuiltSegment> => {
    worker ??= start();
    const id = ++seq;
    return new Promise((resolve, reject) => {
      waiting.set(id, { resolve, reject });
      worker!.postMessage({ id, docs, avgdl });
    });
  };
  return Object.assign(build, {
    async close() {
      const w = worker;
      worker = null;
      if (w) await w.terminate();
    },
  });
}
