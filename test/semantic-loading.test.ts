import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { backends } from './helpers/databases.js';
import { embeddedDb, type EmbeddedDb } from './helpers/embedded-db.js';
import { semanticCorpus } from './helpers/semantic-corpus.js';
import type { Db } from '../src/db/db.js';
import { loadConfig } from '../src/config/config.js';
import { createLogger } from '../src/logging/logger.js';
import { buildApp } from '../src/web/app.js';
import { createSemanticSearch, type SemanticEngine } from '../src/search/semantic/create-semantic-search.js';

/**
 * A database whose reads of stored vectors wait for `open()`: a served site's first seconds after a
 * restart at a million papers, when loading the vectors takes about 4 s.
 */
function gatedVectors(db: Db): { db: Db; close(): void; open(): void } {
  let gate: Promise<void> = Promise.resolve();
  let release: () => void = () => undefined;
  const gated = new Proxy(db, {
    get(target, prop) {
      const v = Reflect.get(target, prop) as unknown;
      if (prop === 'all') {
        return async (sql: string, params?: readonly unknown[]) => {
          if (/FROM paper_embeddings WHERE model_id = \? AND paper_id > \?/.test(sql)) await gate;
          return target.all(sql, params);
        };
      }
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
  return {
    db: gated,
    close() { gate = new Promise<void>((resolve) => { release = resolve; }); },
    open() { release(); },
  };
}

const settledWithin = async <T>(p: Promise<T>, ms: number): Promise<boolean> =>
  Promise.race([p.then(() => true), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), ms))]);

for (const backend of backends()) {
  describe(`searching while the vectors load after a restart (${backend.name})`, () => {
    let base: EmbeddedDb;
    let papers: number;
    before(async () => {
      const corpus = semanticCorpus();
      papers = corpus.records.length;
      base = await embeddedDb(backend, corpus.records);
      assert.equal(base.run.problem, undefined);
    });
    after(async () => { await base?.close(); });

    const served = (db: Db, loadWaitMs?: number): SemanticEngine =>
      createSemanticSearch({ db, keyword: base.keyword, config: loadConfig({ DATABASE_URL: base.fresh.url }), loadWaitMs });

    it('answers by keyword, saying how far the load has got, and by meaning once it is done', async () => {
      const g = gatedVectors(base.fresh.db);
      g.close();
      const engine = served(g.db, 30);
      try {
        const started = Date.now();
        const early = await engine.search('speech recognition', { mode: 'hybrid', limit: 5 });
        assert.ok(early.ok);
        assert.ok(Date.now() - started < 2000, 'the wait is bounded');
        assert.equal(early.mode, 'keyword');
        assert.match(String(early.degraded), /^the semantic model is being loaded/);
        assert.ok(early.hits.length > 0, 'keyword results are shown meanwhile');
        // The model itself is read before the vectors; these are held at the first page.
        let progress = await engine.loading();
        for (let i = 0; i < 200 && progress?.total !== papers; i++) progress = await engine.loading();
        assert.deepEqual(progress, { done: 0, total: papers });
        const held = await engine.search('speech recognition', { mode: 'semantic', limit: 5 });
        assert.ok(held.ok);
        assert.equal(held.degraded, `the semantic model is being loaded (0 of ${papers} papers read)`);
        g.open();
        const later = await engine.search('speech recognition', { mode: 'hybrid', limit: 5 });
        assert.ok(later.ok);
        assert.equal(later.mode, 'hybrid');
        assert.equal(later.degraded, undefined);
        assert.equal(await engine.loading(), null);
      } finally {
        g.open();
        await engine.close();
      }
    });

    it('waits for the load when no wait is set (the commands)', async () => {
      const g = gatedVectors(base.fresh.db);
      g.close();
      const engine = served(g.db);
      try {
        const search = engine.search('speech recognition', { mode: 'semantic', limit: 5 });
        assert.equal(await settledWithin(search, 300), false, 'still waiting while the vectors are held');
        g.open();
        const r = await search;
        assert.ok(r.ok);
        assert.equal(r.mode, 'semantic');
        assert.equal(r.degraded, undefined);
      } finally {
        g.open();
        await engine.close();
      }
    });

    it('keeps answering with the previous model while a newly activated one loads', async () => {
      const g = gatedVectors(base.fresh.db);
      const engine = served(g.db, 30);
      try {
        const before = await engine.loaded();
        assert.ok(before);
        const expected = await engine.search('speech recognition', { mode: 'semantic', limit: 5 });
        // Another process (the embedding job of `serve`, `paperboy reindex`) activates a new model.
        await base.engine.embedPending({ rebuild: true });
        const next = await base.engine.loaded();
        assert.ok(next && next.model.id !== before.model.id, 'a new model is active');
        g.close();
        const during = await engine.search('speech recognition', { mode: 'semantic', limit: 5 });
        assert.ok(during.ok);
        assert.equal(during.mode, 'semantic', 'meaning still ranks: nothing to degrade');
        assert.deepEqual(during, expected, 'by the previous model, unchanged');
        assert.equal(await engine.loading(), null);
        g.open();
        const after = await engine.loaded();
        assert.equal(after?.model.id, next.model.id, 'the new model takes over once loaded');
      } finally {
        g.open();
        await engine.close();
      }
    });
  });
}

describe('pages while the vectors load after a restart', () => {
  let base: EmbeddedDb;
  let app: FastifyInstance;
  let g: ReturnType<typeof gatedVectors>;
  let engine: SemanticEngine;
  before(async () => {
    base = await embeddedDb(backends()[0]!, semanticCorpus().records);
    g = gatedVectors(base.fresh.db);
    g.close();
    const config = loadConfig({ DATABASE_URL: base.fresh.url, PAPERBOY_LOG_LEVEL: 'silent' });
    engine = createSemanticSearch({ db: g.db, keyword: base.keyword, config, loadWaitMs: 30 });
    app = await buildApp({ config, db: base.fresh.db, keyword: base.keyword, semantic: engine, logger: createLogger(config) });
  });
  after(async () => {
    g?.open();
    await app?.close();
    await engine?.close();
    await base?.close();
  });

  it('shows search results and paper pages at once, kept out of the page cache, then the full pages', async () => {
    const search = await app.inject({ url: '/search?q=speech+recognition' });
    assert.equal(search.statusCode, 200);
    assert.match(search.body, /Ranking by meaning is unavailable right now: the semantic model is being loaded \(0 of \d+ papers read\)/);
    assert.equal(search.headers['cache-control'], 'no-store');
    const api = await app.inject({ url: '/api/papers/search?q=speech+recognition' });
    assert.equal(api.headers['x-search-mode'], 'keyword');
    assert.match(String(api.headers['x-search-degraded']), /being loaded/);
    assert.equal(api.headers['cache-control'], 'no-store');
    const paper = await app.inject({ url: '/papers/2504.0201' });
    assert.equal(paper.statusCode, 200);
    assert.match(paper.body, /Robust speech recognition in noisy rooms/);
    assert.match(paper.body, /Similar papers appear in a few seconds: the site has just started and is loading its semantic model \(0 of \d+ papers read\)/);
    assert.doesNotMatch(paper.body, /class="similar-list"/);
    assert.equal(paper.headers['cache-control'], 'no-store');

    g.open();
    await engine.loaded();
    const full = await app.inject({ url: '/papers/2504.0201' });
    assert.match(full.body, /class="similar-list"/);
    assert.doesNotMatch(full.body, /Similar papers appear in a few seconds/);
    assert.notEqual(full.headers['cache-control'], 'no-store');
    const ranked = await app.inject({ url: '/search?q=speech+recognition' });
    assert.doesNotMatch(ranked.body, /Ranking by meaning is unavailable/);
    assert.notEqual(ranked.headers['cache-control'], 'no-store');
  });
});
