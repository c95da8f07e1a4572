import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { loadCollection } from '../eval/collection.js';
import { importCollection } from '../eval/imported-collection.js';
import { keywordRanker } from '../eval/keyword-ranker.js';
import { OptionsError, parseOptions } from '../eval/options.js';
import { orderPool } from '../eval/ranking.js';
import { aggregate, scoreRun } from '../eval/score.js';

const DATA = join(import.meta.dirname, '..', '..', 'test', 'fixtures', 'eval');

describe('eval harness', () => {
  it('imports a collection through the real import path and scores the keyword index', async () => {
    const c = loadCollection(DATA, 'tinycoll');
    assert.deepEqual(c.queries.map((q) => q.qid), ['1', '2'], 'only judged queries are evaluated');
    const imp = await importCollection(c);
    try {
      // The record without a title is rejected and stays relevant: it counts as never retrieved.
      assert.deepEqual(imp.missing, ['tinycoll:5']);
      const score = await scoreRun(c, keywordRanker(imp.keyword, new Map(imp.papers.map((p) => [p.id, p])), 1000));
      const byQid = new Map(score.perQuery.map((s) => [s.qid, s]));
      assert.equal(byQid.get('2')!.ap, 1);
      // Query 1: docs 1 and 3 at ranks 1-2 of three relevant: AP = (1 + 1) / 3.
      assert.ok(Math.abs(byQid.get('1')!.ap - 2 / 3) < 1e-9);
      assert.ok(Math.abs(score.test.map - (1 + 2 / 3) / 2) < 1e-9);
      assert.equal(byQid.get('2')!.p10, 0.2);
    } finally {
      await imp.drop();
    }
  });

  it('imports other papers beside a collection (an instance), listing only the collection as its papers', async () => {
    const c = loadCollection(DATA, 'tinycoll');
    const daily = join(import.meta.dirname, '..', '..', 'test', 'fixtures', 'import', 'daily');
    const imp = await importCollection(c, [daily]);
    try {
      assert.equal(imp.summary.added, 6, 'four collection papers (one record is rejected) and the daily file\'s two');
      assert.ok(imp.papers.every((p) => p.id.startsWith('tinycoll:')), 'the extra papers are not the collection');
      assert.equal(imp.papers.length, 4);
      const rows = await imp.keyword.topRows('sparse mixtures tiny language models', 5);
      assert.ok(rows.length > 0, 'the keyword index holds the extra papers too');
    } finally {
      await imp.drop();
    }
  });

  it('orders a pool by a corpus ranking, unranked members last in pool order', () => {
    assert.deepEqual(orderPool(['a', 'b', 'c', 'd'], ['x', 'c', 'a', 'y']), ['c', 'a', 'b', 'd']);
  });

  it('averages CSFCube-style folds: test is the mean of the two test folds, dev is dev fold 1', () => {
    const c = { ...loadCollection(DATA, 'tinycoll'), folds: { fold1_test: ['a'], fold2_test: ['b', 'c'], fold1_dev: ['b', 'c'] } };
    const q = (qid: string, ap: number): { qid: string; ap: number; p10: number; ndcg: number } => ({ qid, ap, p10: 0, ndcg: ap });
    const r = aggregate(c, [q('a', 1), q('b', 0), q('c', 0.5)], 0);
    assert.equal(r.test.map, (1 + 0.25) / 2);
    assert.equal(r.dev!.map, 0.25);
    assert.equal(r.untuned!.map, 1, 'test fold 1 alone: the queries no parameter was chosen on');
  });

  it('says where the data should be when it is missing', () => {
    assert.throws(() => parseOptions(['--data', '/nonexistent/eval'], '/tmp'), (e: unknown) => e instanceof OptionsError && /no evaluation data at \/nonexistent\/eval: pass --data/.test(e.message));
  });
});
