import type { WebDeps } from '../deps.js';
import type { Problem } from '../../model/paper-record.js';
import { latestListedDay, listPeriod, nearestListedDays, papersByCategory, papersByIds, papersByOrganization } from '../../store/listings.js';
import { papersByAuthor } from '../../search/author-papers.js';
import type { PaperPage, PaperWithOrg } from '../../store/listings.js';
import { authorPath, categoryPath, orgPath, withQuery } from '../views/site-paths.js';
import { paperItem, siteUrl, type Feed, type FeedItem } from './feed-model.js';

/** A feed, or the reason its parameters cannot give one (answered with 400). */
export type FeedResult = { ok: true; feed: Feed } | { ok: false; problem: Problem };

/** Entries in a category, organization, author or search feed: what a reader shows per visit. */
export const FEED_SIZE = 50;
/** At most this many papers of one listed day go into the daily feed. */
const PER_DAY = 100;

/** Where a feed lives: its own URL (with the extension of its format) and the page it mirrors. */
export interface FeedPlace {
  selfPath: string;
  htmlPath: string;
}

function feedOf(deps: WebDeps, place: FeedPlace, title: string, description: string, items: FeedItem[]): FeedResult {
  const base = deps.config.baseUrl;
  return { ok: true, feed: { title, description, htmlUrl: siteUrl(base, place.htmlPath), selfUrl: siteUrl(base, place.selfPath), items } };
}

/**
 * The latest `days` listed days, newest day first and most upvoted first within a day, as the
 * home page shows them. Each entry is dated by its listing time, so a reader sees it as new
 * on the day it was featured even when the paper is older.
 */
export async function dailyFeed(deps: WebDeps, place: FeedPlace, days: number): Promise<FeedResult> {
  const items: FeedItem[] = [];
  let day = await latestListedDay(deps.db);
  for (let i = 0; i < days && day; i++) {
    const { papers } = await listPeriod(deps.db, { kind: 'day', day }, { sort: 'trending', limit: PER_DAY });
    for (const p of papers) items.push(paperItem(p, deps.config.baseUrl, p.submittedAt ?? `${p.day}T00:00:00Z`));
    day = (await nearestListedDays(deps.db, day)).prev;
  }
  return feedOf(deps, place, 'Daily Papers · paperboy', 'The featured research papers of the latest days.', items);
}

/** The newest (or best-matching) papers for a search query, in the site's query language. */
export async function searchFeed(deps: WebDeps, place: FeedPlace, q: string, sort: 'date' | 'relevance'): Promise<FeedResult> {
  const found = await deps.keyword.search(q, { limit: FEED_SIZE, sort });
  if (!found.ok) return { ok: false, problem: { source: 'q', message: found.problem.message } };
  const papers = await papersByIds(deps.db, found.hits.map((h) => h.paperId));
  const items = papers.map((p) => paperItem(p, deps.config.baseUrl));
  return feedOf(deps, place, `Search: ${q} · paperboy`, `Papers matching "${q}".`, items);
}

type ListRead = (deps: WebDeps, name: string, p: { limit: number }) => Promise<PaperPage<PaperWithOrg>>;

/** The three "everything by X" feeds: what they read and how they are titled and linked. */
export const ENTITY_FEEDS = {
  categories: { read: (d, n, p) => papersByCategory(d.db, n, p), page: categoryPath, title: (n: string) => `Category ${n}`, describe: (n: string) => `The newest papers in ${n}.` },
  orgs: { read: (d, n, p) => papersByOrganization(d.db, n, p), page: orgPath, title: (n: string) => `Organization ${n}`, describe: (n: string) => `The newest papers from ${n}.` },
  authors: { read: (d, n, p) => papersByAuthor(d, n, p), page: authorPath, title: (n: string) => `Author ${n}`, describe: (n: string) => `The newest papers by ${n}.` },
} satisfies Record<string, { read: ListRead; page: (n: string) => string; title: (n: string) => string; describe: (n: string) => string }>;

export type EntityKind = keyof typeof ENTITY_FEEDS;

/**
 * A category's, organization's or author's newest papers. An unknown name gives a valid feed
 * with no entries (not 404): a reader may subscribe before the first paper arrives.
 */
export async function entityFeed(deps: WebDeps, place: FeedPlace, kind: EntityKind, name: string): Promise<FeedResult> {
  const spec = ENTITY_FEEDS[kind];
  const { papers } = await spec.read(deps, name, { limit: FEED_SIZE });
  const items = papers.map((p) => paperItem(p, deps.config.baseUrl));
  return feedOf(deps, place, `${spec.title(name)} · paperboy`, spec.describe(name), items);
}

/** The HTML page of a search, for the feed's alternate link. */
export function searchPagePath(q: string): string {
  return withQuery('/search', { q });
}
