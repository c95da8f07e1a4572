import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { backends } from './helpers/databases.js';
import { paperRecord } from './helpers/paper-records.js';
import { embeddedDb, type EmbeddedDb } from './helpers/embedded-db.js';
import { TOPIC_WORDS } from './helpers/topic-papers.js';
import type { PaperRecord } from '../src/model/paper-record.js';
import { embeddingModels } from '../src/store/embedding-models.js';
import { decodeLsa } from '../src/search/semantic/lsa-model-blob.js';
import { LsaEmbedder } from '../src/search/vector/lsa-embedder.js';
import { termOf } from '../src/search/keyword/tokenize.js';
import { MIN_REGION_PAPERS, regionModel } from '../src/search/semantic/lsa-regions.js';
import { lsaModelEmbedder } from '../src/search/semantic/model-embedder.js';
import { explainMatch } from '../src/search/semantic/explain.js';
import { paperText } from '../src/search/vector/embedder.js';

const TOPICS = ['translation', 'galaxy'] as const;

/** Two fields of MIN_REGION_PAPERS papers each: the smallest corpus whose model is split into regions. */
function twoFields(): { records: PaperRecord[]; field: Map<string, string> } {
  const records: PaperRecord[] = [];
  const field = new Map<string, string>();
  TOPICS.forEach((name, t) => {
    const words = TOPIC_WORDS[name]!.words;
    for (let i = 0; i < MIN_REGION_PAPERS; i++) {
      // Every paper of a field names its first two words (a field's core), then varies the rest.
      const w = (k: number): string => (k < 2 ? words[k]! : words[2 + ((i * 5 + k * (3 + (i % 4))) % (words.length - 2))]!);
      const id = `2502.${t + 1}${String(i).padStart(4, '0')}`;
      field.set(id, name);
      records.push(paperRecord(id, {
        title: `${w(0)} ${w(1)} for ${w(2)}`,
        abstract: `We study ${w(0)} ${w(1)} with ${w(2)} ${w(3)} and ${w(4)}; our ${w(5)} improves ${w(6)}.`,
        versions: [{ version: 1, date: '2025-02-10T12:00:00.000Z' }],
      }));
    }
  });
  return { records, field };
}

for (const backend of backends()) {
  describe(`regional models in the engine (${backend.name})`, () => {
    let db: EmbeddedDb;
    const { records, field } = twoFields();
    before(async () => { db = await embeddedDb(backend, records); });
    after(async () => db.close());

    it('trains one model per field with the corpus-wide one and stores them in the database', async () => {
      const row = await embeddingModels.active(db.fresh.db);
      assert.ok(row);
      const blob = await embeddingModels.data(db.fresh.db, row.id);
      assert.ok(blob);
      const stored = decodeLsa(blob);
      assert.equal(stored.regions?.models.length, 2, 'a 6,000-paper sample makes two regions');
      const vocabularies = stored.regions!.models.map((m) => new Set(LsaEmbedder.fromData(m).vocabulary.keys()));
      const fieldOf = (v: Set<string>): string[] => TOPICS.filter((t) => TOPIC_WORDS[t]!.words.some((w) => v.has(termOf(w) ?? w)));
      assert.deepEqual(vocabularies.map(fieldOf).sort(), [['galaxy'], ['translation']], 'each region is one field');
    });

    it('ranks similar papers of the paper\'s own field through its regional model', async () => {
      for (const id of ['2502.10007', '2502.20011']) {
        const hits = await db.engine.similar(id, 10);
        assert.ok(hits);
        assert.equal(hits.length, 10);
        assert.ok(hits.every((h) => field.get(h.paperId) === field.get(id) && h.paperId !== id), hits.map((h) => h.paperId).join());
      }
    });

    it('measures residual idf on the corpus-wide model and leaves the prose\'s words out of every explanation', async () => {
      const row = await embeddingModels.active(db.fresh.db);
      const stored = decodeLsa((await embeddingModels.data(db.fresh.db, row!.id))!);
      assert.equal(stored.data.ridf?.length, stored.data.terms.length);
      const lsa = lsaModelEmbedder(stored).lsa!;
      // Every abstract says "We study ... our ... improves": words of the prose, not of a field.
      const prose = ['study', 'improves'].map((w) => termOf(w)!);
      const rowOf = (t: string): number => lsa.model.vocabulary.get(t)!;
      for (const t of prose) assert.ok(lsa.generic.has(rowOf(t)), `${t} is generic`);
      for (const name of TOPICS) assert.ok(!lsa.generic.has(rowOf(termOf(TOPIC_WORDS[name]!.words[0]!)!)), `${name}'s core word is not`);
      for (const m of lsa.regions!.models) for (const t of prose) assert.ok(m!.generic!.has(m!.model.vocabulary.get(t)!), `${t} is generic in every region`);
      for (const id of ['2502.10007', '2502.20011']) {
        const hits = (await db.engine.similar(id, 10))!;
        const shared = hits.flatMap((h) => [...h.explanation!.terms, ...h.explanation!.topics.flatMap((x) => x.split(', '))].map((w) => termOf(w.toLowerCase())));
        assert.ok(shared.length > 0);
        assert.ok(!shared.some((t) => prose.includes(t!)), shared.join());
      }
    });

    it('explains a match by the regional model that scored it, its topics named in readable words', async () => {
      const row = await embeddingModels.active(db.fresh.db);
      const lsa = lsaModelEmbedder(decodeLsa((await embeddingModels.data(db.fresh.db, row!.id))!)).lsa!;
      const text = new Map(records.map((r) => [r.id, paperText(r.title, r.abstract)]));
      for (const id of ['2502.10007', '2502.20011']) {
        const hits = (await db.engine.similar(id, 5))!;
        const regional = regionModel(lsa.regions!, lsa.model.embedOne(text.get(id)!));
        assert.ok(regional, 'the paper\'s region has a model');
        const mine = regional.model.embedOne(text.get(id)!);
        for (const h of hits) {
          const theirs = regional.model.embedOne(text.get(h.paperId)!);
          assert.deepEqual(h.explanation, explainMatch(text.get(id)!, text.get(h.paperId)!, { a: mine, b: theirs }, regional));
          assert.ok(h.explanation!.topics.length > 0, `${h.paperId} has topics`);
          // Stems ("translat") would mean the regional model's terms were not given readable labels.
          // A topic the two papers barely load on is named by its model's strongest words: the field's.
          const spelled = new Set([...`${text.get(id)} ${text.get(h.paperId)}`.toLowerCase().split(/[^a-z]+/), ...TOPIC_WORDS[field.get(id)!]!.words]);
          for (const topic of h.explanation!.topics) for (const w of topic.split(', ')) assert.ok(spelled.has(w), `"${w}" in "${topic}" is a word of the paper's field`);
        }
      }
    });
  });
}
