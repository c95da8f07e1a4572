import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { backends, type FreshDb } from './helpers/databases.js';
import { topicPapers, topicPaperId } from './helpers/topic-papers.js';
import { embeddedDb, type EmbeddedDb } from './helpers/embedded-db.js';
import { paperRecord } from './helpers/paper-records.js';
import { loadConfig } from '../src/config/config.js';
import { KeywordIndex } from '../src/search/keyword/keyword-index.js';
import { createSemanticSearch, type SemanticEngine } from '../src/search/semantic/create-semantic-search.js';
import { upsertRecords } from '../src/store/papers-write.js';
import type { SearchMode } from '../src/search/semantic/semantic-search.js';

for (const backend of backends()) {
  describe(`semantic search modes (${backend.name})`, () => {
    let fresh: FreshDb;
    let keyword: KeywordIndex;
    let engine: SemanticEngine;
    let db: EmbeddedDb;
    const { records, topicOf } = topicPapers();

    before(async () => {
      db = await embeddedDb(backend, records);
      ({ fresh, keyword, engine } = db);
      const { run } = db;
      assert.equal(run.problem, undefined);
      assert.equal(run.rebuilt, true);
      assert.equal(run.embedded, records.length);
    });
    after(async () => db.close());

    it('reports a ready model with every paper embedded', async () => {
      const s = await engine.status();
      assert.deepEqual({ ready: s.ready, model: s.model, embedded: s.embedded, pending: s.pending }, { ready: true, model: 'lsa', embedded: 80, pending: 0 });
      assert.ok(s.dimensions > 1);
    });

    it('ranks papers of the query topic first in every mode', async () => {
      for (const mode of ['keyword', 'semantic', 'hybrid'] as SearchMode[]) {
        const r = await engine.search('protein folding', { mode, limit: 10 });
        assert.ok(r.ok, mode);
        assert.equal(r.mode, mode);
        assert.equal(r.degraded, undefined);
        assert.ok(r.hits.length > 0, mode);
        assert.ok(r.hits.every((h) => topicOf.get(h.paperId) === 'protein'), `${mode}: ${r.hits.map((h) => h.paperId)}`);
      }
    });

    it('finds papers by meaning when they share no query word (semantic)', async () => {
      // "quasar telescope" papers and "dark matter halo" papers share the galaxy topic.
      const r = await engine.search('dark halo', { mode: 'semantic', limit: 20 });
      assert.ok(r.ok);
      assert.ok(r.hits.slice(0, 20).every((h) => topicOf.get(h.paperId) === 'galaxy'));
      const kw = await engine.search('dark halo', { mode: 'keyword', limit: 20 });
      assert.ok(kw.ok);
      assert.ok(r.hits.length > kw.hits.length, 'semantic search reaches papers without the words');
    });

    it('applies category, year and author filters in semantic and hybrid modes', async () => {
      for (const mode of ['semantic', 'hybrid'] as SearchMode[]) {
        const cat = await engine.search('protein folding category:cs.DS', { mode, limit: 50 });
        assert.ok(cat.ok);
        assert.ok(cat.hits.length > 0 && cat.hits.every((h) => topicOf.get(h.paperId) === 'graph'), mode);
        const year = await engine.search('protein folding year:2024', { mode, limit: 50 });
        assert.ok(year.ok);
        assert.equal(year.hits.length, 40, `${mode}: odd papers of every topic are from 2024`);
        assert.ok(year.hits.every((h) => Number(h.paperId.slice(-3)) % 2 === 1));
        const au = await engine.search('folding author:"Writer protein1"', { mode, limit: 50 });
        assert.ok(au.ok);
        assert.deepEqual(new Set(au.hits.map((h) => Number(h.paperId.slice(-3)) % 3)), new Set([1]));
        const excluded = await engine.search('protein -category:q-bio.BM', { mode, limit: 100 });
        assert.ok(excluded.ok);
        assert.ok(excluded.hits.every((h) => topicOf.get(h.paperId) !== 'protein'));
      }
    });

    it('searches among a given set of papers only, scoring every one of them (a digest period)', async () => {
      const all = await engine.search('protein', { mode: 'keyword', limit: 100 });
      assert.ok(all.ok && all.hits.length > 5);
      const weakest = all.hits.at(-1)!.paperId;
      const within = [topicPaperId(2, 0), weakest, topicPaperId(3, 1), topicPaperId(2, 5), '2999.99999'];
      const r = await engine.search('protein', { mode: 'hybrid', limit: 2, within });
      assert.ok(r.ok && r.mode === 'hybrid');
      // The set's other papers (galaxies, graphs) have neither the word nor a place among the
      // corpus's closest 5% in meaning: a small set's nearest paper is not a match by default.
      assert.deepEqual(r.hits.map((h) => h.paperId), [weakest], 'hybrid: the set\'s paper with the word, however far down the corpus-wide ranking');
      assert.equal(r.total, 1);
      const sem = await engine.search('protein', { mode: 'semantic', limit: 10 });
      assert.ok(sem.ok);
      const close = sem.hits[1]!.paperId;
      const bySense = await engine.search('protein', { mode: 'semantic', limit: 2, within: [close, ...within] });
      assert.ok(bySense.ok && bySense.mode === 'semantic');
      assert.equal(bySense.hits[0]!.paperId, close);
      assert.ok(bySense.hits.every((h) => topicOf.get(h.paperId) === 'protein'), bySense.hits.map((h) => h.paperId).join());
      const kw = await engine.search('protein', { mode: 'keyword', limit: 10, within });
      assert.ok(kw.ok);
      assert.deepEqual(kw.hits.map((h) => h.paperId), [weakest], 'keyword: only the papers with the words');
      const byCategory = await engine.search('category:cs.DS', { mode: 'hybrid', limit: 10, within });
      assert.ok(byCategory.ok && byCategory.filtersOnly);
      assert.deepEqual(byCategory.hits.map((h) => h.paperId), [topicPaperId(3, 1)]);
      const filtered = await engine.search('protein -category:q-bio.BM', { mode: 'semantic', limit: 10, within });
      assert.ok(filtered.ok);
      assert.ok(!filtered.hits.some((h) => h.paperId === weakest), 'filters still apply');
      const author = await engine.search(`protein author:"Writer protein${Number(weakest.slice(-3)) % 3}"`, { mode: 'hybrid', limit: 10, within });
      assert.ok(author.ok);
      assert.deepEqual(author.hits.map((h) => h.paperId), [weakest]);
    });

    it('lists a query of filters alone newest first in every mode, as a listing and not a failure', async () => {
      const published = new Map(records.map((r) => [r.id, r.versions![0]!.date!]));
      for (const mode of ['keyword', 'semantic', 'hybrid'] as SearchMode[]) {
        for (const sort of ['relevance', 'date'] as const) {
          const r = await engine.search('category:cs.DS year:2024', { mode, limit: 5, sort });
          assert.ok(r.ok, mode);
          assert.equal(r.degraded, undefined, `${mode}: nothing failed`);
          assert.equal(r.filtersOnly, true);
          assert.equal(r.total, 10);
          const dates = r.hits.map((h) => published.get(h.paperId)!);
          assert.ok(r.hits.every((h) => topicOf.get(h.paperId) === 'graph'), mode);
          assert.deepEqual(dates, [...dates].sort().reverse(), `${mode} ${sort}: newest first`);
          assert.equal(dates[0], '2024-09-15T12:00:00.000Z');
          // The next page goes on where this one stopped.
          const next = await engine.search('category:cs.DS year:2024', { mode, limit: 5, offset: 5, sort });
          assert.ok(next.ok);
          assert.ok(next.hits.every((h) => published.get(h.paperId)! <= dates[4]!));
          assert.equal(new Set([...r.hits, ...next.hits].map((h) => h.paperId)).size, 10);
        }
        // A query with words is ranked as before.
        const words = await engine.search('graph coloring category:cs.DS', { mode, limit: 5 });
        assert.ok(words.ok && words.filtersOnly === undefined);
      }
    });

    it('ranks long pasted text by meaning instead of requiring every word', async () => {
      const pasted = 'We present a new approach to aligning bilingual corpora for machine translation: a multilingual encoder ' +
        'reads each sentence, and an attention decoder produces fluent output tokens in the target language.';
      for (const mode of ['keyword', 'semantic', 'hybrid'] as SearchMode[]) {
        const r = await engine.search(pasted, { mode, limit: 5 });
        assert.ok(r.ok);
        assert.equal(r.hits.length, 5, mode);
        assert.ok(r.hits.every((h) => topicOf.get(h.paperId) === 'translation'), mode);
      }
    });

    it('pages and sorts by date', async () => {
      const all = await engine.search('galaxy', { mode: 'hybrid', limit: 20 });
      const page = await engine.search('galaxy', { mode: 'hybrid', limit: 5, offset: 5 });
      assert.ok(all.ok && page.ok);
      assert.deepEqual(page.hits.map((h) => h.paperId), all.hits.slice(5, 10).map((h) => h.paperId));
      const byDate = await engine.search('galaxy', { mode: 'semantic', limit: 20, sort: 'date' });
      assert.ok(byDate.ok);
      assert.ok(byDate.hits.length > 0);
    });

    it('answers hostile queries with results or a clear problem in every mode', async () => {
      const hostile = ['"unterminated quote', '"""', '🧬 protein 🧬', '🚀🚀🚀', `${'protein folding '.repeat(700)}`, "'; DROP TABLE papers; --", 'author: category: year:abc', '-', 'OR OR OR', '\u0000\u0001'];
      for (const mode of ['keyword', 'semantic', 'hybrid'] as SearchMode[]) {
        for (const q of hostile) {
          const r = await engine.search(q, { mode, limit: 5 });
          if (r.ok) assert.ok(Array.isArray(r.hits));
          else assert.match(r.problem.message, /query/);
        }
      }
      const emoji = await engine.search('🧬 protein 🧬', { mode: 'semantic', limit: 5 });
      assert.ok(emoji.ok && emoji.hits.length === 5);
    });

    it('gives the same results from the IVF index as from the exact scan on a small corpus', async () => {
      const ivf = createSemanticSearch({ db: fresh.db, keyword, config: loadConfig({ DATABASE_URL: fresh.url }), ivfMin: 20 });
      await ivf.settled();
      const loaded = await ivf.loaded();
      assert.ok(loaded?.index.ivf, 'the IVF lists were built');
      for (const q of ['protein folding', 'graph coloring year:2023', 'telescope -category:cs.DS']) {
        for (const mode of ['semantic', 'hybrid'] as SearchMode[]) {
          const a = await ivf.search(q, { mode, limit: 10 });
          const b = await engine.search(q, { mode, limit: 10 });
          assert.ok(a.ok && b.ok);
          assert.deepEqual(new Set(a.hits.map((h) => h.paperId)), new Set(b.hits.map((h) => h.paperId)), `${mode} ${q}`);
        }
      }
      await ivf.close();
    });

    it('finds a paper imported after the model was built once the job has run', async () => {
      await upsertRecords(fresh.db, [paperRecord('2502.99999', {
        title: 'Enzyme docking with peptide ligands', abstract: 'Antibody and enzyme binding of peptide ligands by docking.',
        categories: ['q-bio.BM'], primaryCategory: 'q-bio.BM',
      })]);
      await keyword.indexPending();
      assert.equal((await engine.status()).pending, 1);
      const run = await engine.embedPending();
      assert.deepEqual({ rebuilt: run.rebuilt, embedded: run.embedded, pending: run.pending }, { rebuilt: false, embedded: 1, pending: 0 });
      const r = await engine.search('peptide docking enzyme', { mode: 'semantic', limit: 81 });
      assert.ok(r.ok);
      assert.ok(r.hits.slice(0, 5).some((h) => h.paperId === '2502.99999'));
      assert.equal(topicPaperId(0, 0), '2501.1000');
    });
  });
}
