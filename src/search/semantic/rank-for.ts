import type { PaperText } from '../../store/embedding-vectors.js';
import { words } from '../keyword/tokenize.js';
import { paperText } from '../vector/embedder.js';
import type { RankedPaper } from './semantic-search.js';
import { explainMatch } from './explain.js';
import { queryFilter, type QueryFilter } from './query-filter.js';
import { cosinesWithin, meaningCut } from './within-search.js';
import { filteredHits, keepVerified } from './ranking-steps.js';
import type { Loaded } from './semantic-state.js';
import { fuseRows, rankRows, toRanked, type Engine, type RowScores } from './semantic-engine.js';

/** A paper's vector: the stored one, else embedded now (a paper the job has not reached yet). */
export async function vectorOf(l: Loaded, p: PaperText): Promise<Float32Array | null> {
  const stored = l.index.vectorOf(p.id);
  if (stored) return stored;
  const r = await l.embedder.embed([paperText(p.title, p.abstract)]);
  return r.ok ? r.vectors[0]! : null;
}

/** Where a recommendation may look: query-language filters, and/or a fixed set of paper rows. */
export interface RankScope {
  filter?: string;
  within?: ReadonlySet<number>;
}

/** The vector side's candidates: a fixed set scored one by one, else the (filtered) index's best. */
function vectorHits(l: Loaded, q: Float32Array, pool: number, allowed: QueryFilter | null, within?: ReadonlySet<number>): RowScores {
  if (within) return cosinesWithin(l, q, within, allowed?.mask ?? null, meaningCut(l, q));
  return new Map(filteredHits(l, q, pool, allowed).map((h) => [h.rowId, h.score]));
}

/**
 * Ranks papers for a query vector and a keyword query (any word), fused, without the `exclude`d
 * rows, with explanations against `about` (the text the results are compared with). A scope's
 * filter restricts both the keyword search and the vector scan; its `within` rows are the only
 * candidates (by their vector when close enough, see meaningCut), each with its exact keyword score.
 */
export async function rankFor(e: Engine, l: Loaded | null, q: Float32Array | null, kwQuery: string, about: string, exclude: Set<number>, limit: number, scope: RankScope = {}): Promise<RankedPaper[]> {
  const pool = Math.max(limit + exclude.size, 100);
  // Only the words: a paper's text must not be read as query syntax (a leading '-', quotes, "OR").
  const plain = words(kwQuery).join(' ');
  const filter = scope.filter ?? '';
  const allowed = filter ? await queryFilter(e.db, e.segments, filter) : null;
  const keywordQuery = filter ? `${plain} ${filter}` : plain;
  let kwScores: RowScores = new Map();
  let truncated = false;
  if (plain && scope.within) {
    // Every paper of the set gets its score, rather than those a corpus-wide top-k happened to reach.
    kwScores = await e.keyword.matchRows(keywordQuery, [...scope.within], 'any');
  } else if (plain) {
    const kw = await e.keyword.searchRows(keywordQuery, { limit: pool, match: 'any' });
    if (kw.ok) [kwScores, truncated] = [new Map(kw.rows), kw.total > kw.rows.length];
  }
  let scores = kwScores;
  if (l && q) {
    const vec = vectorHits(l, q, pool, allowed, scope.within);
    // Inside a set, sharing one of the profile's words is no evidence: only papers close in meaning count.
    const kwKept: RowScores = scope.within ? new Map([...kwScores].filter(([row]) => vec.has(row))) : kwScores;
    scores = fuseRows(l, q, kwKept, vec, truncated);
  }
  const ranked = (await keepVerified(e, allowed, rankRows(scores).filter(([id]) => !exclude.has(id)))).slice(0, limit);
  const papers = await toRanked(e, ranked);
  return papers.map(({ paperId, title, score, rowId, abstract }) => {
    const pv = l && q ? l.index.vectorOf(rowId) : null;
    const explanation = explainMatch(about, paperText(title, abstract), pv && q ? { a: q, b: pv } : null, l?.embedder.words ?? null);
    return { paperId, title, score, explanation };
  });
}
