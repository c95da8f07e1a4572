import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { backends, type FreshDb } from './helpers/databases.js';
import { topicPapers } from './helpers/topic-papers.js';
import { writeJsonl } from './helpers/topic-jsonl.js';
import { paperRecord } from './helpers/paper-records.js';
import { loadConfig } from '../src/config/config.js';
import { KeywordIndex } from '../src/search/keyword/keyword-index.js';
import { createSemanticSearch, type SemanticEngine } from '../src/search/semantic/create-semantic-search.js';
import { upsertRecords } from '../src/store/papers-write.js';
import { embeddingModels } from '../src/store/embedding-models.js';
import { decodeLsa, encodeLsa } from '../src/search/semantic/lsa-model-blob.js';
import { startEmbedJob } from '../src/jobs/embed-job-timer.js';

const BIN = fileURLToPath(new URL('../../bin/paperboy.js', import.meta.url));

for (const backend of backends()) {
  describe(`embedding job (${backend.name})`, () => {
    let fresh: FreshDb;
    let keyword: KeywordIndex;
    let engine: SemanticEngine;
    let dir = '';
    const { records, topicOf } = topicPapers();

    before(async () => {
      fresh = await backend.create();
      keyword = new KeywordIndex(fresh.db);
      engine = createSemanticSearch({ db: fresh.db, keyword, config: loadConfig({ DATABASE_URL: fresh.url }) });
      dir = mkdtempSync(join(tmpdir(), 'paperboy-embed-job-'));
    });
    after(async () => {
      await engine.close();
      await keyword.close();
      await fresh.drop();
      rmSync(dir, { recursive: true, force: true });
    });

    it('trains nothing below 50 papers, and semantic search degrades to keyword', async () => {
      await upsertRecords(fresh.db, records.filter((_, i) => i % 20 < 5)); // 20 papers, 5 per topic
      await keyword.indexPending();
      const run = await engine.embedPending();
      assert.match(run.problem ?? '', /too few papers/);
      assert.deepEqual([run.model, run.embedded, run.pending], [null, 0, 20]);
      const r = await engine.search('protein folding', { mode: 'hybrid', limit: 5 });
      assert.ok(r.ok);
      assert.equal(r.mode, 'keyword');
      assert.equal(r.degraded, 'a semantic model needs at least 50 papers, and this site has 20');
      assert.equal((await engine.status()).ready, false);
    });

    it('trains once there are enough papers, and retrains when the corpus has doubled', async () => {
      await upsertRecords(fresh.db, records.filter((_, i) => i % 20 >= 5 && i % 20 < 13)); // 52 papers
      await keyword.indexPending();
      const said: string[] = [];
      const progress = { start() {}, tick() {}, stop() {}, log(line: string) { said.push(line); } };
      const first = await engine.embedPending({ progress });
      assert.deepEqual([first.model, first.rebuilt, first.embedded, first.pending], ['lsa', true, 52, 0]);
      assert.equal(said.length, 2, said.join('\n'));
      assert.equal(said[0], 'training the semantic model (lsa) on 52 papers');
      assert.match(said[1]!, /^trained in \d+\.\d s; analysing every paper with it$/);
      assert.equal((await embeddingModels.active(fresh.db))?.trainedOn, 52);
      const again = await engine.embedPending();
      assert.deepEqual([again.rebuilt, again.embedded], [false, 0]);
      await upsertRecords(fresh.db, records.filter((_, i) => i % 20 >= 13 && i % 20 < 18)); // 72 papers: not doubled
      const folded = await engine.embedPending();
      assert.deepEqual([folded.rebuilt, folded.embedded], [false, 20]);
      await upsertRecords(fresh.db, records.filter((_, i) => i % 20 >= 18).concat(
        Array.from({ length: 30 }, (_, i) => paperRecord(`2509.${String(10000 + i)}`, { title: `Supernova telescope survey ${i}`, abstract: 'Redshift of supernova light curves.' })))); // 110 papers
      const retrained = await engine.embedPending();
      assert.deepEqual([retrained.rebuilt, retrained.embedded, retrained.pending], [true, 110, 0]);
      assert.equal((await embeddingModels.active(fresh.db))?.trainedOn, 110);
      assert.equal((await engine.status()).embedded, 110);
    });

    it('makes papers imported by another process searchable by meaning after one run', async () => {
      mkdirSync(join(dir, 'late'));
      const file = join(dir, 'late', 'late.jsonl');
      writeJsonl(file, [paperRecord('2510.00042', { title: 'Antibody docking with enzyme ligands', abstract: 'We dock antibody and enzyme ligands to peptide targets and predict binding.' })]);
      const imp = spawnSync(process.execPath, [BIN, 'import', file, '--json'], { env: { ...process.env, DATABASE_URL: fresh.url }, encoding: 'utf8' });
      assert.equal(imp.status, 0, imp.stderr);
      assert.equal((await engine.status()).pending, 1);
      await keyword.indexPending();
      const run = await engine.embedPending();
      assert.deepEqual([run.embedded, run.pending], [1, 0]);
      const r = await engine.search('peptide binding of antibodies', { mode: 'semantic', limit: 21 });
      assert.ok(r.ok && r.mode === 'semantic');
      assert.ok(r.hits.some((h) => h.paperId === '2510.00042'), r.hits.map((h) => h.paperId).join());
      assert.ok(r.hits.every((h) => h.paperId === '2510.00042' || topicOf.get(h.paperId) === 'protein'));
      const exact = await engine.search('antibody docking enzyme ligands', { mode: 'hybrid', limit: 1 });
      assert.ok(exact.ok);
      assert.equal(exact.hits[0]?.paperId, '2510.00042');
    });

    it('rebuilds a model an older version trained without character n-gram counts, serving the old one meanwhile', async () => {
      const before = (await embeddingModels.active(fresh.db))!;
      const stored = decodeLsa((await embeddingModels.data(fresh.db, before.id))!);
      assert.ok(stored.chars, 'this version stores the counts');
      const older = await embeddingModels.create(fresh.db, {
        kind: 'lsa', name: before.name, dimensions: before.dimensions, trainedOn: before.trainedOn, data: encodeLsa({ data: stored.data, labels: stored.labels }),
      });
      await embeddingModels.activate(fresh.db, older);
      const run = await engine.embedPending();
      assert.deepEqual([run.rebuilt, run.problem], [true, undefined]);
      const now = (await embeddingModels.active(fresh.db))!;
      assert.ok(now.id > older);
      assert.equal(decodeLsa((await embeddingModels.data(fresh.db, now.id))!).chars?.docs, now.trainedOn);
      assert.equal((await engine.embedPending()).rebuilt, false, 'once is enough');
    });

    it('gives a model an older version trained without residual idf its residual idf, training nothing again', async () => {
      const before = (await embeddingModels.active(fresh.db))!;
      const stored = decodeLsa((await embeddingModels.data(fresh.db, before.id))!);
      assert.equal(stored.data.ridf?.length, stored.data.terms.length, 'this version stores residual idf');
      const { ridf: _, ...without } = stored.data;
      const older = await embeddingModels.create(fresh.db, {
        kind: 'lsa', name: before.name, dimensions: before.dimensions, trainedOn: before.trainedOn, data: encodeLsa({ ...stored, data: without }),
      });
      await embeddingModels.activate(fresh.db, older);
      assert.equal((await embeddingModels.active(fresh.db))?.id, older);
      const run = await engine.embedPending();
      assert.deepEqual([run.rebuilt, run.problem, run.embedded], [false, undefined, 0]);
      const now = (await embeddingModels.active(fresh.db))!;
      assert.deepEqual([now.id, now.trainedOn], [older, before.trainedOn], 'the same model, not a new one');
      const added = decodeLsa((await embeddingModels.data(fresh.db, now.id))!);
      assert.deepEqual([...added.data.basis], [...stored.data.basis], 'not trained again');
      assert.deepEqual([...added.data.ridf!].map(String), [...stored.data.ridf!].map(String), 'measured on the same papers, as training measures it');
      assert.deepEqual([added.chars?.docs, added.regions === undefined, added.labels], [stored.chars?.docs, stored.regions === undefined, stored.labels], 'the other parts are kept');
      const again = await engine.embedPending();
      assert.deepEqual([again.rebuilt, (await embeddingModels.active(fresh.db))?.trainedAt], [false, now.trainedAt], 'once is enough');
    });

    it('runs on a timer in serve and stops cleanly', async () => {
      await upsertRecords(fresh.db, [paperRecord('2510.00043', { title: 'Quasar accretion', abstract: 'Accretion onto quasar black holes.' })]);
      const lines: string[] = [];
      const job = startEmbedJob(() => engine.embedPending(), { info: (m) => lines.push(m), warn: (m) => lines.push(`warn ${m}`) }, 50);
      const deadline = Date.now() + 10_000;
      while ((await engine.status()).pending > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      await job.stop();
      assert.equal((await engine.status()).pending, 0);
      assert.ok(lines.includes('embedding job: 1 paper embedded'), lines.join('\n'));
    });
  });
}
