import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { GENERIC_RESIDUAL_IDF, genericRows, residualIdf } from '../src/search/vector/residual-idf.js';
import { paperText, titleOnce } from '../src/search/vector/embedder.js';
import { decodeLsa, encodeLsa } from '../src/search/semantic/lsa-model-blob.js';
import { trainCharGrams } from '../src/search/similarity/char-grams.js';
import { explainMatch, topicName, type TopicModel } from '../src/search/semantic/explain.js';
import { LsaEmbedder, termCounts } from '../src/search/vector/lsa-embedder.js';
import { termOf } from '../src/search/keyword/tokenize.js';

/**
 * 200 papers: "moreover" once in every other paper (prose, spread evenly), "galaxy" five times in
 * each of 40 papers (a subject, in bursts), "quasar" once in each of 10 (too few papers to tell).
 */
function corpus(): Array<Map<string, number>> {
  return Array.from({ length: 200 }, (_, i) => {
    const d = new Map<string, number>([['model', 1]]);
    if (i % 2 === 0) d.set('moreov', 1);
    if (i < 40) d.set('galaxi', 5);
    if (i >= 190) d.set('quasar', 1);
    return d;
  });
}

describe('residual idf', () => {
  const vocabulary = new Map([['moreov', 0], ['galaxi', 1], ['quasar', 2], ['model', 3], ['absent', 4]]);
  const r = residualIdf(corpus(), vocabulary);

  it('is the idf less the idf a Poisson spread of the occurrences predicts, in bits', () => {
    // idf log2(200/100) = 1; Poisson: -log2(1 - e^-0.5) = 1.346.
    assert.ok(Math.abs(r[0]! - (1 + Math.log2(1 - Math.exp(-0.5)))) < 1e-5, String(r[0]));
    // idf log2(200/40) = 2.32; 200 occurrences: -log2(1 - e^-1) = 0.66.
    assert.ok(Math.abs(r[1]! - (Math.log2(5) + Math.log2(1 - Math.exp(-1)))) < 1e-5, String(r[1]));
    assert.ok(r[0]! < GENERIC_RESIDUAL_IDF && r[1]! > 1, 'prose scores low, a subject high');
  });

  it('says nothing (NaN) of a word in fewer than 20 papers, nor of one in none', () => {
    assert.ok(Number.isNaN(r[2]!));
    assert.ok(Number.isNaN(r[4]!));
  });

  it('marks as generic the prose words only, and nothing for a model without residual idf', () => {
    assert.deepEqual([...genericRows(r)].sort(), [vocabulary.get('moreov'), vocabulary.get('model')].sort());
    assert.equal(genericRows(undefined).size, 0);
  });
});

describe('titleOnce', () => {
  it('gives a paper text with its title once, so the title\'s words count as often as the paper has them', () => {
    assert.equal(titleOnce(paperText('Galaxy surveys', 'We map galaxies.')), 'Galaxy surveys\nWe map galaxies.');
    assert.equal(titleOnce(paperText('A title\nover two lines', 'Abstract.')), 'A title\nover two lines\nAbstract.');
    assert.equal(titleOnce(paperText('Only a title', null)), 'Only a title\n');
    assert.deepEqual(termCounts(titleOnce(paperText('galaxy galaxy', 'a galaxy'))).get('galaxi'), 3);
  });

  it('leaves any other text as it is', () => {
    for (const t of ['', 'one line', 'first\nsecond\nthird', 'same\nsame', 'ab\nabc\nab']) assert.equal(titleOnce(t), t);
  });
});

describe('residual idf in the model blob', () => {
  const data = { terms: ['protein', 'moreov'], idf: Float32Array.from([1.5, 0.5]), basis: Float32Array.from([1, 0, 0, 1]), dimensions: 2, ridf: Float32Array.from([1.25, NaN]) };

  it('is stored after every other part and read back, NaN included', () => {
    const chars = trainCharGrams(['protein folding pathways', 'folding proteins'], 7);
    const regions = { centroids: Float32Array.from([1, 0, 0, 1]), models: [{ ...data, ridf: undefined }, { ...data, ridf: undefined }] };
    const back = decodeLsa(encodeLsa({ data, labels: ['protein', 'moreover'], regions, chars }));
    assert.equal(back.data.ridf?.[0], 1.25);
    assert.ok(Number.isNaN(back.data.ridf?.[1]));
    assert.deepEqual([...back.chars!.df], [...chars.df], 'the parts before it are read where they were');
    assert.equal(back.regions?.models.length, 2);
    assert.deepEqual([...LsaEmbedder.fromData(back.data).toData().ridf!].map(String), ['1.25', 'NaN'], 'a loaded model gives it back');
  });

  it('is absent from a blob written without it (a model stored before it was measured)', () => {
    const { ridf: _, ...old } = data;
    assert.equal(decodeLsa(encodeLsa({ data: old, labels: ['protein', 'moreover'] })).data.ridf, undefined);
    assert.throws(() => LsaEmbedder.fromData({ ...data, ridf: new Float32Array(1) }), /sizes do not match/);
  });
});

describe('explainMatch with generic words', () => {
  it('leaves the prose words of a model out of the shared words', () => {
    const words = ['galaxy', 'survey', 'moreover', 'existing'];
    const model = new LsaEmbedder(new Map(words.map((w, i) => [termOf(w)!, i])), Float32Array.from([2, 2, 3, 3]), new Float32Array(4).fill(1), 1);
    const a = 'Moreover, existing galaxy surveys miss faint galaxies.';
    const b = 'A galaxy survey; moreover, existing catalogues are shallow.';
    const plain: TopicModel = { model, labels: words };
    assert.deepEqual(new Set(explainMatch(a, b, null, plain).terms), new Set(['galaxy', 'survey', 'moreover', 'existing']));
    const withGeneric: TopicModel = { ...plain, generic: new Set([2, 3]) };
    assert.deepEqual(explainMatch(a, b, null, withGeneric).terms, ['galaxy', 'survey']);
  });

  it('names no topic by a prose word, even one that loads most on it', () => {
    const words = ['moreover', 'galaxy', 'survey', 'stars'];
    const model = new LsaEmbedder(new Map(words.map((w, i) => [termOf(w)!, i])), new Float32Array(4).fill(1), Float32Array.from([0.9, 0.8, 0.7, 0.6]), 1);
    assert.equal(topicName({ model, labels: words }, 0, 1), 'moreover, galaxy, survey');
    assert.equal(topicName({ model, labels: words, generic: new Set([0]) }, 0, 1), 'galaxy, survey, stars');
  });
});
