import type { FileFormat } from '../format.js';
import { rootTag } from '../xml/xml-element.js';
import { readXml } from '../xml/xml-reader.js';
import { atomEntryToResult, atomErrorMessage, isAtomErrorEntry } from './atom-entry.js';

const CAPTURE = new Set(['entry']);

/** Atom feeds saved from export.arxiv.org/api/query, imported like any other file. */
export const format: FileFormat = {
  name: 'arxiv-api',
  label: 'arXiv API Atom feed',
  sniff(head) {
    const root = rootTag(head);
    return root?.name === 'feed' && root.tag.includes('http://www.w3.org/2005/Atom') && /arxiv\.org/i.test(head);
  },
  async *parse(input, origin) {
    let n = 0;
    for await (const item of readXml(input, CAPTURE)) {
      if (item.kind === 'root') {
        if (item.element.name !== 'feed') {
          yield { ok: false, problem: { source: origin, message: `not an Atom feed (root element <${item.element.name}>)` } };
          return;
        }
        continue;
      }
      if (item.kind === 'error') {
        yield { ok: false, problem: { source: `${origin}:${item.line}`, message: `malformed XML: ${item.message}` } };
        return;
      }
      n++;
      if (isAtomErrorEntry(item.element)) {
        yield { ok: false, problem: { source: origin, message: `the feed is an arXiv API error: ${atomErrorMessage(item.element)}` } };
        continue;
      }
      yield atomEntryToResult(item.element, item.raw, `${origin}#${n}`);
    }
  },
};
