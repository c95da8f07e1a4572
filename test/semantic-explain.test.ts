import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { explainMatch, topicName, type TopicModel } from '../src/search/semantic/explain.js';
import { LsaEmbedder } from '../src/search/vector/lsa-embedder.js';
import { termOf } from '../src/search/keyword/tokenize.js';

/**
 * A hand-made one-dimension model whose direction mixes two themes: astronomy words load highest,
 * video words next, so the corpus-wide name of the topic is about galaxies.
 */
function mixedTopic(): TopicModel {
  const words = ['galaxy', 'telescope', 'stars', 'video', 'frames', 'motion', 'protein'];
  const loading = [0.9, 0.8, 0.7, 0.5, 0.4, 0.3, -0.6];
  const vocabulary = new Map(words.map((w, i) => [termOf(w)!, i]));
  const model = new LsaEmbedder(vocabulary, new Float32Array(words.length).fill(1), Float32Array.from(loading), 1);
  return { model, labels: words };
}

describe('explainMatch', () => {
  it('puts first the shared words both texts repeat, then the rest by name, never a stopword', () => {
    const a = 'Video diffusion for video editing. Video frames are edited; additionally we study guidance.';
    const b = 'Editing video with diffusion: video frames, video guidance and more video. Additionally, speed.';
    const { terms, topics } = explainMatch(a, b, null, null);
    assert.equal(terms[0], 'video');
    assert.equal(terms[1], 'editing', 'edit- twice in the first text, once in the second');
    assert.deepEqual(new Set(terms.slice(1)), new Set(['diffusion', 'editing', 'frames', 'guidance', 'additionally']));
    assert.ok(!terms.includes('and') && !terms.includes('for'));
    assert.deepEqual(topics, []);
  });

  it('names each term as the second text spells it and shares nothing when no word is shared', () => {
    assert.deepEqual(explainMatch('Graph Networks', 'graph networking', null, null).terms, ['graph', 'networking']);
    assert.deepEqual(explainMatch('quantum chemistry', 'protein folding', null, null).terms, []);
  });

  it('leaves out bare numbers, which two abstracts share by chance, but keeps words with digits', () => {
    const a = 'We evaluate 9 agents on 12 GPT4 tasks in 2024 with 3D scenes.';
    const b = 'Across 9 domains and 12 runs (2024), GPT4 handles 3D scenes.';
    assert.deepEqual(new Set(explainMatch(a, b, null, null).terms), new Set(['gpt4', '3d', 'scenes']));
    assert.deepEqual(explainMatch('Bounds for $n$ and $p$ items', 'As $n$ and $p$ grow, bounds hold', null, null).terms, ['bounds'], 'no lone letters');
  });

  it('leaves out the pieces of web addresses, which say where code lives and not what a paper is about', () => {
    const a = 'Sparse attention for long video. Code: https://github.com/acme/video-sparse and www.acme.io/video.';
    const b = 'Long video models with sparse attention, released at https://github.com/other/longvid.';
    assert.deepEqual(new Set(explainMatch(a, b, null, null).terms), new Set(['sparse', 'attention', 'long', 'video']));
    // The same word in prose still counts.
    assert.deepEqual(new Set(explainMatch('Released on GitHub.', 'Our GitHub release.', null, null).terms), new Set(['github', 'release']));
    const words = ['github', 'com', 'video', 'attention', 'sparse'];
    const t = { model: new LsaEmbedder(new Map(words.map((w, i) => [termOf(w)!, i])), new Float32Array(5).fill(1), Float32Array.from([0.9, 0.9, 0.6, 0.5, 0.4]), 1), labels: words };
    assert.deepEqual(explainMatch(a, b, { a: Float32Array.from([1]), b: Float32Array.from([1]) }, t).topics, ['video, attention, sparse']);
  });

  it('names a shared topic by the words of the two papers that load on it, not by the whole corpus', () => {
    const t = mixedTopic();
    assert.equal(topicName(t, 0, 1), 'galaxy, telescope, stars');
    assert.equal(topicName(t, 0, -1), 'protein');
    const a = 'Video generation with coherent motion across frames.';
    const b = 'Frames of a video and their motion.';
    const v = { a: Float32Array.from([1]), b: Float32Array.from([0.8]) };
    assert.deepEqual(explainMatch(a, b, v, t).topics, ['video, frames, motion']);
    // Fewer than two of their words on the topic: the corpus-wide name is the better label.
    assert.deepEqual(explainMatch('Video only.', 'A video.', v, t).topics, ['galaxy, telescope, stars']);
  });

  it('never names a topic by a bare number or a lone letter, though they load on it', () => {
    const words = ['5', 'trajectory', '0', 'n', 'agents', 'gpt4', 'rollouts'];
    const basis = Float32Array.from([0.95, 0.9, 0.85, 0.83, 0.8, 0.7, 0.6]);
    const t = { model: new LsaEmbedder(new Map(words.map((w, i) => [termOf(w)!, i])), new Float32Array(7).fill(1), basis, 1), labels: words };
    assert.equal(topicName(t, 0, 1), 'trajectory, agents, gpt4');
    const v = { a: Float32Array.from([1]), b: Float32Array.from([1]) };
    const a = 'Agents rollouts: 5 trajectory sets over $n$ steps, 0 failures.', b = 'Agents with 5 rollouts and trajectory 0 for all $n$.';
    assert.deepEqual(explainMatch(a, b, v, t).topics, ['trajectory, agents, rollouts']);
  });

  it('gives each shared topic its own words', () => {
    const words = ['video', 'frames', 'motion', 'camera', 'editing'];
    const basis = Float32Array.from([0.9, 0.9, 0.8, 0.8, 0.7, 0.1, 0.1, 0.7, 0.1, 0.6]); // 5 words x 2 dimensions
    const model = new LsaEmbedder(new Map(words.map((w, i) => [termOf(w)!, i])), new Float32Array(5).fill(1), basis, 2);
    const text = 'Video editing: camera motion across frames.';
    const v = { a: Float32Array.from([1, 1]), b: Float32Array.from([1, 0.9]) };
    assert.deepEqual(explainMatch(text, text, v, { model, labels: words }).topics, ['video, frames, motion', 'camera, editing']);
  });

  it('leaves out the average paper\'s direction, which every pair shares and the commonest words name', () => {
    // Three directions: the first one-signed (the corpus mean of an uncentred LSA), the others topics.
    const words = ['models', 'learning', 'results', 'auction', 'bidding', 'protein', 'folding'];
    const basis = Float32Array.from([
      0.7, 0, 0, 0.6, 0, 0, 0.5, 0, 0, // models, learning, results: the mean direction only
      0.2, 0.8, 0, 0.2, 0.7, 0, // auction, bidding
      0.1, 0, 0.8, 0.1, 0, 0.7, // protein, folding
    ]);
    const model = new LsaEmbedder(new Map(words.map((w, i) => [termOf(w)!, i])), new Float32Array(7).fill(1), basis, 3);
    const a = 'Learning models for auction bidding: results.', b = 'Bidding in an auction with learning models and results.';
    const v = { a: Float32Array.from([0.9, 0.4, 0.05]), b: Float32Array.from([0.9, 0.3, 0.05]) };
    assert.deepEqual(explainMatch(a, b, v, { model, labels: words }).topics, ['auction, bidding']);
    // Without a one-signed leading direction, the first direction is a topic like the others.
    const mixed = Float32Array.from(basis);
    mixed[0] = -0.7; mixed[3] = 0.6;
    const named = explainMatch(a, b, v, { model: new LsaEmbedder(model.vocabulary, model.idf, mixed, 3), labels: words }).topics;
    assert.equal(named.length, 2);
  });
});
