import { bumpDataVersion } from './data-version.js';
import type { Db } from '../db/db.js';
import { chunksFor, placeholders, valuesList } from '../db/db.js';
import { clearProcessed } from './pending-queue.js';

/** One stored vector (encoded, see src/search/vector/quantize.ts) of a paper, by paper row id. */
export interface StoredVector {
  paperId: number;
  seq: number;
  vector: Buffer;
}

/** The text of a paper to embed; `seq` is its queued text version (0 when not read from the queue). */
export interface PaperText {
  id: number;
  seq: number;
  title: string;
  abstract: string | null;
  /** Publication date (ISO), read by `papersById` only: similar papers weigh how far apart two papers are. */
  publishedAt?: string | null;
}

function toVector(r: Record<string, unknown>): StoredVector {
  return { paperId: Number(r['paper_id']), seq: Number(r['seq']), vector: r['vector'] as Buffer };
}

/** SQL of paper vectors and of the queue of papers waiting for one. */
export const embeddingVectors = {
  /** Writes vectors of one model in one transaction under a new model version; returns that version. */
  async write(db: Db, modelId: number, items: ReadonlyArray<{ paperId: number; vector: Buffer }>): Promise<number> {
    if (!items.length) return 0;
    return db.transaction(async (tx) => {
      // The row lock on the model orders concurrent writers, so versions commit in increasing order.
      const v = await tx.get<{ version: number }>('UPDATE embedding_models SET version = version + 1 WHERE id = ? RETURNING version', [modelId]);
      if (!v) return 0;
      const seq = Number(v.version);
      for (const chunk of chunksFor(tx, items, 4, 500)) {
        await tx.run(
          `INSERT INTO paper_embeddings (model_id, paper_id, seq, vector) VALUES ${valuesList(chunk.length, 4)}
           ON CONFLICT (model_id, paper_id) DO UPDATE SET seq = excluded.seq, vector = excluded.vector`,
          chunk.flatMap((i) => [modelId, i.paperId, seq, i.vector]),
        );
      }
      // New vectors change similar-paper lists and semantic results shown on cached pages.
      await bumpDataVersion(tx);
      return seq;
    });
  },

  /** Vectors written after (seq, paperId), in that order, a page at a time. */
  async since(db: Db, modelId: number, after: { seq: number; paperId: number }, limit: number): Promise<StoredVector[]> {
    const rows = await db.all(
      `SELECT paper_id, seq, vector FROM paper_embeddings WHERE model_id = ? AND (seq > ? OR (seq = ? AND paper_id > ?))
       ORDER BY seq, paper_id LIMIT ?`,
      [modelId, after.seq, after.seq, after.paperId, limit],
    );
    return rows.map(toVector);
  },

  /** Every vector of a model in paper order, a page at a time (a primary-key range scan). */
  async page(db: Db, modelId: number, afterPaper: number, limit: number): Promise<StoredVector[]> {
    const rows = await db.all('SELECT paper_id, seq, vector FROM paper_embeddings WHERE model_id = ? AND paper_id > ? ORDER BY paper_id LIMIT ?', [modelId, afterPaper, limit]);
    return rows.map(toVector);
  },

  async count(db: Db, modelId: number): Promise<number> {
    const r = await db.get<{ n: number }>('SELECT COUNT(*) AS n FROM paper_embeddings WHERE model_id = ?', [modelId]);
    return Number(r?.n ?? 0);
  },

  /** The highest paper row id embedded for a model (where an interrupted build resumes). */
  async lastPaper(db: Db, modelId: number): Promise<number> {
    const r = await db.get<{ m: number | null }>('SELECT MAX(paper_id) AS m FROM paper_embeddings WHERE model_id = ?', [modelId]);
    return Number(r?.m ?? 0);
  },

  /** Papers after a row id, in row order (a full build reads the corpus this way). */
  async papersAfter(db: Db, afterId: number, limit: number): Promise<PaperText[]> {
    const rows = await db.all<{ id: number; title: string; abstract: string | null }>('SELECT id, title, abstract FROM papers WHERE id > ? ORDER BY id LIMIT ?', [afterId, limit]);
    return rows.map((r) => ({ id: Number(r.id), seq: 0, title: r.title, abstract: r.abstract }));
  },

  /** Papers by row id (training samples, texts to explain). */
  async papersById(db: Db, ids: readonly number[]): Promise<PaperText[]> {
    const out: PaperText[] = [];
    for (const chunk of chunksFor(db, ids, 1)) {
      const rows = await db.all<{ id: number; title: string; abstract: string | null; published_at: string | null }>(
        `SELECT id, title, abstract, published_at FROM papers WHERE id IN (${placeholders(chunk.length)})`, chunk);
      for (const r of rows) out.push({ id: Number(r.id), seq: 0, title: r.title, abstract: r.abstract, publishedAt: r.published_at });
    }
    return out;
  },

  /** Row ids of papers by public id. */
  async rowIds(db: Db, paperIds: readonly string[]): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    for (const chunk of chunksFor(db, paperIds, 1)) {
      const rows = await db.all<{ id: number; paper_id: string }>(`SELECT id, paper_id FROM papers WHERE paper_id IN (${placeholders(chunk.length)})`, chunk);
      for (const r of rows) out.set(r.paper_id, Number(r.id));
    }
    return out;
  },

  async pendingCount(db: Db): Promise<number> {
    const r = await db.get<{ n: number }>('SELECT COUNT(*) AS n FROM embedding_pending');
    return Number(r?.n ?? 0);
  },

  /** The oldest queued papers with their text. */
  async pending(db: Db, limit: number): Promise<PaperText[]> {
    const rows = await db.all<{ id: number; seq: number; title: string; abstract: string | null }>(
      'SELECT p.id, q.seq, p.title, p.abstract FROM embedding_pending q JOIN papers p ON p.id = q.paper_id ORDER BY q.paper_id LIMIT ?', [limit]);
    return rows.map((r) => ({ id: Number(r.id), seq: Number(r.seq), title: r.title, abstract: r.abstract }));
  },

  /** Clears queue entries still at the text version that was embedded (a newer text stays queued). */
  async clearPending(db: Db, done: ReadonlyArray<{ id: number; seq: number }>): Promise<void> {
    await clearProcessed(db, 'embedding_pending', done);
  },

  /** Empties the queue (a full build is about to embed every paper). */
  async clearAllPending(db: Db): Promise<void> {
    await db.run('DELETE FROM embedding_pending');
  },
};
