import type { FileFormat } from '../format.js';
import { attr, rootTag } from '../xml/xml-element.js';
import { readXml } from '../xml/xml-reader.js';
import { oaiErrorMessage } from './oai-errors.js';
import { oaiRecordToResult } from './oai-record.js';

const CAPTURE = new Set(['record', 'error']);

/**
 * Saved arXiv OAI-PMH responses (ListRecords/GetRecord) in metadataPrefix arXiv or arXivRaw. One
 * format covers both: each record carries 'arxiv-oai' or 'arxiv-oai-raw' as its source name.
 */
export const format: FileFormat = {
  name: 'arxiv-oai',
  label: 'arXiv OAI-PMH (arXiv / arXivRaw)',
  sniff(head) {
    return rootTag(head)?.name === 'OAI-PMH' && /arxiv/i.test(head);
  },
  async *parse(input, origin) {
    let n = 0;
    for await (const item of readXml(input, CAPTURE)) {
      if (item.kind === 'root') {
        if (item.element.name === 'OAI-PMH') continue;
        yield { ok: false, problem: { source: origin, message: `not an OAI-PMH response (root element <${item.element.name}>)` } };
        return;
      }
      if (item.kind === 'error') {
        yield { ok: false, problem: { source: `${origin}:${item.line}`, message: `malformed XML: ${item.message}` } };
        return;
      }
      if (item.element.name === 'error') {
        const code = attr(item.element, 'code') ?? 'unknown';
        if (code !== 'noRecordsMatch') yield { ok: false, problem: { source: origin, message: oaiErrorMessage(code, item.element.text) } };
        continue;
      }
      const r = oaiRecordToResult(item.element, item.raw, `${origin}#${++n}`);
      if (r.kind === 'paper') yield r.result;
    }
  },
};
