import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { backends, type FreshDb } from './helpers/databases.js';
import { paperRecord } from './helpers/paper-records.js';
import { TEST_BASE_URL, webAppWith } from './helpers/web-app.js';
import { child, childrenNamed, parseXml, type XmlNode } from './helpers/xml-tree.js';

const HOSTILE = '<script>alert("t")</script> "><img src=x onerror=alert(1)> </textarea>';
const LATEX = 'We bound it by $\\mathcal{O}(n^2)$ when x < y && y > z.';

const RECORDS = [
  paperRecord('2501.00001', {
    sourceName: 'hf-daily', title: `Transformers ${HOSTILE} \u0001`, abstract: LATEX, upvotes: 5,
    authors: ['Ada Lovelace', `Eve ${HOSTILE}`], categories: ['cs.CL', 'cs.AI'], primaryCategory: 'cs.CL',
    organization: { name: 'acme', fullname: 'Acme & Co' },
    listing: { day: '2025-03-18', submittedAt: '2025-03-18T08:00:00.000Z', position: 1 },
  }),
  paperRecord('2501.00002', { sourceName: 'hf-daily', title: 'Transformers at scale', upvotes: 9, listing: { day: '2025-03-18', position: 0 } }),
  paperRecord('2501.00003', { sourceName: 'hf-daily', title: 'Older transformers pick', upvotes: 1, listing: { day: '2025-03-14' } }),
  paperRecord('hep-th/9901001', { title: 'Strings and transformers', categories: ['hep-th'], primaryCategory: 'hep-th', versions: [{ version: 1, date: '1999-01-04T00:00:00.000Z' }] }),
];

function items(rss: XmlNode): XmlNode[] {
  return childrenNamed(child(rss, 'channel'), 'item');
}

/** Parses a feed response and checks the parts every reader needs. */
function rssOf(body: string): XmlNode {
  const rss = parseXml(body);
  assert.equal(rss.name, 'rss');
  const channel = child(rss, 'channel');
  for (const name of ['title', 'link', 'description']) assert.ok(child(channel, name).text.length > 0);
  for (const item of items(rss)) {
    for (const name of ['title', 'link', 'guid', 'description']) assert.ok(child(item, name).text.length > 0, name);
    assert.equal(child(item, 'guid').text, child(item, 'link').text);
  }
  return rss;
}

function atomOf(body: string): XmlNode {
  const feed = parseXml(body);
  assert.equal(feed.name, 'feed');
  for (const name of ['id', 'title', 'updated']) assert.ok(child(feed, name).text.length > 0);
  for (const e of childrenNamed(feed, 'entry')) for (const name of ['id', 'title', 'updated']) assert.ok(child(e, name).text.length > 0);
  return feed;
}

for (const backend of backends()) {
  describe(`feeds (${backend.name})`, () => {
    let fresh: FreshDb;
    let app: FastifyInstance;
    before(async () => {
      fresh = await backend.create();
      app = await webAppWith(fresh, RECORDS);
    });
    after(async () => {
      await app.close();
      await fresh.drop();
    });

    it('serves the daily papers as RSS: listed days newest first, most upvoted first, stable guids', async () => {
      const res = await app.inject('/feeds/daily.rss');
      assert.equal(res.statusCode, 200);
      assert.equal(res.headers['content-type'], 'application/rss+xml; charset=utf-8');
      const rss = rssOf(res.body);
      assert.deepEqual(items(rss).map((i) => child(i, 'guid').text), [
        `${TEST_BASE_URL}/papers/2501.00002`, `${TEST_BASE_URL}/papers/2501.00001`, `${TEST_BASE_URL}/papers/2501.00003`,
      ]);
      assert.equal(child(items(rss)[1]!, 'pubDate').text, 'Tue, 18 Mar 2025 08:00:00 GMT');
      assert.equal(child(child(rss, 'channel'), 'link').text, `${TEST_BASE_URL}/`);
      assert.equal(res.headers['last-modified'], 'Tue, 18 Mar 2025 08:00:00 GMT');
      const again = await app.inject('/feeds/daily.rss');
      assert.equal(again.body, res.body);
    });

    it('keeps hostile titles, authors and abstracts as text in both formats', async () => {
      const rss = rssOf((await app.inject('/feeds/daily.rss')).body);
      const hostile = items(rss).find((i) => child(i, 'guid').text.endsWith('2501.00001'))!;
      const title = child(hostile, 'title').text;
      assert.ok(title.includes('<script>alert("t")</script>'));
      assert.ok(!title.includes('\u0001'));
      const description = child(hostile, 'description').text;
      assert.ok(!/<script|<img/i.test(description), description);
      assert.ok(description.includes('$\\mathcal{O}(n^2)$ when x &lt; y &amp;&amp; y &gt; z.'));
      const atom = atomOf((await app.inject('/feeds/daily.atom')).body);
      const entry = childrenNamed(atom, 'entry').find((e) => child(e, 'id').text.endsWith('2501.00001'))!;
      assert.equal(child(entry, 'summary').text, LATEX);
      assert.ok(childrenNamed(entry, 'author').some((a) => child(a, 'name').text === 'Eve <script>alert("t")</script> "><img src=x onerror=alert(1)> </textarea>'));
    });

    it('serves Atom with the right type, a self link and the same entries', async () => {
      const res = await app.inject('/feeds/daily.atom?days=1');
      assert.equal(res.statusCode, 200);
      assert.equal(res.headers['content-type'], 'application/atom+xml; charset=utf-8');
      const atom = atomOf(res.body);
      assert.deepEqual(childrenNamed(atom, 'entry').map((e) => child(e, 'id').text), [`${TEST_BASE_URL}/papers/2501.00002`, `${TEST_BASE_URL}/papers/2501.00001`]);
      const self = childrenNamed(atom, 'link').find((l) => l.attrs['rel'] === 'self')!;
      assert.equal(self.attrs['href'], `${TEST_BASE_URL}/feeds/daily.atom?days=1`);
    });

    it('serves a search feed, newest first, and rejects a missing or empty query with 400', async () => {
      const res = await app.inject('/feeds/search.rss?q=transformers');
      assert.equal(res.statusCode, 200);
      const guids = items(rssOf(res.body)).map((i) => child(i, 'guid').text);
      assert.equal(guids.length, 4);
      assert.equal(guids.at(-1), `${TEST_BASE_URL}/papers/hep-th/9901001`);
      atomOf((await app.inject('/feeds/search.atom?q=transformers&sort=relevance')).body);
      for (const url of ['/feeds/search.rss', '/feeds/search.rss?q=', '/feeds/search.atom?q=%20%20', '/feeds/search.rss?q=the', '/feeds/search.rss?q=x&sort=best', '/feeds/daily.rss?days=0', '/feeds/daily.rss?days=abc']) {
        const bad = await app.inject(url);
        assert.equal(bad.statusCode, 400, url);
        assert.match(bad.headers['content-type'] as string, /^text\/plain/);
        assert.match(bad.body, /^Bad request: (q|sort|days) /);
      }
    });

    it('serves category, organization and author feeds, and an empty valid feed for unknown names', async () => {
      const cat = items(rssOf((await app.inject('/feeds/categories/cs.CL.rss')).body)).map((i) => child(i, 'guid').text);
      assert.ok(cat.includes(`${TEST_BASE_URL}/papers/2501.00001`));
      const hep = atomOf((await app.inject('/feeds/categories/hep-th.atom')).body);
      assert.deepEqual(childrenNamed(hep, 'entry').map((e) => child(e, 'id').text), [`${TEST_BASE_URL}/papers/hep-th/9901001`]);
      const org = items(rssOf((await app.inject('/feeds/orgs/acme.rss')).body));
      assert.deepEqual(org.map((i) => child(i, 'guid').text), [`${TEST_BASE_URL}/papers/2501.00001`]);
      const author = await app.inject(`/feeds/authors/${encodeURIComponent('Ada Lovelace')}.atom`);
      assert.equal(author.statusCode, 200);
      assert.equal(childrenNamed(atomOf(author.body), 'entry').length, 4);
      const hostile = await app.inject(`/feeds/authors/${encodeURIComponent(`Eve ${HOSTILE}`)}.rss`);
      assert.equal(hostile.statusCode, 200);
      assert.equal(items(rssOf(hostile.body)).length, 1);
      const unknown = await app.inject('/feeds/orgs/nobody.rss');
      assert.equal(unknown.statusCode, 200);
      assert.equal(items(rssOf(unknown.body)).length, 0);
      const control = await app.inject('/feeds/authors/a%01b.rss');
      assert.equal(control.statusCode, 400);
    });

    it('answers 304 to a feed reader that sends back the ETag', async () => {
      const first = await app.inject('/feeds/categories/cs.CL.atom');
      const etag = first.headers['etag'] as string;
      assert.match(etag, /^"[^"]+"$/);
      const second = await app.inject({ url: '/feeds/categories/cs.CL.atom', headers: { 'if-none-match': etag } });
      assert.equal(second.statusCode, 304);
      assert.equal(second.body, '');
    });

    it('links every listing page to its feed, in <head> and under the list, and the links serve feeds', async () => {
      const pages: Array<[string, RegExp]> = [
        ['/', /^\/feeds\/daily\.(rss|atom)$/],
        ['/trending', /^\/feeds\/daily\.(rss|atom)$/],
        ['/search?q=transformers', /^\/feeds\/search\.(rss|atom)\?q=transformers$/],
        ['/authors/Ada%20Lovelace', /^\/feeds\/authors\/Ada%20Lovelace\.(rss|atom)$/],
        ['/orgs/acme', /^\/feeds\/orgs\/acme\.(rss|atom)$/],
        ['/categories/cs.CL', /^\/feeds\/categories\/cs\.CL\.(rss|atom)$/],
      ];
      for (const [url, shape] of pages) {
        const page = await app.inject(url);
        assert.equal(page.statusCode, 200, url);
        const head = page.body.slice(0, page.body.indexOf('</head>'));
        const alternates = [...head.matchAll(/<link rel="alternate" type="application\/(rss|atom)\+xml" title="[^"]+" href="([^"]+)">/g)].map((m) => m[2]!.replace(/&amp;/g, '&'));
        assert.equal(alternates.length, 2, url);
        const main = page.body.slice(page.body.indexOf('<main'), page.body.indexOf('</main>'));
        const visible = [...main.matchAll(/<p class="feed-links">[^]*?<\/p>/g)].flatMap((m) => [...m[0].matchAll(/href="([^"]+)"/g)].map((h) => h[1]!.replace(/&amp;/g, '&')));
        assert.deepEqual(visible, alternates, url);
        for (const href of alternates) {
          assert.match(href, shape, url);
          const feed = await app.inject(href);
          assert.equal(feed.statusCode, 200, href);
          if (href.includes('.rss')) assert.ok(items(rssOf(feed.body)).length > 0, href);
        }
      }
      // A pasted passage is a one-off question: no feed to follow.
      const passage = await app.inject(`/search?q=${encodeURIComponent('transformers '.repeat(40))}`);
      assert.equal(passage.statusCode, 200);
      assert.doesNotMatch(passage.body, /rel="alternate"|class="feed-links"/);
    });
  });
}
