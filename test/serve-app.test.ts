import { describe, it, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/web/app.js';
import { loadConfig } from '../src/config/config.js';
import { createLogger } from '../src/logging/logger.js';
import { KeywordIndex } from '../src/search/keyword/keyword-index.js';
import { openDatabase } from '../src/db/connect.js';
import { upsertRecords } from '../src/store/papers-write.js';
import { backends, type FreshDb } from './helpers/databases.js';
import { paperRecord } from './helpers/paper-records.js';
import { withSemantic } from './helpers/web-app.js';

const HOSTILE_TITLE = '<script>alert("t")</script> Attention & "><img src=x onerror=alert(1)>';
const LATEX_ABSTRACT = 'We bound the error by $\\mathcal{O}(n^2)$ when x < y && y > z, see <b>Table 1</b>.';

async function appFor(fresh: FreshDb): Promise<FastifyInstance> {
  const config = loadConfig({ DATABASE_URL: fresh.url, PAPERBOY_LOG_LEVEL: 'silent' });
  return buildApp(withSemantic({ config, db: fresh.db, keyword: new KeywordIndex(fresh.db), logger: createLogger(config) }));
}

/** The text of every element matching a simple `<tag class="name">` selector. */
function texts(body: string, tag: string, cls: string): string[] {
  const re = new RegExp(`<${tag} class="${cls}"[^>]*>([\\s\\S]*?)</${tag}>`, 'g');
  return [...body.matchAll(re)].map((m) => m[1]!.replace(/<[^>]+>/g, '').trim());
}

for (const backend of backends()) {
  describe(`web app (${backend.name})`, () => {
    let fresh: FreshDb;
    let app: FastifyInstance;
    beforeEach(async () => {
      fresh = await backend.create();
      app = await appFor(fresh);
    });
    afterEach(async () => {
      await app.close();
      await fresh.drop();
    });

    it('answers /healthz with {"ok":true}', async () => {
      const res = await app.inject('/healthz');
      assert.equal(res.statusCode, 200);
      assert.match(res.headers['content-type'] as string, /^application\/json/);
      assert.deepEqual(res.json(), { ok: true });
    });

    it('explains how to add papers when the database is empty', async () => {
      const res = await app.inject('/');
      assert.equal(res.statusCode, 200);
      assert.match(res.headers['content-type'] as string, /^text\/html; charset=utf-8/);
      assert.match(res.body, /<code>npx paperboy import PATH\.\.\.<\/code>/);
      assert.match(res.body, /<code>npx paperboy harvest hf-daily --date YYYY-MM-DD<\/code>/);
      assert.match(res.body, /<code>npx paperboy harvest arxiv-rss --category cs\.CL<\/code>/);
    });

    it('lists the newest featured day with everything a card shows', async () => {
      await upsertRecords(fresh.db, [
        paperRecord('2501.00001', { sourceName: 'hf-daily', title: 'Older pick', upvotes: 40, listing: { day: '2025-03-17' } }),
        paperRecord('2501.00002', {
          sourceName: 'hf-daily', title: 'Top pick', upvotes: 12, listing: { day: '2025-03-18' },
          authors: ['Ada Lovelace', 'Alan Turing', 'Grace Hopper', 'Edsger Dijkstra', 'Barbara Liskov'],
          organization: { name: 'acme', fullname: 'Acme Labs' }, categories: ['cs.LG', 'cs.CL'], primaryCategory: 'cs.LG',
          githubRepo: 'https://github.com/acme/top',
        }),
        paperRecord('2501.00003', { sourceName: 'hf-daily', title: 'Second pick', upvotes: 3, listing: { day: '2025-03-18' } }),
      ]);
      const res = await app.inject('/');
      assert.equal(res.statusCode, 200);
      assert.match(res.body, /<h1>Tuesday, March 18, 2025<\/h1>/);
      const titles = [...res.body.matchAll(/<h2><a href="([^"]+)">([^<]+)<\/a><\/h2>/g)].map((m) => [m[2], m[1]]);
      assert.deepEqual(titles, [['Top pick', '/papers/2501.00002'], ['Second pick', '/papers/2501.00003']]);
      assert.match(res.body, /<a rel="prev" href="\/papers\?date=2025-03-17">/);
      assert.deepEqual(texts(res.body, 'span', 'authors')[0], 'Ada Lovelace, Alan Turing, Grace Hopper +2');
      assert.deepEqual(texts(res.body, 'a', 'organization'), ['Acme Labs']);
      assert.match(res.body, /<p class="votes">12<small>upvotes<\/small><\/p>/);
      assert.match(res.body, /<a class="chip category" href="\/categories\/cs\.LG" title="Machine Learning">cs\.LG<\/a>/);
      assert.match(res.body, /<a href="https:\/\/arxiv\.org\/pdf\/2501\.00002">PDF<\/a>/);
      assert.match(res.body, /<a class="code" href="https:\/\/github\.com\/acme\/top">Code<\/a>/);
      assert.match(res.body, /<time datetime="2025-03-18">Mar 18, 2025<\/time>/);
      assert.deepEqual(texts(res.body, 'p', 'abstract')[0], 'We study 2501.00002 and report results.');
    });

    it('falls back to the newest papers by date when nothing is featured', async () => {
      await upsertRecords(fresh.db, [
        paperRecord('2501.00001', { title: 'January paper', versions: [{ version: 1, date: '2025-01-10T00:00:00.000Z' }] }),
        paperRecord('2502.00001', { title: 'February paper', versions: [{ version: 1, date: '2025-02-10T00:00:00.000Z' }] }),
      ]);
      const res = await app.inject('/');
      assert.match(res.body, /<h1>Latest papers<\/h1>/);
      const titles = [...res.body.matchAll(/<h2><a [^>]+>([^<]+)<\/a><\/h2>/g)].map((m) => m[1]);
      assert.deepEqual(titles, ['February paper', 'January paper']);
    });

    it('renders hostile titles, abstracts, authors and links as text', async () => {
      await upsertRecords(fresh.db, [paperRecord('2501.00666', {
        title: HOSTILE_TITLE, abstract: LATEX_ABSTRACT, authors: ['<b>Eve</b>', 'Mallory "><script>x()</script>'],
        absUrl: 'javascript:alert(1)', pdfUrl: 'data:text/html,<script>alert(1)</script>', organization: { name: '<i>org</i>' },
      })]);
      const res = await app.inject('/');
      assert.equal(res.statusCode, 200);
      assert.doesNotMatch(res.body, /<script(?! src="\/assets\/theme\.[0-9a-f]+\.js"><\/script>)/i);
      assert.doesNotMatch(res.body, /<img/i);
      assert.doesNotMatch(res.body, /<b>|<i>/);
      assert.doesNotMatch(res.body, /javascript:|data:text/);
      assert.match(res.body, /&lt;script&gt;alert\(&quot;t&quot;\)&lt;\/script&gt; Attention &amp; &quot;&gt;&lt;img src=x onerror=alert\(1\)&gt;/);
      // The formula is typeset (its TeX kept as the MathML annotation); the text around it stays escaped.
      assert.match(res.body, /<annotation encoding="application\/x-tex">\\mathcal\{O\}\(n\^2\)<\/annotation><\/semantics><\/math><\/span> when x &lt; y &amp;&amp; y &gt; z, see &lt;b&gt;Table 1&lt;\/b&gt;\./);
      assert.match(res.body, /<h2><a href="\/papers\/2501\.00666">/);
      assert.doesNotMatch(res.body, /href="#"/, 'unsafe arXiv and PDF URLs are left out');
    });

    it('sends security headers on pages, JSON, assets and errors', async () => {
      const style = (await app.inject('/')).body.match(/href="(\/assets\/style\.[0-9a-f]+\.css)"/)![1]!;
      for (const url of ['/', '/healthz', style, '/no/such/page']) {
        const res = await app.inject(url);
        const csp = res.headers['content-security-policy'] as string;
        assert.match(csp, /frame-ancestors 'none'/, url);
        assert.match(csp, /script-src 'self'/, url);
        assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/, url);
        assert.equal(res.headers['x-content-type-options'], 'nosniff', url);
        assert.equal(res.headers['referrer-policy'], 'strict-origin-when-cross-origin', url);
        assert.equal(res.headers['x-frame-options'], 'DENY', url);
      }
    });

    it('serves the stylesheet and a 404 page', async () => {
      const style = (await app.inject('/')).body.match(/href="(\/assets\/style\.[0-9a-f]+\.css)"/)![1]!;
      const css = await app.inject(style);
      assert.equal(css.statusCode, 200);
      assert.match(css.headers['content-type'] as string, /^text\/css/);
      assert.match(css.body, /prefers-color-scheme: dark/);
      const missing = await app.inject('/no/such/page');
      assert.equal(missing.statusCode, 404);
      assert.match(missing.body, /<h1>Not found<\/h1>/);
    });

    it('turns a database failure into a 500 page and an unhealthy /healthz', async () => {
      const broken = openDatabase(fresh.url);
      await broken.close();
      const config = loadConfig({ DATABASE_URL: fresh.url, PAPERBOY_LOG_LEVEL: 'silent' });
      const failing = await buildApp(withSemantic({ config, db: broken, keyword: new KeywordIndex(broken), logger: createLogger(config) }));
      try {
        const page = await failing.inject('/');
        assert.equal(page.statusCode, 500);
        assert.match(page.body, /Something went wrong/);
        assert.doesNotMatch(page.body, /SqliteError|connection|pool|stack/i);
        const health = await failing.inject('/healthz');
        assert.equal(health.statusCode, 503);
        assert.deepEqual(health.json(), { ok: false });
      } finally {
        await failing.close();
      }
    });
  });
}
