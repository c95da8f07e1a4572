import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { backends, type FreshDb } from './helpers/databases.js';
import { paperRecord } from './helpers/paper-records.js';
import { upsertRecords } from '../src/store/papers-write.js';
import { embeddingModels } from '../src/store/embedding-models.js';
import { embeddingVectors } from '../src/store/embedding-vectors.js';
import { collectStats } from '../src/store/stats.js';
import { loadConfig } from '../src/config/config.js';
import { encodeVector } from '../src/search/vector/quantize.js';
import { KeywordIndex } from '../src/search/keyword/keyword-index.js';
import { createSemanticSearch } from '../src/search/semantic/create-semantic-search.js';
import { loadingReason, notReadyReason } from '../src/search/semantic/model-status.js';

// What search says while no model can rank: a site too small for one, a model being trained or
// built (how far), or none built yet. The first model of a large site takes minutes.
for (const backend of backends()) {
  describe(`why meaning cannot rank yet (${backend.name})`, () => {
    let fresh: FreshDb;
    let keyword: KeywordIndex;
    before(async () => {
      fresh = await backend.create();
      keyword = new KeywordIndex(fresh.db);
      await upsertRecords(fresh.db, ['2503.00001', '2503.00002', '2503.00003', '2503.00004'].map((id) =>
        paperRecord(id, { title: `Speech recognition study ${id}`, abstract: 'Speech recognition in noisy rooms.' })));
      await keyword.indexPending();
    });
    after(async () => {
      await keyword.close();
      await fresh.drop();
    });

    it('names the training minimum of the built-in model, and none for an endpoint', async () => {
      assert.equal(await notReadyReason(fresh.db, 'lsa', null), 'a semantic model needs at least 50 papers, and this site has 4');
      assert.equal(await notReadyReason(fresh.db, 'endpoint', null), 'no semantic model has been built yet');
    });

    it('says how far the vectors have loaded after a restart, once they are counted', () => {
      assert.equal(loadingReason({ done: 0, total: 0 }), 'the semantic model is being loaded');
      assert.equal(loadingReason({ done: 400000, total: 1000000 }), 'the semantic model is being loaded (400,000 of 1,000,000 papers read)');
    });

    it('says a model is being trained, with the corpus size', async () => {
      assert.equal(await notReadyReason(fresh.db, 'lsa', { kind: 'lsa', papers: 80317 }), 'the semantic model is being trained on 80,317 papers');
    });

    it('says how far a model being built has got, in search and in stats', async () => {
      const id = await embeddingModels.create(fresh.db, { kind: 'endpoint', name: 'e5@http://x', dimensions: 2, trainedOn: 4, data: null });
      const rows = await embeddingVectors.papersAfter(fresh.db, 0, 2);
      await embeddingVectors.write(fresh.db, id, rows.map((p) => ({ paperId: p.id, vector: encodeVector(new Float32Array([0.6, 0.8])) })));
      assert.equal(await notReadyReason(fresh.db, 'lsa', null), 'the semantic model is being built (2 of 4 papers analysed)');

      const engine = createSemanticSearch({ db: fresh.db, keyword, config: loadConfig({ DATABASE_URL: fresh.url }) });
      try {
        for (const mode of ['hybrid', 'semantic'] as const) {
          const r = await engine.search('speech recognition', { mode, limit: 10 });
          assert.ok(r.ok);
          assert.equal(r.mode, 'keyword', mode);
          assert.equal(r.degraded, 'the semantic model is being built (2 of 4 papers analysed)', mode);
          assert.equal(r.total, 4, mode);
        }
      } finally {
        await engine.close();
      }

      const stats = await collectStats(fresh.db);
      assert.deepEqual(stats.embeddings, { models: [], pending: 4, building: { kind: 'endpoint', name: 'e5@http://x', papers: 2 } });
      await embeddingModels.activate(fresh.db, id);
      const after = await collectStats(fresh.db);
      assert.deepEqual(after.embeddings, { models: [{ kind: 'endpoint', name: 'e5@http://x', papers: 2 }], pending: 4, building: null });
    });
  });
}
