import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { backends } from './helpers/databases.js';
import { seededSite } from './helpers/site-seed.js';
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
      await page(site.app, '/orgs/no-such-org', 404);
    });

    it('lists a category\'s papers, primary and cross-listed', async () => {
      const doc = await page(site.app, '/categories/eess.AS');
      assert.deepEqual(titles(doc), ['Speech recognition in noisy rooms']);
      const cl = await page(site.app, '/categories/cs.CL');
      assert.match(cl.querySelector('.paper-count')!.text, /^8 papers/);
      await page(site.app, '/categories/xx.YY', 404);
    });

    it('ranks the last week by decayed upvotes and explains the formula', async () => {
      const doc = await page(site.app, '/trending');
      assert.equal(titles(doc)[0], 'Small models that reason');
      assert.ok(titles(doc).includes('Diffusion transformers for protein design'));
      assert.ok(!titles(doc).includes('Strings on old-style identifiers'));
      assert.match(doc.querySelector('.formula')!.text, /upvotes \/ \(age in hours \+ 2\)1\.5/);
      assert.equal(doc.querySelector('nav[aria-label=Main] a[aria-current=page]')!.text, 'Trending');
    });
  });
}
