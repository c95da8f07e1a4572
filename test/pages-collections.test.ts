import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { backends } from './helpers/databases.js';
import { seedDays, seedSite, seededSite, siteApp } from './helpers/site-seed.js';
import { isoWeekOf } from '../src/store/listings.js';
import { bumpDataVersion } from '../src/store/data-version.js';
import { htmlPage as page, cardTitles as titles } from './helpers/html-doc.js';

for (const backend of backends()) {
  describe(`author, organization, category and trending pages (${backend.name})`, () => {
    const site = seededSite(backend);

    it('lists an author\'s papers newest first with a count', async () => {
      const doc = await page(site.app, '/authors/Grace%20Hopper');
      assert.equal(doc.querySelector('h1')!.text, 'Grace Hopper');
      assert.match(doc.querySelector('.paper-count')!.text, /^1 paper/);
      assert.deepEqual(titles(doc), ['Diffusion transformers for protein design']);
      const ada = await page(site.app, '/authors/Ada%20Lovelace');
      assert.match(ada.querySelector('.paper-count')!.text, /^9 papers/);
      assert.equal(titles(ada).at(-1), 'Strings on old-style identifiers');
      await page(site.app, '/authors/Nobody%20Here', 404);
    });

    it('lists an organization\'s papers under its full name', async () => {
      const doc = await page(site.app, '/orgs/acme');
      assert.equal(doc.querySelector('h1')!.text, 'Acme Labs');
      assert.match(doc.querySelector('.paper-count')!.text, /^2 papers/);
      assert.deepEqual(titles(doc).sort(), ['Diffusion transformers for protein design', 'Retrieval augmented speech models']);
      assert.equal(doc.querySelector('.namesakes'), null);
      await page(site.app, '/orgs/no-such-org', 404);
    });

    it('names the other accounts an institution holds under the same full name', async () => {
      // Written as an import would be seen: the row, then a new data version so cached pages expire.
      await site.fresh.db.run('INSERT INTO organizations (name, fullname) VALUES (?, ?)', ['AcmeLabs', 'ACME labs']);
      await bumpDataVersion(site.fresh.db);
      try {
        const doc = await page(site.app, '/orgs/acme');
        const links = doc.querySelectorAll('.namesakes a');
        assert.deepEqual(links.map((a) => [a.getAttribute('href'), a.text]), [['/orgs/AcmeLabs', 'AcmeLabs'], ['/search?org=Acme+Labs', 'all their papers together']]);
        assert.match(doc.querySelector('.namesakes')!.text, /^Also on Hugging Face as AcmeLabs \(0 papers\) · all their papers together$/);
        const other = await page(site.app, '/orgs/AcmeLabs');
        assert.match(other.querySelector('.namesakes')!.text, /acme \(2 papers\)/);
        // The index of organizations links the listing of all the accounts' papers beside acme.
        const index = await page(site.app, '/orgs');
        const acme = index.querySelectorAll('ul.directory li').find((li) => li.querySelector('a')!.getAttribute('href') === '/orgs/acme')!;
        assert.equal(acme.querySelector('a.namesakes')!.getAttribute('href'), '/search?org=Acme+Labs');
        assert.equal(acme.querySelector('a.namesakes')!.text, 'all 2 accounts');
        assert.equal(index.querySelectorAll('a.namesakes').length, 1);
      } finally {
        await site.fresh.db.run('DELETE FROM organizations WHERE name = ?', ['AcmeLabs']);
        await bumpDataVersion(site.fresh.db);
      }
    });

    it('lists an organization\'s papers on the search page when no words are given, narrowed by the other filters', async () => {
      const all = await page(site.app, '/search?org=ACME+LABS');
      assert.deepEqual(titles(all), ['Retrieval augmented speech models', 'Diffusion transformers for protein design']);
      assert.equal(all.querySelector('.result-count')!.text, '1–2 of 2 papers, newest first');
      assert.equal(all.querySelector('input[name=org]')!.getAttribute('value'), 'ACME LABS');
      assert.deepEqual(titles(await page(site.app, '/search?org=acme&code=1')), ['Diffusion transformers for protein design']);
      assert.deepEqual(titles(await page(site.app, '/search?org=acme&category=q-bio.BM')), ['Diffusion transformers for protein design']);
      // The speech paper's v1 is the day before the middle listing day, the protein paper's two days before.
      const before = (n: number) => new Date(Date.parse(`${seedDays().middle}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);
      assert.deepEqual(titles(await page(site.app, `/search?org=acme&from=${before(1)}`)), ['Retrieval augmented speech models']);
      assert.deepEqual(titles(await page(site.app, `/search?org=acme&to=${before(2)}`)), ['Diffusion transformers for protein design']);
      const none = await page(site.app, '/search?org=nobody');
      assert.equal(titles(none).length, 0);
      assert.match(none.querySelector('.empty')!.text, /No papers from nobody match these filters/);
      // With words, the organization still filters the ranked matches.
      assert.deepEqual(titles(await page(site.app, '/search?q=speech&org=acme')), ['Retrieval augmented speech models']);
    });

    it('lists every paper with code when "has code" is the only filter besides dates and category', async () => {
      const code = await page(site.app, '/search?code=1');
      assert.deepEqual(titles(code), ['Small models that reason', 'Diffusion transformers for protein design']);
      assert.equal(code.querySelector('.result-count')!.text, '1–2 of 2 papers, newest first');
      assert.deepEqual(titles(await page(site.app, '/search?code=1&category=cs.LG')), ['Diffusion transformers for protein design']);
      const none = await page(site.app, '/search?code=1&category=eess.AS');
      assert.match(none.querySelector('.empty')!.text, /No papers with code match these filters/);
    });

    it('offers a search inside an organization\'s or a category\'s papers', async () => {
      for (const [url, name, value, label] of [['/orgs/acme', 'org', 'acme', 'Search Acme Labs\'s papers'], ['/categories/cs.CL', 'category', 'cs.CL', 'Search cs.CL']] as const) {
        const form = (await page(site.app, url)).querySelector('form.scoped-search')!;
        assert.equal(form.getAttribute('action'), '/search', url);
        assert.equal(form.getAttribute('method'), 'get');
        assert.equal(form.querySelector(`input[type=hidden][name=${name}]`)!.getAttribute('value'), value);
        assert.equal(form.querySelector('input[name=q]')!.getAttribute('placeholder'), label);
      }
      // What the organization's form sends: the words, ranked among its papers only.
      const found = await page(site.app, '/search?org=acme&q=models');
      assert.deepEqual(titles(found), ['Retrieval augmented speech models']);
      assert.equal((await page(site.app, '/search?q=models')).querySelectorAll('.paper').length > 1, true, 'other papers say "models" too');
      assert.equal((await page(site.app, '/orgs/no-such-org', 404)).querySelector('form.scoped-search'), null);
    });

    it('lists a category\'s papers, primary and cross-listed', async () => {
      const doc = await page(site.app, '/categories/eess.AS');
      assert.deepEqual(titles(doc), ['Speech recognition in noisy rooms']);
      const cl = await page(site.app, '/categories/cs.CL');
      assert.match(cl.querySelector('.paper-count')!.text, /^8 papers/);
      // A day's (or days') papers of the category: the form asks the search page for them.
      const form = cl.querySelector('form.date-picker[action="/search"]')!;
      assert.equal(form.getAttribute('method'), 'get');
      assert.equal(form.querySelector('input[type=hidden][name=category]')!.getAttribute('value'), 'cs.CL');
      assert.deepEqual(form.querySelectorAll('input[type=date]').map((i) => i.getAttribute('name')), ['from', 'to']);
      const day = cl.querySelector('.paper .meta time')!.getAttribute('datetime')!.slice(0, 10);
      const listed = await page(site.app, `/search?category=cs.CL&from=${day}&to=${day}`);
      assert.equal(listed.querySelector('.degraded'), null);
      assert.match(listed.querySelector('.result-count')!.text, /^1–\d+ of \d+ papers?, newest first$/);
      assert.ok(titles(listed).includes(titles(cl)[0]!), titles(listed).join(' | '));
      assert.ok(listed.querySelectorAll('.paper .meta time').every((t) => t.getAttribute('datetime')!.startsWith(day)));
      await page(site.app, '/categories/xx.YY', 404);
    });

    it('indexes the categories by archive, with arXiv\'s names and paper counts', async () => {
      const doc = await page(site.app, '/categories');
      assert.equal(doc.querySelector('h1')!.text, 'Categories');
      const groups = doc.querySelectorAll('section.directory-group');
      assert.equal(groups[0]!.querySelector('h2')!.text, 'Computer Science cs');
      const cl = groups[0]!.querySelectorAll('li').find((li) => li.querySelector('a')!.text === 'cs.CL')!;
      assert.equal(cl.querySelector('a')!.getAttribute('href'), '/categories/cs.CL');
      assert.match(cl.text, /^cs\.CL Computation and Language 8$/);
      const heads = groups.map((g) => g.querySelector('h2')!.text);
      assert.ok(heads.indexOf('Electrical Engineering and Systems Science eess') > 0, heads.join(' | '));
      assert.ok(heads.includes('Quantitative Biology q-bio'), heads.join(' | '));
      const total = groups.flatMap((g) => g.querySelectorAll('.count')).reduce((s, c) => s + Number(c.text), 0);
      assert.ok(total >= 8 && doc.querySelector('footer a[href="/categories"]'), 'counts add up and the footer links here');
      const cat = await page(site.app, '/categories/cs.CL');
      assert.equal(cat.querySelector('.category-name')!.text, 'Computation and Language');
      assert.equal(cat.querySelector('.chip.category[href="/categories/cs.CL"]')!.getAttribute('title'), 'Computation and Language');
    });

    it('indexes the organizations, most papers first', async () => {
      const doc = await page(site.app, '/orgs');
      const items = doc.querySelectorAll('ul.directory li');
      const acme = items.findIndex((li) => li.querySelector('a')!.getAttribute('href') === '/orgs/acme');
      assert.ok(acme >= 0);
      assert.match(items[acme]!.text, /^Acme Labs acme \d+$/);
      const counts = items.map((li) => Number(li.querySelector('.count')!.text));
      assert.deepEqual(counts, [...counts].sort((a, b) => b - a));
      assert.equal(Number(items[acme]!.querySelector('.count')!.text), Number((await page(site.app, '/orgs/acme')).querySelector('.paper-count')!.text.match(/^(\d+)/)![1]));
      assert.match(doc.querySelector('.lede')!.text, new RegExp(`^${items.length} organizations`));
    });

    it('ranks the last week by decayed upvotes and explains the formula', async () => {
      const doc = await page(site.app, '/trending');
      assert.equal(titles(doc)[0], 'Small models that reason');
      assert.ok(titles(doc).includes('Diffusion transformers for protein design'));
      assert.ok(!titles(doc).includes('Strings on old-style identifiers'));
      assert.match(doc.querySelector('.formula')!.text, /upvotes \/ \(age in hours \+ 2\)1\.5/);
      assert.match(doc.querySelector('.lede')!.text, /^\d+ papers from the last 7 days, hottest first\.$/);
      assert.equal(doc.querySelector('nav[aria-label=Main] a[aria-current=page]')!.text, 'Trending');
    });
  });
}

for (const backend of backends()) {
  describe(`trending when the last week is quiet (${backend.name})`, () => {
    it('points to the latest listed week, most upvoted first, or home when nothing was ever listed', async () => {
      const fresh = await backend.create();
      const empty = await siteApp(fresh);
      try {
        const none = await page(empty, '/trending');
        assert.equal(none.querySelector('.empty a')!.getAttribute('href'), '/');
        // An archive whose newest listing is two months old: the window is empty.
        const past = new Date(Date.now() - 60 * 86_400_000);
        const app = await siteApp(fresh, await seedSite(fresh, past));
        try {
          const doc = await page(app, '/trending');
          assert.equal(titles(doc).length, 0);
          assert.equal(doc.querySelector('.lede')!.text, 'No papers from the last 7 days.');
          const week = isoWeekOf(seedDays(past).latest);
          const link = doc.querySelector('.empty a')!;
          assert.equal(link.getAttribute('href'), `/papers?week=${week}`);
          assert.match(doc.querySelector('.empty')!.text, new RegExp(`^Nothing was listed or published in the last 7 days\\. The latest listed week is Week ${Number(week.slice(6))}, `));
          // The page it names lists that week's papers.
          assert.ok(titles(await page(app, link.getAttribute('href')!)).length > 0);
        } finally {
          await app.close();
        }
      } finally {
        await empty.close();
        await fresh.drop();
      }
    });
  });
}
