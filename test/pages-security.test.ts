import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { backends } from './helpers/databases.js';
import { HOSTILE, seedDays, seededSite } from './helpers/site-seed.js';
import { parseHtml, sourceText } from './helpers/html-doc.js';
import { HOSTILE_SIMILAR, semanticSite } from './helpers/semantic-corpus.js';

/** Asserts a page carries no markup from the hostile paper and shows its text as written. */
function assertInert(url: string, body: string, shows: string[]): void {
  const doc = parseHtml(body);
  assert.equal(doc.querySelectorAll('script:not([src])').length, 0, `${url}: inline script`);
  assert.equal(doc.querySelectorAll('script').length, 1, `${url}: only the theme script`);
  assert.equal(doc.querySelectorAll('img').length, 0, `${url}: injected img`);
  assert.equal(doc.querySelectorAll('textarea').length, 0, `${url}: textarea`);
  assert.equal(doc.querySelectorAll('[onerror]').length, 0, `${url}: event handler attribute`);
  assert.doesNotMatch(body, /<script>alert|<img |<\/textarea>/i, url);
  const text = sourceText(doc.querySelector('main')!);
  for (const s of shows) assert.ok(text.includes(s), `${url} should show ${JSON.stringify(s)}`);
}

for (const backend of backends()) {
  describe(`hostile paper content renders as text (${backend.name})`, () => {
    const site = seededSite(backend);
    const d = seedDays();

    it('on every page that shows it', async () => {
      const pages: Array<[string, string[]]> = [
        [`/papers?date=${d.middle}`, [HOSTILE.title, HOSTILE.org]],
        [`/papers?month=${d.middle.slice(0, 7)}`, [HOSTILE.title]],
        ['/papers/2503.00012', [HOSTILE.title, HOSTILE.author, HOSTILE.abstract, HOSTILE.org]],
        ['/search?q=robust+parsing', [HOSTILE.title]],
        ['/search?q=bounds', ['bounds of $\\mathcal{O}(n \\log n)$ when a < b && c > d']],
        [`/authors/${encodeURIComponent(HOSTILE.author)}`, [HOSTILE.author, HOSTILE.title]],
        ['/orgs/evil-org', [HOSTILE.org, HOSTILE.title]],
        ['/orgs', [HOSTILE.org]],
        ['/categories', []],
        ['/categories/cs.CL', [HOSTILE.title]],
        ['/trending', [HOSTILE.title]],
      ];
      for (const [url, shows] of pages) {
        const res = await site.app.inject(url);
        assert.equal(res.statusCode, 200, url);
        assertInert(url, res.body, shows);
      }
      const home = await site.app.inject('/');
      assertInert('/', home.body, []);
    });

    it('keeps hostile queries and names inside attributes and text', async () => {
      for (const url of [
        `/search?q=${encodeURIComponent(HOSTILE.title)}`,
        `/search?q=x&org=${encodeURIComponent(HOSTILE.org)}&category=${encodeURIComponent('"><script>')}`,
        `/authors/${encodeURIComponent('<script>alert(1)</script>')}`,
        `/categories/${encodeURIComponent('"><img src=x onerror=alert(1)>')}`,
        `/papers?date=${encodeURIComponent('"><script>alert(1)</script>')}`,
      ]) {
        const res = await site.app.inject(url);
        assert.ok(res.statusCode < 500, `${url}: ${res.statusCode}`);
        assertInert(url, res.body, []);
      }
    });
  });
}

for (const backend of backends()) {
  describe(`hostile paper content in similar papers and semantic search (${backend.name})`, () => {
    const site = semanticSite(backend);

    it('renders as text in similar lists, explanations and every search mode', async () => {
      const similarTo = (body: string): string[] => parseHtml(body).querySelectorAll('section.similar li.similar-paper').map((li) => li.getAttribute('data-paper-id')!);
      const neighbour = await site.app.inject('/papers/2504.0101');
      assert.ok(similarTo(neighbour.body).includes(site.hostileId), 'the hostile paper is listed as similar');
      assertInert('/papers/2504.0101', neighbour.body, [HOSTILE_SIMILAR.title]);
      const own = await site.app.inject(`/papers/${site.hostileId}`);
      assert.ok(parseHtml(own.body).querySelectorAll('section.similar .why .term').length > 0, 'explanations are shown');
      assertInert(`/papers/${site.hostileId}`, own.body, [HOSTILE_SIMILAR.title]);
      for (const mode of ['keyword', 'semantic', 'hybrid']) {
        const url = `/search?q=${encodeURIComponent('protein folding design')}&mode=${mode}`;
        const res = await site.app.inject(url);
        assert.equal(res.statusCode, 200, url);
        assertInert(url, res.body, [HOSTILE_SIMILAR.title]);
      }
      const pasted = `/search?q=${encodeURIComponent(HOSTILE_SIMILAR.abstract)}`;
      const res = await site.app.inject(pasted);
      assert.ok(res.statusCode < 500, pasted);
      assertInert(pasted, res.body, []);
    });
  });
}
