import type { ParseResult } from '../../model/paper-record.js';
import { readXmlString } from '../xml/xml-reader.js';
import { atomEntryToResult, atomErrorMessage, isAtomErrorEntry } from './atom-entry.js';

/** One page of export.arxiv.org/api/query results, with the numbers paging needs. */
export interface AtomPage {
  results: ParseResult[];
  /** opensearch:totalResults; null when the feed does not say. */
  totalResults: number | null;
  startIndex: number | null;
  itemsPerPage: number | null;
  /** Set when arXiv answered with its error feed or the body is not an Atom feed. */
  error?: { message: string };
}

const CAPTURE = new Set(['entry', 'totalResults', 'startIndex', 'itemsPerPage']);

function count(text: string): number | null {
  const n = Number(text.trim());
  return text.trim() !== '' && Number.isInteger(n) && n >= 0 ? n : null;
}

/**
 * Parses one API response body. arXiv reports a bad request as a feed holding a single entry
 * titled "Error" (often with HTTP 400); that becomes `error` rather than a paper.
 */
export function parseAtomPage(xml: string, origin: string): AtomPage {
  const page: AtomPage = { results: [], totalResults: null, startIndex: null, itemsPerPage: null };
  let n = 0;
  for (const item of readXmlString(xml, CAPTURE)) {
    if (item.kind === 'root') {
      if (item.element.name !== 'feed') return { ...page, error: { message: `not an Atom feed (root element <${item.element.name}>)` } };
      continue;
    }
    if (item.kind === 'error') {
      page.error = { message: `malformed XML at line ${item.line}: ${item.message}` };
      return page;
    }
    const el = item.element;
    if (el.name === 'totalResults') page.totalResults = count(el.text);
    else if (el.name === 'startIndex') page.startIndex = count(el.text);
    else if (el.name === 'itemsPerPage') page.itemsPerPage = count(el.text);
    else if (isAtomErrorEntry(el)) page.error = { message: `arXiv API error: ${atomErrorMessage(el)}` };
    else page.results.push(atomEntryToResult(el, item.raw, `${origin}#${++n}`));
  }
  if (page.error) page.results = [];
  return page;
}
