import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { averagePrecision, dcgAt, gradesOf, mean, ndcgAt, precisionAt } from '../src/search/eval/metrics.js';
import { foldBootstrap } from '../src/search/eval/bootstrap.js';

const close = (a: number, b: number): void => assert.ok(Math.abs(a - b) < 1e-9, `${a} != ${b}`);

describe('ranking metrics', () => {
  it('average precision over a ranked pool (relevant at ranks 1, 3, 6)', () => {
    // (1/1 + 2/3 + 3/6) / 3
    close(averagePrecision([1, 0, 1, 0, 0, 1], 1), (1 + 2 / 3 + 0.5) / 3);
  });

  it('average precision counts relevant documents never retrieved as zero', () => {
    // Two of four relevant found, at ranks 2 and 4: (1/2 + 2/4) / 4
    close(averagePrecision([0, 1, 0, 1], 1, 4), (0.5 + 0.5) / 4);
    assert.equal(averagePrecision([0, 0], 1, 0), 0);
  });

  it('a grade threshold turns graded judgments into binary ones', () => {
    // Grades 3,1,2 with relevant = grade >= 2: relevant at ranks 1 and 3.
    close(averagePrecision([3, 1, 2], 2), (1 + 2 / 3) / 2);
  });

  it('precision at k divides by k even when fewer results came back', () => {
    close(precisionAt([1, 0, 1], 10), 0.2);
    close(precisionAt([1, 1, 0, 1], 2), 1);
    assert.equal(precisionAt([1], 0), 0);
  });

  it('DCG does not discount the first two ranks, then divides by log2(rank)', () => {
    close(dcgAt([3, 2, 3, 0, 1], 5), 3 + 2 + 3 / Math.log2(3) + 0 + 1 / Math.log2(5));
    close(dcgAt([3, 2, 3], 1), 3);
    assert.equal(dcgAt([1, 2], 0), 0);
  });

  it('NDCG at k against the ideal ordering of the judged grades', () => {
    // Ranking [0, 2, 1] at k=2: DCG = 0 + 2; ideal [2, 1] = 2 + 1.
    close(ndcgAt([0, 2, 1], 2), 2 / 3);
    // The ideal can come from all judged candidates, not just those returned.
    close(ndcgAt([1], 2, [3, 1]), 1 / 4);
    assert.equal(ndcgAt([0, 0], 2), 0);
    close(ndcgAt([2, 1, 0], 3), 1);
  });

  it('means and grade lookups', () => {
    close(mean([0.5, 1, 0]), 0.5);
    assert.equal(mean([]), 0);
    assert.deepEqual(gradesOf(['a', 'x', 'b'], new Map([['a', 2], ['b', 1]])), [2, 0, 1]);
  });
});

describe('bootstrap interval of a mean of fold means', () => {
  it('is a single point when every query scores the same', () => {
    const i = foldBootstrap([[0.4, 0.4, 0.4], [0.4, 0.4]]);
    close(i.low, 0.4);
    close(i.high, 0.4);
  });

  it('holds the estimate, widens with the spread of the scores and repeats for a seed', () => {
    const spread = (d: number): number[] => Array.from({ length: 25 }, (_, i) => 0.5 + (i % 2 ? d : -d));
    const narrow = foldBootstrap([spread(0.05), spread(0.05)]);
    const wide = foldBootstrap([spread(0.3), spread(0.3)]);
    assert.ok(narrow.low < 0.5 && narrow.high > 0.5, JSON.stringify(narrow));
    assert.ok(wide.high - wide.low > 4 * (narrow.high - narrow.low), `${JSON.stringify(wide)} against ${JSON.stringify(narrow)}`);
    assert.deepEqual(foldBootstrap([spread(0.3), spread(0.3)]), wide);
    assert.ok(wide.high - wide.low < 0.3, 'a mean of 50 queries moves less than one query does');
  });

  it('weighs each fold equally, whatever its size', () => {
    const i = foldBootstrap([Array(40).fill(1), [0]]);
    close(i.low, 0.5);
    close(i.high, 0.5);
  });
});
