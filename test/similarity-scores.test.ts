import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  lexicalSimilarity, similarityScores, yearsApart, SIMILAR_PAPERS_LSA, SIMILAR_PAPERS_WEIGHTS, WORD_SIMILARITY_WEIGHTS, type SimilaritySignals,
} from '../src/search/similarity/similar-papers.js';
import { LsaEmbedder } from '../src/search/vector/lsa-embedder.js';
import { paperText } from '../src/search/vector/embedder.js';
import { cosine } from '../src/search/vector/cosine.js';
import { fusedRanking } from '../src/search/vector/fusion.js';
import { TWO_TOPIC_CORPUS } from './helpers/two-topic-corpus.js';

const CORPUS = TWO_TOPIC_CORPUS;

describe('similarityScores', () => {
  it('returns nothing for no candidates', () => {
    assert.equal(similarityScores([]).size, 0);
  });

  it('ranks the candidate that is ahead on every signal first and treats a missing keyword score as 0', () => {
    const c: SimilaritySignals[] = [
      { id: 'weak', semantic: 0.1, lexical: 0.05, chars: 0.1 },
      { id: 'strong', keyword: 12, semantic: 0.9, lexical: 0.6, chars: 0.5 },
      { id: 'middle', keyword: 3, semantic: 0.5, lexical: 0.2, chars: 0.2 },
    ];
    assert.deepEqual(fusedRanking(similarityScores(c)), ['strong', 'middle', 'weak']);
    assert.deepEqual(fusedRanking(similarityScores(c, WORD_SIMILARITY_WEIGHTS)), ['strong', 'middle', 'weak']);
    const onlyKeyword = { keyword: 1, semantic: 0, lexical: 0 };
    assert.equal(similarityScores([{ id: 'x', semantic: 0, lexical: 0 }, { id: 'y', keyword: 2, semantic: 0, lexical: 0 }], onlyKeyword).get('x'), -1, 'missing keyword: 0');
  });

  it('counts the character n-gram signal by its weight, and a candidate without it as 0', () => {
    const c: SimilaritySignals[] = [
      { id: 'words', keyword: 9, semantic: 0.5, lexical: 0.5, chars: 0.1 },
      { id: 'pieces', keyword: 1, semantic: 0.5, lexical: 0.1, chars: 0.6 },
      { id: 'none', keyword: 1, semantic: 0.5, lexical: 0.1 },
    ];
    assert.deepEqual(fusedRanking(similarityScores(c)), ['pieces', 'words', 'none']);
    assert.deepEqual(fusedRanking(similarityScores(c, WORD_SIMILARITY_WEIGHTS)), ['words', 'none', 'pieces'], 'ignored at weight 0; ties by id');
  });

  it('follows the weights: with only the semantic signal counting, the ranking is the cosine order', () => {
    const c: SimilaritySignals[] = [
      { id: 'a', keyword: 20, semantic: 0.2, lexical: 0.9 },
      { id: 'b', keyword: 1, semantic: 0.8, lexical: 0.1 },
    ];
    assert.deepEqual(fusedRanking(similarityScores(c, { keyword: 0, semantic: 1, lexical: 0 })), ['b', 'a']);
    assert.deepEqual(fusedRanking(similarityScores(c, { keyword: 1, semantic: 0, lexical: 0 })), ['a', 'b']);
  });

  it('is unchanged by rescaling a signal (z-scores), so BM25 scores of any magnitude fuse the same way', () => {
    const c: SimilaritySignals[] = [
      { id: 'a', keyword: 2, semantic: 0.3, lexical: 0.4 },
      { id: 'b', keyword: 5, semantic: 0.2, lexical: 0.1 },
      { id: 'c', keyword: 1, semantic: 0.7, lexical: 0.3 },
    ];
    const scaled = c.map((x) => ({ ...x, keyword: (x.keyword ?? 0) * 100 }));
    const a = similarityScores(c, WORD_SIMILARITY_WEIGHTS), b = similarityScores(scaled, WORD_SIMILARITY_WEIGHTS);
    for (const [id, v] of a) assert.ok(Math.abs(v - b.get(id)!) < 1e-9);
  });

  it('ranks the nearer in time first when everything else is equal, and leaves undated papers alone', () => {
    const same = { keyword: 3, semantic: 0.5, lexical: 0.2 };
    const c: SimilaritySignals[] = [
      { id: 'old', ...same, yearsApart: 12 },
      { id: 'recent', ...same, yearsApart: 1 },
      { id: 'undated', ...same },
      { id: 'weaker', keyword: 1, semantic: 0.3, lexical: 0.1, yearsApart: 0 },
    ];
    const scores = similarityScores(c);
    assert.deepEqual(fusedRanking(scores), ['undated', 'recent', 'old', 'weaker']);
    assert.ok(Math.abs(scores.get('recent')! - scores.get('old')! - 11 * SIMILAR_PAPERS_WEIGHTS.perYearApart!) < 1e-9);
    const timeless = similarityScores(c, { ...SIMILAR_PAPERS_WEIGHTS, perYearApart: 0 });
    assert.equal(timeless.get('old'), timeless.get('recent'));
  });

  it('measures years between publication dates, undefined when one is missing or invalid', () => {
    assert.ok(Math.abs(yearsApart('2020-01-01', '2024-01-01T00:00:00Z')! - 4) < 0.01);
    assert.equal(yearsApart('2024-06-01', '2024-06-01'), 0);
    assert.equal(yearsApart('2024-06-01', null), undefined);
    assert.equal(yearsApart(undefined, '2024-06-01'), undefined);
    assert.equal(yearsApart('not a date', '2024-06-01'), undefined);
  });

  it('publishes frozen defaults: the n-gram weights use the n-grams, the fallback does not', () => {
    assert.ok(Object.isFrozen(SIMILAR_PAPERS_WEIGHTS) && Object.isFrozen(WORD_SIMILARITY_WEIGHTS) && Object.isFrozen(SIMILAR_PAPERS_LSA));
    assert.ok((SIMILAR_PAPERS_WEIGHTS.chars ?? 0) > 0 && SIMILAR_PAPERS_WEIGHTS.semantic > 0);
    assert.equal(WORD_SIMILARITY_WEIGHTS.chars ?? 0, 0);
    const { keyword, semantic, lexical } = WORD_SIMILARITY_WEIGHTS;
    assert.ok(Math.abs(keyword + semantic + lexical - 1) < 1e-9);
  });
});

describe('lexicalSimilarity over LsaEmbedder.termVector', () => {
  const texts = CORPUS.map(([t, a]) => paperText(t, a));
  const model = LsaEmbedder.train(texts, { dimensions: 2 });
  const tv = texts.map((t) => model.termVector(t));

  it('is 1 for a text and itself, symmetric, and 0 for texts sharing no word', () => {
    assert.ok(Math.abs(lexicalSimilarity(tv[0]!, tv[0]!) - 1) < 1e-6);
    assert.equal(lexicalSimilarity(tv[0]!, tv[1]!), lexicalSimilarity(tv[1]!, tv[0]!));
    assert.equal(lexicalSimilarity(tv[0]!, model.termVector('graph vertices')), 0);
    assert.equal(model.termVector('').size, 0);
  });

  it('fuses with the LSA cosine into a ranking that keeps a topic together', () => {
    const vectors = texts.map((t) => model.embedOne(t));
    const query = 3;
    const candidates = texts.flatMap((_, i): SimilaritySignals[] => (i === query ? [] : [{
      id: String(i), semantic: cosine(vectors[query]!, vectors[i]!), lexical: lexicalSimilarity(tv[query]!, tv[i]!),
    }]));
    const ranking = fusedRanking(similarityScores(candidates));
    assert.deepEqual(ranking.slice(0, 2).sort(), ['4', '5']);
  });
});
