import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { backends, type FreshDb } from './helpers/databases.js';
import { TOPIC_WORDS, topicPapers } from './helpers/topic-papers.js';
import { embeddingModels } from '../src/store/embedding-models.js';
import { decodeLsa } from '../src/search/semantic/lsa-model-blob.js';
import { embeddedDb, type EmbeddedDb } from './helpers/embedded-db.js';
import { startEmbeddingServer, type EmbeddingServer, type EndpointBehaviour } from './helpers/embedding-server.js';
import { loadConfig } from '../src/config/config.js';
import type { KeywordIndex } from '../src/search/keyword/keyword-index.js';
import { createSemanticSearch, type SemanticEngine } from '../src/search/semantic/create-semantic-search.js';
import { upsertRecords } from '../src/store/papers-write.js';
import { OpenAiEmbedder, embeddingsUrl } from '../src/search/vector/openai-embedder.js';
import { paperRecord } from './helpers/paper-records.js';

describe('OpenAI-compatible embeddings client', () => {
  let server: EmbeddingServer;
  before(async () => { server = await startEmbeddingServer(); });
  after(async () => { await server.close(); });

  it('posts {model, input} to /v1/embeddings in batches with the key, and orders vectors by index', async () => {
    const client = new OpenAiEmbedder({ url: server.url, model: 'm1', apiKey: 'sk-test', timeoutMs: 2000, batchSize: 2 });
    const r = await client.embed(['protein folding', 'galaxy halo', 'graph']);
    assert.ok(r.ok);
    assert.equal(r.vectors.length, 3);
    assert.ok(r.vectors[0]![1]! > 0.9 && r.vectors[1]![2]! > 0.9, 'each vector belongs to its own text');
    assert.deepEqual(server.requests.map((q) => [q.path, q.model, q.inputs, q.auth]), [['/v1/embeddings', 'm1', 2, 'Bearer sk-test'], ['/v1/embeddings', 'm1', 1, 'Bearer sk-test']]);
    assert.equal(embeddingsUrl('http://h:1/v1/'), 'http://h:1/v1/embeddings');
  });

  it('turns every failure into a problem, never an exception', async () => {
    const expect: Record<Exclude<EndpointBehaviour, 'ok'>, RegExp> = {
      slow: /no answer within 300 ms/, '429': /HTTP 429 \(rate limited\)/, '500': /HTTP 500/, malformed: /malformed/,
      'wrong-dimensions': /8 dimensions, expected 6/, 'wrong-count': /expected 1 embeddings, got 0/,
    };
    for (const [behaviour, message] of Object.entries(expect)) {
      server.behaviour = behaviour as EndpointBehaviour;
      const r = await new OpenAiEmbedder({ url: server.url, model: 'm1', timeoutMs: 300, dimensions: 6 }).embed(['protein']);
      assert.ok(!r.ok, behaviour);
      assert.match(r.problem.message, message);
      assert.equal(r.problem.source, `${server.url}/v1/embeddings`);
    }
    const refused = await new OpenAiEmbedder({ url: 'http://127.0.0.1:1', model: 'm', timeoutMs: 500 }).embed(['x']);
    assert.ok(!refused.ok && /unreachable/.test(refused.problem.message));
    server.behaviour = 'ok';
  });
});

for (const backend of backends()) {
  describe(`semantic search with an embeddings endpoint (${backend.name})`, () => {
    let fresh: FreshDb;
    let keyword: KeywordIndex;
    let server: EmbeddingServer;
    let engine: SemanticEngine;
    let db: EmbeddedDb;
    const warnings: string[] = [];
    const { records, topicOf } = topicPapers();

    before(async () => {
      server = await startEmbeddingServer();
      db = await embeddedDb(backend, records);
      ({ fresh, keyword } = db);
      const config = loadConfig({ DATABASE_URL: fresh.url, PAPERBOY_EMBEDDINGS_URL: server.url, PAPERBOY_EMBEDDINGS_MODEL: 'topics-6', PAPERBOY_EMBEDDINGS_TIMEOUT_MS: '300' });
      engine = createSemanticSearch({ db: fresh.db, keyword, config, logger: { warn: (m) => warnings.push(m) } });
    });
    after(async () => {
      await engine.close();
      await db.close();
      await server.close();
    });

    it('keeps searching with the LSA vectors until the endpoint model has embedded every paper', async () => {
      assert.equal((await engine.status()).model, 'lsa');
      server.behaviour = '500';
      const failed = await engine.embedPending();
      assert.match(failed.problem ?? '', /HTTP 500/);
      assert.equal((await engine.status()).model, 'lsa');
      server.behaviour = 'ok';
      const run = await engine.embedPending();
      assert.equal(run.problem, undefined);
      assert.equal(run.rebuilt, true);
      const s = await engine.status();
      assert.deepEqual([s.model, s.dimensions, s.embedded], [`topics-6@${server.url}`, 6, 80]);
      const r = await engine.search('enzyme antibody', { mode: 'semantic', limit: 10 });
      assert.ok(r.ok && r.mode === 'semantic' && r.hits.length === 10);
      assert.ok(r.hits.every((h) => topicOf.get(h.paperId) === 'protein'));
      assert.equal(warnings.length, 0);
    });

    it('explains matches by the endpoint model\'s word table: rare words first, no word of the prose', async () => {
      const row = (await embeddingModels.active(fresh.db))!;
      assert.equal(row.kind, 'endpoint');
      const counts = decodeLsa((await embeddingModels.data(fresh.db, row.id))!);
      assert.deepEqual([counts.data.dimensions, counts.data.ridf?.length], [0, counts.data.terms.length], 'a word table of no dimensions, with residual idf');
      // Every abstract says "We study ... Our ... method models ... jointly and improves ... benchmarks".
      const prose = new Set(['study', 'method', 'models', 'jointly', 'improves', 'benchmarks']);
      const id = topicPapers().records[0]!.id;
      const hits = (await engine.similar(id, 5))!;
      assert.equal(hits.length, 5);
      for (const h of hits) {
        const terms = h.explanation!.terms;
        assert.ok(terms.length > 0, h.paperId);
        assert.ok(terms.every((w) => TOPIC_WORDS[topicOf.get(id)!]!.words.includes(w.toLowerCase())), `${h.paperId}: ${terms.join(', ')}`);
        assert.ok(!terms.some((w) => prose.has(w.toLowerCase())));
        assert.deepEqual(h.explanation!.topics, [], 'an endpoint has no topics to name');
      }
    });

    it('falls back to keyword search with one warning while the endpoint fails', async () => {
      for (const behaviour of ['slow', '429', '500', 'malformed', 'wrong-dimensions'] as EndpointBehaviour[]) {
        server.behaviour = behaviour;
        for (const mode of ['semantic', 'hybrid'] as const) {
          const r = await engine.search('protein folding', { mode, limit: 5 });
          assert.ok(r.ok, `${behaviour} ${mode}`);
          assert.equal(r.mode, 'keyword');
          assert.match(r.degraded ?? '', /unavailable/);
          assert.ok(r.hits.length > 0);
        }
        const similar = await engine.similar(topicPapers().records[0]!.id, 3);
        assert.equal(similar?.length, 3, 'similar papers use stored vectors');
      }
      assert.equal(warnings.length, 1, warnings.join('\n'));
      assert.match(warnings[0]!, /timed out|no answer within 300 ms/);
      server.behaviour = 'ok';
      assert.equal((await engine.search('protein folding', { mode: 'semantic', limit: 5 })).ok, true);
      server.behaviour = '429';
      await engine.search('protein folding', { mode: 'hybrid', limit: 5 });
      assert.equal(warnings.length, 2, 'a new run of failures warns again');
      server.behaviour = 'ok';
    });

    it('leaves new papers queued while the endpoint fails and embeds them once it answers', async () => {
      await upsertRecords(fresh.db, [paperRecord('2503.00001', { title: 'Quasar luminosity and supernova rates', abstract: 'Telescope survey of quasar luminosity.' })]);
      server.behaviour = 'wrong-dimensions';
      const failed = await engine.embedPending();
      assert.match(failed.problem ?? '', /8 dimensions, expected 6/);
      assert.equal(failed.pending, 1);
      server.behaviour = 'ok';
      const ok = await engine.embedPending();
      assert.deepEqual([ok.embedded, ok.pending, ok.rebuilt], [1, 0, false]);
      assert.equal((await engine.status()).embedded, 81);
    });
  });
}
