import { parentPort } from 'node:worker_threads';
import { buildSegment, type IndexDoc } from './segment-builder.js';
import { packSegment } from './segment-pack.js';

// Builds segments on the second core so importing (parsing, merging, SQL) never waits for
// tokenising; the lead thread writes the result.
parentPort?.on('message', (msg: { id: number; docs: IndexDoc[]; avgdl: number }) => {
  const packed = packSegment(buildSegment(msg.docs, msg.avgdl));
  parentPort!.postMessage({ id: msg.id, packed }, [packed.data.buffer, packed.offsets.buffer, packed.docs.buffer, packed.days.buffer] as ArrayBuffer[]);
});
