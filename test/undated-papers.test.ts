import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { importFiles } from '../src/ingest/import-files.js';
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
        // Dated only by the day a daily listing showed it.
        paperRecord('2602.05746', { sourceName: 'jsonl', versions: [], publishedAt: '2026-02-09T00:00:00.000Z', publishedFrom: 'listing', categories: ['cs.IT'], primaryCategory: 'cs.IT' }),
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
      // A listing's day is shown as a date, with a title saying it is only that.
      assert.equal(times['2602.05746']!.text, 'Feb 9, 2026');
      assert.equal(times['2602.05746']!.getAttribute('title'), 'Listed on arXiv that day; no source gave its submission date');
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
      const listed = Object.fromEntries((await page(app, '/papers/2602.05746')).querySelectorAll('dl.facts dt').map((dt) => [dt.text, dt.nextElementSibling!.text]));
      assert.equal(listed['Listed'], 'Feb 9, 2026 (listed on arXiv that day; no source gave its submission date)');
      assert.equal(listed['Published'], undefined);
      const json = await app.inject({ url: '/api/papers/2602.05746' });
      assert.equal(json.json().publishedFrom, 'listing');
      const md = await app.inject({ url: '/papers/2602.05746.md' });
      assert.match(md.body, /\*\*Listed:\*\* 2026-02-09/);
    });
  });
}

for (const backend of backends()) {
  describe(`a daily feed's files dated by their names (${backend.name})`, () => {
    let tmp = '';
    before(() => { tmp = mkdtempSync(join(tmpdir(), 'paperboy-feed-')); });
    after(() => rmSync(tmp, { recursive: true, force: true }));

    const line = (id: string): string => `${JSON.stringify({ id, title: `Paper ${id}`, summary: 'Text.', authors: ['A. B'], categories: ['cs.CL'], comment: null })}\n`;
    const published = async (fresh: FreshDb): Promise<Record<string, string | null>> =>
      Object.fromEntries((await fresh.db.all<{ paper_id: string; published_at: string | null }>('SELECT paper_id, published_at FROM papers'))
        .map((r) => [r.paper_id, r.published_at ? new Date(r.published_at).toISOString() : null]));
    const origin = async (fresh: FreshDb, id: string): Promise<string | null> =>
      (await fresh.db.get<{ f: string | null }>('SELECT published_from AS f FROM papers WHERE paper_id = ?', [id]))!.f;

    it('takes the first listing day, leaves re-listed older papers undated, and yields to a real first-version date', async () => {
      const fresh = await backend.create();
      try {
        const dir = join(tmp, backend.name, 'data');
        mkdirSync(dir, { recursive: true });
        // The later file first: the order of import must not matter.
        writeFileSync(join(dir, '2025-04-02.jsonl.gz'), gzipSync(line('2503.00001') + line('2503.00002') + line('2504.00001')));
        writeFileSync(join(dir, '2025-03-18.jsonl'), line('2503.00001') + line('2401.00001'));
        writeFileSync(join(dir, '2025-04-09.jsonl'), line('2503.00003') + line('2504.00001'));
        writeFileSync(join(dir, 'extra.jsonl'), line('2503.00004'));
        const deps = { db: fresh.db, keyword: { indexPending: async () => 0 } };
        await importFiles(deps, [join(dir, '2025-04-02.jsonl.gz')]);
        await importFiles(deps, [join(dir, '2025-03-18.jsonl'), join(dir, '2025-04-09.jsonl'), join(dir, 'extra.jsonl')]);
        assert.deepEqual(await published(fresh), {
          '2503.00001': '2025-03-18T00:00:00.000Z', // listed on both days: the earlier
          '2503.00002': '2025-04-02T00:00:00.000Z', // end of March, announced in April's first week
          '2503.00003': null, // first seen a week into the next month: an old paper listed again
          '2504.00001': '2025-04-02T00:00:00.000Z',
          '2401.00001': null,
          '2503.00004': null, // a file not named after a day
        });
        assert.equal(await origin(fresh, '2503.00001'), 'listing');
        assert.equal(await origin(fresh, '2503.00003'), null);
        // Importing the same files again changes nothing.
        const again = await importFiles(deps, [dir]);
        assert.equal(again.added + again.updated, 0);
        assert.equal((await published(fresh))['2503.00001'], '2025-03-18T00:00:00.000Z');
        // The arXiv API gives the first version's date, which replaces the listing's.
        await upsertRecords(fresh.db, [paperRecord('2503.00001', { versions: [{ version: 1, date: '2025-03-14T09:00:00.000Z' }] })]);
        assert.equal((await published(fresh))['2503.00001'], '2025-03-14T09:00:00.000Z');
        assert.equal(await origin(fresh, '2503.00001'), 'version');
        // A date a source gives replaces a listing's day, even a later one; a listing never replaces it.
        await upsertRecords(fresh.db, [paperRecord('2504.00001', { sourceName: 'hf-daily', versions: [], publishedAt: '2025-04-03T08:00:00.000Z' })]);
        assert.deepEqual([(await published(fresh))['2504.00001'], await origin(fresh, '2504.00001')], ['2025-04-03T08:00:00.000Z', 'source']);
        await importFiles(deps, [dir]);
        assert.deepEqual([(await published(fresh))['2504.00001'], await origin(fresh, '2504.00001')], ['2025-04-03T08:00:00.000Z', 'source']);
      } finally {
        await fresh.drop();
      }
    });
  });
}
