import type { ParseResult } from '../../model/paper-record.js';
import { arxivId, arxivLinks, arxivVersion, isoDate, normaliseText, normaliseTitle } from '../../model/normalise.js';
import { childText, childrenNamed, type XmlElement } from '../xml/xml-element.js';
import { firstDoi } from '../arxiv-oai/first-doi.js';
import { splitAuthorList } from '../arxiv-oai/author-list.js';

/** An RSS item as a paper plus how arXiv announced it (new, cross, replace, replace-cross). */
export interface RssItemResult {
  readonly result: ParseResult;
  readonly announceType: string | null;
}

/**
 * The abstract inside an item description, which reads
 * "arXiv:2504.17830v1 Announce Type: new \nAbstract: We introduce ...".
 */
export function rssAbstract(description: string | null): string | null {
  if (!description) return null;
  const m = /(?:^|\n)\s*Abstract:\s*([\s\S]*)$/.exec(description);
  return normaliseText(m ? m[1] : description.replace(/^\s*arXiv:\S+\s+Announce Type:\s*\S+\s*/, ''));
}

/**
 * Maps one `<item>` of an rss.arxiv.org feed. The guid (`oai:arXiv.org:IDvN`) gives id and
 * version; `pubDate` is the announcement day, which dates v1 for a new paper and is the latest
 * change for a replacement. Categories come in the paper's order, primary first.
 */
export function rssItemToResult(item: XmlElement, raw: string, origin: string): RssItemResult {
  const announceType = childText(item, 'announce_type');
  const description = childText(item, 'description');
  const versioned = childText(item, 'guid') ?? /^arXiv:(\S+)/.exec(description ?? '')?.[1] ?? null;
  const id = arxivId(versioned) ?? arxivId(childText(item, 'link'));
  if (!id) return { announceType, result: { ok: false, problem: { source: origin, message: `item has no arXiv id (guid: ${JSON.stringify(versioned ?? '')})` } } };
  const title = normaliseTitle(childText(item, 'title'));
  if (!title) return { announceType, result: { ok: false, problem: { source: origin, message: `item ${id} has no title` } } };

  const version = arxivVersion(versioned);
  const announced = isoDate(childText(item, 'pubDate'));
  const categories = childrenNamed(item, 'category').map((c) => c.text.trim()).filter((c, i, all) => c && all.indexOf(c) === i);
  return {
    announceType,
    result: {
      ok: true,
      record: {
        id,
        title,
        abstract: rssAbstract(description),
        authors: splitAuthorList(childText(item, 'creator')),
        categories,
        primaryCategory: categories[0] ?? null,
        versions: version ? [{ version, date: null }] : null,
        publishedAt: version === 1 ? announced : null,
        // The feed's pubDate is the announcement (the listing's day), not the submission.
        ...(version === 1 && announced ? { publishedFrom: 'listing' as const } : {}),
        updatedAt: announced,
        journalRef: normaliseTitle(childText(item, 'journal_reference')),
        doi: firstDoi(childText(item, 'DOI')),
        license: childText(item, 'rights'),
        ...arxivLinks(id),
        source: { name: 'arxiv-rss', origin, raw },
      },
    },
  };
}
