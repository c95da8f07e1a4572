import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { backends } from './helpers/databases.js';
import { topicPapers, topicPaperId } from './helpers/topic-papers.js';
import { paperRecord } from './helpers/paper-records.js';
import { embeddedDb, type EmbeddedDb } from './helpers/embedded-db.js';
import type { SemanticEngine } from '../src/search/semantic/create-semantic-search.js';
import { SIMILAR_PAPERS_WEIGHTS } from '../src/search/similarity/similar-papers.js';

for (const backend of backends()) {
  describe(`similar papers and recommendations (${backend.name})`, () => {
    let engine: SemanticEngine;
    let db: EmbeddedDb;
    const { records, topicOf } = topicPapers();
    const protein = topicPaperId(1, 0), galaxy = topicPaperId(2, 3), graph = topicPaperId(3, 5);

    before(async () => {
      db = await embeddedDb(backend, records);
      ({ engine } = db);
    });
    after(async () => db.close());

    it('ranks papers of the same topic first, never the paper itself, best first', async () => {
      const hits = await engine.similar(protein, 19);
      assert.ok(hits);
      assert.equal(hits.length, 19);
      assert.ok(!hits.some((h) => h.paperId === protein));
      assert.ok(hits.every((h) => topicOf.get(h.paperId) === 'protein'), hits.map((h) => h.paperId).join());
      for (let i = 1; i < hits.length; i++) assert.ok(hits[i - 1]!.score >= hits[i]!.score);
    });

    it('ranks the whole corpus when the limit allows it', async () => {
      const hits = await engine.similar(galaxy, 1000);
      assert.ok(hits);
      assert.equal(new Set(hits.map((h) => h.paperId)).size, hits.length);
      assert.ok(hits.length >= 19);
      assert.ok(hits.slice(0, 19).every((h) => topicOf.get(h.paperId) === 'galaxy'));
    });

    it('explains a match by shared words and named topics', async () => {
      const [top] = (await engine.similar(protein, 1))!;
      assert.ok(top?.explanation);
      assert.ok(top.explanation.terms.length > 0);
      const words = new Set(['protein', 'folding', 'residue', 'backbone', 'amino', 'enzyme', 'antibody', 'ligand', 'docking', 'peptide', 'mutation', 'binding', 'structure', 'molecule', 'study', 'method', 'models', 'benchmarks', 'improves', 'jointly']);
      assert.ok(top.explanation.terms.every((t) => words.has(t)), top.explanation.terms.join());
      assert.ok(top.explanation.topics.length > 0);
      // Named by the two papers' own words on that topic: two or three of them.
      for (const t of top.explanation.topics) assert.ok([2, 3].includes(t.split(', ').length), t);
    });

    it('answers null for an unknown paper and an empty list for limit 0', async () => {
      assert.equal(await engine.similar('9999.99999', 5), null);
      assert.deepEqual(await engine.similar(protein, 0), []);
    });

    it('recommends papers of the liked topics, excluding inputs and disliked topics', async () => {
      const r = await engine.recommend([protein, topicPaperId(1, 1)], [graph], 10);
      assert.deepEqual(r.unknown, []);
      assert.equal(r.hits.length, 10);
      assert.ok(r.hits.every((h) => topicOf.get(h.paperId) === 'protein'));
      assert.ok(!r.hits.some((h) => h.paperId === protein || h.paperId === topicPaperId(1, 1)));
      const two = await engine.recommend([protein, galaxy], [], 40);
      const topics = new Set(two.hits.slice(0, 36).map((h) => topicOf.get(h.paperId)));
      assert.deepEqual(topics, new Set(['protein', 'galaxy']));
    });

    it('reports unknown ids and needs one known liked paper', async () => {
      const r = await engine.recommend(['0000.00000', protein], ['1111.11111'], 3);
      assert.deepEqual(r.unknown.sort(), ['0000.00000', '1111.11111']);
      assert.equal(r.hits.length, 3);
      assert.deepEqual(await engine.recommend([], [protein], 5), { hits: [], unknown: [] });
      assert.deepEqual((await engine.recommend(['0000.00000'], [], 5)).hits, []);
    });
  });
}

for (const backend of backends()) {
  describe(`similar papers weigh time (${backend.name})`, () => {
    let db: EmbeddedDb;
    const { records } = topicPapers();
    const query = records.find((r) => r.id === topicPaperId(1, 0))!;
    // Two copies of the query paper's text: only their publication dates differ.
    const twin = (id: string, date: string) => paperRecord(id, {
      title: query.title, abstract: query.abstract, categories: query.categories, primaryCategory: query.primaryCategory,
      authors: ['Twin Author'], versions: [{ version: 1, date }],
    });
    const near = '2501.90001', far = '2501.90002';

    before(async () => {
      db = await embeddedDb(backend, [...records, twin(far, '2008-01-15T12:00:00.000Z'), twin(near, '2023-03-15T12:00:00.000Z')]);
    });
    after(async () => db.close());

    it('ranks the same text published in the same period above one from fifteen years before', async () => {
      const hits = (await db.engine.similar(query.id, 40))!;
      const at = (id: string): number => hits.findIndex((h) => h.paperId === id);
      assert.equal(at(near), 0, hits.map((h) => h.paperId).join());
      assert.ok(at(far) > at(near), `${at(far)}`);
      const gap = hits[at(near)]!.score - hits[at(far)]!.score;
      assert.ok(gap > 12 * SIMILAR_PAPERS_WEIGHTS.perYearApart!, `15 years apart cost ${gap}`);
    });
  });
}
