import { feedUpdated, type Feed, type FeedItem } from './feed-model.js';
import { attributes, element } from './xml-text.js';

/** The media type of Atom documents (RFC 4287). */
export const ATOM_TYPE = 'application/atom+xml; charset=utf-8';

function link(attrs: Record<string, string>): string {
  return `<link${attributes(attrs)}/>`;
}

function atomEntry(item: FeedItem, fallbackDate: string): string {
  const published = item.published ?? fallbackDate;
  const lines = [
    element('id', item.url),
    element('title', item.title, { type: 'text' }),
    link({ rel: 'alternate', type: 'text/html', href: item.url }),
    element('updated', item.updated ?? published),
    element('published', published),
    ...item.authors.map((a) => `<author>${element('name', a)}</author>`),
    ...item.categories.map((c) => `<category${attributes({ term: c })}/>`),
  ];
  if (item.absUrl) lines.push(link({ rel: 'related', type: 'text/html', href: item.absUrl, title: 'arXiv' }));
  if (item.pdfUrl) lines.push(link({ rel: 'related', type: 'application/pdf', href: item.pdfUrl, title: 'PDF' }));
  if (item.summary) lines.push(element('summary', item.summary, { type: 'text' }));
  return `<entry>\n${lines.join('\n')}\n</entry>`;
}

/**
 * An Atom 1.0 document. Text constructs are `type="text"`, so readers show titles and abstracts
 * exactly as written. The feed-level author satisfies the rule that every entry has an author
 * even for papers whose source listed none.
 */
export function renderAtom(feed: Feed): string {
  const updated = feedUpdated(feed);
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
${element('id', feed.selfUrl)}
${element('title', feed.title, { type: 'text' })}
${element('subtitle', feed.description, { type: 'text' })}
${element('updated', updated)}
${link({ rel: 'self', type: 'application/atom+xml', href: feed.selfUrl })}
${link({ rel: 'alternate', type: 'text/html', href: feed.htmlUrl })}
<author>${element('name', 'paperboy')}</author>
${element('generator', 'paperboy')}
${feed.items.map((item) => atomEntry(item, updated)).join('\n')}
</feed>
`;
}
