import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { backends, type FreshDb } from './helpers/databases.js';
import { paperRecord } from './helpers/paper-records.js';
import { webAppWith } from './helpers/web-app.js';
import { htmlPage } from './helpers/html-doc.js';

const today = new Date().toISOString().slice(0, 10);
const ids = (doc: Awaited<ReturnType<typeof htmlPage>>): string[] => doc.querySelectorAll('.paper').map((c) => c.getAttribute('data-paper-id')!);

// "Trending in cs.CL": the week's trending papers of one arXiv category (any of a paper's
// categories), linked from the category's page; on both databases.
for (const backend of backends()) {
  describe(`trending in one category (${backend.name})`, () => {
    let fresh: FreshDb;
    let app: FastifyInstance;
    before(async () => {
      fresh = await backend.create();
      const listed = (id: string, categories: string[], upvotes: number) =>
        paperRecord(id, { sourceName: 'hf-daily', listing: { day: today }, upvotes, categories, primaryCategory: categories[0]! });
      app = await webAppWith(fresh, [
        listed('2512.00001', ['cs.CL'], 50),
        listed('2512.00002', ['cs.CV'], 90),
        listed('2512.00003', ['cs.CV', 'cs.CL'], 20),
        listed('2512.00004', ['cs.LG'], 70),
      ]);
    });
    after(async () => {
      await app.close();
      await fresh.drop();
    });

    it('keeps the papers of the category, cross-lists included, hottest first', async () => {
      const all = await htmlPage(app, '/trending');
      assert.deepEqual(ids(all), ['2512.00002', '2512.00004', '2512.00001', '2512.00003']);
      const cl = await htmlPage(app, '/trending?category=cs.CL');
      assert.deepEqual(ids(cl), ['2512.00001', '2512.00003']);
      assert.equal(cl.querySelector('h1')!.text, 'Trending in cs.CL');
      assert.match(cl.querySelector('.lede')!.text, /^2 papers in cs\.CL from the last 7 days, hottest first\.$/);
      assert.equal(cl.querySelector('input#trending-category')!.getAttribute('value'), 'cs.CL');
      assert.equal(cl.querySelector('.trending-filter a')!.getAttribute('href'), '/trending');
      assert.ok(cl.querySelectorAll('.list-exports a').every((a) => a.getAttribute('href')!.includes('ids=2512.00001,2512.00003')));
    });

    it('says so for a quiet category and refuses what is no category', async () => {
      const quiet = await htmlPage(app, '/trending?category=math.AG');
      assert.equal(ids(quiet).length, 0);
      assert.match(quiet.querySelector('.empty')!.text, /Nothing in math\.AG was listed or published in the last 7 days/);
      assert.equal(quiet.querySelector('.empty a')!.getAttribute('href'), '/categories/math.AG');
      const bad = await app.inject('/trending?category=%3Cb%3Ecs%3C/b%3E');
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /category: “&lt;b&gt;cs&lt;\/b&gt;” is not an arXiv category/);
    });

    it('is linked from the category page', async () => {
      const page = await htmlPage(app, '/categories/cs.CL');
      assert.ok(page.querySelectorAll('a').some((a) => a.getAttribute('href') === '/trending?category=cs.CL'));
    });
  });
}
