import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { arxivCategories, arxivCategoryOrNull, isArxivCategory } from '../src/model/arxiv-category.js';
import { upsertRecords } from '../src/store/papers-write.js';
import { getPaper } from '../src/store/papers-read.js';
import { papersByCategory } from '../src/store/paper-lists-read.js';
import { backends, beforeMigration } from './helpers/databases.js';
import { paperRecord } from './helpers/paper-records.js';

// As the daily arXiv feed lists them: categories, MSC and ACM classes, joined lists, stray text.
const FEED_LIST = ['cs.AI', '68T27, 03B42', 'I.2.0; I.2.9; K.4.1', 'cs.CV, cs.MM', 'na', 'es: 68T10, 68T05', 'cs.AI'];

describe('arXiv category identifiers', () => {
  it('accepts identifiers of the taxonomy, old archives included', () => {
    for (const c of ['cs.CL', 'hep-th', 'cond-mat.stat-mech', 'physics.atom-ph', 'math.AP', 'q-bio.NC', 'cmp-lg', 'astro-ph.CO', 'eess.IV']) {
      assert.equal(isArxivCategory(c), true, c);
    }
  });

  it('refuses MSC and ACM classes and other text', () => {
    for (const c of ['68T50', 'I.2.7', 'I.2.7; I.2.6', '03B42, 03B48', 'na', 'cs.', '.AI', 'cs.AI.x', 'CS.AI', 'cs.C1', 'spatial computing', '']) {
      assert.equal(isArxivCategory(c), false, c);
    }
  });

  it('keeps the categories of a list in order, each once, splitting joined entries', () => {
    assert.deepEqual(arxivCategories(FEED_LIST), ['cs.AI', 'cs.CV', 'cs.MM']);
    assert.deepEqual(arxivCategories(['68T50']), []);
    assert.equal(arxivCategoryOrNull(' cs.LG '), 'cs.LG');
    assert.equal(arxivCategoryOrNull('I.2.7'), null);
    assert.equal(arxivCategoryOrNull(null), null);
  });
});

const V1 = '2025-03-17T17:59:00.000Z';

for (const backend of backends()) {
  describe(`categories in the database (${backend.name})`, () => {
    it('stores only arXiv categories from an import, with no category page for the rest', async () => {
      const fresh = await backend.create();
      try {
        await upsertRecords(fresh.db, [paperRecord('2507.13175', { categories: FEED_LIST, primaryCategory: 'I.2.0', sourceName: 'jsonl' })]);
        const p = (await getPaper(fresh.db, '2507.13175'))!;
        assert.deepEqual(p.categories, ['cs.AI', 'cs.CV', 'cs.MM']);
        assert.equal(p.primaryCategory, 'cs.AI');
        assert.equal((await papersByCategory(fresh.db, 'cs.MM', { limit: 10, offset: 0 })).total, 1);
        assert.equal((await papersByCategory(fresh.db, '68T27', { limit: 10, offset: 0 })).total, 0);
        assert.equal((await papersByCategory(fresh.db, '68T27, 03B42', { limit: 10, offset: 0 })).total, 0);
      } finally {
        await fresh.drop();
      }
    });

    it('drops, when upgrading, what earlier imports stored as categories (migration 9)', () => beforeMigration(backend, 9, async (db, upgrade) => {
      const add = async (id: string, categories: string[], primary: string | null): Promise<void> => {
        await db.run('INSERT INTO papers (paper_id, title, categories, primary_category, first_seen_at, last_changed_at) VALUES (?, ?, ?, ?, ?, ?)',
          [id, id, JSON.stringify(categories), primary, V1, V1]);
        for (const c of categories) {
          await db.run('INSERT INTO paper_categories (paper_id, category, is_primary) SELECT id, ?, ? FROM papers WHERE paper_id = ?', [c, c === primary ? 1 : 0, id]);
        }
      };
      await add('messy', ['cs.AI', '68T27, 03B42', 'I.2.0; I.2.9', 'cs.CL', 'na'], 'cs.AI');
      await add('bad-primary', ['I.2.7', 'cs.IR', 'cs.LG'], 'I.2.7');
      await add('clean', ['hep-th', 'cond-mat.stat-mech'], 'hep-th');
      await add('only-msc', ['68T50'], '68T50');
      const version = async (): Promise<number> => Number((await db.get<{ value: string }>("SELECT value FROM app_meta WHERE key = 'data_version'"))!.value);
      const before = await version();
      await upgrade();

      const rows = await db.all<{ paper_id: string; categories: string; primary_category: string | null }>('SELECT paper_id, categories, primary_category FROM papers ORDER BY paper_id');
      assert.deepEqual(rows.map((r) => [r.paper_id, JSON.parse(r.categories), r.primary_category]), [
        ['bad-primary', ['cs.IR', 'cs.LG'], 'cs.IR'],
        ['clean', ['hep-th', 'cond-mat.stat-mech'], 'hep-th'],
        ['messy', ['cs.AI', 'cs.CL'], 'cs.AI'],
        ['only-msc', [], null],
      ]);
      const links = await db.all<{ paper_id: string; category: string; is_primary: number }>(
        'SELECT p.paper_id, c.category, c.is_primary FROM paper_categories c JOIN papers p ON p.id = c.paper_id ORDER BY p.paper_id, c.category');
      assert.deepEqual(links.map((l) => [l.paper_id, l.category, Number(l.is_primary)]), [
        ['bad-primary', 'cs.IR', 1], ['bad-primary', 'cs.LG', 0],
        ['clean', 'cond-mat.stat-mech', 0], ['clean', 'hep-th', 1],
        ['messy', 'cs.AI', 1], ['messy', 'cs.CL', 0],
      ]);
      const queued = await db.all<{ paper_id: string }>('SELECT p.paper_id FROM search_pending q JOIN papers p ON p.id = q.paper_id ORDER BY p.paper_id');
      assert.deepEqual(queued.map((q) => q.paper_id), ['bad-primary', 'messy', 'only-msc']);
      assert.equal(await version(), before + 1);
      assert.deepEqual((await getPaper(db, 'messy'))!.categories, ['cs.AI', 'cs.CL']);
    }));
  });
}
