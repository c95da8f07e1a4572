import { openDatabase } from '../src/db/connect.js';
import { categoryCounts, papersByCategory } from '../src/store/listings.js';
import { NEWEST_FIRST, ORG_JOIN, PAPER_SELECT } from '../src/store/listed-paper.js';

/** One category's first page read both ways, in milliseconds per read (mean of 20 after 3 warm-ups). */
export interface CategoryQueryRow {
  category: string;
  papers: number;
  indexMs: number;
  sortMs: number;
  samePage: boolean;
}

// The baseline: how category pages read before migration 10, sorting every paper of the category.
const SORTED = `SELECT ${PAPER_SELECT} FROM papers p ${ORG_JOIN}
  WHERE p.id IN (SELECT paper_id FROM paper_categories WHERE category = ?) ORDER BY ${NEWEST_FIRST} LIMIT 30`;
const SORTED_COUNT = 'SELECT COUNT(*) AS n FROM papers p WHERE p.id IN (SELECT paper_id FROM paper_categories WHERE category = ?)';

async function mean(f: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < 3; i++) await f();
  const t = performance.now();
  for (let i = 0; i < 20; i++) await f();
  return (performance.now() - t) / 20;
}

/**
 * The category page's read (`papersByCategory`, off the (category, published_at, paper_id) index)
 * next to the sort it replaced, on the benchmark database, for its largest categories and a small one:
 * the sort grows with the category, the index read does not.
 */
export async function categoryQueries(path: string): Promise<CategoryQueryRow[]> {
  const db = openDatabase(path);
  try {
    const counts = (await categoryCounts(db)).sort((a, b) => b.papers - a.papers);
    const picks = [...counts.slice(0, 3), counts[Math.floor(counts.length / 2)]!].filter(Boolean);
    const rows: CategoryQueryRow[] = [];
    for (const { category, papers } of picks) {
      const indexed = await papersByCategory(db, category, { limit: 30, offset: 0 });
      const sorted = await db.all<{ paper_id: string }>(SORTED, [category]);
      rows.push({
        category, papers,
        indexMs: await mean(() => papersByCategory(db, category, { limit: 30, offset: 0 })),
        sortMs: await mean(async () => { await db.get(SORTED_COUNT, [category]); await db.all(SORTED, [category]); }),
        samePage: indexed.papers.map((p) => p.paperId).join() === sorted.map((r) => r.paper_id).join(),
      });
    }
    return rows;
  } finally {
    await db.close();
  }
}
