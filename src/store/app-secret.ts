import { randomBytes } from 'node:crypto';
import type { Db } from '../db/db.js';

const KEY = 'link_secret';

/**
 * The key that signs subscriber links. PAPERBOY_SECRET wins; otherwise one random key is created
 * on first use and kept in app_meta, so every process sharing the database signs alike and links
 * survive restarts without any set-up.
 */
export async function linkSecret(db: Db, configured: string | undefined): Promise<string> {
  if (configured) return configured;
  const found = await db.get<{ value: string }>('SELECT value FROM app_meta WHERE key = ?', [KEY]);
  if (found) return found.value;
  const fresh = randomBytes(32).toString('base64url');
  // Two processes may race here: the insert that loses is ignored and both read the winner.
  await db.run('INSERT INTO app_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING', [KEY, fresh]);
  const row = await db.get<{ value: string }>('SELECT value FROM app_meta WHERE key = ?', [KEY]);
  return row!.value;
}
