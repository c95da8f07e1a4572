import type { Db, Row } from '../db/db.js';
import { rowToPaper, type PaperRow } from '../model/paper-row.js';

/** A stored paper as listings show it: the merged row, its key, and the organization's display name. */
export interface PaperSummary extends PaperRow {
  rowId: number;
  /** The organization's full name when known (the row keeps only its slug). */
  organizationName: string | null;
}

/** Everything a paper page needs: the summary plus every day it was featured. */
export interface PaperDetail extends PaperSummary {
  /** YYYY-MM-DD, oldest first. */
  listingDays: string[];
}

/** One featured entry of a daily listing. */
export interface ListingEntry {
  /** YYYY-MM-DD */
  day: string;
  submittedBy: string | null;
  submitterName: string | null;
  paper: PaperSummary;
}

/** Paging of a list query; listings stay small pages so a million-paper store answers quickly. */
export interface PageOptions {
  limit: number;
  offset?: number;
}

// One select list for every read, so each query returns rows that toSummary understands.
const SUMMARY_COLUMNS = 'p.*, o.fullname AS organization_fullname';
const ORG_JOIN = 'LEFT JOIN organizations o ON o.name = p.organization';

function toSummary(r: Row): PaperSummary {
  const fullname = r['organization_fullname'];
  const paper = rowToPaper(r);
  return { ...paper, rowId: Number(r['id']), organizationName: typeof fullname === 'string' && fullname ? fullname : paper.organization };
}

function page(opts: PageOptions): [number, number] {
  return [Math.max(0, Math.floor(opts.limit)), Math.max(0, Math.floor(opts.offset ?? 0))];
}

/** One paper by its arXiv (or collection) id, or null when the store has never seen it. */
export async function getPaper(db: Db, paperId: string): Promise<PaperDetail | null> {
  const r = await db.get(`SELECT ${SUMMARY_COLUMNS} FROM papers p ${ORG_JOIN} WHERE p.paper_id = ?`, [paperId]);
  if (!r) return null;
  const summary = toSummary(r);
  const days = await db.all<{ day: string }>('SELECT day FROM daily_entries WHERE paper_id = ? ORDER BY day', [summary.rowId]);
  return { ...summary, listingDays: days.map((d) => d.day) };
}

/** Featured daily entries, newest day first and most upvoted first within a day. */
export async function latestListing(db: Db, opts: PageOptions): Promise<ListingEntry[]> {
  const [limit, offset] = page(opts);
  const rows = await db.all(
    `SELECT ${SUMMARY_COLUMNS}, d.day AS listing_day, d.submitted_by AS listing_submitted_by, d.submitter_name AS listing_submitter_name
     FROM daily_entries d JOIN papers p ON p.id = d.paper_id ${ORG_JOIN}
     ORDER BY d.day DESC, p.upvotes DESC, p.id DESC LIMIT ? OFFSET ?`,
    [limit, offset],
  );
  return rows.map((r) => ({
    day: String(r['listing_day']),
    submittedBy: (r['listing_submitted_by'] as string | null) ?? null,
    submitterName: (r['listing_submitter_name'] as string | null) ?? null,
    paper: toSummary(r),
  }));
}

/**
 * The newest papers by publication date. Dated papers come first; undated ones (rare, some
 * sources give no date) follow newest-imported first. Two queries instead of NULLS LAST so that
 * both databases can walk the published_at index backwards.
 */
export async function latestPapers(db: Db, opts: PageOptions): Promise<PaperSummary[]> {
  const [limit, offset] = page(opts);
  if (limit === 0) return [];
  const dated = await db.all(
    `SELECT ${SUMMARY_COLUMNS} FROM papers p ${ORG_JOIN} WHERE p.published_at IS NOT NULL
     ORDER BY p.published_at DESC, p.id DESC LIMIT ? OFFSET ?`,
    [limit, offset],
  );
  if (dated.length === limit) return dated.map(toSummary);
  const datedTotal = dated.length
    ? offset + dated.length
    : Number((await db.get<{ n: number }>('SELECT COUNT(*) AS n FROM papers WHERE published_at IS NOT NULL'))?.n ?? 0);
  const undated = await db.all(
    `SELECT ${SUMMARY_COLUMNS} FROM papers p ${ORG_JOIN} WHERE p.published_at IS NULL ORDER BY p.id DESC LIMIT ? OFFSET ?`,
    [limit - dated.length, Math.max(0, offset - datedTotal)],
  );
  return [...dated, ...undated].map(toSummary);
}

/** Whether the store holds any paper at all (the home page explains how to add some when not). */
export async function hasPapers(db: Db): Promise<boolean> {
  return (await db.get('SELECT 1 AS one FROM papers LIMIT 1')) !== undefined;
}
