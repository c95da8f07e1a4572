import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { backends, beforeMigration, type FreshDb } from './helpers/databases.js';
import { paperRecord } from './helpers/paper-records.js';
import { upsertRecords } from '../src/store/papers-write.js';
import { embeddingModels } from '../src/store/embedding-models.js';
import { embeddingVectors } from '../src/store/embedding-vectors.js';
import { decodeVector, dequantize, encodeVector, quantize } from '../src/search/vector/quantize.js';
import { decodeLsa, encodeLsa } from '../src/search/semantic/lsa-model-blob.js';

describe('vector encoding', () => {
  it('quantizes to int8 with a scale, within half a step of the input', () => {
    const v = Float32Array.from([0.5, -0.25, 0.125, 0, -0.5]);
    const q = quantize(v);
    assert.equal(q.codes[0], 127);
    assert.equal(q.codes[4], -127);
    dequantize(q).forEach((x, i) => assert.ok(Math.abs(x - v[i]!) <= q.scale / 2 + 1e-7));
    const back = decodeVector(encodeVector(v));
    assert.deepEqual([...back.codes], [...q.codes]);
    assert.ok(Math.abs(back.scale - q.scale) < 1e-9);
    assert.deepEqual([...decodeVector(encodeVector(new Float32Array(3))).codes], [0, 0, 0]);
  });

  it('stores an LSA model with its topic words and reads it back', () => {
    const data = { terms: ['protein', 'fold'], idf: Float32Array.from([1.5, 2]), basis: Float32Array.from([1, 0, 0, 1]), dimensions: 2 };
    const back = decodeLsa(encodeLsa({ data, labels: ['protein', 'folding'] }));
    assert.deepEqual(back.labels, ['protein', 'folding']);
    assert.deepEqual(back.data.terms, data.terms);
    assert.deepEqual([...back.data.idf], [...data.idf]);
    assert.deepEqual([...back.data.basis], [...data.basis]);
  });
});

for (const backend of backends()) {
  describe(`embedding store (${backend.name})`, () => {
    let fresh: FreshDb;
    before(async () => { fresh = await backend.create(); });
    after(async () => { await fresh.drop(); });

    it('queues new and changed papers (text changes included) and nothing for an unchanged re-import', async () => {
      const db = fresh.db;
      await upsertRecords(db, [paperRecord('2501.00001'), paperRecord('2501.00002')]);
      assert.equal(await embeddingVectors.pendingCount(db), 2);
      const first = await embeddingVectors.pending(db, 10);
      assert.deepEqual(first.map((p) => p.title), ['A study of 2501.00001', 'A study of 2501.00002']);
      await embeddingVectors.clearPending(db, first);
      await upsertRecords(db, [paperRecord('2501.00001')]);
      assert.equal(await embeddingVectors.pendingCount(db), 0, 'unchanged papers are not queued again');
      await upsertRecords(db, [paperRecord('2501.00001', { abstract: 'A revised abstract about protein folding.', versions: [{ version: 2, date: '2025-04-01T00:00:00Z' }] })]);
      const queued = await embeddingVectors.pending(db, 10);
      assert.deepEqual(queued.map((p) => p.abstract), ['A revised abstract about protein folding.']);
      // A newer text arriving while the old one is embedded keeps the paper queued.
      await upsertRecords(db, [paperRecord('2501.00001', { abstract: 'Revised again.', versions: [{ version: 3, date: '2025-05-01T00:00:00Z' }] })]);
      await embeddingVectors.clearPending(db, queued);
      assert.equal(await embeddingVectors.pendingCount(db), 1);
      await embeddingVectors.clearAllPending(db);
      assert.equal(await embeddingVectors.pendingCount(db), 0);
    });

    it('writes vectors under growing versions and reads them by paper and by version', async () => {
      const db = fresh.db;
      const ids = await embeddingVectors.rowIds(db, ['2501.00001', '2501.00002', 'nope']);
      assert.deepEqual([...ids.keys()].sort(), ['2501.00001', '2501.00002']);
      const [a, b] = [ids.get('2501.00001')!, ids.get('2501.00002')!];
      const m = await embeddingModels.create(db, { kind: 'lsa', name: 'lsa', dimensions: 3, trainedOn: 2, data: Buffer.from([1, 2, 3]) });
      assert.equal((await embeddingModels.building(db))?.id, m);
      assert.equal(await embeddingModels.active(db), null);
      const v1 = await embeddingVectors.write(db, m, [{ paperId: a, vector: encodeVector(Float32Array.from([1, 0, 0])) }, { paperId: b, vector: encodeVector(Float32Array.from([0, 1, 0])) }]);
      const v2 = await embeddingVectors.write(db, m, [{ paperId: a, vector: encodeVector(Float32Array.from([0, 0, 1])) }]);
      assert.ok(v2 > v1);
      assert.equal(await embeddingVectors.count(db, m), 2);
      assert.equal(await embeddingVectors.lastPaper(db, m), Math.max(a, b));
      const all = await embeddingVectors.page(db, m, 0, 10);
      assert.deepEqual(all.map((v) => [v.paperId, v.seq]), [[a, v2], [b, v1]].sort((x, y) => x[0]! - y[0]!));
      assert.deepEqual([...decodeVector(all.find((v) => v.paperId === a)!.vector).codes], [0, 0, 127]);
      const since = await embeddingVectors.since(db, m, { seq: v1, paperId: Number.MAX_SAFE_INTEGER }, 10);
      assert.deepEqual(since.map((v) => v.paperId), [a]);
      assert.deepEqual((await embeddingVectors.since(db, m, { seq: v1, paperId: 0 }, 10)).map((v) => v.paperId), [b, a]);
      assert.deepEqual((await embeddingVectors.since(db, m, { seq: 0, paperId: 0 }, 1)).map((v) => v.paperId), [b]);
      assert.deepEqual(await embeddingVectors.since(db, m, { seq: v2, paperId: a }, 10), []);
      assert.deepEqual([...(await embeddingModels.data(db, m))!], [1, 2, 3]);
    });

    it('activates a built model, dropping older models and their vectors', async () => {
      const db = fresh.db;
      const old = (await embeddingModels.building(db))!;
      await embeddingModels.activate(db, old.id);
      assert.equal((await embeddingModels.active(db))?.id, old.id);
      const next = await embeddingModels.create(db, { kind: 'endpoint', name: 'm@http://x', dimensions: 0, trainedOn: 2, data: null });
      await embeddingModels.setDimensions(db, next, 4);
      await embeddingVectors.write(db, next, [{ paperId: (await embeddingVectors.lastPaper(db, old.id)), vector: encodeVector(new Float32Array(4)) }]);
      assert.equal((await embeddingModels.active(db))?.id, old.id, 'search keeps the old model while the new one builds');
      await embeddingModels.activate(db, next);
      const active = (await embeddingModels.active(db))!;
      assert.deepEqual([active.id, active.kind, active.dimensions, active.state], [next, 'endpoint', 4, 'active']);
      assert.equal(await embeddingModels.byId(db, old.id), null);
      assert.equal(await embeddingVectors.count(db, old.id), 0);
      await embeddingModels.drop(db, next);
      assert.equal(await embeddingModels.active(db), null);
      assert.equal(await embeddingModels.paperCount(db), 2);
    });

    it("keeps a model's data apart from its row: written, replaced and dropped with the model, untouched by vector writes", async () => {
      const db = fresh.db;
      const id = await embeddingModels.create(db, { kind: 'lsa', name: 'lsa', dimensions: 2, trainedOn: 2, data: Buffer.from([1, 2, 3]) });
      assert.deepEqual(await embeddingModels.data(db, id), Buffer.from([1, 2, 3]));
      const paper = Number((await db.get<{ id: number }>('SELECT MIN(id) AS id FROM papers'))!.id);
      await embeddingVectors.write(db, id, [{ paperId: paper, vector: encodeVector(Float32Array.from([1, 0])) }]);
      assert.deepEqual(await embeddingModels.data(db, id), Buffer.from([1, 2, 3]));
      assert.deepEqual(await embeddingModels.dataPrefix(db, id, 2), Buffer.from([1, 2]));
      assert.deepEqual(await embeddingModels.dataPrefix(db, id, 10), Buffer.from([1, 2, 3]));
      assert.equal(await embeddingModels.dataPrefix(db, id + 1000, 2), null);
      await embeddingModels.setData(db, id, Buffer.from([9]), 5);
      assert.deepEqual(await embeddingModels.data(db, id), Buffer.from([9]));
      assert.equal((await embeddingModels.byId(db, id))?.trainedOn, 5);
      await embeddingModels.setData(db, id, null, 6);
      assert.equal(await embeddingModels.data(db, id), null);
      await embeddingModels.setData(db, id, Buffer.from([7]), 7);
      const next = await embeddingModels.create(db, { kind: 'lsa', name: 'lsa', dimensions: 2, trainedOn: 8, data: Buffer.from([8]) });
      await embeddingModels.activate(db, next);
      assert.equal(await embeddingModels.data(db, id), null, 'the older model went, with its data');
      await embeddingModels.drop(db, next);
      assert.equal(Number((await db.get<{ n: number }>('SELECT COUNT(*) AS n FROM embedding_model_data'))!.n), 0);
    });
  });

  describe(`embedding model data, upgrading (${backend.name})`, () => {
    it('moves each model\'s data out of its row (migration 15), where every batch of vectors rewrote it', () => beforeMigration(backend, 15, async (db, upgrade) => {
      await db.run("INSERT INTO embedding_models (kind, name, dimensions, state, trained_at, data) VALUES ('lsa', 'lsa', 2, 'active', '2025-03-18T00:00:00.000Z', ?)", [Buffer.from([0, 1, 254, 255])]);
      await db.run("INSERT INTO embedding_models (kind, name, dimensions, state, trained_at, data) VALUES ('endpoint', 'm@http://x', 4, 'building', '2025-03-18T00:00:00.000Z', NULL)");
      await upgrade();
      assert.deepEqual(await embeddingModels.data(db, 1), Buffer.from([0, 1, 254, 255]));
      assert.equal(await embeddingModels.data(db, 2), null);
      assert.equal((await embeddingModels.active(db))?.kind, 'lsa');
      await assert.rejects(db.get('SELECT data FROM embedding_models'), 'the column is gone');
    }));
  });
}
