import type { Db } from '../db/db.js';
import type { Problem } from '../model/paper-record.js';
import { periodDays, periodProblem, type Period } from './period.js';
import { LISTING_SELECT, ORG_JOIN, paging, toListedPaper, type ListedPaper, type PaperPage } from './listed-paper.js';

// One import point for every list read the pages, feeds and API use; each lives in its own file.
export type { Period, DayRange, PeriodResult } from './period.js';
export { parseDay, parseWeek, parseMonth, periodFromQuery, periodDays, periodProblem, isoWeekOf, shiftPeriod, daysBefore } from './period.js';
export type { ListedPaper, PaperWithOrg, PaperPage, Paging } from './listed-paper.js';
export { trendingPapers, TRENDING_FORMULA, trendingScore, type TrendingOptions, type TrendingPaper } from './trending-read.js';
export { papersByOrganization, papersByCategory, organizationInfo, type OrganizationInfo } from './paper-lists-read.js';
export { categoryCounts, organizationCounts, type CategoryCount, type OrganizationCount } from './collection-counts.js';
export { papersAfterCursor, papersByIds, paperWithListings, type CursorPage, type PaperListing } from './paper-batch-read.js';

/** How a period listing is ordered: by upvotes (the hosted default) or by when papers were listed. */
export type ListingSort = 'trending' | 'publishedAt';

/** Options of a period listing. */
export interface ListPeriodOptions {
  sort: ListingSort;
  limit: number;
  offset?: number;
  /** Only entries this user (Hugging Face user name) submitted. */
  submitter?: string;
}

// Nulls last on both databases: CASE turns "is null" into 0/1 before ordering.
const ORDER: Record<ListingSort, string> = {
  // Upvotes, then the hosted API's own order (its files are sorted this way), then the id: a day
  // imported from the hosted files comes back in the same order.
  trending: `p.upvotes DESC, d.day DESC, CASE WHEN d.position IS NULL THEN 1 ELSE 0 END, d.position, p.paper_id`,
  publishedAt: `CASE WHEN d.submitted_at IS NULL THEN 1 ELSE 0 END, d.submitted_at DESC, d.day DESC,
    CASE WHEN d.position IS NULL THEN 1 ELSE 0 END, d.position, p.paper_id`,
};

/**
 * The featured papers of a day, ISO week (Monday..Sunday) or calendar month, one entry per
 * (day, paper), with the number of entries in the whole period. A period that is no real day, week
 * or month lists nothing and carries the problem (parse user input with periodFromQuery first).
 */
export async function listPeriod(db: Db, period: Period, opts: ListPeriodOptions): Promise<PaperPage<ListedPaper> & { problem?: Problem }> {
  const problem = periodProblem(period);
  if (problem) return { papers: [], total: 0, problem };
  const [limit, offset] = paging(opts);
  const { from, to } = periodDays(period);
  const where = ['d.day >= ?', 'd.day <= ?'];
  const params: unknown[] = [from, to];
  if (opts.submitter !== undefined) {
    where.push('d.submitted_by = ?');
    params.push(opts.submitter);
  }
  const cond = where.join(' AND ');
  const count = await db.get<{ n: number }>(`SELECT COUNT(*) AS n FROM daily_entries d WHERE ${cond}`, params);
  const total = Number(count?.n ?? 0);
  if (limit === 0 || offset >= total) return { papers: [], total };
  const rows = await db.all(
    `SELECT ${LISTING_SELECT} FROM daily_entries d JOIN papers p ON p.id = d.paper_id ${ORG_JOIN}
     WHERE ${cond} ORDER BY ${ORDER[opts.sort]} LIMIT ? OFFSET ?`,
    [...params, limit, offset],
  );
  return { papers: rows.map(toListedPaper), total };
}

/** The listed days around a day, for previous/next links and "nothing that day: see the nearest". */
export interface NearestDays {
  /** The last day before `day` with featured papers. */
  prev: string | null;
  /** The first day after `day` with featured papers. */
  next: string | null;
  /** The newest day with featured papers (what "today" shows). */
  latest: string | null;
}

/** The nearest listed days before and after `day`, and the newest listed day overall. */
export async function nearestListedDays(db: Db, day: string): Promise<NearestDays> {
  const prev = await db.get<{ day: string | null }>('SELECT MAX(day) AS day FROM daily_entries WHERE day < ?', [day]);
  const next = await db.get<{ day: string | null }>('SELECT MIN(day) AS day FROM daily_entries WHERE day > ?', [day]);
  const latest = await latestListedDay(db);
  return { prev: prev?.day ?? null, next: next?.day ?? null, latest };
}

/** The newest day with featured papers, or null when nothing was ever listed (the API's default day). */
export async function latestListedDay(db: Db): Promise<string | null> {
  const r = await db.get<{ day: string | null }>('SELECT MAX(day) AS day FROM daily_entries');
  return r?.day ?? null;
}
