import type { ParseResult } from '../../model/paper-record.js';
import { attr, type XmlElement } from '../xml/xml-element.js';
import { readXmlString } from '../xml/xml-reader.js';
import { oaiErrorMessage } from './oai-errors.js';
import { oaiRecordToResult } from './oai-record.js';

/** Where an OAI list continues. */
export interface ResumptionToken {
  token: string;
  cursor?: number;
  completeListSize?: number;
}

/** One ListRecords/GetRecord response. */
export interface OaiPage {
  /** Papers (and bad records); deleted records are not in here. */
  results: ParseResult[];
  /** The header datestamp of every record on the page (deleted ones too), in document order. */
  datestamps: string[];
  /** The server's clock when it answered (responseDate). */
  responseDate?: string;
  /** Absent on the last page of a list. */
  resumptionToken?: ResumptionToken;
  /** The first OAI error; `noRecordsMatch` means an empty list, not a failure. */
  error?: { code: string; message: string };
}

const CAPTURE = new Set(['record', 'resumptionToken', 'error', 'responseDate']);

function intAttr(el: XmlElement, name: string): number | undefined {
  const v = attr(el, name);
  const n = v === undefined ? NaN : Number(v);
  return Number.isInteger(n) ? n : undefined;
}

/** Parses one OAI-PMH response body from arXiv (metadataPrefix arXiv or arXivRaw). */
export function parseOaiPage(xml: string, origin: string): OaiPage {
  const page: OaiPage = { results: [], datestamps: [] };
  let n = 0;
  for (const item of readXmlString(xml, CAPTURE)) {
    if (item.kind === 'root') {
      if (item.element.name !== 'OAI-PMH') return { ...page, error: { code: 'notOai', message: `not an OAI-PMH response (root element <${item.element.name}>)` } };
      continue;
    }
    if (item.kind === 'error') {
      return { ...page, error: { code: 'malformed', message: `malformed XML at line ${item.line}: ${item.message}` } };
    }
    const el = item.element;
    if (el.name === 'responseDate') page.responseDate = el.text.trim();
    else if (el.name === 'error') page.error ??= { code: attr(el, 'code') ?? 'unknown', message: oaiErrorMessage(attr(el, 'code') ?? 'unknown', el.text) };
    else if (el.name === 'resumptionToken') {
      const token = el.text.trim();
      if (token) page.resumptionToken = { token, cursor: intAttr(el, 'cursor'), completeListSize: intAttr(el, 'completeListSize') };
    } else {
      const r = oaiRecordToResult(el, item.raw, `${origin}#${++n}`);
      if (r.datestamp) page.datestamps.push(r.datestamp);
      if (r.kind === 'paper') page.results.push(r.result);
    }
  }
  return page;
}
