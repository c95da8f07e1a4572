import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { backends, type FreshDb } from './helpers/databases.js';
import { topicPapers } from './helpers/topic-papers.js';
import { paperRecord } from './helpers/paper-records.js';
import { CHAR_TWINS, TWINS_DAY } from './helpers/char-twins.js';
import { startEmbeddingServer, type EmbeddingServer } from './helpers/embedding-server.js';
import { loadConfig } from '../src/config/config.js';
import { KeywordIndex } from '../src/search/keyword/keyword-index.js';
import { createSemanticSearch, type SemanticEngine } from '../src/search/semantic/create-semantic-search.js';
import { upsertRecords } from '../src/store/papers-write.js';
import { embeddingModels } from '../src/store/embedding-models.js';
import { decodeLsa, encodeLsa } from '../src/search/semantic/lsa-model-blob.js';
import { CHAR_GRAM_LENGTH } from '../src/search/similarity/char-grams.js';

// The fake endpoint gives the three twins the same vector (they hold no topic word): only the n-grams tell A from B.
const { query, a, b } = CHAR_TWINS;
const day = TWINS_DAY;

for (const backend of backends()) {
  describe(`similar papers with an embeddings endpoint rank by character n-grams (${backend.name})`, () => {
    let fresh: FreshDb;
    let keyword: KeywordIndex;
    let server: EmbeddingServer;
    let engine: SemanticEngine;
    const { records } = topicPapers();
    const papers = records.length + 3;

    /** A's score minus B's in the similar list of the query paper. */
    const margin = async (): Promise<number> => {
      const hits = (await engine.similar(query.id, 10))!;
      const score = (id: string): number => hits.find((h) => h.paperId === id)?.score ?? Number.NaN;
      return score(a.id) - score(b.id);
    };
    const stored = async (): Promise<{ id: number; trainedOn: number; docs: number | null }> => {
      const row = (await embeddingModels.active(fresh.db))!;
      const blob = await embeddingModels.data(fresh.db, row.id);
      return { id: row.id, trainedOn: row.trainedOn, docs: blob ? decodeLsa(blob).chars?.docs ?? null : null };
    };

    before(async () => {
      server = await startEmbeddingServer();
      fresh = await backend.create();
      await upsertRecords(fresh.db, [...records, query, a, b]);
      keyword = new KeywordIndex(fresh.db);
      await keyword.indexPending();
      const config = loadConfig({ DATABASE_URL: fresh.url, PAPERBOY_EMBEDDINGS_URL: server.url, PAPERBOY_EMBEDDINGS_MODEL: 'topics-6' });
      engine = createSemanticSearch({ db: fresh.db, keyword, config });
      const run = await engine.embedPending();
      assert.equal(run.problem, undefined);
    });
    after(async () => {
      await engine.close();
      await keyword.close();
      await fresh.drop();
      await server.close();
    });

    it('stores the corpus n-gram counts with the endpoint model when it is built', async () => {
      const row = (await embeddingModels.active(fresh.db))!;
      assert.equal(row.kind, 'endpoint');
      const table = decodeLsa((await embeddingModels.data(fresh.db, row.id))!).chars;
      assert.equal(table?.n, CHAR_GRAM_LENGTH);
      assert.equal(table?.docs, papers);
      assert.equal(row.trainedOn, papers);
    });

    it('ranks the candidate sharing pieces of a long word above its twin, as with the built-in model', async () => {
      assert.ok((await margin()) > 0.01, `margin ${await margin()}`);
    });

    it('gives an endpoint model stored without counts (an older version) its counts without embedding any paper again', async () => {
      const before = await stored();
      await embeddingModels.setData(fresh.db, before.id, null, before.trainedOn);
      assert.ok(Math.abs(await margin()) < 1e-9, 'without counts the twins tie (word signals, equal vectors)');
      const requests = server.requests.length;
      const run = await engine.embedPending();
      assert.deepEqual([run.problem, run.rebuilt, run.embedded], [undefined, false, 0]);
      assert.equal(server.requests.length, requests, 'no paper was sent to the service again');
      assert.deepEqual(await stored(), { ...before, docs: papers });
      assert.ok((await margin()) > 0.01, 'the running engine ranks with the new counts');
    });

    it('gives an endpoint model stored with counts but no word table (an older version) its word table, embedding nothing again', async () => {
      const row = (await embeddingModels.active(fresh.db))!;
      const current = decodeLsa((await embeddingModels.data(fresh.db, row.id))!);
      assert.ok(current.data.terms.length > 0 && current.data.ridf, 'this version stores a word table with residual idf');
      const older = encodeLsa({ data: { terms: [], idf: new Float32Array(0), basis: new Float32Array(0), dimensions: 0 }, labels: [], chars: current.chars! });
      await embeddingModels.setData(fresh.db, row.id, older, row.trainedOn);
      const requests = server.requests.length;
      const run = await engine.embedPending();
      assert.deepEqual([run.problem, run.rebuilt, run.embedded], [undefined, false, 0]);
      assert.equal(server.requests.length, requests, 'no paper was sent to the service again');
      const now = decodeLsa((await embeddingModels.data(fresh.db, row.id))!);
      assert.deepEqual(now.data.terms, current.data.terms);
      assert.equal(now.data.ridf?.length, now.data.terms.length);
      assert.equal((await engine.embedPending()).embedded, 0);
      assert.deepEqual(decodeLsa((await embeddingModels.data(fresh.db, row.id))!).data.terms, current.data.terms, 'counted once');
    });

    it('counts again once the corpus has doubled, embedding only the new papers', async () => {
      const added = Array.from({ length: papers }, (_, i) => paperRecord(`2406.${String(i).padStart(5, '0')}`, { ...day, title: `Survey number ${i} of lattice cryptography`, abstract: 'Lattice cryptography survey.' }));
      await upsertRecords(fresh.db, added);
      await keyword.indexPending();
      const requests = server.requests.length;
      const run = await engine.embedPending();
      assert.deepEqual([run.problem, run.rebuilt, run.embedded, run.pending], [undefined, false, papers, 0]);
      assert.equal(server.requests.slice(requests).reduce((s, r) => s + r.inputs, 0), papers, 'only the new papers went to the service');
      const after = await stored();
      assert.deepEqual([after.trainedOn, after.docs], [2 * papers, 2 * papers]);
      const again = await engine.embedPending();
      assert.equal((await stored()).trainedOn, 2 * papers, 'counted once, not on every run');
      assert.equal(again.embedded, 0);
    });
  });
}
