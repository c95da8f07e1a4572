import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { backends } from './helpers/databases.js';
import { htmlPage as page, cardTitles as titles } from './helpers/html-doc.js';
import { semanticSite } from './helpers/semantic-corpus.js';
import { seededSite } from './helpers/site-seed.js';

const PASTED = 'We estimate how much dark matter sits in the centres of small galaxies by modelling how their stars ' +
  'move, and compare haloes with a constant density core against steep cusps predicted by simulations.';

for (const backend of backends()) {
  describe(`similar papers and search modes on the site (${backend.name})`, () => {
    const site = semanticSite(backend);

    it('shows similar papers with their explanations on every paper page', async () => {
      const doc = await page(site.app, '/papers/2504.0101');
      const section = doc.querySelector('section.similar')!;
      assert.equal(section.querySelector('h2')!.text, 'Similar papers');
      const items = section.querySelectorAll('li.similar-paper');
      assert.equal(items.length, 6);
      const ids = items.map((li) => li.getAttribute('data-paper-id')!);
      assert.ok(!ids.includes('2504.0101'), 'not the paper itself');
      assert.deepEqual(ids.slice(0, 3).map((id) => site.topicOf.get(id)), ['protein', 'protein', 'protein']);
      for (const li of items) {
        const id = li.getAttribute('data-paper-id')!;
        assert.equal(li.querySelector('a.similar-title')!.getAttribute('href'), `/papers/${id}`);
      }
      const why = items[0]!.querySelector('.why')!;
      assert.ok(why.querySelectorAll('.term').length > 0, why.text);
      assert.match(why.text, /shared terms/);
      assert.deepEqual(section.querySelectorAll('.similar-more a').map((a) => a.getAttribute('href')), ['/recommend?positive=2504.0101', '/api/papers/2504.0101/similar', `/export.bib?ids=${ids.join(',')}`]);
      const other = await page(site.app, '/papers/2504.0301');
      const otherIds = other.querySelectorAll('section.similar li.similar-paper').map((li) => li.getAttribute('data-paper-id')!);
      assert.deepEqual(otherIds.slice(0, 3).map((id) => site.topicOf.get(id)), ['graphs', 'graphs', 'graphs']);
    });

    it('recommends papers for a pasted profile, as the API ranks them', async () => {
      const help = await page(site.app, '/recommend');
      assert.deepEqual(help.querySelectorAll('form.recommend-form textarea').map((t) => t.getAttribute('name')), ['positive', 'negative']);
      assert.equal(titles(help).length, 0);
      assert.match(help.querySelector('.empty')!.text, /List papers you like/);

      const liked = '2504.0101\nhttps://arxiv.org/abs/2504.0102v2, <b>junk</b> 2599.99999 2504.0101';
      const doc = await page(site.app, `/recommend?positive=${encodeURIComponent(liked)}&negative=2504.0201`);
      const notes = doc.querySelectorAll('.note').map((n) => n.text);
      assert.deepEqual(notes, ['Ignored “<b>junk</b>”: not an arXiv id or a paper\'s address.', 'Not among this site\'s papers, so left out: 2599.99999 (add it).']);
      assert.deepEqual(doc.querySelectorAll('.note a').map((a) => a.getAttribute('href')), ['https://arxiv.org/abs/2599.99999', '/papers/add?id=2599.99999']);
      assert.equal(doc.querySelector('textarea[name=positive]')!.text, liked, 'the profile stays in the form');
      assert.deepEqual(doc.querySelectorAll('.profile a').map((a) => a.getAttribute('href')), ['/papers/2504.0101', '/papers/2504.0102']);
      assert.match(doc.querySelector('.result-count')!.text, /^1–20 of \d+ papers closest to the 2 papers you like$/);
      const ids = doc.querySelectorAll('li.paper').map((li) => li.getAttribute('data-paper-id')!);
      assert.equal(ids.length, 20);
      assert.ok(!ids.includes('2504.0101') && !ids.includes('2504.0102') && !ids.includes('2504.0201'), 'listed papers are left out');
      assert.deepEqual(ids.slice(0, 3).map((id) => site.topicOf.get(id)), ['protein', 'protein', 'protein']);
      // The page shows the API's ranking for the same profile.
      const api = await site.app.inject({ method: 'POST', url: '/api/recommend', headers: { 'content-type': 'application/json' },
        payload: JSON.stringify({ positive: ['2504.0101', '2504.0102', '2599.99999'], negative: ['2504.0201'], limit: 20 }) });
      assert.deepEqual(ids, (JSON.parse(api.body) as { results: Array<{ paper: { id: string } }> }).results.map((r) => r.paper.id));
      const next = doc.querySelector('.pager a[rel=next]')!.getAttribute('href')!;
      const second = await page(site.app, next);
      const more = second.querySelectorAll('li.paper').map((li) => li.getAttribute('data-paper-id')!);
      assert.ok(more.length > 0 && more.every((id) => !ids.includes(id)), 'page 2 continues the ranking');

      const both = await page(site.app, '/recommend?positive=2504.0101&negative=2504.0101');
      assert.match(both.querySelectorAll('.note').map((n) => n.text).join(' '), /Listed on both sides, so counted as liked: 2504\.0101/);
      assert.match(both.querySelector('.result-count')!.text, /closest to the paper you like$/);
      const none = await page(site.app, '/recommend?positive=2599.99999');
      assert.match(none.querySelector('.empty')!.text, /None of the papers you like is on this site yet/);
    });

    it('keeps the paper page in the page cache, similar papers included', async () => {
      const url = '/papers/2504.0402';
      const first = await site.app.inject(url);
      const second = await site.app.inject(url);
      assert.equal(second.headers['x-page-cache'], 'hit');
      assert.equal(second.body, first.body);
      assert.match(second.body, /class="similar-list"/);
    });

    it('offers keyword, semantic and hybrid search, hybrid by default', async () => {
      const doc = await page(site.app, '/search?q=galaxy+halo');
      const radios = doc.querySelectorAll('fieldset.modes input[type=radio][name=mode]');
      assert.deepEqual(radios.map((r) => r.getAttribute('value')), ['hybrid', 'keyword', 'semantic']);
      assert.equal(doc.querySelector('fieldset.modes input[checked]')!.getAttribute('value'), 'hybrid');
      assert.equal(doc.querySelector('.result-count')!.getAttribute('data-mode'), 'hybrid');
      assert.equal(doc.querySelector('.degraded'), null);
      for (const mode of ['keyword', 'semantic']) {
        const d = await page(site.app, `/search?q=galaxy+halo&mode=${mode}`);
        assert.equal(d.querySelector('fieldset.modes input[checked]')!.getAttribute('value'), mode);
        assert.equal(d.querySelector('.result-count')!.getAttribute('data-mode'), mode);
        assert.ok(titles(d).length > 0, mode);
        // Keyword matches are counted; a ranking by meaning lists the closest papers.
        assert.match(d.querySelector('.result-count')!.text, mode === 'keyword' ? /^1–\d+ of \d+ papers?$/ : /^1–\d+ of the \d+ closest papers?$/, mode);
      }
      const odd = await page(site.app, '/search?q=galaxy&mode=%3Cscript%3E');
      assert.equal(odd.querySelector('fieldset.modes input[checked]')!.getAttribute('value'), 'hybrid');
    });

    it('ranks by meaning: semantic search finds the topic beyond the exact words', async () => {
      const keyword = titles(await page(site.app, '/search?q=rotation+curves&mode=keyword'));
      const semantic = titles(await page(site.app, '/search?q=rotation+curves&mode=semantic'));
      assert.deepEqual(keyword, ['Dark matter halos of dwarf galaxies']);
      assert.ok(semantic.length > keyword.length, semantic.join(' | '));
      assert.equal(semantic[0], 'Dark matter halos of dwarf galaxies');
    });

    it('keeps the mode in paging links', async () => {
      const doc = await page(site.app, '/search?q=graph+algorithm&mode=semantic');
      const next = doc.querySelector('.pager a[rel=next]');
      assert.ok(next, 'semantic results span more than one page');
      assert.match(next.getAttribute('href')!, /[?&]mode=semantic(&|$)/);
      const hybrid = await page(site.app, '/search?q=graph+algorithm');
      const hybridNext = hybrid.querySelector('.pager a[rel=next]');
      if (hybridNext) assert.doesNotMatch(hybridNext.getAttribute('href')!, /mode=/);
    });

    it('lists filters alone (category and dates from the form) newest first, with no notice of a failure', async () => {
      const doc = await page(site.app, '/search?q=&category=cs.DS&from=2025-01-01&to=2025-12-31');
      assert.equal(doc.querySelector('.degraded'), null);
      assert.match(doc.querySelector('.result-count')!.text, /^1–\d+ of \d+ papers, newest first$/);
      const ids = doc.querySelectorAll('.paper').map((c) => c.getAttribute('data-paper-id')!);
      assert.ok(ids.length > 1 && ids.every((id) => site.topicOf.get(id) === 'graphs'), ids.join());
      const days = doc.querySelectorAll('.paper .meta time').map((t) => t.getAttribute('datetime')!);
      assert.deepEqual(days, [...days].sort().reverse());
    });

    it('matches a pasted abstract by meaning and says so', async () => {
      const doc = await page(site.app, `/search?q=${encodeURIComponent(PASTED)}`);
      assert.match(doc.querySelector('#q-hint')!.text, /long text is matched by meaning/);
      assert.match(doc.querySelector('.result-count')!.text, /^1–\d+ of the \d+ papers closest to your text$/);
      assert.equal(titles(doc)[0], 'Dark matter halos of dwarf galaxies');
      assert.equal(doc.querySelectorAll('.paper mark').length, 0, 'a passage is not marked word by word');
      assert.equal(doc.querySelector('input#q')!.getAttribute('value'), PASTED);
    });
  });

  describe(`search modes on a site too small for a semantic model (${backend.name})`, () => {
    const site = seededSite(backend);

    it('falls back to keyword results with a notice, never an error page', async () => {
      for (const mode of ['hybrid', 'semantic']) {
        const doc = await page(site.app, `/search?q=speech&mode=${mode}`);
        assert.match(doc.querySelector('.degraded')!.text, /^Ranking by meaning is unavailable right now: a semantic model needs at least 50 papers, and this site has \d+\. These results match your words only\.$/, mode);
        assert.equal(doc.querySelector('.result-count')!.getAttribute('data-mode'), 'keyword');
        assert.deepEqual(titles(doc).sort(), ['Retrieval augmented speech models', 'Speech recognition in noisy rooms']);
      }
      const keyword = await page(site.app, '/search?q=speech&mode=keyword');
      assert.equal(keyword.querySelector('.degraded'), null);
    });

    it('still lists similar papers by shared words', async () => {
      const doc = await page(site.app, '/papers/2503.00002');
      const ids = doc.querySelectorAll('section.similar li.similar-paper').map((li) => li.getAttribute('data-paper-id'));
      assert.ok(ids.includes('2503.00011'), ids.join());
      assert.ok(!ids.includes('2503.00002'));
    });
  });
}
