import type { Db } from '../../db/db.js';
import type { Problem } from '../../model/paper-record.js';
import { silentProgress, type Progress } from '../../progress/progress.js';

/** Options of one keyword query. */
export interface KeywordOptions {
  limit?: number;
  offset?: number;
  sort?: 'relevance' | 'date';
}

/** One ranked result. */
export interface KeywordHit {
  paperId: string;
  title: string;
  score: number;
}

export type KeywordOutcome = { ok: true; hits: KeywordHit[]; total: number } | { ok: false; problem: Problem };

/** The keyword (BM25) index kept in the database next to the papers. (Being written.) */
export class KeywordIndex {
  constructor(readonly db: Db) {}
  /** Indexes every paper queued by the upsert pipeline; returns how many it indexed. */
  async indexPending(_progress: Progress = silentProgress): Promise<number> { return 0; }
  async search(_query: string, _opts: KeywordOptions = {}): Promise<KeywordOutcome> { return { ok: true, hits: [], total: 0 }; }
}
