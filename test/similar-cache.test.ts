import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { backends, type FreshDb } from './helpers/databases.js';
import { topicPapers, topicPaperId } from './helpers/topic-papers.js';
import { paperRecord } from './helpers/paper-records.js';
import { loadConfig } from '../src/config/config.js';
import { KeywordIndex } from '../src/search/keyword/keyword-index.js';
import { createSemanticSearch, type SemanticEngine } from '../src/search/semantic/create-semantic-search.js';
import { upsertRecords } from '../src/store/papers-write.js';
import { SIMILAR_CACHE, SimilarCache } from '../src/search/semantic/similar-cache.js';

describe('similar-papers cache', () => {
  it('forgets a list after its time to live, and the oldest lists beyond its size', () => {
    let t = 0;
    const cache = new SimilarCache<string>(() => t, { entries: 2, ttlMs: 100, maxLimit: 20 });
    assert.ok(cache.keeps(20));
    assert.ok(!cache.keeps(21), 'a whole-corpus ranking is not kept');
    cache.set('a', 'A');
    t = 100;
    assert.equal(cache.get('a'), 'A');
    t = 101;
    assert.equal(cache.get('a'), undefined);
    cache.set('a', 'A');
    cache.set('b', 'B');
    cache.set('c', 'C');
    assert.deepEqual([cache.get('a'), cache.get('b'), cache.get('c')], [undefined, 'B', 'C']);
  });
});

// A paper's similar papers are ranked once and reused for a while: the page cache is emptied by
// every import, and ranking a list costs tens of milliseconds. New papers join within the TTL.
for (const backend of backends()) {
  describe(`similar papers reused for a while (${backend.name})`, () => {
    let fresh: FreshDb;
    let keyword: KeywordIndex;
    let engine: SemanticEngine;
    let now = 1_000_000;
    const { records } = topicPapers();
    const protein = topicPaperId(1, 0);
    before(async () => {
      fresh = await backend.create();
      await upsertRecords(fresh.db, records);
      keyword = new KeywordIndex(fresh.db);
      await keyword.indexPending();
      engine = createSemanticSearch({ db: fresh.db, keyword, config: loadConfig({ DATABASE_URL: fresh.url }), now: () => now });
      await engine.embedPending();
    });
    after(async () => {
      await engine.close();
      await keyword.close();
      await fresh.drop();
    });

    it('keeps a list until its time to live has passed, then ranks new papers in', async () => {
      const first = await engine.similar(protein, 6);
      assert.ok(first?.length);
      const has = (list: Array<{ paperId: string }> | null): boolean => !!list?.some((h) => h.paperId === '2599.00001');
      const twin = records.find((r) => r.id === protein)!;
      await upsertRecords(fresh.db, [paperRecord('2599.00001', { title: twin.title, abstract: twin.abstract, versions: twin.versions })]);
      await keyword.indexPending();
      await engine.embedPending();
      now += SIMILAR_CACHE.ttlMs - 1;
      assert.deepEqual(await engine.similar(protein, 6), first, 'the kept list, within the time to live');
      assert.ok(!has(first));
      assert.ok(has(await engine.similar(protein, 7)), 'another length is its own list');
      now += 2;
      const fresher = await engine.similar(protein, 6);
      assert.ok(has(fresher), 'after the time to live the new twin is ranked in');
      assert.notDeepEqual(fresher, first);
    });

    it('keeps nothing for a paper it does not know, nor for a long list', async () => {
      assert.equal(await engine.similar('2599.99999', 6), null);
      await upsertRecords(fresh.db, [paperRecord('2599.99999', { title: 'Protein folding kinetics', abstract: 'Protein folding.' })]);
      await keyword.indexPending();
      assert.ok((await engine.similar('2599.99999', 6))?.length, 'a paper that arrived later gets its list at once');
      const all = await engine.similar(protein, 1000);
      await upsertRecords(fresh.db, [paperRecord('2599.00002', { title: 'Unrelated quasar survey', abstract: 'Quasars.' })]);
      await keyword.indexPending();
      await engine.embedPending();
      const again = await engine.similar(protein, 1000);
      assert.equal(again!.length, all!.length + 1, 'a whole-corpus ranking is ranked anew');
    });
  });
}
