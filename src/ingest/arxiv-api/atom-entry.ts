import type { ParseResult, PaperVersion } from '../../model/paper-record.js';
import { arxivId, arxivLinks, arxivVersion, isoDate, normaliseText, normaliseTitle } from '../../model/normalise.js';
import { attr, child, childText, childrenNamed, type XmlElement } from '../xml/xml-element.js';
import { firstDoi } from '../arxiv-oai/first-doi.js';

/** True for the entry arXiv's API sends instead of results when a request is wrong. */
export function isAtomErrorEntry(entry: XmlElement): boolean {
  const id = childText(entry, 'id') ?? '';
  return /^https?:\/\/(export\.)?arxiv\.org\/api\/errors/i.test(id) || (childText(entry, 'title') === 'Error' && !arxivId(id));
}

/** The message of an error entry ("incorrect id format for abc"). */
export function atomErrorMessage(entry: XmlElement): string {
  return normaliseTitle(childText(entry, 'summary')) ?? normaliseTitle(childText(entry, 'id')) ?? 'unknown error';
}

/**
 * Maps one Atom `<entry>` of export.arxiv.org/api/query to a PaperRecord. The entry id carries the
 * latest version (vN); `published` dates v1 and `updated` dates vN, the versions in between are not
 * in the feed.
 */
export function atomEntryToResult(entry: XmlElement, raw: string, origin: string): ParseResult {
  const idText = childText(entry, 'id');
  const id = arxivId(idText);
  if (!id) return { ok: false, problem: { source: origin, message: `entry has no arXiv id (id: ${JSON.stringify(idText ?? '')})` } };
  const title = normaliseTitle(childText(entry, 'title'));
  if (!title) return { ok: false, problem: { source: origin, message: `entry ${id} has no title` } };

  const published = isoDate(childText(entry, 'published'));
  const updated = isoDate(childText(entry, 'updated'));
  const latest = arxivVersion(idText) ?? 1;
  const versions: PaperVersion[] = [{ version: 1, date: published }];
  if (latest > 1) versions.push({ version: latest, date: updated });

  const primary = attr(child(entry, 'primary_category') ?? emptyElement, 'term') ?? null;
  const categories = [primary, ...childrenNamed(entry, 'category').map((c) => attr(c, 'term') ?? null)]
    .filter((c): c is string => !!c && c.trim().length > 0)
    .filter((c, i, all) => all.indexOf(c) === i);
  const authors = childrenNamed(entry, 'author')
    .map((a) => normaliseTitle(childText(a, 'name')))
    .filter((n): n is string => !!n);

  return {
    ok: true,
    record: {
      id,
      title,
      abstract: normaliseText(childText(entry, 'summary')),
      authors,
      categories,
      primaryCategory: primary ?? categories[0] ?? null,
      versions,
      publishedAt: published,
      updatedAt: updated,
      comment: normaliseText(childText(entry, 'comment')),
      journalRef: normaliseTitle(childText(entry, 'journal_ref')),
      doi: firstDoi(childText(entry, 'doi')),
      ...arxivLinks(id),
      source: { name: 'arxiv-api', origin, raw },
    },
  };
}

const emptyElement: XmlElement = { name: '', uri: '', attrs: {}, children: [], text: '' };
