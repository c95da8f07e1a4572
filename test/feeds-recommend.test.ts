import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { backends } from './helpers/databases.js';
import { semanticSite } from './helpers/semantic-corpus.js';
import { paperRecord } from './helpers/paper-records.js';
import { htmlPage as page } from './helpers/html-doc.js';
import { child, childrenNamed, parseXml } from './helpers/xml-tree.js';

const daysAgo = (n: number): string => new Date(Date.now() - n * 86_400_000).toISOString();

// The corpus is dated 2025; these are the only papers of recent weeks.
const RECENT = [
  paperRecord('2611.00001', { title: 'Protein folding pathways from amino acid sequences', abstract: 'We predict protein structure and folding of amino acid chains with learned energy landscapes.', versions: [{ version: 1, date: daysAgo(3) }] }),
  paperRecord('2611.00002', { title: 'Dark matter haloes of dwarf galaxies', abstract: 'We model stellar motion in dwarf galaxies to measure their dark matter halo profiles.', versions: [{ version: 1, date: daysAgo(5) }] }),
  paperRecord('2610.00003', { title: 'Protein design by folding simulation', abstract: 'Protein sequences are designed so that they fold into target structures, checked by folding simulation.', versions: [{ version: 1, date: daysAgo(60) }] }),
];

function itemIds(body: string): string[] {
  const rss = parseXml(body);
  assert.equal(rss.name, 'rss');
  return childrenNamed(child(rss, 'channel'), 'item').map((i) => child(i, 'link').text.replace(/^.*\/papers\//, ''));
}

for (const backend of backends()) {
  describe(`recommendation feeds (${backend.name})`, () => {
    const site = semanticSite(backend, RECENT);

    it('follows the new papers closest to a profile, in RSS and Atom', async () => {
      const res = await site.app.inject('/feeds/recommend.rss?positive=2504.0101,2504.0102');
      assert.equal(res.statusCode, 200, res.body);
      assert.match(res.headers['content-type'] as string, /^application\/rss\+xml/);
      // Only papers of the last 30 days, best match first: the recent protein paper, then the other one.
      assert.deepEqual(itemIds(res.body), ['2611.00001', '2611.00002']);
      assert.match(child(child(parseXml(res.body), 'channel'), 'title').text, /^Recommendations for 2 papers/);
      const wider = await site.app.inject('/feeds/recommend.rss?positive=https://arxiv.org/abs/2504.0101v2&days=90');
      const ids = itemIds(wider.body);
      assert.deepEqual(ids.slice(0, 2).sort(), ['2610.00003', '2611.00001'], ids.join());
      assert.deepEqual(ids.slice(2), ['2611.00002']);
      const atom = await site.app.inject('/feeds/recommend.atom?positive=2504.0101&negative=2504.0401');
      assert.equal(atom.statusCode, 200);
      assert.equal(parseXml(atom.body).name, 'feed');
    });

    it('answers a bad profile with a 400 naming the parameter', async () => {
      for (const [url, message] of [
        ['/feeds/recommend.rss', /positive is required/],
        ['/feeds/recommend.rss?positive=', /positive must name at least one paper/],
        ['/feeds/recommend.rss?positive=2504.0101,nonsense', /positive holds "nonsense", which is not an arXiv id/],
        ['/feeds/recommend.rss?positive=2504.0101&negative=%3Cb%3E', /negative holds "<b>"/],
        ['/feeds/recommend.rss?positive=2504.0101&days=365', /days must be a whole number from 1 to 90/],
      ] as const) {
        const res = await site.app.inject(url);
        assert.equal(res.statusCode, 400, url);
        assert.match(res.body, message, url);
      }
    });

    it('is linked from the recommendations page with the profile the page used', async () => {
      const doc = await page(site.app, `/recommend?positive=${encodeURIComponent('2504.0101 2999.99999')}&negative=2504.0401`);
      const rss = doc.querySelector('link[rel=alternate][type="application/rss+xml"]')!.getAttribute('href');
      assert.equal(rss, '/feeds/recommend.rss?positive=2504.0101&negative=2504.0401');
      assert.equal(doc.querySelector('.feed-links a')!.getAttribute('href'), rss);
      assert.equal((await site.app.inject(rss!)).statusCode, 200);
    });
  });
}
