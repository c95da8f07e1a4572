import type { Db } from '../../db/db.js';
import { searchIndexStore as store } from '../../store/search-index-store.js';
import { parseQuery, type ParsedQuery } from '../keyword/query-parse.js';
import type { SegmentCache } from '../keyword/segment-cache.js';

/** The papers a query's filters allow, as a mask by paper row id; `count` of them is known exactly. */
export interface QueryFilter {
  mask: Uint8Array;
  count: number;
  /** The parsed filters, for checks the postings cannot make (full author names, excluded phrases). */
  parsed: ParsedQuery;
  needsVerify: boolean;
}

/** The filter part of a query (author:, category:, org:, has:code, year:/date:, -word, -"phrase"), parsed the keyword index's way. */
export function filterPart(query: string): ParsedQuery {
  // Any-word parsing keeps exactly the filter groups required; plain words only score.
  return parseQuery(query, 'any');
}

/**
 * Evaluates a query's filters on the keyword index's postings (the same terms, tombstones and
 * dates keyword search uses), so semantic and hybrid results obey category:, year: and author:
 * exactly. Returns null when the query has no filter.
 */
export async function queryFilter(db: Db, segments: SegmentCache, query: string): Promise<QueryFilter | null> {
  const q = filterPart(query);
  const negPhrases = q.phrases.filter((p) => p.negated);
  if (!q.required.length && !q.excluded.length && !q.days && !negPhrases.length) return null;
  const view = await segments.get();
  const mask = new Uint8Array(view.maxDoc + 1);
  const terms = [...new Set([...q.required.flatMap((g) => g.terms), ...q.excluded])];
  const lists = new Map<string, Uint32Array[]>();
  for (const row of await store.postings(db, view.segmentIds, terms)) {
    const n = row.postings.length / 5;
    const ids = new Uint32Array(n);
    new Uint8Array(ids.buffer).set(row.postings.subarray(0, n * 4));
    const tomb = view.tombs.get(Number(row.segment_id));
    const live = tomb ? ids.filter((d) => !binaryHas(tomb, d)) : ids;
    const l = lists.get(row.term) ?? [];
    l.push(live);
    lists.set(row.term, l);
  }
  if (q.required.length) {
    // Count the groups each paper satisfies; a paper passes when it satisfies all of them.
    const hits = new Uint16Array(view.maxDoc + 1);
    q.required.forEach((g, k) => {
      for (const t of g.terms) for (const l of lists.get(t) ?? []) for (const d of l) if (hits[d] === k) hits[d] = k + 1;
    });
    for (let d = 0; d <= view.maxDoc; d++) if (hits[d] === q.required.length) mask[d] = 1;
  } else {
    mask.fill(1);
    mask[0] = 0;
  }
  for (const t of q.excluded) for (const l of lists.get(t) ?? []) for (const d of l) mask[d] = 0;
  if (q.days) {
    const from = q.days.from ?? -Infinity, to = q.days.to ?? Infinity;
    for (let d = 0; d <= view.maxDoc; d++) if (mask[d] && (view.dayOf[d]! < from || view.dayOf[d]! > to)) mask[d] = 0;
  }
  let count = 0;
  for (let d = 0; d <= view.maxDoc; d++) count += mask[d]!;
  return { mask, count, parsed: { ...q, phrases: negPhrases }, needsVerify: negPhrases.length > 0 || q.authorNames.length > 0 };
}

function binaryHas(sorted: Uint32Array, x: number): boolean {
  let lo = 0, hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] === x) return true;
    if (sorted[mid]! < x) lo = mid + 1; else hi = mid - 1;
  }
  return false;
}

/** The query without its filters and exclusions: the text whose meaning semantic search ranks by. */
export function meaningText(query: string): string {
  return query
    .replace(/-?[A-Za-z]+:"[^"]*"?/g, ' ')
    .replace(/(^|\s)-?(author|au|category|cat|org|organization|has|year|date):\S*/gi, ' ')
    .replace(/(^|\s)-"[^"]*"?/g, ' ')
    .replace(/(^|\s)-\S+/g, ' ')
    .replace(/(^|\s)OR(?=\s|$)/g, ' ')
    .replace(/"/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
