import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { backends, type FreshDb } from './helpers/databases.js';
import { paperRecord } from './helpers/paper-records.js';
import { webAppWith } from './helpers/web-app.js';
import { htmlPage } from './helpers/html-doc.js';
import { lastHarvestDone } from '../src/store/harvest-state.js';

// Listings say when their upvotes were counted: Hugging Face's counts change for days, and the site
// shows them as of its last fetch (or as imported files recorded them).
for (const backend of backends()) {
  describe(`when the counts were counted (${backend.name})`, () => {
    let fresh: FreshDb;
    let app: FastifyInstance;
    const save = (key: string, status: string, at: string) =>
      fresh.db.run('INSERT INTO harvest_state (key, state, status, updated_at) VALUES (?, ?, ?, ?)', [key, '{}', status, at]);
    before(async () => {
      fresh = await backend.create();
      app = await webAppWith(fresh, [
        paperRecord('2512.00001', { sourceName: 'hf-daily', listing: { day: '2025-12-05' }, upvotes: 12 }),
        paperRecord('2512.00002', { sourceName: 'hf-daily', listing: { day: new Date().toISOString().slice(0, 10) }, upvotes: 3 }),
      ], { PAPERBOY_PAGE_CACHE_MB: '0' });
    });
    after(async () => {
      await app.close();
      await fresh.drop();
    });

    it('says imported files when Hugging Face was never fetched', async () => {
      const doc = await htmlPage(app, '/papers?date=2025-12-05');
      assert.equal(doc.querySelector('.counts-note')!.text, 'Upvotes and comments as the imported Daily Papers files recorded them.');
    });

    it('gives the time of the last finished Hugging Face harvest', async () => {
      await save('hf-daily?from=2025-11-29&until=2025-12-05', 'done', '2025-12-05T14:05:00.000Z');
      await save('hf-daily?from=2025-11-30&until=2025-12-06', 'failed', '2025-12-06T14:05:00.000Z');
      await save('arxiv-rss?categories=cs.CL', 'done', '2025-12-07T00:00:00.000Z');
      assert.equal(await lastHarvestDone(fresh.db, 'hf-daily'), '2025-12-05T14:05:00.000Z');
      const doc = await htmlPage(app, '/papers?date=2025-12-05');
      const note = doc.querySelector('.counts-note')!;
      assert.equal(note.text.replace(/\s+/g, ' '), 'Upvotes and comments as Hugging Face counted them when last fetched, Dec 5, 2025, 14:05 UTC.');
      assert.equal(note.querySelector('time')!.getAttribute('datetime'), '2025-12-05T14:05:00.000Z');
      const trending = await htmlPage(app, '/trending');
      assert.equal(trending.querySelector('.counts-note')!.querySelector('time')!.getAttribute('datetime'), '2025-12-05T14:05:00.000Z');
      const empty = await htmlPage(app, '/papers?date=2025-12-04');
      assert.equal(empty.querySelector('.counts-note'), null, 'no counts, no note');
    });
  });
}
