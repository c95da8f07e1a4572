import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { arxivMonth } from '../src/model/normalise.js';
import { formatMonth } from '../src/web/views/format.js';
import { upsertRecords } from '../src/store/papers-write.js';
import { backends, type FreshDb } from './helpers/databases.js';
import { paperRecord } from './helpers/paper-records.js';
import { siteApp } from './helpers/site-seed.js';
import { htmlPage as page } from './helpers/html-doc.js';
import { KeywordIndex } from '../src/search/keyword/keyword-index.js';

describe('arxivMonth', () => {
  it('reads the month of first submission from new- and old-style ids', () => {
    assert.equal(arxivMonth('2602.05744'), '2026-02');
    assert.equal(arxivMonth('0704.0001'), '2007-04');
    assert.equal(arxivMonth('hep-th/9901001'), '1999-01');
    assert.equal(arxivMonth('math.AG/0512123'), '2005-12');
    assert.equal(formatMonth('2026-02'), 'Feb 2026');
    assert.equal(formatMonth('1999-01', true), 'January 1999');
  });

  it('gives nothing for ids that are no arXiv ids or name no month', () => {
    for (const id of ['csfcube:10010426', '2613.00001', '2600.00001', '26.02', 'hep-th/9913001', '']) assert.equal(arxivMonth(id), null, id);
  });
});

for (const backend of backends()) {
  describe(`papers no source dated (${backend.name})`, () => {
    let fresh: FreshDb;
    let app: FastifyInstance;
    before(async () => {
      fresh = await backend.create();
      // As a daily feed's JSON lines give them: no date anywhere, no versions.
      await upsertRecords(fresh.db, [
        paperRecord('2602.05744', { sourceName: 'jsonl', title: 'Pinsker for <Tsallis> & friends', versions: [], categories: ['cs.IT'], primaryCategory: 'cs.IT' }),
        paperRecord('2602.05745', { sourceName: 'jsonl', versions: [], publishedAt: '2026-02-05T10:00:00.000Z', categories: ['cs.IT'], primaryCategory: 'cs.IT' }),
      ]);
      const keyword = new KeywordIndex(fresh.db);
      await keyword.indexPending();
      app = await siteApp(fresh, keyword);
    });
    after(async () => {
      await app.close();
      await fresh.drop();
    });

    it('show the month of the arXiv id on cards, saying where it comes from', async () => {
      const doc = await page(app, '/categories/cs.IT');
      const times = Object.fromEntries(doc.querySelectorAll('.paper').map((c) => [c.getAttribute('data-paper-id'), c.querySelector('.meta time')]));
      assert.equal(times['2602.05744']!.text, 'Feb 2026');
      assert.equal(times['2602.05744']!.getAttribute('datetime'), '2026-02');
      assert.match(times['2602.05744']!.getAttribute('title')!, /^Submitted in February 2026: the month of its arXiv id; no source gave the day$/);
      // A stated date wins over the id's month.
      assert.equal(times['2602.05745']!.text, 'Feb 5, 2026');
      assert.equal(times['2602.05745']!.getAttribute('title') ?? null, null);
    });

    it('say on the paper page that only the month is known, and from where', async () => {
      const doc = await page(app, '/papers/2602.05744');
      assert.equal(doc.querySelector('h1')!.text, 'Pinsker for <Tsallis> & friends');
      const facts = Object.fromEntries(doc.querySelectorAll('dl.facts dt').map((dt) => [dt.text, dt.nextElementSibling!.text]));
      assert.equal(facts['Published'], undefined);
      assert.equal(facts['Submitted'], 'February 2026 (the month of its arXiv id; no source gave the day)');
      const dated = Object.fromEntries((await page(app, '/papers/2602.05745')).querySelectorAll('dl.facts dt').map((dt) => [dt.text, dt.nextElementSibling!.text]));
      assert.equal(dated['Published'], 'Feb 5, 2026');
      assert.equal(dated['Submitted'], undefined);
    });
  });
}
