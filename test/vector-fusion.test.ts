import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fusedRanking, reciprocalRankFusion, scoreFusion } from '../src/search/vector/fusion.js';

describe('fusing keyword and semantic results', () => {
  it('reciprocal rank fusion favours ids both rankings hold high', () => {
    const fused = reciprocalRankFusion([{ ids: ['a', 'b', 'c'] }, { ids: ['b', 'c', 'd'] }], 60);
    assert.equal(fused.get('b'), 1 / 62 + 1 / 61);
    assert.deepEqual(fusedRanking(fused), ['b', 'c', 'a', 'd']);
  });

  it('score fusion standardises each run and weights it', () => {
    const kw = new Map([['a', 10], ['b', 5]]);
    const sem = new Map([['a', 0.1], ['b', 0.9], ['c', 0.5]]);
    // Keyword alone keeps a first; semantic with more weight lifts b.
    assert.deepEqual(fusedRanking(scoreFusion([{ scores: kw, weight: 1, missing: 0 }, { scores: sem, weight: 0 }])), ['a', 'b', 'c']);
    assert.deepEqual(fusedRanking(scoreFusion([{ scores: kw, weight: 0.3, missing: 0 }, { scores: sem, weight: 0.7 }]))[0], 'b');
  });

  it('gives ids a run did not return its missing score', () => {
    const f = scoreFusion([{ scores: new Map([['a', 2], ['b', 1]]), weight: 1 }, { scores: new Map([['c', 1]]), weight: 0 }]);
    // c is missing from the first run: it gets that run's lowest score, tying with b.
    assert.equal(f.get('c'), f.get('b'));
    assert.deepEqual(fusedRanking(f), ['a', 'b', 'c']);
  });
});
