import type { ParseResult, PaperRecord, PaperVersion } from '../../model/paper-record.js';
import { arxivId, arxivLinks, isoDate, normaliseText, normaliseTitle } from '../../model/normalise.js';
import { attr, child, childText, childrenNamed, type XmlElement } from '../xml/xml-element.js';
import { firstDoi } from './first-doi.js';
import { splitAuthorList } from './author-list.js';

/** What one OAI `<record>` holds: a paper, a deletion notice, or a problem. */
export type OaiRecordResult =
  | { readonly kind: 'paper'; readonly datestamp: string | null; readonly result: ParseResult }
  | { readonly kind: 'deleted'; readonly datestamp: string | null; readonly id: string | null };

function categoriesOf(meta: XmlElement): string[] {
  return (childText(meta, 'categories') ?? '').split(/\s+/).filter((c, i, all) => c && all.indexOf(c) === i);
}

/** `<authors><author><keyname/><forenames/><suffix/></author>` → "Forenames Keyname Suffix". */
function structuredAuthors(meta: XmlElement): string[] {
  const list = child(meta, 'authors');
  if (!list) return [];
  return childrenNamed(list, 'author')
    .map((a) => normaliseTitle([childText(a, 'forenames'), childText(a, 'keyname'), childText(a, 'suffix')].filter(Boolean).join(' ')))
    .filter((n): n is string => !!n);
}

/** arXivRaw lists every version with its submission date (RFC 2822). */
function rawVersions(meta: XmlElement): PaperVersion[] {
  const out: PaperVersion[] = [];
  for (const v of childrenNamed(meta, 'version')) {
    const n = Number(/^v?(\d+)$/.exec((attr(v, 'version') ?? '').trim())?.[1]);
    if (Number.isInteger(n) && n > 0) out.push({ version: n, date: isoDate(childText(v, 'date')) });
  }
  return out.sort((a, b) => a.version - b.version);
}

function common(meta: XmlElement, id: string, title: string): Omit<PaperRecord, 'source' | 'authors' | 'versions' | 'publishedAt' | 'updatedAt'> {
  const categories = categoriesOf(meta);
  return {
    id,
    title,
    abstract: normaliseText(childText(meta, 'abstract')),
    categories,
    primaryCategory: categories[0] ?? null,
    comment: normaliseText(childText(meta, 'comments')),
    journalRef: normaliseTitle(childText(meta, 'journal-ref')),
    doi: firstDoi(childText(meta, 'doi')),
    reportNo: normaliseTitle(childText(meta, 'report-no')),
    license: childText(meta, 'license'),
    ...arxivLinks(id),
  };
}

/**
 * Maps one OAI-PMH `<record>` in either arXiv metadata format. `arXiv` has structured authors and
 * created/updated dates; `arXivRaw` has the author line and every version with its date. Records
 * carry the source name of their format ('arxiv-oai' or 'arxiv-oai-raw').
 */
export function oaiRecordToResult(el: XmlElement, raw: string, origin: string): OaiRecordResult {
  const header = child(el, 'header');
  const datestamp = header ? childText(header, 'datestamp') : null;
  const identifier = header ? childText(header, 'identifier') : null;
  if (header && attr(header, 'status') === 'deleted') return { kind: 'deleted', datestamp, id: arxivId(identifier) };
  const fail = (message: string): OaiRecordResult => ({ kind: 'paper', datestamp, result: { ok: false, problem: { source: origin, message } } });

  const metadata = child(el, 'metadata');
  const meta = metadata?.children[0];
  if (!meta) return fail(`record ${identifier ?? '?'} has no metadata`);
  if (meta.name !== 'arXiv' && meta.name !== 'arXivRaw') return fail(`record ${identifier ?? '?'} is in metadata format <${meta.name}>, expected arXiv or arXivRaw`);
  const id = arxivId(childText(meta, 'id')) ?? arxivId(identifier);
  if (!id) return fail(`record has no arXiv id (identifier: ${JSON.stringify(identifier ?? '')})`);
  const title = normaliseTitle(childText(meta, 'title'));
  if (!title) return fail(`record ${id} has no title`);

  if (meta.name === 'arXivRaw') {
    const versions = rawVersions(meta);
    const record: PaperRecord = {
      ...common(meta, id, title),
      authors: splitAuthorList(childText(meta, 'authors')),
      versions,
      publishedAt: versions.find((v) => v.version === 1)?.date ?? null,
      updatedAt: versions.length ? versions[versions.length - 1]!.date : null,
      source: { name: 'arxiv-oai-raw', origin, raw },
    };
    return { kind: 'paper', datestamp, result: { ok: true, record } };
  }
  const created = isoDate(childText(meta, 'created'));
  const record: PaperRecord = {
    ...common(meta, id, title),
    authors: structuredAuthors(meta),
    versions: [{ version: 1, date: created }],
    publishedAt: created,
    updatedAt: isoDate(childText(meta, 'updated')) ?? created,
    source: { name: 'arxiv-oai', origin, raw },
  };
  return { kind: 'paper', datestamp, result: { ok: true, record } };
}
