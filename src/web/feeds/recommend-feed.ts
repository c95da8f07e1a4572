import type { WebDeps } from '../deps.js';
import { paperReferences } from '../../model/paper-reference.js';
import { papersByIds } from '../../store/listings.js';
import { withQuery } from '../views/site-paths.js';
import { RECOMMEND_MAX_IDS } from '../api/recommend.js';
import { paperItem, siteUrl } from './feed-model.js';
import { FEED_SIZE, type FeedPlace, type FeedResult } from './feed-sources.js';
import type { Checked } from './feed-params.js';

/** Where recommendation feeds live, without the format. */
export const RECOMMEND_FEED_PATH = '/feeds/recommend';
/** How far back a recommendation feed looks by default, and at most (`days=`). */
export const RECOMMEND_FEED_DAYS = Object.freeze({ fallback: 30, max: 90 });
/** Room for RECOMMEND_MAX_IDS addresses. */
const MAX_LIST = 20_000;

/** A profile as the feed's address carries it: ids or paper addresses, comma separated. */
export function paperIdList(value: unknown, source: string, required: boolean): Checked<string[]> {
  const bad = (message: string): Checked<string[]> => ({ ok: false, problem: { source, message } });
  if (value === undefined && !required) return { ok: true, value: [] };
  if (typeof value !== 'string') return bad('is required (give it once): arXiv ids separated by commas');
  if (value.length > MAX_LIST) return bad(`must be at most ${MAX_LIST} characters`);
  const { ids, rejected } = paperReferences(value);
  if (rejected.length) return bad(`holds "${rejected[0]!.slice(0, 60)}", which is not an arXiv id or a paper's address`);
  if (required && !ids.length) return bad('must name at least one paper');
  if (ids.length > RECOMMEND_MAX_IDS) return bad(`must name at most ${RECOMMEND_MAX_IDS} papers`);
  return { ok: true, value: ids };
}

/** The YYYY-MM-DD `days` before `now` (UTC): the start of a feed's window. */
function daysBefore(now: Date, days: number): string {
  return new Date(now.getTime() - days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * A personal feed: the papers of the last `days` days (by publication date) that rank best for a
 * profile, by the ranking of POST /api/recommend, restricted to that window so new papers are
 * what it follows. Ids the site does not hold are left out, as on the page.
 */
export async function recommendFeed(deps: WebDeps, place: FeedPlace, positive: string[], negative: string[], days: number, now: Date): Promise<FeedResult> {
  const filter = `date:${daysBefore(now, days)}..`;
  const found = await deps.semantic.recommend(positive, negative, FEED_SIZE, { filter });
  const papers = await papersByIds(deps.db, found.hits.map((h) => h.paperId));
  const base = deps.config.baseUrl;
  const count = positive.length === 1 ? 'one paper' : `${positive.length} papers`;
  return {
    ok: true,
    feed: {
      title: `Recommendations for ${count} · paperboy`,
      description: `New papers of the last ${days} days closest to ${positive.slice(0, 5).join(', ')}${positive.length > 5 ? ' and more' : ''}.`,
      htmlUrl: siteUrl(base, place.htmlPath),
      selfUrl: siteUrl(base, place.selfPath),
      items: papers.map((p) => paperItem(p, base)),
    },
  };
}

/** The recommendations page of a profile, for the feed's alternate link. */
export function recommendPagePath(positive: readonly string[], negative: readonly string[]): string {
  return withQuery('/recommend', { positive: positive.join(' '), negative: negative.join(' ') || null });
}
