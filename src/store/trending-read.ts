import type { Db } from '../db/db.js';
import { ORG_JOIN, PAPER_SELECT, NEWEST_FIRST, paging, toPaperWithOrg, type PaperPage, type PaperWithOrg } from './listed-paper.js';

/** Options of the trending list. */
export interface TrendingOptions {
  /** The moment ages are measured from (a parameter so tests and caches pin it). */
  now: Date;
  /** How far back a paper may have been listed or published to count (default 7). */
  days?: number;
  limit: number;
  offset?: number;
  /** Only papers in this arXiv category (any of their categories, not only the primary one). */
  category?: string;
}

/** A trending paper with its score and the time its age is counted from. */
export interface TrendingPaper extends PaperWithOrg {
  score: number;
  /** ISO-8601: the paper's latest listing in the window, else its publication time. */
  trendingSince: string | null;
}

/** The formula in words, for the README and the trending page. */
export const TRENDING_FORMULA = 'score = upvotes / (age_hours + 2)^1.5, age counted from the latest listing in the window (else publication)';

const HOUR_MS = 3_600_000;

/**
 * The trending score: upvotes decayed by age, like news aggregators do. The +2 hours keeps brand
 * new papers from dividing by ~0; with the 1.5 power, a two-day-old paper needs about 2.7x the
 * votes of a one-day-old one to stay ahead of it.
 */
export function trendingScore(upvotes: number, since: string | null, now: Date): number {
  const t = since ? Date.parse(since) : NaN;
  const ageHours = Number.isNaN(t) ? 24 * 365 : Math.max(0, (now.getTime() - t) / HOUR_MS);
  return upvotes / Math.pow(ageHours + 2, 1.5);
}

/**
 * Papers listed or published in the last `days` days before `now`, most trending first. Papers with
 * upvotes are scored in memory (a week of listings is a few hundred); papers without any follow,
 * newest first, so a store harvested only from arXiv still shows something.
 */
export async function trendingPapers(db: Db, opts: TrendingOptions): Promise<PaperPage<TrendingPaper>> {
  const [limit, offset] = paging(opts);
  const nowIso = opts.now.toISOString();
  const sinceIso = new Date(opts.now.getTime() - (opts.days ?? 7) * 24 * HOUR_MS).toISOString();
  const [fromDay, toDay] = [sinceIso.slice(0, 10), nowIso.slice(0, 10)];
  const inCategory = opts.category ? ' AND p.id IN (SELECT paper_id FROM paper_categories WHERE category = ?)' : '';
  const inWindow = `(p.id IN (SELECT paper_id FROM daily_entries WHERE day >= ? AND day <= ?) OR (p.published_at >= ? AND p.published_at <= ?))${inCategory}`;
  const windowParams = [fromDay, toDay, sinceIso, nowIso, ...(opts.category ? [opts.category] : [])];

  const voted = await db.all(
    `SELECT ${PAPER_SELECT},
       (SELECT MAX(COALESCE(d.submitted_at, d.day)) FROM daily_entries d WHERE d.paper_id = p.id AND d.day >= ? AND d.day <= ?) AS listed_at
     FROM papers p ${ORG_JOIN} WHERE p.upvotes > 0 AND ${inWindow}`,
    [fromDay, toDay, ...windowParams],
  );
  const scored: TrendingPaper[] = voted.map((r) => {
    const paper = toPaperWithOrg(r);
    const listed = typeof r['listed_at'] === 'string' ? r['listed_at'] : null;
    const since = listed && listed.length === 10 ? `${listed}T00:00:00.000Z` : listed ?? paper.publishedAt;
    return { ...paper, score: trendingScore(paper.upvotes, since, opts.now), trendingSince: since };
  });
  scored.sort((a, b) => b.score - a.score || b.upvotes - a.upvotes || (a.paperId < b.paperId ? -1 : a.paperId > b.paperId ? 1 : 0));

  const unvotedCount = await db.get<{ n: number }>(`SELECT COUNT(*) AS n FROM papers p WHERE p.upvotes = 0 AND ${inWindow}`, windowParams);
  const total = scored.length + Number(unvotedCount?.n ?? 0);
  const papers = scored.slice(offset, offset + limit);
  const rest = limit - papers.length;
  if (rest <= 0 || offset + papers.length >= total) return { papers, total };
  const unvoted = await db.all(
    `SELECT ${PAPER_SELECT} FROM papers p ${ORG_JOIN} WHERE p.upvotes = 0 AND ${inWindow} ORDER BY ${NEWEST_FIRST} LIMIT ? OFFSET ?`,
    [...windowParams, rest, Math.max(0, offset - scored.length)],
  );
  for (const r of unvoted) {
    const paper = toPaperWithOrg(r);
    papers.push({ ...paper, score: 0, trendingSince: paper.publishedAt });
  }
  return { papers, total };
}
