import { html, type Html } from './html.js';
import { withQuery } from './site-paths.js';

/** The feed that follows what a page lists (src/web/feeds): its name and its address without the format. */
export interface PageFeed {
  /** What a feed reader calls it, and what the page's feed line says it follows. */
  title: string;
  /** `/feeds/daily`, `/feeds/authors/Ada%20Lovelace`, ... : `.rss` or `.atom` is added. */
  path: string;
  query?: Record<string, string | null>;
}

/** The featured papers of the latest days, the listing pages' feed. */
export const DAILY_FEED: PageFeed = Object.freeze({ title: 'Daily Papers', path: '/feeds/daily' });

/** The feed's address in one format. */
export function feedHref(feed: PageFeed, format: 'rss' | 'atom'): string {
  return withQuery(`${feed.path}.${format}`, feed.query ?? {});
}

/** Where a category's, organization's or author's feed lives, without the format (the routes serve it there). */
export function entityFeedPath(kind: 'categories' | 'orgs' | 'authors', name: string): string {
  return `/feeds/${kind}/${encodeURIComponent(name)}`;
}

/** A category's, organization's or author's feed, named as its page is. */
export function entityPageFeed(kind: 'categories' | 'orgs' | 'authors', name: string, title: string): PageFeed {
  return { title, path: entityFeedPath(kind, name) };
}

/** Where search feeds live, without the format. */
export const SEARCH_FEED_PATH = '/feeds/search';

/** `<link rel="alternate">` for both formats, so browsers and feed readers find the feed from the page. */
export function feedHead(feed: PageFeed): Html {
  return html`<link rel="alternate" type="application/rss+xml" title="${feed.title} (RSS)" href="${feedHref(feed, 'rss')}">
<link rel="alternate" type="application/atom+xml" title="${feed.title} (Atom)" href="${feedHref(feed, 'atom')}">`;
}

/** The visible line under a list: the same feed for a reader that does not look at <head>. */
export function feedLine(feed: PageFeed): Html {
  return html`<p class="feed-links">Follow ${feed.title} in a feed reader: <a href="${feedHref(feed, 'rss')}" type="application/rss+xml">RSS</a> · <a href="${feedHref(feed, 'atom')}" type="application/atom+xml">Atom</a></p>`;
}
