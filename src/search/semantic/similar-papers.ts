import { embeddingVectors, type PaperText } from '../../store/embedding-vectors.js';
import { terms, termOf, words } from '../keyword/tokenize.js';
import { paperText } from '../vector/embedder.js';
import { termCounts } from '../vector/lsa-embedder.js';
import type { RankedPaper, RecommendScope } from './semantic-search.js';
import { explainMatch } from './explain.js';
import { queryFilter, type QueryFilter } from './query-filter.js';
import { cosinesWithin, meaningCut } from './within-search.js';
import { filteredHits, keepVerified } from './ranking-steps.js';
import { regionModel } from './lsa-regions.js';
import { cosine } from '../vector/cosine.js';
import { SIMILAR_PAPERS_CANDIDATES, SIMILAR_PAPERS_WEIGHTS, WORD_SIMILARITY_WEIGHTS, lexicalSimilarity, similarityScores, yearsApart, type SimilaritySignals } from '../similarity/similar-papers.js';
import { gramCosine, paperGramVectors } from '../similarity/gram-vector.js';
import type { Loaded } from './semantic-state.js';
import { fuseRows, longTextKeyword, rankRows, toRanked, type Engine, type RowScores } from './semantic-engine.js';

/** Rocchio's weight of the disliked papers' mean against the liked papers' mean. */
export const NEGATIVE_WEIGHT = 0.5;
/** Words of the liked papers added to the keyword side of a recommendation. */
const EXPANSION_TERMS = 20;

/** A paper's vector: the stored one, else embedded now (a paper the job has not reached yet). */
async function vectorOf(l: Loaded, p: PaperText): Promise<Float32Array | null> {
  const stored = l.index.vectorOf(p.id);
  if (stored) return stored;
  const r = await l.embedder.embed([paperText(p.title, p.abstract)]);
  return r.ok ? r.vectors[0]! : null;
}

/** Where a recommendation may look: query-language filters, and/or a fixed set of paper rows. */
interface RankScope {
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
async function rankFor(e: Engine, l: Loaded | null, q: Float32Array | null, kwQuery: string, about: string, exclude: Set<number>, limit: number, scope: RankScope = {}): Promise<RankedPaper[]> {
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
    const explanation = explainMatch(about, paperText(title, abstract), pv && q ? { a: q, b: pv } : null, l?.embedder.lsa ?? null);
    return { paperId, title, score, explanation };
  });
}

/**
 * Candidates each signal contributes on the site and API. Every candidate's text is read and
 * tokenized for the TF-IDF signal, which dominates the cost: 100 + 100 keeps an uncached paper page
 * near 30 ms at 100,000 papers instead of 75 ms with the eval's 300 + 300 (SIMILAR_PAPERS_CANDIDATES,
 * mode "similar-all"); measured on 60 papers of the benchmark database, the top six keep 89% of
 * their papers. The CSFCube figures rank the judged pools and do not depend on this number.
 */
const CANDIDATES_PER_SIGNAL = Math.min(100, SIMILAR_PAPERS_CANDIDATES);

/**
 * Papers most like one paper, scored the way the eval measured on CSFCube (src/search/similarity):
 * candidates are the best CANDIDATES_PER_SIGNAL of the keyword index (BM25F of the paper's
 * strongest SIMILAR_PAPERS_CANDIDATE_TERMS words) and of the vector index; each gets its LSA cosine
 * with the paper (under the paper's region's model when the corpus has regions) and the cosines of
 * their texts' and titles' character n-grams, and `similarityScores` fuses them by z-scores, less a
 * little for each year between the two. With an embeddings endpoint the service's cosine takes the
 * LSA cosine's place (the n-gram counts are stored with the endpoint model). A model stored before the
 * n-gram counts existed has none: its candidates get the word signals instead (BM25F for the whole
 * text, TF-IDF cosine).
 */
export async function similarPapers(e: Engine, paperId: string, limit: number): Promise<RankedPaper[] | null> {
  const rowId = (await embeddingVectors.rowIds(e.db, [paperId])).get(paperId);
  if (rowId === undefined) return null;
  const [paper] = await embeddingVectors.papersById(e.db, [rowId]);
  if (!paper) return null;
  const n = Math.max(0, Math.floor(limit));
  const l = await e.state.current();
  const q = l ? await vectorOf(l, paper) : null;
  const about = paperText(paper.title, paper.abstract);
  if (!l || !q) return rankFor(e, null, null, `${paper.title}\n${paper.abstract ?? ''}`, about, new Set([rowId]), n);
  const pool = Math.max(CANDIDATES_PER_SIGNAL, n + 1);
  const plain = words(`${paper.title}\n${paper.abstract ?? ''}`).join(' ');
  const grams = l.embedder.chars;
  // A model stored before character n-grams existed keeps the word signals they replaced.
  const weights = grams ? SIMILAR_PAPERS_WEIGHTS : WORD_SIMILARITY_WEIGHTS;
  const vectorRows = l.index.search(q, pool).map((h) => h.rowId);
  const { candidates: ids, scores: kwScores } = await longTextKeyword(e, plain, pool, vectorRows, rowId, weights.keyword !== 0);
  const found = new Map((await embeddingVectors.papersById(e.db, [...ids])).map((p) => [p.id, p]));
  const lsa = l.embedder.lsa?.model ?? null;
  // The paper's region's own model, when the corpus has regions (see lsa-regions.ts): its cosine
  // tells papers of one field apart better than the corpus-wide model's.
  const regional = l.embedder.lsa?.regions ? regionModel(l.embedder.lsa.regions, q) : null;
  const aboutCounts = termCounts(about);
  const mine = lsa && weights.lexical ? lsa.termVector(aboutCounts) : null;
  const mineRegional = regional ? regional.model.embedOne(aboutCounts) : null;
  const myGrams = grams ? paperGramVectors(grams, paper.title, paper.abstract) : null;
  const regionalVectors = new Map<number, Float32Array>();
  // In candidate order (keyword hits, then nearest vectors), as the fusion has always seen them.
  const signals: SimilaritySignals[] = [...ids].flatMap((id) => {
    const p = found.get(id);
    if (!p) return [];
    const text = paperText(p.title, p.abstract);
    // Tokenized once for both word models: tokenizing is a large part of a candidate's cost.
    const counts = mine || regional ? termCounts(text) : null;
    const theirs = regional && counts ? regional.model.embedOne(counts) : null;
    if (theirs) regionalVectors.set(id, theirs);
    const theirGrams = grams && myGrams ? paperGramVectors(grams, p.title, p.abstract) : null;
    return [{
      id: String(id),
      ...(kwScores.has(id) ? { keyword: kwScores.get(id)! } : {}),
      semantic: mineRegional && theirs ? cosine(mineRegional, theirs) : l.index.score(q, id) ?? 0,
      lexical: lsa && mine && counts ? lexicalSimilarity(mine, lsa.termVector(counts)) : 0,
      ...(myGrams && theirGrams ? { chars: gramCosine(myGrams.text, theirGrams.text), titleChars: gramCosine(myGrams.title, theirGrams.title) } : {}),
      yearsApart: yearsApart(paper.publishedAt, p.publishedAt),
    }];
  });
  const ranked = rankRows(new Map([...similarityScores(signals, weights)].map(([id, sc]) => [Number(id), sc]))).slice(0, n);
  const papers = await toRanked(e, ranked);
  return papers.map(({ paperId: pid, title, score, rowId: r, abstract }) => {
    const text = paperText(title, abstract);
    // Explained by the model that scored it: the regional model's topics and word rarity when there is one.
    const theirs = regionalVectors.get(r);
    if (regional && mineRegional && theirs) return { paperId: pid, title, score, explanation: explainMatch(about, text, { a: mineRegional, b: theirs }, regional) };
    const pv = l.index.vectorOf(r);
    return { paperId: pid, title, score, explanation: explainMatch(about, text, pv ? { a: q, b: pv } : null, l.embedder.lsa) };
  });
}

/** The liked papers' most distinctive words (tf x idf over their texts), minus the disliked papers' words. */
function expansion(l: Loaded | null, pos: PaperText[], neg: PaperText[]): string {
  const weight = new Map<string, number>();
  const spelled = new Map<string, string>();
  for (const p of pos) {
    for (const w of words(paperText(p.title, p.abstract))) {
      const t = termOf(w);
      if (t === null) continue;
      if (!spelled.has(t)) spelled.set(t, w);
      const i = l?.embedder.lsa?.model.vocabulary.get(t);
      weight.set(t, (weight.get(t) ?? 0) + (i === undefined ? 1 : l!.embedder.lsa!.model.idf[i]!));
    }
  }
  const disliked = new Set(neg.flatMap((p) => terms(paperText(p.title, p.abstract))));
  return [...weight].filter(([t]) => !disliked.has(t)).sort((a, b) => b[1] - a[1]).slice(0, EXPANSION_TERMS).map(([t]) => spelled.get(t)!).join(' ');
}

/**
 * Recommendations for an interest profile (Rocchio): the profile vector is the mean of the liked
 * papers' vectors minus NEGATIVE_WEIGHT x the mean of the disliked ones, ranked by cosine and
 * fused with a keyword query of the liked papers' most distinctive words; inputs are excluded.
 * The scope (query-language filters, a set of papers such as a digest's) restricts the ranking itself.
 */
export async function recommendPapers(e: Engine, positive: readonly string[], negative: readonly string[], limit: number, scope: RecommendScope = {}): Promise<{ hits: RankedPaper[]; unknown: string[] }> {
  const ids = await embeddingVectors.rowIds(e.db, [...positive, ...negative]);
  const unknown = [...new Set([...positive, ...negative].filter((p) => !ids.has(p)))];
  const rows = (list: readonly string[]): number[] => [...new Set(list.flatMap((p) => (ids.has(p) ? [ids.get(p)!] : [])))];
  const posRows = rows(positive), negRows = rows(negative);
  if (!posRows.length) return { hits: [], unknown };
  const texts = new Map((await embeddingVectors.papersById(e.db, [...posRows, ...negRows])).map((p) => [p.id, p]));
  const pos = posRows.flatMap((id) => texts.get(id) ?? []), neg = negRows.flatMap((id) => texts.get(id) ?? []);
  const l = await e.state.current();
  let q: Float32Array | null = null;
  if (l) {
    const add = async (list: PaperText[], w: number, into: Float64Array): Promise<void> => {
      for (const p of list) {
        const v = await vectorOf(l, p);
        if (v) for (let j = 0; j < v.length; j++) into[j]! += (w * v[j]!) / list.length;
      }
    };
    const sum = new Float64Array(l.index.dimensions);
    await add(pos, 1, sum);
    await add(neg, -NEGATIVE_WEIGHT, sum);
    const norm = Math.sqrt(sum.reduce((s, x) => s + x * x, 0));
    if (norm > 0) q = Float32Array.from(sum, (x) => x / norm);
  }
  const about = pos.map((p) => paperText(p.title, p.abstract)).join('\n');
  const hits = await rankFor(e, l, q, expansion(l, pos, neg), about, new Set([...posRows, ...negRows]), Math.max(0, Math.floor(limit)), {
    filter: scope.filter,
    within: scope.within ? new Set((await embeddingVectors.rowIds(e.db, scope.within)).values()) : undefined,
  });
  return { hits, unknown };
}
