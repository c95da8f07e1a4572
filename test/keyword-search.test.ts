import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { backends, type FreshDb } from './helpers/databases.js';
import { upsertRecords } from '../src/store/papers-write.js';
import { KeywordIndex } from '../src/search/keyword/keyword-index.js';
import { writePending, mergeSmallSegments } from '../src/search/keyword/index-writer.js';
import { searchIndexStore } from '../src/store/search-index-store.js';
import type { PaperRecord } from '../src/model/paper-record.js';

function rec(id: string, title: string, abstract: string, extra: Partial<PaperRecord> = {}): PaperRecord {
  return { id, title, abstract, authors: ['Ada Lovelace'], categories: ['cs.LG'], publishedAt: '2024-05-01T00:00:00.000Z', source: { name: 'jsonl', origin: `test:${id}`, raw: JSON.stringify({ id, title }) }, ...extra };
}

const CORPUS: PaperRecord[] = [
  rec('2401.00001', 'Large Language Models for Code', 'We train large language models on source code and evaluate them.', { authors: ['Geoffrey Hinton', 'Ada Lovelace'], categories: ['cs.CL', 'cs.LG'], publishedAt: '2024-01-10T00:00:00.000Z' }),
  rec('2401.00002', 'Vision Transformers at Scale', 'Transformers for images; a language of patches.', { categories: ['cs.CV'], publishedAt: '2023-06-01T00:00:00.000Z' }),
  rec('2401.00003', 'Diffusion models for video', 'Video generation with diffusion. Language conditioning helps.', { categories: ['cs.CV'], publishedAt: '2022-03-01T00:00:00.000Z', authors: ['Grace Hopper'] }),
  rec('2401.00004', 'A survey of language modelling', 'Models of language: from n-grams to large language models. State of the art results.', { categories: ['cs.CL'], publishedAt: '2024-07-01T00:00:00.000Z', authors: ['Hinton Smith'] }),
  rec('2401.00005', 'Reinforcement learning from human feedback', 'Aligning models with preferences; the art of the state.', { categories: ['cs.LG'], publishedAt: '2021-01-01T00:00:00.000Z' }),
  rec('2401.00006', 'Protein folding <b>&amp;</b> $\\mathcal{O}(n)$ attention', 'Linear attention for proteins.', { categories: ['q-bio.BM'], publishedAt: '2020-02-02T00:00:00.000Z' }),
];

for (const backend of backends()) {
  describe(`keyword search on ${backend.name}`, () => {
    let fresh: FreshDb;
    let index: KeywordIndex;
    const ids = async (q: string, opts = {}): Promise<string[]> => {
      const r = await index.search(q, opts);
      assert.ok(r.ok, `query ${q} failed: ${!r.ok ? r.problem.message : ''}`);
      return r.hits.map((h) => h.paperId);
    };

    before(async () => {
      fresh = await backend.create();
      await upsertRecords(fresh.db, CORPUS);
      index = new KeywordIndex(fresh.db);
      assert.equal(await index.indexPending(), CORPUS.length);
    });
    after(async () => fresh.drop());

    it('ranks a title match first and requires every word', async () => {
      const got = await ids('large language models');
      assert.deepEqual(got.sort(), ['2401.00001', '2401.00004']);
      assert.equal((await ids('code language'))[0], '2401.00001');
    });

    it('stems words so other forms match', async () => {
      assert.ok((await ids('modelling')).includes('2401.00004'));
      assert.ok((await ids('transformer')).includes('2401.00002'));
    });

    it('verifies phrases word for word', async () => {
      assert.deepEqual(await ids('"state of the art"'), ['2401.00004']);
      assert.deepEqual(await ids('-"state of the art" art'), ['2401.00005']);
    });

    it('filters by author, category and date range', async () => {
      assert.deepEqual((await ids('author:hinton')).sort(), ['2401.00001', '2401.00004']);
      assert.deepEqual(await ids('author:"geoffrey hinton"'), ['2401.00001']);
      assert.deepEqual((await ids('language category:cs.CV')).sort(), ['2401.00002', '2401.00003']);
      assert.deepEqual(await ids('category:q-bio'), ['2401.00006']);
      assert.deepEqual((await ids('language year:2024')).sort(), ['2401.00001', '2401.00004']);
      assert.deepEqual((await ids('language year:2022..2023')).sort(), ['2401.00002', '2401.00003']);
      assert.deepEqual(await ids('language date:2024-06-01..'), ['2401.00004']);
    });

    it('supports exclusion and OR', async () => {
      assert.deepEqual((await ids('language -video')).sort(), ['2401.00001', '2401.00002', '2401.00004']);
      assert.deepEqual((await ids('protein OR diffusion')).sort(), ['2401.00003', '2401.00006']);
    });

    it('sorts by date when asked', async () => {
      assert.deepEqual(await ids('language', { sort: 'date' }), ['2401.00004', '2401.00001', '2401.00002', '2401.00003']);
    });

    it('falls back to any word when all words match nothing', async () => {
      const r = await index.search('protein quantum gravity');
      assert.ok(r.ok);
      assert.equal(r.match, 'any');
      assert.deepEqual(r.hits.map((h) => h.paperId), ['2401.00006']);
    });

    it('survives hostile input', async () => {
      const nasty = ['"unbalanced', '(((', '*', '-', 'NEAR(a b)', "'; DROP TABLE papers; --", '🙂 emoji', 'a AND OR NOT', 'x'.repeat(10_000),
        'language '.repeat(1200), 'title:foo', 'author:', 'year:abc', '"', '\u0000', 'cat:"', 'OR OR OR'];
      for (const q of nasty) {
        const r = await index.search(q);
        if (!r.ok) assert.match(r.problem.message, /searchable/);
      }
      const n = await fresh.db.get<{ n: number }>('SELECT COUNT(*) AS n FROM papers');
      assert.equal(Number(n?.n), CORPUS.length);
      const empty = await index.search('the of and');
      assert.equal(empty.ok, false);
    });

    it('re-indexes a paper whose new version changed its title', async () => {
      await upsertRecords(fresh.db, [rec('2401.00005', 'Quantum annealing schedules', 'New abstract about qubits.', { versions: [{ version: 2, date: '2024-08-01T00:00:00.000Z' }] })]);
      await index.indexPending();
      assert.deepEqual(await ids('reinforcement'), []);
      assert.deepEqual(await ids('quantum annealing'), ['2401.00005']);
    });

    it('merges many small segments without changing results', async () => {
      const before = await index.search('language', { limit: 50 });
      for (let i = 0; i < 9; i++) {
        await upsertRecords(fresh.db, [rec(`2402.0000${i}`, `Filler paper ${i} on graphs`, 'Graph neural networks.')]);
        await writePending(fresh.db);
      }
      const sizesBefore = await searchIndexStore.segmentSizes(fresh.db);
      assert.ok(sizesBefore.length >= 10);
      assert.equal(await mergeSmallSegments(fresh.db), true);
      const sizesAfter = await searchIndexStore.segmentSizes(fresh.db);
      assert.equal(sizesAfter.length, 1);
      const after = await new KeywordIndex(fresh.db).search('language', { limit: 50 });
      assert.ok(before.ok && after.ok);
      assert.deepEqual(after.hits.map((h) => h.paperId), before.hits.map((h) => h.paperId));
      assert.equal((await ids('graphs', { limit: 100 })).length, 9);
      assert.deepEqual(await ids('reinforcement'), []);
    });

    it('pages with offset and reports the total', async () => {
      const all = await index.search('graphs', { limit: 100 });
      const page = await index.search('graphs', { limit: 3, offset: 3 });
      assert.ok(all.ok && page.ok);
      assert.equal(all.total, 9);
      assert.deepEqual(page.hits.map((h) => h.paperId), all.hits.slice(3, 6).map((h) => h.paperId));
    });
  });
}

for (const backend of backends()) {
  describe(`keyword search, any-word mode with filters, on ${backend.name}`, () => {
    it('ranks pasted text by any of its words inside a category filter', async () => {
      const fresh = await backend.create();
      try {
        await upsertRecords(fresh.db, CORPUS);
        const index = new KeywordIndex(fresh.db);
        await index.indexPending();
        const r = await index.search('video diffusion language transformers category:cs.CV', { match: 'any' });
        assert.ok(r.ok);
        assert.deepEqual(r.hits.map((h) => h.paperId), ['2401.00003', '2401.00002']);
        assert.ok(r.hits[0]!.score > r.hits[1]!.score);
      } finally {
        await fresh.drop();
      }
    });
  });
}

for (const backend of backends()) {
  describe(`keyword index writers on ${backend.name}`, () => {
    it('indexes a paper again when it changed while its segment was being built', async () => {
      const fresh = await backend.create();
      try {
        await upsertRecords(fresh.db, CORPUS);
        const changed = rec('2401.00002', 'Sparse mixture of experts', 'Routing tokens to experts.', { versions: [{ version: 2, date: '2024-09-01T00:00:00.000Z' }] });
        const { buildSegment } = await import('../src/search/keyword/segment-builder.js');
        const n = await writePending(fresh.db, 1000, async (docs, avgdl) => {
          await upsertRecords(fresh.db, [changed]);
          return buildSegment(docs, avgdl);
        });
        assert.equal(n, CORPUS.length);
        assert.equal(await searchIndexStore.pendingCount(fresh.db), 1);
        const index = new KeywordIndex(fresh.db);
        await index.indexPending();
        assert.deepEqual((await index.search('experts')).ok && (await index.search('experts') as { hits: { paperId: string }[] }).hits.map((h) => h.paperId), ['2401.00002']);
        const old = await index.search('vision transformers');
        assert.ok(old.ok && old.hits.length === 0);
      } finally {
        await fresh.drop();
      }
    });

    it('two indexers running at once leave each paper indexed once', async () => {
      const fresh = await backend.create();
      try {
        await upsertRecords(fresh.db, CORPUS);
        const a = new KeywordIndex(fresh.db);
        const b = new KeywordIndex(fresh.db);
        await Promise.all([a.indexPending(), b.indexPending()]);
        const r = await a.search('language', { limit: 50 });
        assert.ok(r.ok);
        assert.equal(r.hits.length, new Set(r.hits.map((h) => h.paperId)).size);
        assert.equal(r.hits.length, 4);
        const live = await fresh.db.get<{ n: number }>('SELECT COUNT(*) AS n FROM search_docs');
        assert.equal(Number(live?.n), CORPUS.length);
      } finally {
        await fresh.drop();
      }
    });
  });
}
