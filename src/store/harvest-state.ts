import type { Db } from '../db/db.js';

/** Where a harvest stands: still going (or killed while going), finished, or stopped by a failure. */
export type HarvestStatus = 'running' | 'done' | 'failed';

/** One saved harvest: its progress (source-specific JSON) and status. */
export interface HarvestStateRow<S> {
  key: string;
  state: S;
  status: HarvestStatus;
  updatedAt: string;
}

/** The saved progress of the harvest with this key, or null when it never ran. */
export async function loadHarvestState<S>(db: Db, key: string): Promise<HarvestStateRow<S> | null> {
  const row = await db.get<{ key: string; state: string; status: string; updated_at: string }>(
    'SELECT key, state, status, updated_at FROM harvest_state WHERE key = ?', [key],
  );
  if (!row) return null;
  return { key: row.key, state: JSON.parse(row.state) as S, status: row.status as HarvestStatus, updatedAt: row.updated_at };
}

/**
 * Records progress after a page's records are committed, so a harvest that is killed resumes from
 * the last page it finished (re-fetching at most one page, which the idempotent upsert absorbs).
 */
export async function saveHarvestState<S>(db: Db, key: string, state: S, status: HarvestStatus): Promise<void> {
  await db.run(
    `INSERT INTO harvest_state (key, state, status, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (key) DO UPDATE SET state = excluded.state, status = excluded.status, updated_at = excluded.updated_at`,
    [key, JSON.stringify(state), status, new Date().toISOString()],
  );
}

/** Every saved harvest, newest first (for `stats` and the operator). */
export async function listHarvestStates(db: Db): Promise<HarvestStateRow<unknown>[]> {
  const rows = await db.all<{ key: string; state: string; status: string; updated_at: string }>(
    'SELECT key, state, status, updated_at FROM harvest_state ORDER BY updated_at DESC, key',
  );
  return rows.map((r) => ({ key: r.key, state: JSON.parse(r.state) as unknown, status: r.status as HarvestStatus, updatedAt: r.updated_at }));
}

/** When a harvest of this source (`hf-daily`, `arxiv-rss`, ...) last finished without failure (ISO), or null: how fresh its counts are. */
export async function lastHarvestDone(db: Db, source: string): Promise<string | null> {
  const row = await db.get<{ at: string | null }>(
    "SELECT MAX(updated_at) AS at FROM harvest_state WHERE (key = ? OR key LIKE ?) AND status = 'done'", [source, `${source}?%`],
  );
  return row?.at ?? null;
}
