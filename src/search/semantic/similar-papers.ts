import { embeddingVectors } from '../../store/embedding-vectors.js';
import { words } from '../keyword/tokenize.js';
import { paperText } from '../vector/embedder.js';
import { termCounts } from '../vector/lsa-embedder.js';
import type { RankedPaper } from './semantic-search.js';
import { explainMatch } from './explain.js';
import { regionModel } from './lsa-regions.js';
import { cosine } from '../vector/cosine.js';
import { SIMILAR_PAPERS_CANDIDATES, SIMILAR_PAPERS_WEIGHTS, WORD_SIMILARITY_WEIGHTS, lexicalSimilarity, similarityScores, yearsApart, type SimilaritySignals } from '../similarity/similar-papers.js';
import { gramCosine, paperGramVectors } from '../similarity/gram-vector.js';
import { longTextKeyword, rankRows, toRanked, type Engine } from './semantic-engine.js';
import { rankFor, vectorOf } from './rank-for.js';

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
    return { paperId: pid, title, score, explanation: explainMatch(about, text, pv ? { a: q, b: pv } : null, l.embedder.words) };
  });
}
