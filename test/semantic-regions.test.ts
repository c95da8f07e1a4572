import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { topicPapers, TOPIC_WORDS } from './helpers/topic-papers.js';
import { LsaEmbedder } from '../src/search/vector/lsa-embedder.js';
import { termOf } from '../src/search/keyword/tokenize.js';
import { paperText } from '../src/search/vector/embedder.js';
import { loadRegions, regionCount, regionModel, trainRegions, MAX_REGIONS } from '../src/search/semantic/lsa-regions.js';
import { decodeLsa, encodeLsa } from '../src/search/semantic/lsa-model-blob.js';
import { trainCharGrams } from '../src/search/similarity/char-grams.js';
import { lsaModelEmbedder } from '../src/search/semantic/model-embedder.js';
import { lsaOptions } from '../src/search/semantic/lsa-training.js';
import { SIMILAR_PAPERS_LSA } from '../src/search/similarity/similar-papers.js';

const { records, topicOf } = topicPapers();
const texts = records.map((r) => paperText(r.title, r.abstract));
const topics = records.map((r) => topicOf.get(r.id)!);

describe('regional models', () => {
  it('splits only a sample big enough for two regions, and at most MAX_REGIONS', () => {
    assert.equal(regionCount(5999), 0, 'under two regions of 3,000 papers: the corpus-wide model serves');
    assert.equal(regionCount(6000), 2);
    assert.equal(regionCount(50_000), MAX_REGIONS);
    assert.equal(regionCount(80, 20), 4);
  });

  it('learns one model per region, each of its own papers\' words, and picks a paper\'s region by its vector', async () => {
    const global = LsaEmbedder.train(texts, { dimensions: 8, minDocFreq: 1 });
    const regions = await trainRegions(texts, global, 20);
    assert.ok(regions);
    assert.equal(regions.models.length, 4);
    const loaded = loadRegions(regions);
    // Every paper of a topic lands in one region, and that region's model knows the topic's words only.
    for (const topic of Object.keys(TOPIC_WORDS)) {
      const models = new Set(texts.filter((_, i) => topics[i] === topic).map((t) => regionModel(loaded, global.embedOne(t))?.model));
      assert.equal(models.size, 1, `${topic} papers fall in ${models.size} regions`);
      const model: LsaEmbedder | null | undefined = [...models][0];
      assert.ok(model, `${topic} has a model`);
      for (const [other, { words }] of Object.entries(TOPIC_WORDS)) {
        const known: number = words.filter((w) => model.vocabulary.has(termOf(w) ?? w)).length;
        if (other === topic) assert.ok(known >= words.length / 2, `${topic} model knows ${known} of its words`);
        else assert.equal(known, 0, `${topic} model knows ${other} words`);
      }
    }
    assert.equal(regionModel(loaded, new Float32Array(3)), null, 'a vector of another model\'s size has no region');
  });

  it('has no regions for a sample too small to split', async () => {
    const global = LsaEmbedder.train(texts, { dimensions: 8, minDocFreq: 1 });
    assert.equal(await trainRegions(texts, global), null);
  });

  it('stores the regional models in the model blob and reads them back; a blob without them still reads', () => {
    const data = { terms: ['protein', 'fold'], idf: Float32Array.from([1.5, 2]), basis: Float32Array.from([1, 0, 0, 1]), dimensions: 2 };
    const a = { terms: ['galaxy'], idf: Float32Array.from([3]), basis: Float32Array.from([0.6, 0.8]), dimensions: 2 };
    const empty = { terms: [], idf: new Float32Array(0), basis: new Float32Array(0), dimensions: 2 };
    const centroids = Float32Array.from([1, 0, 0, 1]);
    const back = decodeLsa(encodeLsa({ data, labels: ['protein', 'folding'], regions: { centroids, models: [a, empty] } }));
    assert.deepEqual(back.labels, ['protein', 'folding']);
    assert.deepEqual([...back.data.basis], [...data.basis]);
    assert.ok(back.regions);
    assert.deepEqual([...back.regions.centroids], [...centroids]);
    assert.deepEqual(back.regions.models.map((m) => m.terms), [['galaxy'], []]);
    assert.deepEqual([...back.regions.models[0]!.basis], [...a.basis].map((x) => Math.fround(x)));
    const loaded = loadRegions(back.regions);
    assert.ok(regionModel(loaded, Float32Array.from([0.9, 0.1])), 'near the first centre: its model');
    assert.equal(regionModel(loaded, Float32Array.from([0.1, 0.9])), null, 'near the second centre: no model of its own');
    assert.equal(decodeLsa(encodeLsa({ data, labels: ['protein', 'folding'] })).regions, undefined);
  });

  it('stores the character n-gram counts after the regional models, and reads blobs without them', () => {
    const data = { terms: ['protein'], idf: Float32Array.from([1.5]), basis: Float32Array.from([1, 0]), dimensions: 2 };
    const chars = trainCharGrams(['protein folding pathways', 'folding proteins'], 7);
    const centroids = Float32Array.from([1, 0, 0, 1]);
    const back = decodeLsa(encodeLsa({ data, labels: ['protein'], regions: { centroids, models: [data, data] }, chars }));
    assert.equal(back.regions?.models.length, 2);
    assert.ok(back.chars);
    assert.equal(back.chars.n, 7);
    assert.equal(back.chars.docs, 2);
    assert.deepEqual(back.chars.df, chars.df);
    const alone = decodeLsa(encodeLsa({ data, labels: ['protein'], chars }));
    assert.equal(alone.regions, undefined);
    assert.deepEqual(alone.chars?.df, chars.df);
    assert.equal(decodeLsa(encodeLsa({ data, labels: ['protein'] })).chars, undefined, 'an older model: no counts');
    // What similar papers looks at to choose between the n-gram and the word weights.
    assert.equal(lsaModelEmbedder(decodeLsa(encodeLsa({ data, labels: ['protein'] }))).chars, null);
    assert.deepEqual(lsaModelEmbedder(back).chars?.df, chars.df);
  });
});

describe('SVD passes of the corpus-wide model', () => {
  it('converges a model no region is cut from, and keeps the measured passes where regions are', () => {
    assert.equal(lsaOptions(1500).iterations, SIMILAR_PAPERS_LSA.iterations);
    assert.equal(lsaOptions(1500).minDocFreq, 1, 'a small instance keeps every word');
    assert.equal(lsaOptions(5999).iterations, SIMILAR_PAPERS_LSA.iterations);
    assert.ok(SIMILAR_PAPERS_LSA.iterations! >= 32);
    assert.equal(lsaOptions(6000).iterations, 8, 'regions from here on');
    assert.equal(lsaOptions(19_999).iterations, 8);
    assert.equal(lsaOptions(50_000).iterations, 4);
    assert.equal(lsaOptions(50_000).minDocFreq, SIMILAR_PAPERS_LSA.minDocFreq);
  });
});
