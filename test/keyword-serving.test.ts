import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { backends, type FreshDb } from './helpers/databases.js';
import { paperRecord } from './helpers/paper-records.js';
import { loopTurns } from './helpers/loop-turns.js';
import { nextTurn } from '../src/progress/next-turn.js';
import { upsertRecords } from '../src/store/papers-write.js';
import { KeywordIndex } from '../src/search/keyword/keyword-index.js';

for (const backend of backends()) {
  describe(`keyword index in a serving process (${backend.name})`, () => {
    let fresh: FreshDb;
    let index: KeywordIndex;
    before(async () => {
      fresh = await backend.create();
      index = new KeywordIndex(fresh.db, { serving: true });
      await upsertRecords(fresh.db, Array.from({ length: 600 }, (_, i) => paperRecord(`2503.${String(10000 + i)}`, {
        title: `Sparse retrieval study ${i}`, abstract: `We index ${i % 2 ? 'galaxies' : 'proteins'} and report recall at ${i} documents.`,
      })));
    });
    after(async () => { await index.close(); await fresh.drop(); });

    it('builds the queued papers on the builder thread while other work (requests) runs, and finds them', async () => {
      // On this thread, building 5,000 queued papers held every request of `serve` for about a second.
      const turns = loopTurns();
      await nextTurn();
      const start = turns.count();
      let indexed = 0;
      try {
        indexed = await index.indexPending();
      } finally {
        turns.stop();
      }
      assert.equal(indexed, 600);
      assert.ok(turns.count() - start >= 3, `other work ran ${turns.count() - start} times while 600 papers were indexed`);
      const r = await index.searchRows('galaxies recall', { limit: 5 });
      assert.ok(r.ok);
      assert.equal(r.total, 300);
    });
  });
}
