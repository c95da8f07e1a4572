import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { explainMatch } from '../src/search/semantic/explain.js';

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
});
