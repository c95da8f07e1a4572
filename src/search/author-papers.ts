import type { Db } from '../db/db.js';
import { papersByIds } from '../store/listings.js';
import type { PaperPage, Paging, PaperWithOrg } from '../store/listed-paper.js';
import type { KeywordIndex } from './keyword/keyword-index.js';
import { words } from './keyword/tokenize.js';

/**
 * An author's papers, newest first, found through the keyword index's author filter: every word of
 * the name must belong to one author, in order (accents and case ignored), so "Ada Lovelace"
 * finds papers by "Ada Lovelace" and by "ADA LOVELACE".
 */
export async function papersByAuthor(deps: { db: Db; keyword: KeywordIndex }, name: string, p: Paging): Promise<PaperPage<PaperWithOrg>> {
  const clean = name.replace(/"/g, ' ').trim();
  if (!clean) return { papers: [], total: 0 };
  const limit = Math.max(0, p.limit);
  const found = await deps.keyword.search(`author:"${clean}"`, { sort: 'date', limit, offset: p.offset ?? 0, match: 'all' });
  if (!found.ok || found.total === 0) return { papers: [], total: 0 };
  return { papers: await papersByIds(deps.db, found.hits.map((h) => h.paperId)), total: found.total };
}

/**
 * The names that share most of these papers with an author (at least two), most shared first, ties
 * by name: who the author writes with, counted over the papers a page already holds (reading more
 * would cost a second author search, ~150-400 ms for a common name). The author's own name (any case
 * or accents, as the author filter matches it) is left out.
 */
export function coAuthors(papers: ReadonlyArray<{ authors: readonly string[] }>, name: string, limit: number): Array<{ name: string; papers: number }> {
  const self = fold(name);
  const counts = new Map<string, number>();
  for (const p of papers) {
    for (const other of new Set(p.authors.map((a) => a.trim()).filter(Boolean))) {
      if (fold(other) !== self) counts.set(other, (counts.get(other) ?? 0) + 1);
    }
  }
  return [...counts].filter(([, n]) => n >= 2).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, limit).map(([n, papers]) => ({ name: n, papers }));
}

/** A name as the author filter compares it: its words as the index's tokenizer reads them (accents and case ignored). */
function fold(name: string): string {
  return words(name).join(' ');
}
