import { verify } from '../keyword/verify.js';
import type { RowHit } from '../vector/vector-index.js';
import type { QueryFilter } from './query-filter.js';
import type { Engine } from './semantic-engine.js';
import type { Loaded } from './semantic-state.js';
import { loadingReason } from './model-status.js';

/** From this many meaningful words on, a query is pasted text ("more like this"): any word may match. */
export const LONG_QUERY_TERMS = 12;

/**
 * The query's vector when meaning can rank it, else why not (the caller then answers by keyword and
 * says so): the vectors still loading after a restart, no model yet (being built, or too few papers), a failing embedding endpoint (warned once per run of failures), or no
 * word the model knows.
 */
export async function meaningVector(e: Engine, text: string): Promise<{ l: Loaded; q: Float32Array } | { degraded: string }> {
  const l = await e.state.within(e.loadWaitMs);
  if (l && 'loading' in l) return { degraded: loadingReason(l.loading) };
  if (!l || l.index.live === 0) return { degraded: await e.notReady() };
  const emb = await l.embedder.embed([text]);
  if (!emb.ok) {
    e.warn(`semantic search falls back to keyword search: ${emb.problem.source}: ${emb.problem.message}`);
    return { degraded: 'the embedding model is unavailable' };
  }
  e.ok();
  const q = emb.vectors[0]!;
  return q.some((x) => x !== 0) ? { l, q } : { degraded: 'no word of the query is known to the semantic model' };
}

/** The vector index's best `k` among the papers a filter allows: a narrow filter (a day, a week) is scanned exactly. */
export function filteredHits(l: Loaded, q: Float32Array, k: number, filter: QueryFilter | null): RowHit[] {
  if (!filter) return l.index.search(q, k);
  return filter.count < l.index.live / 4 ? l.index.exact(q, k, filter.mask) : l.index.search(q, k, filter.mask);
}

/** A ranking without the rows a filter's text checks reject (full author names, excluded phrases). */
export async function keepVerified(e: Engine, filter: QueryFilter | null, ranked: Array<[number, number]>): Promise<Array<[number, number]>> {
  if (!filter?.needsVerify) return ranked;
  const ok = await verify(e.db, filter.parsed, ranked.map((r) => r[0]));
  return ranked.filter((_, i) => ok[i]);
}

/** Sorts a ranking newest first in place (by the index's day of each paper), ties by score, then row id. */
export async function newestFirst(e: Engine, ranked: Array<[number, number]>): Promise<void> {
  const view = await e.segments.get();
  ranked.sort((a, b) => (view.dayOf[b[0]] ?? 0) - (view.dayOf[a[0]] ?? 0) || b[1] - a[1] || a[0] - b[0]);
}
