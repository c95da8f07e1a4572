import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import Fastify, { type FastifyInstance } from 'fastify';
import { backends, type FreshDb } from './helpers/databases.js';
import { paperRecord } from './helpers/paper-records.js';
import { TEST_BASE_URL, webAppWith, withSemantic } from './helpers/web-app.js';
import { registerSitemaps } from '../src/web/feeds/sitemap.js';
import { loadConfig } from '../src/config/config.js';
import { createLogger } from '../src/logging/logger.js';
import { KeywordIndex } from '../src/search/keyword/keyword-index.js';

const locs = (xml: string): string[] => [...xml.matchAll(/<loc>([^<]*)<\/loc>/g)].map((m) => m[1]!);

// Crawlers are told what to fetch: every paper page through sitemaps (one per range of row ids),
// and not the endless or computed pages (search, recommendations, exports, API, forms).
for (const backend of backends()) {
  describe(`robots.txt and sitemaps (${backend.name})`, () => {
    let fresh: FreshDb;
    let app: FastifyInstance;
    let small: FastifyInstance;
    let keyword: KeywordIndex;
    before(async () => {
      fresh = await backend.create();
      app = await webAppWith(fresh, [
        paperRecord('2503.00001'), paperRecord('hep-th/9901001'), paperRecord('2503.00003'), paperRecord('2503.00004'), paperRecord('2503.00005'),
      ]);
      // The same routes over the same papers, two row ids a file, to see the ranges.
      const config = loadConfig({ DATABASE_URL: fresh.url, PAPERBOY_LOG_LEVEL: 'silent', PAPERBOY_BASE_URL: TEST_BASE_URL });
      keyword = new KeywordIndex(fresh.db);
      small = Fastify();
      registerSitemaps(small, withSemantic({ config, db: fresh.db, keyword, logger: createLogger(config) }), 2);
    });
    after(async () => {
      await small.close();
      await keyword.close();
      await app.close();
      await fresh.drop();
    });

    it('tells crawlers what not to fetch and where the sitemap is', async () => {
      const res = await app.inject('/robots.txt');
      assert.equal(res.statusCode, 200);
      assert.match(String(res.headers['content-type']), /^text\/plain/);
      const lines = res.body.split('\n');
      assert.equal(lines[0], 'User-agent: *');
      for (const path of ['/search', '/recommend', '/export.', '/api/', '/papers/add', '/subscribe']) assert.ok(lines.includes(`Disallow: ${path}`), path);
      assert.ok(!lines.some((l) => l === 'Disallow: /papers' || l === 'Disallow: /'), 'paper pages stay open');
      assert.ok(lines.includes(`Sitemap: ${TEST_BASE_URL}/sitemap.xml`));
      assert.ok(lines.includes('Crawl-delay: 2'));
    });

    it('lists every paper page with its last change, and the site pages', async () => {
      const index = await app.inject('/sitemap.xml');
      assert.equal(index.statusCode, 200);
      assert.match(String(index.headers['content-type']), /^application\/xml/);
      assert.deepEqual(locs(index.body), [`${TEST_BASE_URL}/sitemaps/papers-1.xml`]);
      const file = await app.inject('/sitemaps/papers-1.xml');
      assert.equal(file.statusCode, 200);
      assert.deepEqual(locs(file.body), [
        ...['/', '/trending', '/categories', '/orgs'].map((p) => `${TEST_BASE_URL}${p}`),
        ...['2503.00001', 'hep-th/9901001', '2503.00003', '2503.00004', '2503.00005'].map((id) => `${TEST_BASE_URL}/papers/${id}`),
      ]);
      assert.equal([...file.body.matchAll(/<lastmod>\d{4}-\d\d-\d\d<\/lastmod>/g)].length, 5);
      assert.equal((await app.inject('/sitemaps/papers-2.xml')).statusCode, 404);
      assert.equal((await app.inject('/sitemaps/papers-0.xml')).statusCode, 404);
    });

    it('splits the papers into files by row-id range', async () => {
      assert.deepEqual(locs((await small.inject('/sitemap.xml')).body), [1, 2, 3].map((n) => `${TEST_BASE_URL}/sitemaps/papers-${n}.xml`));
      const paperLocs = async (n: number): Promise<string[]> => locs((await small.inject(`/sitemaps/papers-${n}.xml`)).body).filter((l) => l.includes('/papers/'));
      assert.deepEqual(await paperLocs(1), [`${TEST_BASE_URL}/papers/2503.00001`, `${TEST_BASE_URL}/papers/hep-th/9901001`]);
      assert.deepEqual(await paperLocs(2), [`${TEST_BASE_URL}/papers/2503.00003`, `${TEST_BASE_URL}/papers/2503.00004`]);
      assert.deepEqual(await paperLocs(3), [`${TEST_BASE_URL}/papers/2503.00005`]);
      assert.equal((await small.inject('/sitemaps/papers-4.xml')).statusCode, 404);
    });
  });
}
