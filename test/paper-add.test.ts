import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { backends, type FreshDb } from './helpers/databases.js';
import { paperRecord } from './helpers/paper-records.js';
import { webAppWith } from './helpers/web-app.js';
import { FormClient, injectTransport, mainText } from './helpers/form-client.js';
import { startFixtureServer, type FixtureServer, type Reply } from './helpers/harvest-server.js';
import { htmlPage } from './helpers/html-doc.js';
import { papersByIds } from '../src/store/paper-batch-read.js';
import { PAPER_ADD_LIMITS } from '../src/web/pages/paper-add.js';

/** arXiv's API as the lookups see it: one known paper, an id it lacks, a failing one, a slow one. */
function arxiv(url: URL): Reply {
  const id = url.searchParams.get('id_list');
  if (url.pathname !== '/api/query' || !id) return { status: 404, body: 'not found' };
  if (id === '2506.01005') return { file: 'atom/id-2506.01005.xml' };
  if (id === '2507.00001') return { status: 503, body: 'Service Unavailable' };
  if (id.startsWith('2508.')) return { file: 'atom/empty.xml', delayMs: 300 };
  return { file: 'atom/empty.xml' };
}

const lookups = (server: FixtureServer): string[] => server.seen.map((s) => s.url.searchParams.get('id_list') ?? '');

// A reader adds a paper the site lacks by its arXiv id: one arXiv API request, the usual upsert,
// then the paper's page. Real HTTP to a local arXiv, real forms with CSRF, both databases.
for (const backend of backends()) {
  describe(`adding a paper from arXiv (${backend.name})`, () => {
    let fresh: FreshDb;
    let app: FastifyInstance;
    let server: FixtureServer;
    before(async () => {
      server = await startFixtureServer(arxiv);
      fresh = await backend.create();
      app = await webAppWith(fresh, [paperRecord('2503.00001', { title: 'Tokenizer study' })], {
        PAPERBOY_ARXIV_API_URL: `${server.base}/api/query`, PAPERBOY_ARXIV_DELAY_MS: '0',
      });
    });
    after(async () => {
      await app.close();
      await fresh.drop();
      await server.close();
    });

    it('offers to add a missing paper from search and from its address', async () => {
      const searched = await htmlPage(app, '/search?q=arXiv:2506.01005v2');
      assert.equal(searched.querySelector('a.add-paper-link')!.getAttribute('href'), '/papers/add?id=2506.01005');
      const res = await app.inject('/papers/2506.01005');
      assert.equal(res.statusCode, 404);
      assert.match(res.body, /href="\/papers\/add\?id=2506\.01005"/);
      assert.deepEqual(lookups(server), [], 'showing the offer asks arXiv nothing');
    });

    it('adds the paper with one arXiv request and opens its page', async () => {
      const client = new FormClient(injectTransport(app));
      const form = await client.get('/papers/add?id=2506.01005');
      assert.equal(form.status, 200);
      assert.equal(form.headers['cache-control'], 'no-store');
      assert.equal(form.doc.querySelector('input#f-id')!.getAttribute('value'), '2506.01005');
      const added = await client.post('/papers/add', { id: 'https://arxiv.org/abs/2506.01005v3' });
      assert.equal(added.status, 303, added.body);
      assert.equal(added.headers.location, '/papers/2506.01005');
      assert.deepEqual(lookups(server), ['2506.01005']);
      assert.equal(server.seen[0]!.url.searchParams.get('max_results'), '1');

      const page = await app.inject('/papers/2506.01005');
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /Sparse Mixtures of Tokenizers for Low-Resource Translation/);
      const found = await htmlPage(app, '/search?q=tokenizers+translation&mode=keyword');
      assert.ok(found.querySelectorAll('.paper').some((c) => c.getAttribute('data-paper-id') === '2506.01005'), 'searchable at once');

      await client.get('/papers/add?id=2506.01005');
      const again = await client.post('/papers/add', { id: '2506.01005' });
      assert.deepEqual([again.status, again.headers.location], [303, '/papers/2506.01005']);
      assert.equal(lookups(server).length, 1, 'a paper already here costs no request');
    });

    it('says so when arXiv has no such paper, or fails, and stores nothing', async () => {
      const client = new FormClient(injectTransport(app, '10.0.0.2'));
      await client.get('/papers/add');
      const none = await client.post('/papers/add', { id: '2599.99999' });
      assert.equal(none.status, 404);
      assert.match(mainText(none), /arXiv has no paper 2599\.99999/);
      const failing = await client.post('/papers/add', { id: '2507.00001' });
      assert.equal(failing.status, 502);
      assert.match(mainText(failing), /arXiv did not answer as expected \(.*503.*\)\. Nothing was added/);
      assert.equal((await papersByIds(fresh.db, ['2599.99999', '2507.00001'])).length, 0);
      const notAnId = await client.post('/papers/add', { id: 'attention is all you need' });
      assert.equal(notAnId.status, 400);
      assert.match(mainText(notAnId), /That is not an arXiv id or address/);
      assert.equal(notAnId.doc.querySelector('input#f-id')!.getAttribute('value'), 'attention is all you need');
    });

    it('refuses a post without its CSRF token, asking arXiv nothing', async () => {
      const before = server.seen.length;
      const client = new FormClient(injectTransport(app, '10.0.0.3'));
      const res = await client.post('/papers/add', { id: '2599.00002' }, { withHidden: false });
      assert.equal(res.status, 403);
      assert.equal(server.seen.length, before);
    });

    it('limits lookups per client and lookups waiting at once', async () => {
      const client = new FormClient(injectTransport(app, '10.0.0.4'));
      await client.get('/papers/add');
      for (let i = 0; i < PAPER_ADD_LIMITS.perIp.limit; i++) assert.equal((await client.post('/papers/add', { id: `2599.${String(10000 + i)}` })).status, 404);
      const limited = await client.post('/papers/add', { id: '2599.20000' });
      assert.equal(limited.status, 429);
      assert.ok(Number(limited.headers['retry-after']) > 0);

      // Slow answers (300 ms each, one request at a time): the fifth distinct paper finds four waiting.
      const posts = await Promise.all(Array.from({ length: PAPER_ADD_LIMITS.waiting + 1 }, async (_, i) => {
        const c = new FormClient(injectTransport(app, `10.0.1.${i}`));
        await c.get('/papers/add');
        return c.post('/papers/add', { id: `2508.${String(30000 + i)}` });
      }));
      assert.deepEqual(posts.map((p) => p.status).sort(), [404, 404, 404, 404, 503]);
      assert.equal(server.maxConcurrent, 1, 'one connection to arXiv at a time');
    });
  });
}

describe('adding papers turned off', () => {
  let fresh: FreshDb;
  let app: FastifyInstance;
  before(async () => {
    fresh = await backends()[0]!.create();
    app = await webAppWith(fresh, [], { PAPERBOY_ARXIV_LOOKUP: 'false', PAPERBOY_ARXIV_API_URL: 'http://127.0.0.1:9/api/query' });
  });
  after(async () => {
    await app.close();
    await fresh.drop();
  });

  it('offers nothing and refuses the form', async () => {
    const searched = await htmlPage(app, '/search?q=2506.01005');
    assert.ok(searched.querySelector('[data-reference="2506.01005"]'));
    assert.equal(searched.querySelector('a.add-paper-link'), null);
    const form = await app.inject('/papers/add?id=2506.01005');
    assert.equal(form.statusCode, 403);
    assert.match(form.body, /PAPERBOY_ARXIV_LOOKUP=false/);
    const post = await app.inject({ method: 'POST', url: '/papers/add', payload: 'id=2506.01005', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    assert.equal(post.statusCode, 403);
  });
});
