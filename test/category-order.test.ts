import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { upsertRecords } from '../src/store/papers-write.js';
import { latestPapers } from '../src/store/papers-read.js';
import { papersByCategory } from '../src/store/paper-lists-read.js';
import { backends, beforeMigration } from './helpers/databases.js';
import { paperRecord } from './helpers/paper-records.js';
import type { Db } from '../src/db/db.js';

const day = (d: string): string => `${d}T12:00:00.000Z`;
// Dated, undated, and two papers published at the same moment (then the newer row comes first).
const RECORDS = [
  paperRecord('2501.00001', { versions: null, publishedAt: day('2025-01-05'), categories: ['cs.CL'] }),
  paperRecord('2501.00002', { versions: null, publishedAt: day('2025-03-01'), categories: ['cs.LG', 'cs.CL'] }),
  paperRecord('2501.00003', { versions: null, publishedAt: null, categories: ['cs.CL'] }),
  paperRecord('2501.00004', { versions: null, publishedAt: day('2025-02-01'), categories: ['cs.CL'] }),
  paperRecord('2501.00005', { versions: null, publishedAt: day('2025-02-01'), categories: ['cs.CL', 'stat.ML'] }),
  paperRecord('2501.00006', { versions: null, publishedAt: null, categories: ['cs.CL'] }),
  paperRecord('2501.00007', { versions: null, publishedAt: day('2024-12-24'), categories: ['stat.ML'] }),
];

/** A category's papers page by page (page size 2), as the category page and feed read them. */
async function categoryIds(db: Db, category: string): Promise<string[]> {
  const out: string[] = [];
  let total: number | null = null;
  for (let offset = 0; ; offset += 2) {
    const page = await papersByCategory(db, category, { limit: 2, offset });
    total ??= page.total;
    assert.equal(page.total, total, 'every page counts the same papers');
    if (!page.papers.length) {
      assert.equal(out.length, total);
      return out;
    }
    out.push(...page.papers.map((p) => p.paperId));
  }
}

/** The same papers in the listing's own order (NEWEST_FIRST over every paper), kept to the category. */
async function newestFirst(db: Db, category: string): Promise<string[]> {
  const all = await latestPapers(db, { limit: 100, offset: 0 });
  return all.filter((p) => p.categories.includes(category)).map((p) => p.paperId);
}

for (const backend of backends()) {
  describe(`category pages read newest first off the index (${backend.name})`, () => {
    it('orders by publication date, undated last, ties newest row first, across pages', async () => {
      const fresh = await backend.create();
      try {
        await upsertRecords(fresh.db, RECORDS);
        const ids = await categoryIds(fresh.db, 'cs.CL');
        assert.deepEqual(ids, ['2501.00002', '2501.00005', '2501.00004', '2501.00001', '2501.00006', '2501.00003']);
        assert.deepEqual(ids, await newestFirst(fresh.db, 'cs.CL'));
        assert.deepEqual(await categoryIds(fresh.db, 'stat.ML'), ['2501.00005', '2501.00007']);
        assert.deepEqual((await papersByCategory(fresh.db, 'cs.CL', { limit: 2, offset: 6 })), { papers: [], total: 6 });
      } finally {
        await fresh.drop();
      }
    });

    it('moves a paper when a source dates it differently', async () => {
      const fresh = await backend.create();
      try {
        await upsertRecords(fresh.db, RECORDS);
        // An earlier date from another source widens the paper's date; an undated paper gets one.
        await upsertRecords(fresh.db, [
          paperRecord('2501.00002', { versions: null, publishedAt: day('2024-11-30'), categories: ['cs.LG', 'cs.CL'], sourceName: 'hf-daily' }),
          paperRecord('2501.00003', { versions: null, publishedAt: day('2025-04-01'), categories: ['cs.CL'], sourceName: 'hf-daily' }),
        ]);
        const ids = await categoryIds(fresh.db, 'cs.CL');
        assert.deepEqual(ids, ['2501.00003', '2501.00005', '2501.00004', '2501.00001', '2501.00002', '2501.00006']);
        assert.deepEqual(ids, await newestFirst(fresh.db, 'cs.CL'));
      } finally {
        await fresh.drop();
      }
    });

    it('dates the category links of papers stored before, when upgrading (migration 10)', () => beforeMigration(backend, 10, async (db, upgrade) => {
      const add = async (id: string, published: string | null, categories: string[]): Promise<void> => {
        await db.run('INSERT INTO papers (paper_id, title, categories, published_at, first_seen_at, last_changed_at) VALUES (?, ?, ?, ?, ?, ?)',
          [id, id, JSON.stringify(categories), published, day('2025-01-01'), day('2025-01-01')]);
        for (const c of categories) await db.run('INSERT INTO paper_categories (paper_id, category) SELECT id, ? FROM papers WHERE paper_id = ?', [c, id]);
      };
      await add('old', day('2020-05-01'), ['hep-th']);
      await add('undated', null, ['hep-th']);
      await add('new', day('2024-05-01'), ['hep-th', 'gr-qc']);
      await upgrade();
      const links = await db.all<{ paper_id: string; category: string; published_at: string }>(
        'SELECT p.paper_id, c.category, c.published_at FROM paper_categories c JOIN papers p ON p.id = c.paper_id ORDER BY p.paper_id, c.category');
      assert.deepEqual(links.map((l) => [l.paper_id, l.category, l.published_at]), [
        ['new', 'gr-qc', day('2024-05-01')], ['new', 'hep-th', day('2024-05-01')], ['old', 'hep-th', day('2020-05-01')], ['undated', 'hep-th', ''],
      ]);
      assert.deepEqual((await papersByCategory(db, 'hep-th', { limit: 10, offset: 0 })).papers.map((p) => p.paperId), ['new', 'old', 'undated']);
    }));
  });
}
