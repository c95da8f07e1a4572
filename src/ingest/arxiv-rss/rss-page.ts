import type { ParseResult } from '../../model/paper-record.js';
import { readXmlString } from '../xml/xml-reader.js';
import { rssItemToResult } from './rss-item.js';

/** One rss.arxiv.org response. */
export interface RssPage {
  results: ParseResult[];
  /** The announce type of each result, same order ('new', 'cross', 'replace', 'replace-cross'). */
  announceTypes: (string | null)[];
  /** Set when the body is not an RSS feed or is malformed. */
  error?: { message: string };
}

const CAPTURE = new Set(['item']);

/** Parses one feed body; an unknown category gives an empty channel, i.e. zero results. */
export function parseRss(xml: string, origin: string): RssPage {
  const page: RssPage = { results: [], announceTypes: [] };
  let n = 0;
  for (const item of readXmlString(xml, CAPTURE)) {
    if (item.kind === 'root') {
      if (item.element.name !== 'rss') return { ...page, error: { message: `not an RSS feed (root element <${item.element.name}>)` } };
      continue;
    }
    if (item.kind === 'error') return { ...page, error: { message: `malformed XML at line ${item.line}: ${item.message}` } };
    const r = rssItemToResult(item.element, item.raw, `${origin}#${++n}`);
    page.results.push(r.result);
    page.announceTypes.push(r.announceType);
  }
  return page;
}
