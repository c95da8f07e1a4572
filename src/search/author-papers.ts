import type { Db } from '../db/db.js';
import { papersByIds } from '../store/listings.js';
import type { PaperPage, Paging, PaperWithOrg } from '../store/listed-paper.js';
import type { KeywordIndex } from './keyword/keyword-index.js';

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
