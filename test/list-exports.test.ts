import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { backends, type FreshDb } from './helpers/databases.js';
import { paperRecord } from './helpers/paper-records.js';
import { webAppWith } from './helpers/web-app.js';
import { htmlPage } from './helpers/html-doc.js';
import { LIST_EXPORT_MAX } from '../src/web/views/list-export-links.js';

const HOSTILE = 'Deep <b>nets</b> & {braces} 100% $x_1$';

/** The citation keys of a BibTeX file, in order. */
const keys = (bib: string): string[] => [...bib.matchAll(/^@\w+\{([^,]+),$/gm)].map((m) => m[1]!);

// A list of papers in one file: the papers of a search page, recommendations, similar papers or a
// day, for a reference manager (BibTeX) or notes (Markdown), on both databases.
for (const backend of backends()) {
  describe(`exports of a list of papers (${backend.name})`, () => {
    let fresh: FreshDb;
    let app: FastifyInstance;
    before(async () => {
      fresh = await backend.create();
      const same = { authors: ['Grace Hopper'], publishedAt: '2025-03-18T00:00:00.000Z' };
      app = await webAppWith(fresh, [
        paperRecord('2503.00001', { ...same, title: 'Compilers for everyone', listing: { day: '2025-03-18' } }),
        paperRecord('2503.00002', { ...same, title: 'Compilers for nobody', listing: { day: '2025-03-18' } }),
        paperRecord('2503.00003', { ...same, title: 'Compilers for somebody', listing: { day: '2025-03-18' } }),
        paperRecord('2503.00004', { title: HOSTILE, authors: ['Ada Lovelace'] }),
      ]);
    });
    after(async () => {
      await app.close();
      await fresh.drop();
    });

    it('puts the papers in one BibTeX file, in the order asked, with distinct keys', async () => {
      const res = await app.inject('/export.bib?ids=2503.00003,arXiv:2503.00001v2,2599.99999,2503.00002,2503.00004');
      assert.equal(res.statusCode, 200);
      assert.match(String(res.headers['content-type']), /^application\/x-bibtex/);
      assert.match(String(res.headers['content-disposition']), /filename="papers\.bib"/);
      assert.deepEqual(keys(res.body), ['hopper2025compilers', 'hopper2025compilersb', 'hopper2025compilersc', 'lovelace2025deep']);
      assert.deepEqual([...res.body.matchAll(/eprint += \{([^}]+)\}/g)].map((m) => m[1]), ['2503.00003', '2503.00001', '2503.00002', '2503.00004'], 'unknown ids left out');
      assert.ok(res.body.includes('Deep <b>nets</b> \\& \\{braces\\} 100\\% \\$x\\_1\\$'), 'LaTeX specials escaped as in the one-paper export');
    });

    it('puts the papers in one Markdown file', async () => {
      const res = await app.inject('/export.md?ids=2503.00002 2503.00001');
      assert.equal(res.statusCode, 200);
      assert.match(String(res.headers['content-type']), /^text\/markdown/);
      assert.deepEqual([...res.body.matchAll(/^# (.+)$/gm)].map((m) => m[1]), ['Compilers for nobody', 'Compilers for everyone']);
      assert.equal(res.body.split('\n---\n').length, 2);
    });

    it('answers a bad list with an error naming the parameter', async () => {
      const none = await app.inject('/export.bib');
      assert.equal(none.statusCode, 400);
      assert.match(none.body, /^ids: /);
      const many = await app.inject(`/export.bib?ids=${Array.from({ length: LIST_EXPORT_MAX + 1 }, (_, i) => `2503.${String(10000 + i)}`).join(',')}`);
      assert.equal(many.statusCode, 400);
      assert.match(many.body, new RegExp(`^ids: at most ${LIST_EXPORT_MAX} papers`));
      const unknown = await app.inject('/export.md?ids=2599.99999');
      assert.equal(unknown.statusCode, 404);
    });

    it('is linked under the lists of the site, with the papers shown', async () => {
      for (const path of ['/papers?date=2025-03-18', '/search?q=compilers&mode=keyword', '/recommend?positive=2503.00001', '/authors/Grace%20Hopper', '/categories/cs.CL']) {
        const doc = await htmlPage(app, path);
        const shown = doc.querySelectorAll('.paper').map((c) => c.getAttribute('data-paper-id')!);
        assert.ok(shown.length > 0, path);
        const links = doc.querySelectorAll('.list-exports a').map((a) => a.getAttribute('href'));
        assert.deepEqual(links, [`/export.bib?ids=${shown.join(',')}`, `/export.md?ids=${shown.join(',')}`], path);
        assert.equal((await app.inject(links[0]!)).statusCode, 200, path);
      }
      const paper = await htmlPage(app, '/papers/2503.00001');
      const similar = paper.querySelectorAll('section.similar li.similar-paper').map((li) => li.getAttribute('data-paper-id')!);
      assert.ok(similar.length > 0);
      const bib = paper.querySelectorAll('.similar-more a').find((a) => a.text === 'As BibTeX')!;
      assert.equal(bib.getAttribute('href'), `/export.bib?ids=${similar.join(',')}`);
      const empty = await htmlPage(app, '/search?q=zzzzqqq&mode=keyword');
      assert.equal(empty.querySelector('.list-exports'), null, 'nothing to export, no links');
    });
  });
}
