import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { charGramCounts, charGramVector, trainCharGrams, CHAR_GRAM_BUCKETS } from '../src/search/similarity/char-grams.js';
import { lexicalSimilarity } from '../src/search/similarity/similar-papers.js';

const total = (m: ReadonlyMap<number, number>): number => [...m.values()].reduce((s, v) => s + v, 0);

describe('character n-grams', () => {
  it('cuts each padded word into runs of n characters, ignoring case, and short words into none', () => {
    assert.equal(total(charGramCounts('Parsing', 7)), 3, '" parsing " holds 3 runs of 7');
    assert.equal(total(charGramCounts('parsing PARSING', 7)), 6);
    assert.deepEqual(charGramCounts('PARSING', 7), charGramCounts('parsing', 7));
    assert.equal(charGramCounts('the of a NLP MST with', 7).size, 0, 'words under n - 2 characters yield nothing');
    assert.equal(total(charGramCounts('tasks', 7)), 1, 'a word of n - 2 characters is one gram, itself');
    assert.deepEqual(charGramCounts('x-ray-based multi-task', 5), charGramCounts('x ray based multi task', 5), 'punctuation splits words');
    for (const b of charGramCounts('an unusually polysyllabic vocabulary', 6).keys()) assert.ok(b >= 0 && b < CHAR_GRAM_BUCKETS);
  });

  it('counts in how many texts a gram occurs, once per text', () => {
    const t = trainCharGrams(['bootstrapping bootstrapping', 'bootstrapping', 'unrelated words entirely'], 7);
    assert.equal(t.docs, 3);
    for (const b of charGramCounts('bootstrapping', 7).keys()) assert.equal(t.df[b], 2);
    for (const b of charGramCounts('unrelated', 7).keys()) assert.equal(t.df[b], 1);
  });

  it('weighs rare grams over common ones in a unit-length vector, an unseen gram as the rarest', () => {
    const corpus = ['neural networks', 'neural networks again', 'neural networks for bootstrapping', 'the networks'];
    const t = trainCharGrams(corpus, 7);
    const v = charGramVector(t, charGramCounts('networks bootstrapping zygomorphic', 7));
    assert.ok(Math.abs(Math.sqrt([...v.values()].reduce((s, x) => s + x * x, 0)) - 1) < 1e-9);
    const weight = (word: string): number => Math.max(...[...charGramCounts(word, 7).keys()].map((b) => v.get(b) ?? 0));
    assert.ok(weight('bootstrapping') > weight('networks'), 'in one text of four against three');
    assert.ok(weight('zygomorphic') >= weight('bootstrapping'), 'never seen');
    assert.equal(charGramVector(t, new Map()).size, 0);
  });

  it('matches derivations the stemmer keeps apart, and long shared words over short ones', () => {
    const texts = ['text classification with kernels', 'a classifier for images', 'graph layouts for images', 'kernels for graph search', 'layouts of search pages'];
    const t = trainCharGrams(texts, 7);
    const vec = (s: string): Map<number, number> => charGramVector(t, charGramCounts(s, 7));
    const q = vec(texts[0]!);
    assert.ok(lexicalSimilarity(q, vec(texts[1]!)) > 0, 'classification ~ classifier');
    assert.equal(lexicalSimilarity(q, vec(texts[2]!)), 0, 'nothing shared');
    // Equally rare words: the longer one shared counts more (9 grams of 7 against 3).
    const u = trainCharGrams(['bootstrapping parsers', 'bootstrapping taggers', 'parsers taggers', 'other texts'], 7);
    const uv = (s: string): Map<number, number> => charGramVector(u, charGramCounts(s, 7));
    assert.ok(lexicalSimilarity(uv('bootstrapping parsers'), uv('bootstrapping taggers')) > 2 * lexicalSimilarity(uv('bootstrapping parsers'), uv('parsers taggers')));
  });
});
