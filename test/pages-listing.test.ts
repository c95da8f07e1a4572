import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { htmlPage as page, cardTitles as titles } from './helpers/html-doc.js';
import { backends } from './helpers/databases.js';
import { seedDays, seededSite, siteApp } from './helpers/site-seed.js';
import { paperRecord } from './helpers/paper-records.js';
import { upsertRecords } from '../src/store/papers-write.js';

for (const backend of backends()) {
  describe(`daily listing pages (${backend.name})`, () => {
    const site = seededSite(backend);
    const d = seedDays();

    it('shows the newest listed day at / with landmarks, skip link and a theme toggle', async () => {
      const doc = await page(site.app, '/');
      assert.deepEqual(titles(doc), ['Small models that reason', 'Benchmarks for code agents']);
      assert.equal(doc.querySelector('main#main h1')!.text.includes(d.latest.slice(0, 4)), true);
      assert.ok(doc.querySelector('header.site-header nav[aria-label="Main"]'));
      assert.ok(doc.querySelector('footer.site-footer'));
      assert.equal(doc.querySelector('a.skip-link')!.getAttribute('href'), '#main');
      assert.equal(doc.querySelector('[data-theme-toggle]')!.hasAttribute('hidden'), true);
      assert.match(doc.querySelector('script')!.getAttribute('src')!, /^\/assets\/theme\.[0-9a-f]+\.js$/);
      assert.equal(doc.querySelectorAll('script:not([src])').length, 0);
      assert.equal(doc.querySelector('input[type=date][name=date]')!.getAttribute('value'), d.latest);
      assert.equal(doc.querySelector('a[rel=prev]')!.getAttribute('href'), `/papers?date=${d.middle}`);
      assert.equal(doc.querySelector('.period-nav a[rel=next]'), null);
    });

    it('shows everything a card needs', async () => {
      const doc = await page(site.app, `/papers?date=${d.middle}`);
      assert.deepEqual(titles(doc).slice(0, 2), ['Diffusion transformers for protein design', 'Retrieval augmented speech models']);
      const card = doc.querySelector('.paper[data-paper-id="2503.00010"]')!;
      assert.equal(card.querySelector('h2 a')!.getAttribute('href'), '/papers/2503.00010');
      assert.equal(card.querySelector('.authors')!.text, 'Ada Lovelace, Alan Turing, Grace Hopper +2');
      assert.equal(card.querySelector('a.organization')!.text, 'Acme Labs');
      assert.equal(card.querySelector('a.organization')!.getAttribute('href'), '/orgs/acme');
      assert.equal(card.querySelector('time')!.getAttribute('datetime'), d.middle);
      assert.equal(card.querySelector('.votes')!.text, '42upvotes');
      assert.equal(card.querySelector('.comments')!.text, '3 comments');
      assert.deepEqual(card.querySelectorAll('a.category').map((a) => a.getAttribute('href')), ['/categories/cs.LG', '/categories/q-bio.BM']);
      assert.match(card.querySelector('.abstract')!.text, /^We train diffusion transformers/);
      assert.equal(card.querySelector('a.code')!.getAttribute('href'), 'https://github.com/acme/protein-dit');
      assert.match(card.querySelector('a.code')!.text, /★ 1\.2k/);
      assert.equal(card.querySelector('a.project')!.getAttribute('href'), 'https://acme.example/dit');
    });

    it('links previous and next listed days, skipping empty ones', async () => {
      const doc = await page(site.app, `/papers?date=${d.middle}`);
      assert.equal(doc.querySelector('.period-nav a[rel=prev]')!.getAttribute('href'), `/papers?date=${d.older}`);
      assert.equal(doc.querySelector('.period-nav a[rel=next]')!.getAttribute('href'), `/papers?date=${d.latest}`);
    });

    it('says so when nothing was featured and links the nearest day with papers', async () => {
      const doc = await page(site.app, `/papers?date=${d.gap}`);
      assert.equal(titles(doc).length, 0);
      assert.match(doc.querySelector('.empty')!.text, /No papers were featured on this day/);
      assert.ok([`/papers?date=${d.middle}`, `/papers?date=${d.latest}`].includes(doc.querySelector('a.nearest')!.getAttribute('href')!));
      const far = await page(site.app, '/papers?date=2001-01-01');
      assert.equal(far.querySelector('a.nearest')!.getAttribute('href'), `/papers?date=${d.older}`);
    });

    it('lists a week and a month, and sorts by listing time', async () => {
      const month = await page(site.app, `/papers?month=${d.middle.slice(0, 7)}`);
      assert.ok(titles(month).includes('Diffusion transformers for protein design'));
      assert.match(month.querySelector('.lede')!.text, /featured paper/);
      const newest = await page(site.app, `/papers?date=${d.middle}&sort=publishedAt`);
      assert.deepEqual(titles(newest)[0], 'Tokenizers without vocabularies');
      assert.equal(newest.querySelector('.segmented[aria-label=Sort] a[aria-current]')!.text, 'Newest');
      assert.equal(newest.querySelector('input[type=hidden][name=sort]')!.getAttribute('value'), 'publishedAt');
    });

    it('answers a malformed period with a 400 page, never a 500', async () => {
      for (const url of ['/papers?date=2025-02-30', '/papers?week=2025-W99', '/papers?month=13', '/papers?date=x&date=y', '/papers?date=%3Cscript%3E']) {
        const doc = await page(site.app, url, 400);
        assert.match(doc.querySelector('h1')!.text, /not a date/);
        assert.ok(doc.querySelector('form input[type=date]'));
      }
      const odd = await page(site.app, '/papers?date=&sort=bogus&page=-3');
      assert.deepEqual(titles(odd), ['Small models that reason', 'Benchmarks for code agents']);
    });
  });

  describe(`home page without listings (${backend.name})`, () => {
    it('explains the commands on an empty database, then shows newest papers once some exist', async () => {
      const fresh = await backend.create();
      const app = await siteApp(fresh);
      try {
        const empty = await page(app, '/');
        const commands = empty.querySelectorAll('pre code').map((c) => c.text);
        assert.deepEqual(commands, ['npx paperboy import PATH...', 'npx paperboy harvest hf-daily --date YYYY-MM-DD', 'npx paperboy harvest arxiv-rss --category cs.CL']);
        await upsertRecords(fresh.db, [paperRecord('2501.00001', { title: 'Only on arXiv' })]);
        const latest = await page(app, '/');
        assert.equal(latest.querySelector('h1')!.text, 'Latest papers');
        assert.deepEqual(titles(latest), ['Only on arXiv']);
      } finally {
        await app.close();
        await fresh.drop();
      }
    });
  });
}
