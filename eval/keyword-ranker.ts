import type { KeywordIndex } from '../src/search/keyword/keyword-index.js';
import type { EvalQuery } from './collection.js';
import type { StoredText } from './imported-collection.js';
import { orderPool, type Ranker } from './ranking.js';

/** The text a query paper searches with: its title and abstract, as "similar papers" would. */
export function paperQueryText(p: StoredText): string {
  return `${p.title}\n${p.abstract}`;
}

/**
 * The product's keyword index as a ranker: natural-language queries in any-word mode (BM25 OR
 * semantics); a query paper searches the whole corpus with its title and abstract and its pool is
 * ordered by that ranking.
 */
export function keywordRanker(index: KeywordIndex, papers: ReadonlyMap<string, StoredText>, limit: number): Ranker {
  return async (q: EvalQuery) => {
    const text = q.text ?? paperQueryText(papers.get(q.paperId ?? '') ?? { id: '', title: '', abstract: '', authors: [], publishedAt: null });
    const out = await index.search(text, { limit, match: 'any' });
    const ranking = out.ok ? out.hits.map((h) => h.paperId) : [];
    return q.pool ? orderPool(q.pool, ranking) : ranking;
  };
}
