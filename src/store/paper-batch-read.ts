import type { Db } from '../db/db.js';
import { chunksFor, placeholders } from '../db/db.js';
import { ORG_JOIN, PAPER_SELECT, toPaperWithOrg, type PaperWithOrg } from './listed-paper.js';

/** One page of the walk over all papers, and where the next page starts (null at the end). */
export interface CursorPage {
  papers: PaperWithOrg[];
  /** The row id after which the next page starts. */
  nextCursor: number | null;
}

/**
 * Every paper in row-id order, `limit` at a time, after the row id `after` (0 for the start).
 * Row ids never change, so a client that walks the whole store sees each paper once even while
 * new papers arrive (they get larger ids and come at the end).
 */
export async function papersAfterCursor(db: Db, after: number, limit: number): Promise<CursorPage> {
  const n = Math.max(0, Math.floor(limit));
  if (n === 0) return { papers: [], nextCursor: null };
  const rows = await db.all(
    `SELECT ${PAPER_SELECT} FROM papers p ${ORG_JOIN} WHERE p.id > ? ORDER BY p.id LIMIT ?`,
    [Math.max(0, Math.floor(after)), n + 1],
  );
  const papers = rows.slice(0, n).map(toPaperWithOrg);
  return { papers, nextCursor: rows.length > n ? papers[papers.length - 1]!.rowId : null };
}

/**
 * The papers with these ids in the order given (search hits come ranked); ids the store does not
 * have are skipped.
 */
export async function papersByIds(db: Db, paperIds: readonly string[]): Promise<PaperWithOrg[]> {
  const found = new Map<string, PaperWithOrg>();
  for (const chunk of chunksFor(db, [...new Set(paperIds)], 1, 500)) {
    const rows = await db.all(`SELECT ${PAPER_SELECT} FROM papers p ${ORG_JOIN} WHERE p.paper_id IN (${placeholders(chunk.length)})`, chunk);
    for (const r of rows) {
      const paper = toPaperWithOrg(r);
      found.set(paper.paperId, paper);
    }
  }
  return paperIds.flatMap((id) => {
    const p = found.get(id);
    return p ? [p] : [];
  });
}

/** One day a paper was featured, and by whom. */
export interface PaperListing {
  day: string;
  submittedBy: string | null;
  submitterName: string | null;
  submittedAt: string | null;
}

/** A paper with every day it was featured (oldest first), or null when the store does not have it. */
export async function paperWithListings(db: Db, paperId: string): Promise<(PaperWithOrg & { listings: PaperListing[] }) | null> {
  const [paper] = await papersByIds(db, [paperId]);
  if (!paper) return null;
  const rows = await db.all<{ day: string; submitted_by: string | null; submitter_name: string | null; submitted_at: string | null }>(
    'SELECT day, submitted_by, submitter_name, submitted_at FROM daily_entries WHERE paper_id = ? ORDER BY day',
    [paper.rowId],
  );
  const listings = rows.map((r) => ({ day: r.day, submittedBy: r.submitted_by ?? null, submitterName: r.submitter_name ?? null, submittedAt: r.submitted_at ?? null }));
  return { ...paper, listings };
}

/** Titles in row-id order, `limit` after the row id `after`: a walk over the whole corpus that reads little (vocabularies). */
export async function titlesAfter(db: Db, after: number, limit: number): Promise<Array<{ rowId: number; title: string }>> {
  const rows = await db.all<{ id: number; title: string }>('SELECT id, title FROM papers WHERE id > ? ORDER BY id LIMIT ?', [after, limit]);
  return rows.map((r) => ({ rowId: Number(r.id), title: r.title }));
}

/** Papers stored (what retraining a model or rereading a vocabulary counts growth by). */
export async function paperCount(db: Db): Promise<number> {
  const r = await db.get<{ n: number }>('SELECT COUNT(*) AS n FROM papers');
  return Number(r?.n ?? 0);
}

/** The largest paper row id (0 when empty): where a walk by row-id ranges ends. */
export async function maxPaperRowId(db: Db): Promise<number> {
  const r = await db.get<{ n: number | null }>('SELECT MAX(id) AS n FROM papers');
  return Number(r?.n ?? 0);
}

/** Ids and last change of the papers with row ids in (from, to], in row-id order (sitemaps, one range a file). */
export async function paperIdsInRange(db: Db, from: number, to: number): Promise<Array<{ paperId: string; changedAt: string }>> {
  const rows = await db.all<{ paper_id: string; last_changed_at: string }>(
    'SELECT paper_id, last_changed_at FROM papers WHERE id > ? AND id <= ? ORDER BY id', [from, to],
  );
  return rows.map((r) => ({ paperId: r.paper_id, changedAt: String(r.last_changed_at) }));
}
