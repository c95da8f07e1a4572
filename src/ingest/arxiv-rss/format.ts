import type { FileFormat } from '../format.js';
import { rootTag } from '../xml/xml-element.js';
import { readXml } from '../xml/xml-reader.js';
import { rssItemToResult } from './rss-item.js';

const CAPTURE = new Set(['item']);

/** Saved rss.arxiv.org feeds (RSS 2.0 with arxiv:announce_type), imported like any other file. */
export const format: FileFormat = {
  name: 'arxiv-rss',
  label: 'arXiv RSS feed',
  sniff(head) {
    return rootTag(head)?.name === 'rss' && /arxiv/i.test(head);
  },
  async *parse(input, origin) {
    let n = 0;
    for await (const item of readXml(input, CAPTURE)) {
      if (item.kind === 'root') {
        if (item.element.name === 'rss') continue;
        yield { ok: false, problem: { source: origin, message: `not an RSS feed (root element <${item.element.name}>)` } };
        return;
      }
      if (item.kind === 'error') {
        yield { ok: false, problem: { source: `${origin}:${item.line}`, message: `malformed XML: ${item.message}` } };
        return;
      }
      yield rssItemToResult(item.element, item.raw, `${origin}#${++n}`).result;
    }
  },
};
