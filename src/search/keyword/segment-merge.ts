import type { Db } from '../../db/db.js';
import { searchIndexStore as store } from '../../store/search-index-store.js';

/** One term's postings from each segment that has it, in segment order. */
export interface TermGroup {
  term: string;
  parts: Array<{ segmentId: number; postings: Buffer }>;
}

/**
 * Walks several segments' postings together in term order (a k-way merge of per-segment range
 * scans), so merging never holds more than a page of each segment in memory.
 */
export async function* termsInOrder(db: Db, segmentIds: number[], pageSize = 2000): AsyncIterable<TermGroup> {
  const cursors = segmentIds.map((id) => ({ id, rows: [] as Array<{ term: string; postings: Buffer }>, at: 0, after: '', done: false }));
  const fill = async (c: (typeof cursors)[number]): Promise<void> => {
    if (c.done || c.at < c.rows.length) return;
    c.rows = await store.segmentTerms(db, c.id, c.after, pageSize);
    c.at = 0;
    if (c.rows.length) c.after = c.rows[c.rows.length - 1]!.term;
    else c.done = true;
  };
  for (;;) {
    for (const c of cursors) await fill(c);
    const live = cursors.filter((c) => !c.done);
    if (!live.length) return;
    let term = live[0]!.rows[live[0]!.at]!.term;
    for (const c of live) if (c.rows[c.at]!.term < term) term = c.rows[c.at]!.term;
    const parts: TermGroup['parts'] = [];
    for (const c of live) {
      const row = c.rows[c.at]!;
      if (row.term !== term) continue;
      parts.push({ segmentId: c.id, postings: row.postings });
      c.at++;
    }
    yield { term, parts };
  }
}
