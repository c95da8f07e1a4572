import type { Db } from '../db/db.js';

/**
 * Moves the data version forward. Call it inside the transaction that changes what the site
 * shows, so the new version becomes visible exactly when the new data does.
 */
export async function bumpDataVersion(tx: Db): Promise<void> {
  await tx.run("UPDATE app_meta SET value = CAST(CAST(value AS BIGINT) + 1 AS TEXT) WHERE key = 'data_version'");
}

/**
 * One short string that changes whenever stored papers or the keyword index change: the data
 * version (bumped by every import batch that changed something) joined with the search index
 * generation (bumped by every index write). One indexed read of two one-row lookups.
 */
export async function readDataVersion(db: Db): Promise<string> {
  const r = await db.get<{ d: string | null; g: string | null }>(
    "SELECT (SELECT value FROM app_meta WHERE key = 'data_version') AS d, (SELECT value FROM search_meta WHERE key = 'generation') AS g");
  return `${r?.d ?? '0'}.${r?.g ?? '0'}`;
}
