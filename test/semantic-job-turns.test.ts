import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { backends, type FreshDb } from './helpers/databases.js';
import { TOPIC_WORDS } from './helpers/topic-papers.js';
import { paperRecord } from './helpers/paper-records.js';
import { loopTurns } from './helpers/loop-turns.js';
import { loadConfig } from '../src/config/config.js';
import { upsertRecords } from '../src/store/papers-write.js';
import { runEmbedJob } from '../src/jobs/embed-job.js';
import { embeddingModels } from '../src/store/embedding-models.js';
import { embeddingVectors } from '../src/store/embedding-vectors.js';

/** 520 papers over the four test topics: two whole batches of the job and part of a third. */
function manyPapers(): ReturnType<typeof paperRecord>[] {
  const topics = Object.values(TOPIC_WORDS);
  return Array.from({ length: 520 }, (_, i) => {
    const words = topics[i % topics.length]!.words;
    const w = (k: number): string => words[(i * 7 + k * 5) % words.length]!;
    return paperRecord(`2502.${String(10000 + i)}`, { title: `${w(0)} ${w(1)} and ${w(2)}`, abstract: `We study ${w(3)} ${w(4)} with ${w(5)} ${w(6)} for ${w(7)}.` });
  });
}

for (const backend of backends()) {
  describe(`embedding job between batches (${backend.name})`, () => {
    let fresh: FreshDb;
    before(async () => {
      fresh = await backend.create();
      await upsertRecords(fresh.db, manyPapers());
    });
    after(async () => { await fresh.drop(); });

    it('lets waiting work (a request) run between two batches, so serve answers while every paper is embedded', async () => {
      // SQLite answers synchronously: without a turn of the event loop between batches, a request
      // arriving during the job waited for all of it (13.6 s on an instance of 80,317 papers).
      const turns = loopTurns();
      const seen: number[] = [];
      const progress = { start() {}, tick() { seen.push(turns.count()); }, stop() {}, log() {} };
      try {
        const run = await runEmbedJob({ db: fresh.db, config: loadConfig({ DATABASE_URL: fresh.url }), progress });
        assert.deepEqual([run.model, run.rebuilt, run.embedded], ['lsa', true, 520]);
      } finally {
        turns.stop();
      }
      assert.equal(seen.length, 3, `batches reported: ${seen.length}`);
      for (let i = 1; i < seen.length; i++) assert.ok(seen[i]! > seen[i - 1]!, `no other work ran between batch ${i} and batch ${i + 1}: ${seen.join(', ')}`);
    });

    it('resumes a model whose build was cut short (a restart), reading its data from where migration 15 keeps it', async () => {
      const config = loadConfig({ DATABASE_URL: fresh.url });
      const active = (await embeddingModels.active(fresh.db))!;
      // A build cut short: the same trained data, 300 of the 520 papers embedded.
      const id = await embeddingModels.create(fresh.db, { kind: active.kind, name: active.name, dimensions: active.dimensions, trainedOn: 520, data: await embeddingModels.data(fresh.db, active.id) });
      const first = (await fresh.db.all<{ paper_id: number; vector: Buffer }>('SELECT paper_id, vector FROM paper_embeddings WHERE model_id = ? ORDER BY paper_id LIMIT 300', [active.id]))
        .map((r) => ({ paperId: Number(r.paper_id), vector: r.vector }));
      await embeddingVectors.write(fresh.db, id, first);
      // The active model now looks outgrown, so the job turns to the build it finds.
      await fresh.db.run('UPDATE embedding_models SET trained_on = 100 WHERE id = ?', [active.id]);
      const said: string[] = [];
      const run = await runEmbedJob({ db: fresh.db, config, progress: { start() {}, tick() {}, stop() {}, log(l: string) { said.push(l); } } });
      assert.deepEqual([run.model, run.rebuilt, run.embedded], ['lsa', true, 220]);
      assert.deepEqual(said, [], 'nothing trained again');
      assert.equal((await embeddingModels.active(fresh.db))?.id, id);
      assert.equal(await embeddingVectors.count(fresh.db, id), 520);
      assert.equal(await embeddingModels.byId(fresh.db, active.id), null, 'the old model went');
    });
  });
}
