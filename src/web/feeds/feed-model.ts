import type { PaperRow } from '../../model/paper-row.js';
import { arxivPages } from '../views/paper-card.js';
import { paperPath } from '../views/site-paths.js';

/** One paper as a feed entry, independent of RSS or Atom. */
export interface FeedItem {
  /** The paper page on this site: link and guid/id at once, so the id never changes. */
  url: string;
  title: string;
  summary: string | null;
  authors: string[];
  categories: string[];
  absUrl: string | null;
  pdfUrl: string | null;
  /** ISO-8601: when the paper appeared (listing time for daily feeds, publication otherwise). */
  published: string | null;
  /** ISO-8601: the last change, falling back to `published`. */
  updated: string | null;
}

/** A whole feed: what it is, where it lives, its entries newest first. */
export interface Feed {
  title: string;
  description: string;
  /** The HTML page showing the same list. */
  htmlUrl: string;
  /** The feed's own URL (rel="self", Atom id). */
  selfUrl: string;
  items: FeedItem[];
}

/** The date feeds use when no entry carries one: fixed, so an empty feed keeps the same bytes and ETag. */
export const EPOCH = '1970-01-01T00:00:00.000Z';

/** An absolute URL on this site; the base URL comes from configuration (PAPERBOY_BASE_URL). */
export function siteUrl(baseUrl: string, path: string): string {
  return `${baseUrl.replace(/\/+$/, '')}${path}`;
}

function iso(text: string | null | undefined): string | null {
  if (!text) return null;
  const t = Date.parse(text);
  return Number.isNaN(t) ? null : new Date(t).toISOString();
}

/** A stored paper as a feed entry; `listedAt` (daily feeds) wins over the publication date. */
export function paperItem(paper: PaperRow, baseUrl: string, listedAt?: string | null): FeedItem {
  const { absUrl, pdfUrl } = arxivPages(paper);
  const published = iso(listedAt) ?? iso(paper.publishedAt);
  const updated = iso(paper.updatedAt);
  return {
    url: siteUrl(baseUrl, paperPath(paper.paperId)),
    title: paper.title,
    summary: paper.abstract,
    authors: paper.authors,
    categories: paper.categories,
    absUrl,
    pdfUrl,
    published,
    updated: updated && published && updated > published ? updated : published ?? updated,
  };
}

/** The newest date in the feed, for <updated>, <lastBuildDate> and Last-Modified. */
export function feedUpdated(feed: Feed): string {
  let max = EPOCH;
  for (const item of feed.items) {
    const d = item.updated ?? item.published;
    if (d && d > max) max = d;
  }
  return max;
}
