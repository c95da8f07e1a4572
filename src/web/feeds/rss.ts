import { escapeHtml } from '../views/html.js';
import { EPOCH, feedUpdated, type Feed, type FeedItem } from './feed-model.js';
import { attributes, element } from './xml-text.js';

/** The media type feed readers and browsers expect for RSS. */
export const RSS_TYPE = 'application/rss+xml; charset=utf-8';

function rfc822(iso: string): string {
  return new Date(iso).toUTCString();
}

/**
 * RSS <description> is HTML by convention, so readers decode the entities and then render the
 * markup. The text is HTML-escaped first and XML-escaped after, so `<script>` in an abstract
 * arrives in the reader as the visible characters, never as a tag.
 */
function description(item: FeedItem): string {
  const parts: string[] = [];
  if (item.authors.length) parts.push(`<p>${escapeHtml(item.authors.join(', '))}</p>`);
  if (item.summary) parts.push(`<p>${escapeHtml(item.summary)}</p>`);
  const links = [item.absUrl && `<a href="${escapeHtml(item.absUrl)}">arXiv</a>`, item.pdfUrl && `<a href="${escapeHtml(item.pdfUrl)}">PDF</a>`].filter(Boolean);
  if (links.length) parts.push(`<p>${links.join(' · ')}</p>`);
  return element('description', parts.join(''));
}

function rssItem(item: FeedItem): string {
  const lines = [
    element('title', item.title),
    element('link', item.url),
    element('guid', item.url, { isPermaLink: 'true' }),
    description(item),
    ...item.authors.map((a) => element('dc:creator', a)),
    ...item.categories.map((c) => element('category', c)),
  ];
  if (item.published) lines.push(element('pubDate', rfc822(item.published)));
  return `<item>\n${lines.join('\n')}\n</item>`;
}

/** An RSS 2.0 document (with atom:link rel="self" and Dublin Core creators, as validators ask). */
export function renderRss(feed: Feed): string {
  const updated = feedUpdated(feed);
  const head = [
    element('title', feed.title),
    element('link', feed.htmlUrl),
    element('description', feed.description),
    `<atom:link${attributes({ href: feed.selfUrl, rel: 'self', type: 'application/rss+xml' })}/>`,
    element('generator', 'paperboy'),
    element('docs', 'https://www.rssboard.org/rss-specification'),
  ];
  if (updated !== EPOCH) head.push(element('lastBuildDate', rfc822(updated)));
  return `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
${head.join('\n')}
${feed.items.map(rssItem).join('\n')}
</channel>
</rss>
`;
}
