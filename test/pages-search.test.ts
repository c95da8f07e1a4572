import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { backends, type FreshDb } from './helpers/databases.js';
import { seedSite, siteApp } from './helpers/site-seed.js';
import { paperRecord } from './helpers/paper-records.js';
import { htmlPage as page, cardTitles as titles } from './helpers/html-doc.js';
import { upsertRecords } from '../src/store/papers-write.js';

for (const backend of backends()) {
  describe(`search page (${backend.name})`, () => {
    let fresh: FreshDb;
    let app: FastifyInstance;
    before(async () => {
      fresh = await backend.create();
      await upsertRecords(fresh.db, Array.from({ length: 25 }, (_, i) => paperRecord(`2401.${String(i + 100).padStart(5, '0')}`, {
        title: `Quantum annealing study ${i + 1}`, versions: [{ version: 1, date: `2024-01-${String(i + 1).padStart(2, '0')}T00:00:00.000Z` }],
      })));
      app = await siteApp(fresh, await seedSite(fresh));
    });
    after(async () => {
      await app.close();
      await fresh.drop();
    });

    it('marks matched words (stems included) and keeps the query in the box', async () => {
      const doc = await page(app, '/search?q=Transformers');
      assert.deepEqual(titles(doc).sort(), ['Diffusion transformers for protein design', 'Graph transformers revisited']);
      assert.equal(doc.querySelector('input#q')!.getAttribute('value'), 'Transformers');
      const marks = doc.querySelectorAll('.paper mark').map((m) => m.text.toLowerCase());
      assert.ok(marks.includes('transformers') && marks.includes('transformer'), marks.join());
      assert.equal(doc.querySelector('form.site-search'), null, 'one search form on the search page');
      assert.equal(doc.querySelector('nav[aria-label=Main] a[aria-current=page]')!.text, 'Search');
    });

    it('filters by category, date range, organization and code', async () => {
      assert.deepEqual(titles(await page(app, '/search?q=speech&category=eess.AS')), ['Speech recognition in noisy rooms']);
      assert.deepEqual(titles(await page(app, '/search?q=speech&org=acme')), ['Retrieval augmented speech models']);
      assert.deepEqual(titles(await page(app, '/search?q=quantum&from=2024-01-03&to=2024-01-04&sort=date')), ['Quantum annealing study 4', 'Quantum annealing study 3']);
      assert.deepEqual(titles(await page(app, '/search?q=transformers&code=1')), ['Diffusion transformers for protein design']);
      const kept = await page(app, '/search?q=speech&category=eess.AS&org=acme&code=1&sort=date&from=2020-01-01');
      assert.equal(kept.querySelector('input[name=category]')!.getAttribute('value'), 'eess.AS');
      assert.equal(kept.querySelector('input[name=org]')!.getAttribute('value'), 'acme');
      assert.equal(kept.querySelector('input[name=from]')!.getAttribute('value'), '2020-01-01');
      assert.ok(kept.querySelector('input[name=code]')!.hasAttribute('checked'));
      assert.equal(kept.querySelector('select[name=sort] option[selected]')!.getAttribute('value'), 'date');
    });

    it('pages through results and sorts by date', async () => {
      const first = await page(app, '/search?q=quantum&sort=date');
      assert.equal(titles(first).length, 20);
      assert.equal(titles(first)[0], 'Quantum annealing study 25');
      assert.match(first.querySelector('.result-count')!.text, /1–20 of 25/);
      const next = first.querySelector('.pager a[rel=next]')!.getAttribute('href')!;
      assert.equal(next, '/search?q=quantum&sort=date&page=2');
      const second = await page(app, next);
      assert.deepEqual(titles(second), ['Quantum annealing study 5', 'Quantum annealing study 4', 'Quantum annealing study 3', 'Quantum annealing study 2', 'Quantum annealing study 1']);
      assert.equal(second.querySelector('.pager a[rel=prev]')!.getAttribute('href'), '/search?q=quantum&sort=date');
    });

    it('answers empty, stopword-only and odd queries with help, never a 500', async () => {
      const empty = await page(app, '/search');
      assert.ok(empty.querySelectorAll('.search-help li a').length >= 4);
      const blank = await page(app, '/search?q=%20%20');
      assert.ok(blank.querySelector('.search-help'));
      const stop = await page(app, '/search?q=the+of+and', 400);
      assert.match(stop.querySelector('.problem')!.text, /no searchable words/);
      assert.equal(stop.querySelector('input#q')!.getAttribute('value'), 'the of and');
      for (const q of ['"((', 'author:', '-', 'a OR OR b', `${'x'.repeat(5000)}`, '%E0%A4%A', 'category:"', 'year:99999']) {
        const res = await app.inject(`/search?q=${encodeURIComponent(q)}&page=abc&from=yesterday&category=<b>`);
        assert.ok(res.statusCode === 200 || res.statusCode === 400, `${q}: ${res.statusCode}`);
      }
      const notes = await page(app, '/search?q=speech&from=yesterday&category=%3Cb%3E');
      assert.equal(notes.querySelectorAll('.note').length, 2);
      const none = await page(app, '/search?q=zebrafish');
      assert.match(none.querySelector('.empty')!.text, /No papers match/);
    });

    it('opens the paper a pasted arXiv id or paper address names, and says when this site lacks it', async () => {
      for (const q of ['2401.00100', ' 2401.00100v3 ', 'arXiv:2401.00100', 'https://arxiv.org/abs/2401.00100v2', 'arxiv.org/pdf/2401.00100v1.pdf',
        'https://arxiv.org/html/2401.00100v2#S3', 'https://huggingface.co/papers/2401.00100?utm=x', 'https://www.alphaxiv.org/abs/2401.00100/']) {
        const res = await app.inject(`/search?q=${encodeURIComponent(q)}&mode=semantic`);
        assert.equal(res.statusCode, 303, q);
        assert.equal(res.headers.location, '/papers/2401.00100', q);
      }
      const old = await app.inject(`/search?q=${encodeURIComponent('https://arxiv.org/abs/hep-th/9901001v2')}`);
      assert.equal(old.headers.location, '/papers/hep-th/9901001');
      const missing = await page(app, `/search?q=${encodeURIComponent('https://arxiv.org/abs/2599.99999')}`);
      assert.match(missing.querySelector('.empty')!.text, /arXiv:2599\.99999 is not among this site's papers/);
      assert.equal(missing.querySelector('.empty a')!.getAttribute('href'), 'https://arxiv.org/abs/2599.99999');
      assert.equal(titles(missing).length, 0, 'no ranking of the digits');
      assert.equal(missing.querySelector('input#q')!.getAttribute('value'), 'https://arxiv.org/abs/2599.99999');
      // Anything more than a reference is a search: words beside an id, another site's address.
      for (const q of ['2401.00100 quantum', 'https://example.org/abs/2401.00100']) {
        const res = await app.inject(`/search?q=${encodeURIComponent(q)}`);
        assert.notEqual(res.statusCode, 303, q);
      }
    });
  });
}
