import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { backends } from './helpers/databases.js';
import { topicPapers } from './helpers/topic-papers.js';
import { CHAR_TWINS } from './helpers/char-twins.js';
import { embeddedDb, type EmbeddedDb } from './helpers/embedded-db.js';
import { embeddingModels } from '../src/store/embedding-models.js';
import { decodeLsa } from '../src/search/semantic/lsa-model-blob.js';
import { CHAR_GRAM_LENGTH } from '../src/search/similarity/char-grams.js';

const { query, a, b } = CHAR_TWINS;

for (const backend of backends()) {
  describe(`similar papers by character n-grams (${backend.name})`, () => {
    let db: EmbeddedDb;
    const { records } = topicPapers();
    before(async () => { db = await embeddedDb(backend, [...records, query, a, b]); });
    after(async () => db.close());

    it('stores the n-gram counts of the training sample with the model', async () => {
      const row = await embeddingModels.active(db.fresh.db);
      const stored = decodeLsa((await embeddingModels.data(db.fresh.db, row!.id))!);
      assert.ok(stored.chars);
      assert.equal(stored.chars.n, CHAR_GRAM_LENGTH);
      assert.equal(stored.chars.docs, records.length + 3, 'a small corpus is its own sample');
    });

    it('ranks the candidate sharing pieces of a long word above its twin that shares none', async () => {
      const hits = (await db.engine.similar(query.id, 5))!;
      const ids = hits.map((h) => h.paperId);
      assert.ok(ids.includes(a.id) && ids.includes(b.id), ids.join());
      assert.ok(ids.indexOf(a.id) < ids.indexOf(b.id), ids.join());
      const score = (id: string): number => hits.find((h) => h.paperId === id)!.score;
      assert.ok(score(a.id) > score(b.id) + 0.01, `${score(a.id)} against ${score(b.id)}`);
    });
  });
}
