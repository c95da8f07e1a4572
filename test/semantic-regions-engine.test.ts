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
import { MIN_REGION_PAPERS } from '../src/search/semantic/lsa-regions.js';

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
  });
}
