import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { backends } from './helpers/databases.js';
import { seedDays, seededSite } from './helpers/site-seed.js';
import { htmlPage as page, sourceText } from './helpers/html-doc.js';

for (const backend of backends()) {
  describe(`paper page (${backend.name})`, () => {
    const site = seededSite(backend);
    const d = seedDays();

    it('shows the whole paper with links to its authors, organization and categories', async () => {
      const doc = await page(site.app, '/papers/2503.00010');
      const article = doc.querySelector('main article.paper-page')!;
      assert.equal(article.querySelector('h1')!.text, 'Diffusion transformers for protein design');
      assert.deepEqual(article.querySelectorAll('a.author').map((a) => [a.text, a.getAttribute('href')]), [
        ['Ada Lovelace', '/authors/Ada%20Lovelace'], ['Alan Turing', '/authors/Alan%20Turing'], ['Grace Hopper', '/authors/Grace%20Hopper'],
        ['Edsger Dijkstra', '/authors/Edsger%20Dijkstra'], ['Barbara Liskov', '/authors/Barbara%20Liskov'],
      ]);
      assert.equal(article.querySelector('a.organization')!.getAttribute('href'), '/orgs/acme');
      assert.equal(sourceText(article.querySelector('.abstract-full')!),
        'We train diffusion transformers on protein structures and show that transformer scaling laws hold for $\\mathcal{O}(n)$ residues.');
      assert.deepEqual(article.querySelectorAll('a.category').map((a) => a.getAttribute('href')), ['/categories/cs.LG', '/categories/q-bio.BM']);
      assert.deepEqual(article.querySelectorAll('a.category').map((a) => a.text), ['cs.LG · Machine Learning (primary)', 'q-bio.BM · Biomolecules']);
      const facts = Object.fromEntries(article.querySelectorAll('dl.facts dt').map((dt) => [dt.text, dt.nextElementSibling!.text]));
      assert.equal(facts['Comment'], '12 pages, 4 figures');
      assert.equal(facts['Journal ref'], 'Nature 1 (2025) 2');
      assert.equal(facts['DOI'], '10.1000/xyz123');
      assert.match(facts['Versions']!, /v1 · .*v2 · /);
      assert.ok(facts['Published'] && facts['Updated']);
      assert.equal(article.querySelector('a.doi')!.getAttribute('href'), 'https://doi.org/10.1000/xyz123');
      const links = Object.fromEntries(article.querySelectorAll('ul.actions a').map((a) => [a.text.replace(/\s+/g, ' ').trim(), a.getAttribute('href')]));
      assert.equal(links['arXiv page'], 'https://arxiv.org/abs/2503.00010');
      assert.equal(links['PDF'], 'https://arxiv.org/pdf/2503.00010');
      assert.equal(links['Code ★ 1.2k stars'], 'https://github.com/acme/protein-dit');
      assert.equal(links['Project page'], 'https://acme.example/dit');
      assert.equal(article.querySelector('.ai-summary')!.text, 'Diffusion transformers design proteins.');
      assert.equal(article.querySelector('#summary-h')!.text, 'AI summary');
      assert.match(article.querySelector('.summary-box .provenance')!.text, /language model for Hugging Face Daily Papers, not by the authors/);
      assert.deepEqual(article.querySelectorAll('.keywords a').map((a) => a.text), ['protein design', 'diffusion']);
      assert.equal(article.querySelector('a[href="/papers?date=' + d.middle + '"]')!.tagName, 'A');
      assert.equal(doc.querySelector('section.similar h2')!.text, 'Similar papers', 'every paper page lists similar papers');
      assert.equal(doc.querySelector('title')!.text, 'Diffusion transformers for protein design · paperboy');
      assert.equal(doc.querySelector('head meta[name=citation_title]')!.getAttribute('content'), 'Diffusion transformers for protein design');
      assert.equal(doc.querySelectorAll('head meta[name=citation_author]').length, 5);
    });

    it('serves old-style ids with a plain or an encoded slash', async () => {
      for (const url of ['/papers/hep-th/9901001', '/papers/hep-th%2F9901001']) {
        const doc = await page(site.app, url);
        assert.equal(doc.querySelector('h1')!.text, 'Strings on old-style identifiers', url);
        assert.equal(doc.querySelector('ul.actions a.primary')!.getAttribute('href'), 'https://arxiv.org/abs/hep-th/9901001');
      }
      // The comment reads as text (LaTeX's \\& is "&") and its address is a link, as in the abstract.
      const comment = (await page(site.app, '/papers/hep-th/9901001')).querySelectorAll('dl.facts dt').find((dt) => dt.text === 'Comment')!.nextElementSibling!;
      assert.equal(comment.text, 'Talk at Strings & Branes; slides: https://strings.example/talk.pdf.');
      assert.deepEqual(comment.querySelectorAll('a').map((a) => [a.getAttribute('href'), a.getAttribute('rel')]), [['https://strings.example/talk.pdf', 'nofollow ugc noopener']]);
      const list = await page(site.app, '/categories/hep-th');
      assert.equal(list.querySelector('.paper h2 a')!.getAttribute('href'), '/papers/hep-th/9901001');
    });

    it('says a paper known only from arXiv has no upvotes counted, where a featured one shows its counts', async () => {
      const facts = async (url: string) => {
        const doc = await page(site.app, url);
        return Object.fromEntries(doc.querySelectorAll('dl.facts dt').map((dt) => [dt.text, dt.nextElementSibling!.text]));
      };
      const arxivOnly = await facts('/papers/hep-th/9901001');
      assert.equal(arxivOnly['Upvotes'], 'Not on Hugging Face Daily Papers: no upvotes or comments counted');
      assert.equal(arxivOnly['Comments'], undefined);
      const featured = await facts('/papers/2503.00020');
      assert.equal(featured['Upvotes'], '30');
      assert.match(featured['Comments']!, /^\d+$/);
      const card = (await page(site.app, '/categories/hep-th')).querySelector('.paper')!;
      assert.equal(card.querySelector('.votes')!.getAttribute('class'), 'votes uncounted');
      assert.match(card.querySelector('.votes')!.text, /^–upvotes: not on hugging face daily papers/);
      assert.equal(card.querySelector('.comments'), null, 'no "0 comments" either');
      const listed = (await page(site.app, '/')).querySelector('.paper .votes')!;
      assert.equal(listed.getAttribute('class'), 'votes');
      assert.match(listed.text, /^\d+upvotes?$/);
    });

    it('redirects versioned ids to the paper and answers unknown ids with a 404 page', async () => {
      const res = await site.app.inject('/papers/2503.00010v2');
      assert.equal(res.statusCode, 301);
      assert.equal(res.headers['location'], '/papers/2503.00010');
      for (const url of ['/papers/9999.99999', '/papers/%3Cscript%3E', '/papers/a/b/c/d']) {
        const doc = await page(site.app, url, 404);
        assert.equal(doc.querySelector('h1')!.text, 'Not found');
        // An address naming an arXiv paper says which paper is missing and links it on arXiv.
        const arxiv = url === '/papers/9999.99999' ? 'https://arxiv.org/abs/9999.99999' : undefined;
        assert.equal(doc.querySelector('[data-reference] a')?.getAttribute('href'), arxiv, url);
      }
      const versioned = await page(site.app, '/papers/hep-th/9901999v3', 404);
      assert.match(versioned.querySelector('.empty')!.text, /arXiv:hep-th\/9901999 is not among this site's papers/);
    });
  });
}
