import type { Db } from '../db/db.js';
import { chunksFor, placeholders, valuesList } from '../db/db.js';
import { clearProcessed } from './pending-queue.js';

/** Bytes of one posting in a stored list: a paper's row id (uint32) and its impact (uint8). */
export const POSTING_BYTES = 5;

/** A stored segment's document table (postings are read per term). */
export interface SegmentRow {
  id: number;
  docCount: number;
  docs: Buffer;
  days: Buffer;
}

/** The text of papers queued for indexing, as the index reads it. */
export interface PendingPaper {
  id: number;
  seq: number;
  title: string;
  abstract: string | null;
  authors: string;
  categories: string;
  published_at: string | null;
  organization: string | null;
  organization_fullname: string | null;
  github_repo: string | null;
}

/** SQL of the keyword index: segments, postings, tombstones and the queue, on either database. */
export const searchIndexStore = {
  /** Serialises index writers across processes (a no-op on SQLite, whose write lock already does). */
  async lock(tx: Db): Promise<void> {
    if (tx.dialect.lockStatement) await tx.run(tx.dialect.lockStatement);
  },

  async pendingCount(db: Db): Promise<number> {
    const r = await db.get<{ n: number }>('SELECT COUNT(*) AS n FROM search_pending');
    return Number(r?.n ?? 0);
  },

  /** The oldest queued papers with the fields the index needs. */
  async takePending(db: Db, limit: number, offset = 0): Promise<PendingPaper[]> {
    return db.all<PendingPaper>(
      `SELECT p.id, q.seq, p.title, p.abstract, p.authors, p.categories, p.published_at, p.organization,
         o.fullname AS organization_fullname, p.github_repo
       FROM search_pending q JOIN papers p ON p.id = q.paper_id LEFT JOIN organizations o ON o.name = p.organization
       ORDER BY q.paper_id LIMIT ? OFFSET ?`,
      [limit, offset],
    );
  },

  /** Clears queue entries, but only those still at the text version (seq) that was indexed. */
  async clearPending(db: Db, done: Array<{ id: number; seq: number }>): Promise<void> {
    await clearProcessed(db, 'search_pending', done);
  },

  /** Queues every paper (a full rebuild). */
  async queueAll(db: Db): Promise<void> {
    await db.run('INSERT INTO search_pending (paper_id) SELECT id FROM papers WHERE true ON CONFLICT (paper_id) DO NOTHING');
  },

  /** Drops the whole index (a full rebuild starts from nothing). */
  async clearIndex(db: Db): Promise<void> {
    for (const t of ['search_postings', 'search_segments', 'search_docs', 'search_deleted', 'search_meta']) await db.run(`DELETE FROM ${t}`);
  },

  async insertSegment(db: Db, docs: Buffer, days: Buffer, docCount: number, postingCount: number): Promise<number> {
    const r = await db.get<{ id: number }>(
      'INSERT INTO search_segments (doc_count, posting_count, docs, days, created_at) VALUES (?, ?, ?, ?, ?) RETURNING id',
      [docCount, postingCount, docs, days, new Date().toISOString()],
    );
    return Number(r!.id);
  },

  async insertPostings(db: Db, segmentId: number, postings: Iterable<[string, Buffer]>): Promise<void> {
    let rows: unknown[][] = [];
    let bytes = 0;
    const flush = async (): Promise<void> => {
      if (!rows.length) return;
      await db.run(`INSERT INTO search_postings (segment_id, term, postings, df) VALUES ${valuesList(rows.length, 4)}`, rows.flat());
      rows = [];
      bytes = 0;
    };
    for (const [term, blob] of postings) {
      rows.push([segmentId, term, blob, blob.length / POSTING_BYTES]);
      bytes += blob.length;
      if (rows.length >= 500 || bytes > 8_000_000) await flush();
    }
    await flush();
  },

  /** Points papers at their new segment; returns the (segment, paper) pairs they left behind. */
  async moveDocs(db: Db, segmentId: number, ids: number[]): Promise<Array<{ segment_id: number; paper_id: number }>> {
    const old: Array<{ segment_id: number; paper_id: number }> = [];
    for (const chunk of chunksFor(db, ids, 1)) {
      old.push(...await db.all<{ segment_id: number; paper_id: number }>(
        `SELECT segment_id, paper_id FROM search_docs WHERE paper_id IN (${placeholders(chunk.length)})`, chunk));
    }
    for (const chunk of chunksFor(db, old, 2)) {
      await db.run(`INSERT INTO search_deleted (segment_id, paper_id) VALUES ${valuesList(chunk.length, 2)} ON CONFLICT DO NOTHING`,
        chunk.flatMap((o) => [o.segment_id, o.paper_id]));
    }
    for (const chunk of chunksFor(db, ids, 2)) {
      await db.run(`INSERT INTO search_docs (paper_id, segment_id) VALUES ${valuesList(chunk.length, 2)}
        ON CONFLICT (paper_id) DO UPDATE SET segment_id = excluded.segment_id`, chunk.flatMap((id) => [id, segmentId]));
    }
    return old;
  },

  async segments(db: Db): Promise<SegmentRow[]> {
    const rows = await db.all<{ id: number; doc_count: number; docs: Buffer; days: Buffer }>('SELECT id, doc_count, docs, days FROM search_segments ORDER BY id');
    return rows.map((r) => ({ id: Number(r.id), docCount: Number(r.doc_count), docs: r.docs, days: r.days }));
  },

  async segmentSizes(db: Db): Promise<Array<{ id: number; docCount: number; deleted: number }>> {
    const rows = await db.all<{ id: number; doc_count: number; deleted: number }>(
      `SELECT s.id, s.doc_count, (SELECT COUNT(*) FROM search_deleted d WHERE d.segment_id = s.id) AS deleted FROM search_segments s ORDER BY s.id`);
    return rows.map((r) => ({ id: Number(r.id), docCount: Number(r.doc_count), deleted: Number(r.deleted) }));
  },

  async tombstones(db: Db): Promise<Array<{ segment_id: number; paper_id: number }>> {
    return db.all('SELECT segment_id, paper_id FROM search_deleted ORDER BY segment_id, paper_id');
  },

  /** Postings of the given terms in the given segments (one primary-key probe per pair). */
  async postings(db: Db, segmentIds: number[], terms: string[]): Promise<Array<{ term: string; segment_id: number; postings: Buffer }>> {
    if (!terms.length || !segmentIds.length) return [];
    return db.all(`SELECT term, segment_id, postings FROM search_postings WHERE segment_id IN (${placeholders(segmentIds.length)}) AND term IN (${placeholders(terms.length)})`,
      [...segmentIds, ...terms]);
  },

  /**
   * How many postings each term has over the given segments (tombstoned papers included), from the
   * covering index alone: a term's document frequency without reading its postings.
   */
  async postingCounts(db: Db, segmentIds: number[], terms: string[]): Promise<Map<string, number>> {
    if (!terms.length || !segmentIds.length) return new Map();
    const rows = await db.all<{ term: string; df: number }>(
      `SELECT term, SUM(df) AS df FROM search_postings WHERE term IN (${placeholders(terms.length)}) AND segment_id IN (${placeholders(segmentIds.length)}) GROUP BY term`,
      [...terms, ...segmentIds]);
    return new Map(rows.map((r) => [r.term, Number(r.df)]));
  },

  /** One segment's postings in term order, a page at a time (a primary-key range scan). */
  async segmentTerms(db: Db, segmentId: number, after: string, limit: number): Promise<Array<{ term: string; postings: Buffer }>> {
    return db.all(`SELECT term, postings FROM search_postings WHERE segment_id = ? AND term > ? ORDER BY term LIMIT ?`, [segmentId, after, limit]);
  },

  /** Points every paper indexed in `from` segments at `to` (after a merge). */
  async retargetDocs(db: Db, from: number[], to: number): Promise<void> {
    await db.run(`UPDATE search_docs SET segment_id = ? WHERE segment_id IN (${placeholders(from.length)})`, [to, ...from]);
  },

  async setPostingCount(db: Db, id: number, count: number): Promise<void> {
    await db.run('UPDATE search_segments SET posting_count = ? WHERE id = ?', [count, id]);
  },

  async deleteSegments(db: Db, ids: number[]): Promise<void> {
    const p = placeholders(ids.length);
    await db.run(`DELETE FROM search_postings WHERE segment_id IN (${p})`, ids);
    await db.run(`DELETE FROM search_deleted WHERE segment_id IN (${p})`, ids);
    await db.run(`DELETE FROM search_segments WHERE id IN (${p})`, ids);
  },

  async getMeta(db: Db, key: string): Promise<string | null> {
    const r = await db.get<{ value: string }>('SELECT value FROM search_meta WHERE key = ?', [key]);
    return r?.value ?? null;
  },

  async setMeta(db: Db, key: string, value: string): Promise<void> {
    await db.run('INSERT INTO search_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [key, value]);
  },

  /** Titles and ids of papers by row id, for results. */
  async papersByRowId(db: Db, ids: number[]): Promise<Map<number, { paperId: string; title: string; abstract: string | null; authors: string }>> {
    const out = new Map<number, { paperId: string; title: string; abstract: string | null; authors: string }>();
    for (const chunk of chunksFor(db, ids, 1)) {
      const rows = await db.all<{ id: number; paper_id: string; title: string; abstract: string | null; authors: string }>(
        `SELECT id, paper_id, title, abstract, authors FROM papers WHERE id IN (${placeholders(chunk.length)})`, chunk);
      for (const r of rows) out.set(Number(r.id), { paperId: r.paper_id, title: r.title, abstract: r.abstract, authors: r.authors });
    }
    return out;
  },
};
