import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { backends, type FreshDb } from './helpers/databases.js';
import { paperRecord } from './helpers/paper-records.js';
import { upsertRecords } from '../src/store/papers-write.js';
import { embeddingVectors } from '../src/store/embedding-vectors.js';
import { KeywordIndex } from '../src/search/keyword/keyword-index.js';
import { writePending } from '../src/search/keyword/index-writer.js';
import { scoreRows } from '../src/search/keyword/score-rows.js';
import { seededRandom } from '../src/search/vector/seeded-random.js';
import type { PostingSlice } from '../src/search/keyword/evaluate.js';

function slice(ids: number[], imp: (d: number) => number): PostingSlice {
  return { ids: Uint32Array.from(ids), imps: Uint8Array.from(ids.map(imp)) };
}

describe('scoring chosen documents against postings lists', () => {
  it('finds documents anywhere in long lists, across slices, and sums like evaluate', () => {
    const long = Array.from({ length: 20000 }, (_, i) => i * 3);
    const lists = new Map<string, PostingSlice[]>([
      ['common', [slice(long, (d) => 1 + (d % 200)), slice([60001, 60004, 70000], () => 9)]],
      ['rare', [slice([3, 59997, 70000], () => 200)]],
    ]);
    const weights = new Map([['rare', 0.7], ['common', 0.01]]);
    const docs = [70000, 1, 3, 3, 59997, 60004, 90000, 0];
    const got = scoreRows(lists, weights, docs);
    const want = new Map<number, number>();
    const acc = new Float32Array(1);
    for (const d of new Set(docs)) {
      let hit = false;
      acc[0] = 0;
      for (const [t, w] of weights) {
        for (const l of lists.get(t)!) {
          const j = l.ids.indexOf(d);
          if (j >= 0) { acc[0] = hit ? acc[0]! + w * l.imps[j]! : w * l.imps[j]!; hit = true; }
        }
      }
      if (hit) want.set(d, acc[0]!);
    }
    assert.deepEqual([...got].sort((a, b) => a[0] - b[0]), [...want].sort((a, b) => a[0] - b[0]));
    assert.equal(got.has(1), false, 'a document in no list is absent');
    assert.equal(got.has(90000), false, 'a document past the end of every list is absent');
    assert.ok(got.get(3)! > got.get(0)!, 'the rare word counts more');
  });
});

const WORDS = 'graph neural network protein folding language model diffusion image video robot policy reward sparse attention kernel quantum circuit'.split(' ');

/** 60 papers of 12 words each, drawn deterministically from a small vocabulary; two share a rare word. */
function corpus(): ReturnType<typeof paperRecord>[] {
  const next = seededRandom(7);
  return Array.from({ length: 60 }, (_, i) => {
    const words = Array.from({ length: 12 }, () => WORDS[Math.floor(next() * WORDS.length)]!);
    if (i === 11 || i === 47) words.push('zeolite');
    return paperRecord(`2402.${String(i).padStart(5, '0')}`, { title: words.slice(0, 4).join(' '), abstract: words.slice(4).join(' ') });
  });
}

for (const backend of backends()) {
  describe(`keyword topRows and scoreRows on ${backend.name}`, () => {
    let fresh: FreshDb;
    let index: KeywordIndex;
    let rowOf: Map<string, number>;
    const papers = corpus();

    before(async () => {
      fresh = await backend.create();
      // Three segments, and one paper changed after indexing (its old postings are tombstoned).
      for (let s = 0; s < 3; s++) {
        await upsertRecords(fresh.db, papers.slice(s * 20, s * 20 + 20));
        await writePending(fresh.db);
      }
      papers[5] = paperRecord(papers[5]!.id, {
        title: 'zeolite quantum circuit', abstract: 'quantum kernel',
        versions: [{ version: 1, date: '2025-03-17T17:59:00.000Z' }, { version: 2, date: '2025-04-01T10:00:00.000Z' }],
      });
      await upsertRecords(fresh.db, [papers[5]!]);
      index = new KeywordIndex(fresh.db);
      await index.indexPending();
      rowOf = await embeddingVectors.rowIds(fresh.db, papers.map((p) => p.id));
    });
    after(async () => fresh.drop());

    const texts = ['graph neural network for protein folding with zeolite', 'quantum circuit kernel', 'video diffusion model reward policy robot'];

    it('scores any chosen papers exactly as an any-word search does', async () => {
      for (const text of texts) {
        const r = await index.search(text, { match: 'any', limit: 100 });
        assert.ok(r.ok);
        const scores = await index.scoreRows(text, [...rowOf.values()]);
        assert.equal(scores.size, r.hits.length, `${text}: every match and nothing else`);
        for (const h of r.hits) assert.equal(scores.get(rowOf.get(h.paperId)!), h.score, `${text}: ${h.paperId}`);
      }
    });

    it('ranks like search without reading papers, and with fewer words only by the strongest', async () => {
      for (const text of texts) {
        const r = await index.search(text, { match: 'any', limit: 10 });
        assert.ok(r.ok);
        assert.deepEqual(await index.topRows(text, 10), r.hits.map((h) => [rowOf.get(h.paperId)!, h.score]));
        const rows = await index.searchRows(text, { match: 'any', limit: 10 });
        assert.ok(rows.ok);
        assert.deepEqual(rows.rows, r.hits.map((h) => [rowOf.get(h.paperId)!, h.score]));
        assert.equal(rows.total, r.total);
      }
      const strongest = await index.topRows(texts[0]!, 10, 1);
      const withZeolite = papers.filter((p) => `${p.title} ${p.abstract}`.includes('zeolite')).map((p) => rowOf.get(p.id)!);
      assert.deepEqual(strongest.map(([id]) => id).sort((a, b) => a - b), withZeolite.sort((a, b) => a - b));
      assert.equal(withZeolite.length, 3, 'two papers had the rare word and one gained it on update');
    });

    it('ranks a text\'s words by their stored counts and reads only the postings of the words it keeps', async () => {
      // No postings cache, so every list the index needs is read from the database and seen here.
      const spied = new KeywordIndex(fresh.db, { cacheBytes: 0 });
      const read: string[][] = [];
      let counted = 0;
      const all = fresh.db.all.bind(fresh.db);
      fresh.db.all = (async (sql: string, params?: unknown[]) => {
        if (sql.includes('FROM search_postings WHERE segment_id IN')) read.push((params ?? []).filter((p): p is string => typeof p === 'string'));
        if (sql.includes('SUM(df)')) counted++;
        return all(sql, params as never);
      }) as typeof fresh.db.all;
      try {
        const text = 'graph neural network protein zeolite';
        const got = await spied.topRows(text, 10, 1);
        assert.equal(counted, 1, 'one look at the counts of every word');
        assert.equal(read.flat().length, 1, 'only the kept word\'s postings are read');
        assert.match(read.flat()[0]!, /^zeolit/);
        const alone = await spied.searchRows('zeolite', { match: 'any', limit: 10 });
        assert.ok(alone.ok);
        assert.deepEqual(got, alone.rows, 'weighed as the word alone is, by its exact frequency');
        assert.equal(got.length, 3);
        // Three more papers with the rare word: its weight falls, and the counts follow the index.
        await upsertRecords(fresh.db, [1, 2, 3].map((i) => paperRecord(`2403.0000${i}`, { title: 'zeolite protein', abstract: 'zeolite graph' })));
        await spied.indexPending();
        read.length = 0;
        const after = await spied.topRows(text, 10, 3);
        assert.ok(read.flat().length <= 3, 'still only the kept words');
        assert.ok(after.length > 0);
        assert.deepEqual(after, await new KeywordIndex(fresh.db, { cacheBytes: 0 }).topRows(text, 10, 3), 'the same in any process, whatever it read before');
        assert.deepEqual(await spied.scoreRows(text, [...rowOf.values()]), await new KeywordIndex(fresh.db, { cacheBytes: 0 }).scoreRows(text, [...rowOf.values()]));
      } finally {
        fresh.db.all = all;
      }
    });
  });
}
