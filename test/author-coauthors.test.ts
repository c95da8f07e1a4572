import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { backends, type FreshDb } from './helpers/databases.js';
import { paperRecord } from './helpers/paper-records.js';
import { webAppWith } from './helpers/web-app.js';
import { htmlPage } from './helpers/html-doc.js';
import { coAuthors } from '../src/search/author-papers.js';

describe('co-authors', () => {
  it('counts who shares at least two papers, most shared first, never the author', () => {
    const papers = [
      { authors: ['Ada Lovelace', 'Charles Babbage', 'Mary Somerville'] },
      { authors: ['ADA LOVELACE', 'Charles Babbage'] },
      { authors: ['Adá Lovelace', 'Charles Babbage', 'Mary Somerville', 'Mary Somerville'] },
      { authors: ['Ada Lovelace', 'Augustus De Morgan'] },
    ];
    assert.deepEqual(coAuthors(papers, 'Ada Lovelace', 8), [{ name: 'Charles Babbage', papers: 3 }, { name: 'Mary Somerville', papers: 2 }]);
    assert.deepEqual(coAuthors(papers, 'Ada Lovelace', 1), [{ name: 'Charles Babbage', papers: 3 }]);
  });
});

for (const backend of backends()) {
  describe(`co-authors on author pages (${backend.name})`, () => {
    let fresh: FreshDb;
    let app: FastifyInstance;
    before(async () => {
      fresh = await backend.create();
      app = await webAppWith(fresh, Array.from({ length: 32 }, (_, i) => paperRecord(`2503.${String(10000 + i)}`, {
        authors: i % 2 ? ['Grace Hopper', 'Howard Aiken'] : ['Grace Hopper', 'Jean Sammet', '<b>Evil</b>'],
        publishedAt: `2025-03-${String(1 + (i % 28)).padStart(2, '0')}T00:00:00.000Z`,
      })));
    });
    after(async () => {
      await app.close();
      await fresh.drop();
    });

    it('names them on the first page, over its papers, escaped', async () => {
      const doc = await htmlPage(app, '/authors/Grace%20Hopper');
      const line = doc.querySelector('.co-authors')!;
      assert.match(line.text, /^In these 30 papers, often with /);
      const links = line.querySelectorAll('a').map((a) => [a.text, a.getAttribute('href')]);
      assert.deepEqual(links.map(([t]) => t).sort(), ['<b>Evil</b>', 'Howard Aiken', 'Jean Sammet']);
      assert.ok(links.some(([t, h]) => t === 'Howard Aiken' && h === '/authors/Howard%20Aiken'));
      assert.equal(line.querySelectorAll('b').length, 0, 'names are text, never markup');
      const next = await htmlPage(app, '/authors/Grace%20Hopper?page=2');
      assert.equal(next.querySelector('.co-authors'), null);
    });
  });
}

// The author filter checks that the words of a name belong to one author: the postings only say
// that both words occur among a paper's authors. Checked without reading the abstracts (the cost
// of a common name) when the query has no phrase, and with them when it has one.
for (const backend of backends()) {
  describe(`author names are one author (${backend.name})`, () => {
    let fresh: FreshDb;
    let app: FastifyInstance;
    before(async () => {
      fresh = await backend.create();
      app = await webAppWith(fresh, [
        paperRecord('2503.20001', { authors: ['Wei Wang', 'Ann Lee'], abstract: 'Speech in noisy rooms.' }),
        paperRecord('2503.20002', { authors: ['Wei Li', 'Jun Wang'], abstract: 'Speech in noisy rooms.' }),
        paperRecord('2503.20003', { authors: ['WEI WANG'], abstract: 'Rooms that are noisy.' }),
      ]);
    });
    after(async () => {
      await app.close();
      await fresh.drop();
    });

    it('keeps papers where one author has the whole name', async () => {
      const ids = async (path: string): Promise<string[]> =>
        (await htmlPage(app, path)).querySelectorAll('.paper').map((c) => c.getAttribute('data-paper-id')!).sort();
      assert.deepEqual(await ids('/authors/Wei%20Wang'), ['2503.20001', '2503.20003']);
      assert.deepEqual(await ids(`/search?mode=keyword&q=${encodeURIComponent('"noisy rooms" author:"Wei Wang"')}`), ['2503.20001']);
    });
  });
}
