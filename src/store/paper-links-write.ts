import type { Db } from '../db/db.js';
import { chunksFor, placeholders, valuesList } from '../db/db.js';
import type { PaperRow } from '../model/paper-row.js';

// Author names already stored, so a large import inserts each name once; filled only after commits succeed.
const knownAuthors = new WeakMap<Db, Set<string>>();
/** Bound on the remembered names: beyond it the set starts again (a miss only costs an ignored insert). */
const KNOWN_AUTHORS_MAX = 200_000;

function authorCache(db: Db): Set<string> {
  let m = knownAuthors.get(db);
  if (!m) knownAuthors.set(db, (m = new Set()));
  return m;
}

/** Stores author names not seen before (the table only counts distinct authors, so no ids are read back). */
async function recordAuthors(db: Db, names: string[], learned: Set<string>): Promise<void> {
  const known = authorCache(db);
  const unknown: string[] = [];
  for (const name of names) {
    if (known.has(name) || learned.has(name)) continue;
    learned.add(name);
    unknown.push(name);
  }
  for (const chunk of chunksFor(db, unknown, 1)) {
    await db.run(`INSERT INTO authors (name) VALUES ${valuesList(chunk.length, 1)} ON CONFLICT (name) DO NOTHING`, chunk);
  }
}

/**
 * Rewrites the category rows of changed papers (new categories, or a new publication date, which
 * the rows carry for the category pages' order) and records new author names. Which papers an
 * author wrote is answered by the keyword index (author terms), so no author-to-paper table is
 * kept: its random-order index was the slowest part of large imports.
 */
export async function replaceLinks(db: Db, changed: { id: number; row: PaperRow; fresh: boolean }[], learned: Set<string>): Promise<void> {
  if (!changed.length) return;
  // Papers created in this batch have no rows yet: only known papers need their old ones removed.
  const ids = changed.filter((c) => !c.fresh).map((c) => c.id);
  for (const chunk of chunksFor(db, ids, 1)) {
    await db.run(`DELETE FROM paper_categories WHERE paper_id IN (${placeholders(chunk.length)})`, chunk);
  }
  await recordAuthors(db, changed.flatMap((c) => c.row.authors), learned);
  const pc: unknown[][] = [];
  for (const { id, row } of changed) {
    const seen = new Set<string>();
    row.categories.forEach((cat, i) => {
      if (seen.has(cat)) return;
      seen.add(cat);
      // The date orders category pages by the (category, published_at, paper_id) index; '' when undated.
      pc.push([id, cat, cat === row.primaryCategory || (i === 0 && !row.primaryCategory) ? 1 : 0, row.publishedAt ?? '']);
    });
  }
  for (const chunk of chunksFor(db, pc, 4)) {
    await db.run(`INSERT INTO paper_categories (paper_id, category, is_primary, published_at) VALUES ${valuesList(chunk.length, 4)}`, chunk.flat());
  }
}

/**
 * Remembers the author names a committed batch stored, so later batches skip them; called only after
 * the commit, because a rolled-back batch's names were never stored.
 */
export function rememberAuthors(db: Db, learned: ReadonlySet<string>): void {
  const known = authorCache(db);
  if (known.size + learned.size > KNOWN_AUTHORS_MAX) known.clear();
  for (const name of learned) known.add(name);
}
