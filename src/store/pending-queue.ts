import type { Db } from '../db/db.js';
import { chunksFor } from '../db/db.js';

/** The work queues the upsert pipeline fills: papers to keyword-index and papers to embed. */
export type PendingQueue = 'search_pending' | 'embedding_pending';

/**
 * Clears queue entries, but only those still at the text version (seq) that was processed: a
 * paper whose text changed meanwhile stays queued for the next run.
 */
export async function clearProcessed(db: Db, queue: PendingQueue, done: ReadonlyArray<{ id: number; seq: number }>): Promise<void> {
  for (const chunk of chunksFor(db, done, 2)) {
    // Typed placeholders: PostgreSQL would otherwise read VALUES parameters as text.
    const values = new Array(chunk.length).fill('(CAST(? AS BIGINT), CAST(? AS BIGINT))').join(', ');
    await db.run(`DELETE FROM ${queue} WHERE (paper_id, seq) IN (VALUES ${values})`, chunk.flatMap((d) => [d.id, d.seq]));
  }
}
