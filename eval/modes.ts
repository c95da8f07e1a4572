import type { Collection, EvalQuery } from './collection.js';
import type { ImportedCollection, StoredText } from './imported-collection.js';
import { Bm25Lab, PRODUCT_BM25, type Bm25Params } from './bm25-lab.js';
import { keywordRanker, paperQueryText } from './keyword-ranker.js';
import { orderPool, type Ranker } from './ranking.js';

/** What a mode may use to build its ranker for one collection. */
export interface ModeContext {
  c: Collection;
  imp: ImportedCollection;
  papers: Map<string, StoredText>;
  /** Free text notes a mode wants in the report (training time, sizes). */
  notes: Record<string, unknown>;
  /** Built once per collection and shared by the modes (a trained model, its vectors). */
  cache: Map<string, unknown>;
}

/** A fresh context for one imported collection (no notes, nothing cached yet). */
export function modeContext(c: Collection, imp: ImportedCollection): ModeContext {
  return { c, imp, papers: new Map(imp.papers.map((p) => [p.id, p])), notes: {}, cache: new Map() };
}

/** One ranking method the eval reports. */
export interface Mode {
  name: string;
  about: string;
  build(ctx: ModeContext): Promise<Ranker>;
}

/** How many results a keyword-collection query keeps (trec_eval's customary depth). */
export const DEPTH = 1000;

/** The text a query searches with. */
export function queryText(ctx: ModeContext, q: EvalQuery): string {
  if (q.text !== undefined) return q.text;
  const p = ctx.papers.get(q.paperId ?? '');
  return p ? paperQueryText(p) : '';
}

/** Wraps a ranking over the whole corpus (indices into `ids`) into a ranker of this collection's queries. */
export function corpusRanker(ctx: ModeContext, ids: readonly string[], rank: (q: EvalQuery) => number[]): Ranker {
  return async (q) => {
    const ranking = rank(q).map((i) => ids[i]!);
    return q.pool ? orderPool(q.pool, ranking) : ranking.slice(0, DEPTH);
  };
}

/** A lab BM25 ranker with given parameters, optionally with RM3 feedback. */
export function labRanker(ctx: ModeContext, params: Bm25Params, rm3?: { docs: number; terms: number; lambda: number }): Ranker {
  const lab = new Bm25Lab(ctx.imp.papers, params);
  return corpusRanker(ctx, lab.ids, (q) => {
    const text = queryText(ctx, q);
    return lab.ranking(lab.scores(rm3 ? lab.rm3Weights(text, rm3) : lab.queryWeights(text)));
  });
}

export const KEYWORD_MODES: Mode[] = [
  {
    name: 'keyword',
    about: 'the product keyword index (BM25F), any-word mode',
    build: async (ctx) => keywordRanker(ctx.imp.keyword, ctx.papers, Math.max(ctx.imp.papers.length, DEPTH)),
  },
  {
    name: 'bm25-lab',
    about: 'eval-side BM25F with the product parameters (checks the lab against the index)',
    build: async (ctx) => labRanker(ctx, PRODUCT_BM25),
  },
  {
    name: 'bm25-rm3',
    about: 'eval-side BM25F + RM3 pseudo-relevance feedback (10 docs, 10 terms, lambda 0.5)',
    build: async (ctx) => labRanker(ctx, PRODUCT_BM25, { docs: 10, terms: 10, lambda: 0.5 }),
  },
];
